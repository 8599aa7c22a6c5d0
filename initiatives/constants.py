"""Vocabularies of the adoption register (code value → Dutch label), as DESIGN.md fixes them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AdoptionStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Niet gestart")
    EXPLORING = "exploring", _("Oriënterend")
    PLANNED = "planned", _("Gepland")
    PILOTING = "piloting", _("In pilot")
    IMPLEMENTING = "implementing", _("In implementatie")
    IMPLEMENTED = "implemented", _("Geïmplementeerd")
    STOPPED = "stopped", _("Gestopt")
    NOT_APPLICABLE = "not_applicable", _("Niet van toepassing")


# The limits of what people write, from which models, forms, the API schema, the import and
# the service take theirs: a link (evidence, a source), and an explanation or a note.
MAX_URL_CHARACTERS = 500
MAX_TEXT_CHARACTERS = 10_000

# A municipality without an Adoption row has this status; it is never stored.
UNKNOWN = "unknown"
UNKNOWN_LABEL = _("Onbekend")


def status_label(status: str):
    """The Dutch label of a status code, unknown included."""
    return UNKNOWN_LABEL if status == UNKNOWN else AdoptionStatus(status).label


class EvidenceLevel(models.TextChoices):
    """Who claims a status, and how: from a maintainer's claim up to a measurement."""

    SELF_REPORTED = "self_reported", _("Eigen opgave")
    CONFIRMED = "confirmed", _("Bevestigd")
    MEASURED = "measured", _("Gemeten")
    # The municipality published it where it controls the text (OpenCatalogi file).
    PUBLISHED = "published", _("Gepubliceerd door de gemeente")
    # A product's maintainer lists the municipality as user (publiccode.yml usedBy): the
    # weakest claim, free text that is never removed.
    MAINTAINER_CLAIM = "maintainer_claim", _("Claim van de beheerder")


# How strong each kind of harvested claim is: the strongest stands in for an unknown status
# and is named first wherever claims are shown.
CLAIM_STRENGTH = {
    EvidenceLevel.MAINTAINER_CLAIM: 0,
    EvidenceLevel.PUBLISHED: 1,
    EvidenceLevel.MEASURED: 2,
}


class Phase(models.TextChoices):
    IDEA = "idea", _("Idee")
    PILOT = "pilot", _("Pilot")
    SCALING = "scaling", _("Opschaling")
    AVAILABLE = "available", _("Landelijk beschikbaar")
    RETIRED = "retired", _("Uitgefaseerd")


class Kind(models.TextChoices):
    STANDARD = "standard", _("Standaard")
    FACILITY = "facility", _("Voorziening")
    PROCUREMENT = "procurement", _("Inkoop")
    METHOD = "method", _("Werkwijze")
    PROGRAMME = "programme", _("Programma")
    ARCHITECTURE = "architecture", _("Architectuur")


class MandatoryBasis(models.TextChoices):
    NONE = "none", _("Geen")
    VNG_AGREEMENT = "vng_agreement", _("VNG-afspraak")
    COMPLY_OR_EXPLAIN = "comply_or_explain", _("Pas toe of leg uit")
    LAW = "law", _("Wet")


class SizeClass(models.TextChoices):
    G4 = "g4", _("G4")
    FROM_100K = "100k_plus", _("100.000+")
    FROM_50K = "50k_100k", _("50.000–100.000")
    FROM_20K = "20k_50k", _("20.000–50.000")
    BELOW_20K = "below_20k", _("Minder dan 20.000")


# Amsterdam, Rotterdam, Den Haag, Utrecht.
G4_CODES = frozenset({"GM0363", "GM0599", "GM0518", "GM0344"})

# Lower population bound of each class below G4, largest first; the rest is BELOW_20K.
SIZE_CLASS_THRESHOLDS = (
    (100_000, SizeClass.FROM_100K),
    (50_000, SizeClass.FROM_50K),
    (20_000, SizeClass.FROM_20K),
)


