"""Forms of the public pages: report parameters, checked before any number is computed,
and the home page's municipality picker."""

import datetime

from django import forms
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from website.collation import dutch, sorted_by_text
from website.table_report import ExportParameters

from ..adoption.names import MunicipalityMatcher, other_names
from ..constants import MAX_URL_CHARACTERS
from ..models import MAX_MESSAGE_CHARACTERS, InitiativePage, Municipality
from ..reporting.filters import DOMAIN, KIND, PROVINCE, SIZE
from ..rules import check_peildatum
from .filters import choice_field


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
    """A report that answers "as of" a day: `?peildatum=`, today when absent. The day is
    resolved here, once: every report receives a date."""

    peildatum = day_field(_("Peildatum"), _("De peildatum moet een datum zijn als JJJJ-MM-DD."))

    def clean_peildatum(self) -> datetime.date:
        return check_peildatum(self.cleaned_data["peildatum"]) or timezone.localdate()


class OverTimeParameters(ReportParameters):
    """The over-time page's parameters: a day, and the province and size class whose
    municipalities it follows (all when empty)."""

    province = choice_field(PROVINCE)
    size = choice_field(SIZE)


class ScorecardParameters(ReportParameters):
    """The scorecard's parameters: a day, and which page of its lines."""

    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


class MatrixParameters(ReportParameters):
    """The matrix's parameters: a day, the declared filters of both lists, and the pages."""

    province = choice_field(PROVINCE)
    size = choice_field(SIZE)
    domain = choice_field(DOMAIN)
    kind = choice_field(KIND)
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    initiative_page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


class MunicipalityChoiceForm(forms.Form):
    """Answers "how is my municipality doing?": type a current municipality's name (or a name
    people use for it, or its code) and see its scorecard. The browser suggests the names
    from a list as one types, without JavaScript; the server reads what was typed."""

    gemeente = forms.CharField(
        label=_("Hoe doet mijn gemeente het?"),
        max_length=100,
        help_text=_("Typ de naam, bijvoorbeeld Den Haag of Súdwest-Fryslân, of de CBS-code."),
        error_messages={"required": _("Typ de naam van een gemeente.")},
    )

    def clean_gemeente(self) -> Municipality:
        """Today's municipality the text names; an error that says why otherwise."""
        text = self.cleaned_data["gemeente"]
        match = MunicipalityMatcher().match(text)
        found = match.municipality
        if found is not None and match.named is None and found.exists_on(timezone.localdate()):
            return found
        if match.candidates:
            raise forms.ValidationError(
                _("‘%(text)s’ kan meer dan één gemeente zijn: %(names)s. Kies er één."),
                params={"text": text, "names": ", ".join(m.name for m in match.candidates)},
            )
        raise forms.ValidationError(
            _("‘%(text)s’ is geen gemeente van vandaag. Kies een gemeente uit de lijst."),
            params={"text": text},
        )

    @staticmethod
    def suggestions() -> list[str]:
        """The names the browser suggests: today's municipalities and the other names people
        use for them ("Den Haag"), in dictionary order."""
        municipalities = Municipality.objects.current()
        names = list(municipalities.values_list("name", flat=True))
        codes = set(municipalities.values_list("code", flat=True))
        names += [
            name for code, others in other_names().items() if code in codes for name in others
        ]
        return sorted_by_text(set(names))


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
        max_length=MAX_URL_CHARACTERS,
        assume_scheme="https",
        # Only web addresses: the editors open it from the admin.
        validators=[URLValidator(schemes=["http", "https"])],
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
