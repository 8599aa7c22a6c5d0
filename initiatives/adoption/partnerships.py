"""A samenwerkingsverband reports one status for its members, through the one writer."""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from website.collation import dutch

from ..constants import ChangeSource
from ..models import Adoption, InitiativePage, Municipality, Partnership
from .service import record_adoptions
from .updates import KEEP, AdoptionUpdate, Outcome


@dataclass
class MemberPlan:
    """Which members a partnership's status reaches on a day, and which keep their own."""

    reached: list[Municipality] = field(default_factory=list)
    # Members whose record they entered themselves: their own statement wins.
    own_statement: list[Municipality] = field(default_factory=list)


def member_plan(
    partnership: Partnership, initiative: InitiativePage, day: datetime.date
) -> MemberPlan:
    """The members on `day` that are members still today (existing municipalities; a former
    member is never written for, however far back the date), split by whether the
    partnership may speak for them: not when their current record is their own (or another
    partnership's)."""
    members = (
        Municipality.objects.existing_on(day)
        .filter(partnership_memberships__in=partnership.members.on(day))
        .filter(partnership_memberships__in=partnership.members.on(timezone.localdate()))
        .order_by(dutch("name"))
        .distinct()
    )
    own = set(
        Adoption.objects.filter(initiative=initiative, municipality__in=members)
        .exclude(partnership=partnership)
        .values_list("municipality_id", flat=True)
    )
    plan = MemberPlan()
    for municipality in members:
        (plan.own_statement if municipality.pk in own else plan.reached).append(municipality)
    return plan


@dataclass
class PartnershipReport:
    plan: MemberPlan
    outcomes: list[Outcome]


@transaction.atomic
def report_for_members(
    partnership: Partnership,
    initiative: InitiativePage,
    *,
    status: str,
    effective_date: datetime.date,
    user,
    evidence_level=KEEP,
    evidence_url=KEEP,
    public_explanation=KEEP,
) -> PartnershipReport:
    """Record one status for every member the partnership speaks for, all or nothing."""
    plan = member_plan(partnership, initiative, effective_date)
    updates = [
        AdoptionUpdate(
            municipality=municipality,
            initiative=initiative,
            status=status,
            effective_date=effective_date,
            evidence_level=evidence_level,
            evidence_url=evidence_url,
            public_explanation=public_explanation,
            partnership=partnership,
        )
        for municipality in plan.reached
    ]
    outcomes = record_adoptions(updates, user=user, source=ChangeSource.PARTNERSHIP)
    return PartnershipReport(plan, outcomes)