class ChangeSource(models.TextChoices):
    FORM = "form", _("Formulier")
    IMPORT = "import", _("Import")
    API = "api", _("API")
    MERGER = "merger", _("Herindeling")
    DEMO = "demo", _("Demodata")
    HARVEST = "harvest", _("Geoogst uit een openbare bron")
    PARTNERSHIP = "partnership", _("Samenwerkingsverband")
    # "Klopt nog" through the signed link of a reminder e-mail, without logging in.
    REMINDER = "reminder", _("Herinneringsmail")


# Sources through which a municipality (VNG or its samenwerkingsverband for it) speaks for
# itself; a harvest never overwrites a newer record from one of these without review.
OWN_SOURCES = frozenset(
    {
        ChangeSource.FORM,
        ChangeSource.IMPORT,
        ChangeSource.API,
        ChangeSource.PARTNERSHIP,
        ChangeSource.REMINDER,
    }
)


class HarvestKind(models.TextChoices):
    PUBLICCODE = "publiccode", _("publiccode.yml (usedBy van de beheerder)")
    OPENCATALOGI = "opencatalogi", _("OpenCatalogi-bestand van een gemeente (softwareUsed)")
    REGISTER = "register", _("Deelnemerslijst van een openbaar register (JSON)")


class ClaimState(models.TextChoices):
    """Where a harvested claim stands: the municipality decides what it says about itself."""

    OPEN = "open", _("Open")
    CONFIRMED = "confirmed", _("Bevestigd door de gemeente")
    DISMISSED = "dismissed", _("Afgewezen door de gemeente")
    # The source no longer names the municipality.
    WITHDRAWN = "withdrawn", _("Niet meer in de bron")


# Status groups of the adoption gap: everyone who has not implemented it.
IN_PROGRESS_STATUSES = (
    AdoptionStatus.EXPLORING,
    AdoptionStatus.PLANNED,
    AdoptionStatus.PILOTING,
    AdoptionStatus.IMPLEMENTING,
)


class MembershipRole(models.TextChoices):
    EDITOR = "editor", _("Gemeente-redacteur")


class ImportState(models.TextChoices):
    PREVIEWED = "previewed", _("Proefimport, nog niet bevestigd")
    REJECTED = "rejected", _("Afgewezen: fouten in het bestand")
    APPLIED = "applied", _("Verwerkt")
    EXPIRED = "expired", _("Verlopen: niet binnen een dag bevestigd")


# Wagtail groups that the data migration creates.
MUNICIPAL_EDITORS_GROUP = "Gemeente-redacteur"
VNG_EDITORS_GROUP = "VNG-redactie"
PARTNERSHIP_EDITORS_GROUP = "Samenwerkingsverband-redacteur"


class LinkOutcome(models.TextChoices):
    """What checking an evidence link found (`manage.py check_evidence_links`)."""

    REACHABLE = "reachable", _("Bereikbaar")
    HTTP_ERROR = "http_error", _("Foutmelding van de server")
    REDIRECT_LOOP = "redirect_loop", _("Doorverwijzingen zonder eind")
    TIMEOUT = "timeout", _("Geen antwoord binnen de tijd")
    UNREACHABLE = "unreachable", _("Server niet bereikbaar")
    # Not a public http(s) address (website/fetching.py): never requested.
    REFUSED = "refused", _("Geen openbaar adres")


class CorrectionState(models.TextChoices):
    """Where a visitor's "Klopt dit niet?" stands."""

    OPEN = "open", _("Open")
    CHANGED = "changed", _("Status aangepast")
    ANSWERED = "answered", _("Beantwoord zonder aanpassing")


class IndicatorDirection(models.TextChoices):
    """Which way an indicator improves."""

    LOWER = "lower", _("Lager is beter")
    HIGHER = "higher", _("Hoger is beter")


class PeriodKind(models.TextChoices):
    """The period an indicator is measured over."""

    YEAR = "year", _("Jaar")
    QUARTER = "quarter", _("Kwartaal")


class MoneyKind(models.TextChoices):
    """Whether an indicator is money, so that a difference can be summed over municipalities."""

    NONE = "", _("Geen geldbedrag")
    TOTAL = "total", _("Euro per gemeente")
    PER_RESIDENT = "per_resident", _("Euro per inwoner")
