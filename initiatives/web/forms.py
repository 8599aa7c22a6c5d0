"""Forms of the public pages: report parameters, checked before any number is computed,
and the home page's municipality picker."""

from django import forms
from django.utils.translation import gettext_lazy as _

from website.collation import dutch
from website.table_report import ExportParameters

from ..constants import Kind, SizeClass
from ..models import MAX_MESSAGE_CHARACTERS, Domain, InitiativePage, Municipality
from ..rules import check_peildatum


def day_field(label, invalid_message) -> forms.DateField:
    """An optional day in the address (?name=JJJJ-MM-DD), picked with the browser's calendar."""
    return forms.DateField(
        label=label,
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": invalid_message},
    )


class ReportParameters(ExportParameters):
    """A report that answers "as of" a day: `?peildatum=`, today when absent."""

    peildatum = day_field(_("Peildatum"), _("De peildatum moet een datum zijn als JJJJ-MM-DD."))

    def clean_peildatum(self):
        return check_peildatum(self.cleaned_data["peildatum"])


class ScorecardParameters(ReportParameters):
    """The scorecard's parameters: a day, and which page of its lines."""

    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


def province_choices():
    """Every province a municipality ever belonged to, for reports on past days."""
    provinces = Municipality.objects.provinces()
    return [("", _("Alle provincies")), *((name, name) for name in provinces)]


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
    initiative_page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


class MunicipalityChoiceForm(forms.Form):
    """Answers "how is my municipality doing?": pick a current municipality, see its scorecard."""

    gemeente = forms.ModelChoiceField(
        label=_("Hoe doet mijn gemeente het?"),
        queryset=Municipality.objects.none(),
        to_field_name="code",
        empty_label=_("Kies een gemeente"),
        error_messages={
            "required": _("Kies een gemeente uit de lijst."),
            "invalid_choice": _("Kies een gemeente uit de lijst; %(value)s bestaat niet."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Today's municipalities, read per request: a worker outlives a merger.
        self.fields["gemeente"].queryset = Municipality.objects.current().order_by(dutch("name"))


class MapChoiceForm(forms.Form):
    """The home page's map: which initiative it shows (`?kaart=<slug>`)."""

    kaart = forms.ModelChoiceField(
        label=_("Kaart van"),
        required=False,
        queryset=InitiativePage.objects.none(),
        to_field_name="slug",
        empty_label=None,
        error_messages={"invalid_choice": _("Dit initiatief bestaat niet of is niet openbaar.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read per request: which pages are published changes without a restart.
        published = InitiativePage.objects.published().defer_streamfields().order_by(dutch("title"))
        self.fields["kaart"].queryset = published


class CorrectionForm(forms.Form):
    """A visitor's "Klopt dit niet?"; `website` is a trap for robots, hidden from people."""

    message = forms.CharField(
        label=_("Wat klopt er niet?"),
        max_length=MAX_MESSAGE_CHARACTERS,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Schrijf wat er niet klopt."),
            "max_length": _("Schrijf hoogstens %(limit_value)d tekens (nu %(show_value)d)."),
        },
    )
    source_url = forms.URLField(
        label=_("Link naar een bron (niet verplicht)"),
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": _("Vul een volledige link in, zoals https://www.gemeente.nl/…")},
    )
    email = forms.EmailField(
        label=_("Uw e-mailadres (niet verplicht)"),
        required=False,
        help_text=_("Alleen om u te laten weten wat er met uw melding is gedaan."),
        error_messages={"invalid": _("Vul een geldig e-mailadres in.")},
    )
    website = forms.CharField(label=_("Laat dit veld leeg"), required=False)

    def is_robot(self) -> bool:
        """The hidden field was filled in: a person does not see it."""
        return bool(self.data.get("website"))
