"""Search parameters, cleaned so that no input can cause an error."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .contract import FACET_LABELS, SORTS

MAX_QUERY_LENGTH = 200


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Zoekterm"), required=False)
    sort = forms.ChoiceField(
        label=_("Sorteren"),
        required=False,
        choices=[
            ("relevance", _("Relevantie")),
            ("newest", _("Nieuwste eerst")),
            ("title", _("Titel")),
        ],
    )

    def __init__(self, data, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.raw = data

    def clean_q(self):
        # Longer queries are cut, not refused; NUL and control characters are dropped.
        text = "".join(ch for ch in self.cleaned_data["q"] if ch.isprintable())
        return text[:MAX_QUERY_LENGTH].strip()

    def clean_sort(self):
        sort = self.cleaned_data["sort"]
        return sort if sort in SORTS else "relevance"

    def filters(self) -> dict[str, list[str]]:
        """Selected values per known facet; unknown facet names are ignored."""
        return {
            facet: [value[:100] for value in self.raw.getlist(facet) if value][:20]
            for facet in FACET_LABELS
            if self.raw.getlist(facet)
        }

    def page(self) -> int:
        value = self.raw.get("page", "1")
        return int(value) if value.isdigit() and len(value) < 7 else 1
