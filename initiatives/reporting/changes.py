"""What changed in the register since a moment: the status changes recorded since then (not
detail edits or re-confirmations), for everyone, a municipality or an initiative. One
computation for the site's list, the Atom feeds, the API and the subscribers' digests."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..constants import UNKNOWN, AdoptionStatus, status_label
from ..models import AdoptionChange, InitiativePage, Municipality

# At most this many changes per list or feed; the digest counts all of them.
MAX_LISTED = 500


@dataclass(frozen=True)
class StatusChange:
    recorded_at: datetime.datetime
    effective_date: datetime.date
    municipality: Municipality
    initiative: InitiativePage
    old_status: str
    new_status: str

    @property
    def summary(self) -> str:
        """ "Enschede: GIBIT van Gepland naar Geïmplementeerd"."""
        return _("%(municipality)s: %(initiative)s van %(old)s naar %(new)s") % {
            "municipality": self.municipality.name,
            "initiative": self.initiative.title,
            "old": status_label(self.old_status or UNKNOWN),
            "new": status_label(self.new_status),
        }


def status_changes(
    since: datetime.datetime,
    *,
    municipality: Municipality | None = None,
    initiative: InitiativePage | None = None,
    until: datetime.datetime | None = None,
) -> list[StatusChange]:
    """Status changes recorded in [since, until), newest first, of live initiatives."""
    changes = (
        AdoptionChange.objects.filter(recorded_at__gte=since, initiative__live=True)
        .exclude(old_status=F("new_status"))
        .select_related("municipality", "initiative")
        .order_by("-recorded_at", "-pk")
    )
    if until is not None:
        changes = changes.filter(recorded_at__lt=until)
    if municipality is not None:
        changes = changes.filter(municipality=municipality)
    if initiative is not None:
        changes = changes.filter(initiative=initiative)
    return [
        StatusChange(
            c.recorded_at,
            c.effective_date,
            c.municipality,
            c.initiative,
            c.old_status or "",
            c.new_status,
        )
        for c in changes[:MAX_LISTED]
    ]


def headline(changes: list[StatusChange]) -> str:
    """Counts for a subject line: "2 nieuw geïmplementeerd, 1 gestopt, 3 andere wijzigingen"."""
    kinds = Counter(
        change.new_status
        if change.new_status in (AdoptionStatus.IMPLEMENTED, AdoptionStatus.STOPPED)
        else "other"
        for change in changes
    )
    parts = []
    if kinds[AdoptionStatus.IMPLEMENTED]:
        parts.append(_("%(n)s nieuw geïmplementeerd") % {"n": kinds[AdoptionStatus.IMPLEMENTED]})
    if kinds[AdoptionStatus.STOPPED]:
        parts.append(_("%(n)s gestopt") % {"n": kinds[AdoptionStatus.STOPPED]})
    if kinds["other"]:
        parts.append(
            ngettext("%(n)s andere wijziging", "%(n)s andere wijzigingen", kinds["other"])
            % {"n": kinds["other"]}
        )
    return ", ".join(parts) or _("geen wijzigingen")
