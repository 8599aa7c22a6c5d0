"""Query parameters of the reports, checked before any number is computed."""

from django import forms
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .constants import Kind, SizeClass
from .models import Domain

EXPORT_FORMATS = ["html", "csv", "xlsx", "json"]


class ReportParameters(forms.Form):
    peildatum = forms.DateField(
        label=_("Peildatum"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("De peildatum moet een datum zijn als JJJJ-MM-DD.")},
    )
    format = forms.ChoiceField(
        required=False,
        choices=[(value, value) for value in EXPORT_FORMATS],
        error_messages={
            "invalid_choice": _("Onbekend formaat ‘%(value)s’; kies html, csv, xlsx of json.")
        },
    )

    def clean_peildatum(self):
        day = self.cleaned_data["peildatum"]
        if day and day > timezone.localdate():
            raise forms.ValidationError(
                _("De peildatum %(date)s ligt in de toekomst.") % {"date": date_format(day)}
            )
        return day

    def clean_format(self):
        return self.cleaned_data["format"] or "html"


def province_choices():
    from .models import Municipality

    names = Municipality.objects.order_by("province").values_list("province", flat=True)
    return [("", _("Alle provincies")), *((name, name) for name in names.distinct())]


class MatrixParameters(ReportParameters):
    province = forms.ChoiceField(label=_("Provincie"), required=False, choices=province_choices)
    size = forms.ChoiceField(
        label=_("Grootteklasse"),
        required=False,
        choices=[("", _("Alle grootteklassen")), *SizeClass.choices],
    )
    domain = forms.ModelChoiceField(
        label=_("Domein"),
        required=False,
        queryset=Domain.objects.all(),
        to_field_name="slug",
        empty_label=_("Alle domeinen"),
    )
    kind = forms.ChoiceField(
        label=_("Soort"), required=False, choices=[("", _("Alle soorten")), *Kind.choices]
    )
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


def read_parameters(request, form_class=ReportParameters):
    """(validated form, None), or (form, a 400 page that says in Dutch what is wrong)."""
    form = form_class(request.GET)
    if form.is_valid():
        return form, None
    response = render(
        request, "reports/bad_request.html", {"errors": form.errors.values()}, status=400
    )
    return form, response
