"""The Wagtail admin area "Adoptie": thin views over `adoption` and `reporting`."""
