"""The admin's table of one municipality: every live initiative with its full record."""

import datetime
from dataclasses import dataclass

from website.collation import dutch

from ..constants import UNKNOWN_LABEL
from ..models import Adoption, InitiativePage, Municipality
from ..rules import is_stale


@dataclass(frozen=True)
class RecordRow:
    initiative: InitiativePage
    adoption: Adoption | None
    stale: bool = False

    @property
    def status_label(self):
        """The status in words; "Onbekend" without a record."""
        return self.adoption.get_status_display() if self.adoption else UNKNOWN_LABEL


def records_table(municipality: Municipality, stale_before: datetime.date) -> list[RecordRow]:
    """Every live initiative with this municipality's record, or None (2 queries)."""
    adoptions = {
        a.initiative_id: a
        for a in municipality.adoptions.select_related(
            "barrier_category"
        ).with_evidence_unreachable()
    }
    initiatives = InitiativePage.objects.live().order_by(dutch("title"))
    rows = []
    for initiative in initiatives:
        adoption = adoptions.get(initiative.pk)
        confirmed = adoption.last_confirmed_on if adoption else None
        rows.append(RecordRow(initiative, adoption, is_stale(confirmed, stale_before)))
    return rows
