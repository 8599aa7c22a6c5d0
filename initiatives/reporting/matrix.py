"""The adoption matrix: the status of every municipality × initiative, filtered and paged."""

import datetime
from dataclasses import dataclass

from website.collation import dutch
from website.table_report import Column

from ..constants import UNKNOWN, status_label
from ..models import InitiativePage, Municipality
from .states import adoption_states, existing_municipalities


@dataclass
class Matrix:
    day: datetime.date
    initiatives: list[InitiativePage]
    rows: list[tuple[Municipality, list[str]]]


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


def matrix_scope(day: datetime.date, province="", size="", domain=None, kind=""):
    """(municipalities, initiatives) the matrix shows: those existing (started) on the day,
    filtered."""
    municipalities = existing_municipalities(day)
    if province:
        municipalities = municipalities.filter(province=province)
    if size:
        municipalities = municipalities.filter(size_class_code=size)
    initiatives = InitiativePage.objects.published().started_by(day).order_by(dutch("title"))
    if domain:
        initiatives = initiatives.filter(domains=domain)
    if kind:
        initiatives = initiatives.filter(kind=kind)
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
