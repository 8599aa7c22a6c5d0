"""Forms of the adoption admin: one record, a samenwerkingsverband's status for its members,
a bulk-import upload, and VNG's decision on a name that sources write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from website.collation import dutch

from ..adoption.import_files import MAX_FILE_BYTES
from ..adoption.updates import AdoptionUpdate
from ..constants import MAX_URL_CHARACTERS, AdoptionStatus, EvidenceLevel
from ..models import (
    Adoption,
    BarrierCategory,
    Indicator,
    InitiativePage,
    Municipality,
    Partnership,
)


class AdoptionForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=AdoptionStatus.choices)
    effective_date = forms.DateField(
        label=_("Status geldt sinds"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("De datum waarop deze status inging; niet in de toekomst."),
    )
    evidence_level = forms.ChoiceField(
        label=_("Bewijsniveau"), choices=[("", "—"), *EvidenceLevel.choices], required=False
    )
    evidence_url = forms.URLField(
        label=_("Bewijs (link)"),
        required=False,
        max_length=MAX_URL_CHARACTERS,
        assume_scheme="https",
    )
    public_explanation = forms.CharField(
        label=_("Openbare toelichting"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Zichtbaar voor iedereen: de ‘leg uit’."),
    )
    barrier_category = forms.ModelChoiceField(
        label=_("Belemmering"), queryset=BarrierCategory.objects.all(), required=False
    )
    internal_note = forms.CharField(
        label=_("Interne notitie"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Nooit openbaar."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    @classmethod
    def for_adoption(cls, adoption: Adoption | None, data=None):
        initial = {}
        if adoption:
            initial = {
                "status": adoption.status,
                "effective_date": adoption.status_since,
                "evidence_level": adoption.evidence_level,
                "evidence_url": adoption.evidence_url,
                "public_explanation": adoption.public_explanation,
                "barrier_category": adoption.barrier_category_id,
                "internal_note": adoption.internal_note,
                "version": adoption.version,
            }
        return cls(data, initial=initial)

    def to_update(self, municipality, initiative) -> AdoptionUpdate:
        data = self.cleaned_data
        return AdoptionUpdate(
            municipality=municipality,
            initiative=initiative,
            status=data["status"],
            effective_date=data["effective_date"],
            evidence_level=data["evidence_level"],
            evidence_url=data["evidence_url"],
            public_explanation=data["public_explanation"],
            barrier_category_id=data["barrier_category"].pk if data["barrier_category"] else None,
            internal_note=data["internal_note"],
            # A form opened on an unknown record expects none to exist yet: version 0.
            expected_version=data["version"] or 0,
        )


class PartnershipReportForm(forms.Form):
    """One status that a samenwerkingsverband reports for all its members at once."""

    initiative = forms.ModelChoiceField(label=_("Initiatief"), queryset=InitiativePage.objects)
    status = AdoptionForm.base_fields["status"]
    effective_date = AdoptionForm.base_fields["effective_date"]
    evidence_level = AdoptionForm.base_fields["evidence_level"]
    evidence_url = AdoptionForm.base_fields["evidence_url"]
    public_explanation = AdoptionForm.base_fields["public_explanation"]

    def __init__(self, partnership: Partnership, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = partnership.initiatives.live().order_by(dutch("title"))


class RecordsExportParameters(forms.Form):
    """`?format=` of the records export: CSV (default) or XLSX, both re-importable."""

    format = forms.ChoiceField(
        required=False,
        choices=[("csv", "csv"), ("xlsx", "xlsx")],
        error_messages={"invalid_choice": _("Onbekend formaat ‘%(value)s’; kies csv of xlsx.")},
    )

    def clean_format(self):
        return self.cleaned_data["format"] or "csv"


class IndicatorValueForm(forms.Form):
    """One value of one indicator in one period; the service checks period and value."""

    indicator = forms.ModelChoiceField(
        label=_("Indicator"),
        queryset=Indicator.objects.order_by(dutch("name")),
        error_messages={"invalid_choice": _("Kies een indicator uit de lijst.")},
    )
    periode = forms.CharField(
        label=_("Periode"), max_length=7, help_text=_("Een jaar (2025) of kwartaal (2025-K3).")
    )
    waarde = forms.CharField(
        label=_("Waarde"), max_length=30, help_text=_("In de eenheid van de indicator, zoals 12,5.")
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand (CSV of XLSX)"),
        help_text=_(
            "Verplichte kolommen: gemeentecode (of TOOI-identificatie) of gemeentenaam, "
            "initiatief, status, datum. Komma of puntkomma; UTF-8 of Windows-1252."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("Het bestand is groter dan %(limit)s MB. Splits het bestand op.")
                % {"limit": MAX_FILE_BYTES // 2**20}
            )
        return upload


class IndicatorImportForm(ImportForm):
    """A file of indicator values; the button pressed says whether to apply it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "Verplichte kolommen: gemeentecode (of tooi) of gemeentenaam, indicator, periode, "
            "waarde. Komma of puntkomma; UTF-8 of Windows-1252."
        )


class NameDecisionForm(forms.Form):
    """What a name written in a source means: a municipality by its code, or none."""

    written_name = forms.CharField(label=_("Naam zoals de bron die schrijft"), max_length=300)
    code = forms.CharField(
        label=_("Betekent gemeente (code)"),
        required=False,
        max_length=6,
        help_text=_("Bijvoorbeeld GM0599. Leeg: deze naam is geen gemeente."),
    )

    def clean_code(self):
        code = self.cleaned_data["code"].strip().upper()
        if not code:
            self.cleaned_data["municipality"] = None
            return ""
        municipality = Municipality.objects.filter(code=code).first()
        if municipality is None:
            raise forms.ValidationError(
                _("%(code)s is geen gemeentecode uit het register.") % {"code": code}
            )
        self.cleaned_data["municipality"] = municipality
        return code
