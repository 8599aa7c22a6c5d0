"""The adoption matrix: the status of every municipality × initiative, filtered and paged."""

import datetime
from dataclasses import dataclass

from website.collation import dutch
from website.table_report import Column

from ..constants import UNKNOWN, status_label
from ..models import InitiativePage, Municipality
from .filters import DOMAIN, KIND, MUNICIPALITY_FILTERS, where
from .states import adoption_states, existing_municipalities


@dataclass
class Matrix:
    day: datetime.date
    initiatives: list[InitiativePage]
    rows: list[tuple[Municipality, list[str]]]


MATRIX_INITIATIVE_FILTERS = (DOMAIN, KIND)


def matrix_columns(matrix: Matrix) -> list[Column]:
    """Code, TOOI URI and name, then one column per initiative (named by its slug; CSV and
    Excel add the status in words beside each)."""
    return [
        Column("gemeentecode", lambda report, row: row[0].code),
        Column("tooi", lambda report, row: row[0].tooi_uri),
        Column("gemeente", lambda report, row: row[0].name),
        *(
            Column(initiative.slug, lambda report, row, index=index: row[1][index], status_label)
            for index, initiative in enumerate(matrix.initiatives)
        ),
    ]


def matrix_scope(day: datetime.date, chosen: dict):
    """(municipalities, initiatives) the matrix shows: those existing (started) on the day,
    narrowed by the declared filters given a value in `chosen`."""
    municipalities = existing_municipalities(day).filter(where(MUNICIPALITY_FILTERS, chosen))
    initiatives = (
        InitiativePage.objects.published()
        .started_by(day)
        .filter(where(MATRIX_INITIATIVE_FILTERS, chosen))
        .order_by(dutch("title"))
    )
    return municipalities, initiatives


def adoption_matrix(municipalities, initiatives, day: datetime.date) -> Matrix:
    """Status of every given municipality × initiative (one query for the states)."""
    municipalities, initiatives = list(municipalities), list(initiatives)
    states = {
        (m, i): status
        for m, i, status, _evidence in adoption_states(
            day,
            initiative_ids=[i.pk for i in initiatives],
            municipality_ids=[m.pk for m in municipalities],
        )
    }
    rows = [(m, [states.get((m.pk, i.pk), UNKNOWN) for i in initiatives]) for m in municipalities]
    return Matrix(day, initiatives, rows)
