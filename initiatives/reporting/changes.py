"""What changed in the register since a moment: the status changes recorded since then (not
detail edits or re-confirmations), for everyone, a municipality or an initiative. One
computation for the site's list, the Atom feeds, the API and the subscribers' digests."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from website.formats import whole_number

from ..constants import UNKNOWN, AdoptionStatus, status_label
from ..models import AdoptionChange, InitiativePage, Municipality

# At most this many changes per list, feed or digest; the counts cover all of them.
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


def _changes(
    since: datetime.datetime,
    municipality: Municipality | None,
    initiative: InitiativePage | None,
    until: datetime.datetime | None,
):
    changes = AdoptionChange.objects.filter(
        recorded_at__gte=since, initiative__in=InitiativePage.objects.published()
    ).exclude(old_status=F("new_status"))
    if until is not None:
        changes = changes.filter(recorded_at__lt=until)
    if municipality is not None:
        changes = changes.filter(municipality=municipality)
    if initiative is not None:
        changes = changes.filter(initiative=initiative)
    return changes


def status_changes(
    since: datetime.datetime,
    *,
    municipality: Municipality | None = None,
    initiative: InitiativePage | None = None,
    until: datetime.datetime | None = None,
    offset: int = 0,
    limit: int = MAX_LISTED,
) -> list[StatusChange]:
    """Status changes recorded in [since, until), newest first, of published initiatives: `limit`
    of them from `offset`."""
    changes = (
        _changes(since, municipality, initiative, until)
        .select_related("municipality", "initiative")
        .order_by("-recorded_at", "-pk")
    )
    return [
        StatusChange(
            c.recorded_at,
            c.effective_date,
            c.municipality,
            c.initiative,
            c.old_status or "",
            c.new_status,
        )
        for c in changes[offset : offset + limit]
    ]


@dataclass(frozen=True)
class ChangeCounts:
    """How many status changes a period holds, by the kinds a reader asks about first."""

    implemented: int
    stopped: int
    total: int

    @property
    def other(self) -> int:
        """Changes to any other status."""
        return self.total - self.implemented - self.stopped

    @property
    def headline(self) -> str:
        """For a subject line: "2 nieuw geïmplementeerd, 1 gestopt, 3 andere wijzigingen"."""
        parts = []
        if self.implemented:
            parts.append(_("%(n)s nieuw geïmplementeerd") % {"n": whole_number(self.implemented)})
        if self.stopped:
            parts.append(_("%(n)s gestopt") % {"n": whole_number(self.stopped)})
        if self.other:
            parts.append(
                ngettext("%(n)s andere wijziging", "%(n)s andere wijzigingen", self.other)
                % {"n": whole_number(self.other)}
            )
        return ", ".join(parts) or _("geen wijzigingen")


def change_counts(
    since: datetime.datetime,
    *,
    municipality: Municipality | None = None,
    initiative: InitiativePage | None = None,
    until: datetime.datetime | None = None,
) -> ChangeCounts:
    """The counts of all status changes `status_changes` lists part of (one query)."""
    return ChangeCounts(
        **_changes(since, municipality, initiative, until).aggregate(
            implemented=Count("pk", filter=Q(new_status=AdoptionStatus.IMPLEMENTED)),
            stopped=Count("pk", filter=Q(new_status=AdoptionStatus.STOPPED)),
            total=Count("pk"),
        )
    )
