"""An editor's to-do list: what waits for the people who answer for records.

Four kinds of work, most urgent first: visitors' "Klopt dit niet?" reports (a person waits
for an answer), open claims of other parties (a supplier's usedBy, a register) that the
municipality has not decided on, evidence links that stopped working, and statuses nobody
confirmed within the site's term. The admin's
to-do page, its dashboard panel and the mails all read this one list.
"""

import datetime
from dataclasses import dataclass
from functools import cached_property

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..constants import CorrectionState
from ..models import Adoption
from ..permissions import (
    answerable_adoptions,
    editable_claims,
    editable_corrections,
    editable_municipalities,
)


class TodoKind(models.TextChoices):
    CORRECTIONS = "meldingen", _("Meldingen ‘Klopt dit niet?’")
    CLAIMS = "claims", _("Claims van anderen, wachtend op het besluit van de gemeente")
    UNREACHABLE = "bewijs", _("Bewijslinks die niet bereikbaar zijn")
    STALE = "verouderd", _("Verouderde statussen")


@dataclass
class TodoSection:
    """One kind of work and its items (correction requests, or records), oldest first."""

    kind: TodoKind
    items: models.QuerySet

    @cached_property
    def count(self) -> int:
        return self.items.count()

    @property
    def holds_records(self) -> bool:
        return self.kind not in (TodoKind.CORRECTIONS, TodoKind.CLAIMS)


def todo_of(user, stale_before: datetime.date, today: datetime.date):
    """The to-do list of `user`: one section per kind, in the order of `TodoKind`."""
    records = records_answered_by(user, today)
    return [
        TodoSection(TodoKind.CORRECTIONS, open_corrections_of(user)),
        TodoSection(TodoKind.CLAIMS, open_claims_of(user)),
        TodoSection(
            TodoKind.UNREACHABLE,
            records.with_evidence_unreachable().filter(evidence_unreachable=True),
        ),
        TodoSection(TodoKind.STALE, records.stale(stale_before)),
    ]


def open_corrections_of(user):
    """The open "Klopt dit niet?" reports `user` may resolve, oldest first."""
    return (
        editable_corrections(user)
        .filter(state=CorrectionState.OPEN)
        .select_related("municipality", "initiative")
        .order_by("received_at", "pk")
    )


def open_claims_of(user):
    """The open claims about the municipalities `user` keeps, oldest first, each with the
    status the register shows now (`record_status`, None when unknown) and where it came from
    (`record_source`: a harvest's when the claim stands in for the status)."""
    record = Adoption.objects.filter(
        municipality=models.OuterRef("municipality"), initiative=models.OuterRef("initiative")
    )
    return (
        editable_claims(user)
        .open()
        .annotate(
            record_status=models.Subquery(record.values("status")[:1]),
            record_source=models.Subquery(record.values("source")[:1]),
        )
        .select_related("municipality", "initiative")
        .order_by("first_seen_on", "municipality__name", "pk")
    )


def records_answered_by(user, today: datetime.date):
    """The records `user` answers for, oldest confirmation first, each with `editable`: whether
    the municipality's own records page is theirs (otherwise they answer for it through a
    samenwerkingsverband, whose page the to-do list links to)."""
    own = editable_municipalities(user).filter(pk=models.OuterRef("municipality"))
    return (
        answerable_adoptions(user, today)
        .annotate(editable=models.Exists(own))
        .select_related("municipality", "initiative", "partnership")
        .order_by("last_confirmed_on", "municipality__name", "initiative__title")
    )


def edit_url_name(record: Adoption) -> tuple:
    """The admin page where the user changes a record of `records_answered_by`: the
    municipality's own, or the samenwerkingsverband's (URL name, then its arguments)."""
    if record.editable or record.partnership_id is None:
        return "adoption_admin:edit", record.municipality.code, record.initiative.slug
    return "adoption_admin:partnership", record.partnership_id
