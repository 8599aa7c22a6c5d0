"""The lines of a harvest's dry run: per claim, what its name matched, the status now and after
applying, and one Dutch sentence on why."""

from dataclasses import dataclass

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..constants import UNKNOWN, status_label
from ..models import Adoption, AdoptionClaim
from .harvest_sources import Claim
from .names import NameMatch
from .updates import AdoptionUpdate


class HarvestOutcome(models.TextChoices):
    STANDS_IN = "stands_in", gettext_lazy("nieuw: staat voor de onbekende status")
    REPLACES = "replaces", gettext_lazy("gewijzigd: vervangt een eerdere claim")
    UNCHANGED = "unchanged", gettext_lazy("ongewijzigd")
    AGREES = "agrees", gettext_lazy("bevestigt de eigen opgave")
    CONTRADICTS = "contradicts", gettext_lazy("spreekt de eigen opgave tegen")
    DISMISSED = "dismissed", gettext_lazy("eerder afgewezen door de gemeente")
    REVIEW = "review", gettext_lazy("beoordelen")
    NOT_MUNICIPALITY = "not_municipality", gettext_lazy("geen gemeente")


# Outcomes that change a status when the harvest is applied.
WRITING = (HarvestOutcome.STANDS_IN, HarvestOutcome.REPLACES)


@dataclass
class HarvestLine:
    """One claim of a source: what its name matched, the status now and after, and why."""

    claim: Claim
    match: NameMatch
    outcome: HarvestOutcome
    reason: str = ""
    old_status: str = UNKNOWN
    new_status: str = UNKNOWN
    stored: AdoptionClaim | None = None
    update: AdoptionUpdate | None = None


def reason_of(line: HarvestLine, record: Adoption | None) -> str:
    """Why the line has its outcome, with the match it rests on."""
    values = {
        "match": line.match.describe(),
        "claimed": status_label(line.claim.status),
        "own": status_label(line.old_status),
        "municipality": getattr(line.match.municipality, "name", ""),
    }
    if line.outcome == HarvestOutcome.DISMISSED:
        values["date"] = date_format(line.stored.decided_at, "j F Y")
        return (
            _(
                "%(match)s. De gemeente wees deze claim af op %(date)s; het bestand is "
                "sindsdien niet gewijzigd."
            )
            % values
        )
    if line.outcome == HarvestOutcome.CONTRADICTS:
        return (
            _(
                "%(match)s. %(municipality)s meldt zelf ‘%(own)s’; de bron zegt ‘%(claimed)s’. "
                "De claim staat ernaast tot de gemeente beslist."
            )
            % values
        )
    if line.outcome == HarvestOutcome.AGREES:
        return _("%(match)s. Zelfde status als de eigen opgave van de gemeente.") % values
    if line.update is not None:
        values["date"] = date_format(line.update.effective_date, "j F Y")
        return (
            _(
                "%(match)s. Er is geen eigen opgave: de claim staat voor de status, uiterlijk "
                "sinds %(date)s, tot de gemeente beslist."
            )
            % values
        )
    if record is not None and record.status == line.claim.status:
        return _("%(match)s. Deze status staat al zo in het register.") % values
    return _("%(match)s. Een sterkere bron staat al voor deze status.") % values
