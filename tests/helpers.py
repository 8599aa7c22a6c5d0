"""Small helpers the tests share: record a status, snapshot what an attempt could change."""

import datetime
import json

from bs4 import BeautifulSoup

from initiatives.adoption.import_files import COLUMNS
from initiatives.adoption.service import record_adoption
from initiatives.adoption.updates import AdoptionUpdate
from initiatives.models import Adoption, AdoptionChange

# The day every test but the browser's runs on (tests/conftest.py `frozen_clock`): what is
# stale, "uiterlijk sinds" and the default peildatum never depend on the day CI runs.
TODAY = datetime.date(2026, 12, 7)
FROZEN_AT = datetime.datetime(2026, 12, 7, 10, 0, tzinfo=datetime.UTC)


def given_status(municipality, initiative, status="planned", note="", day=None):
    return record_adoption(
        AdoptionUpdate(
            municipality,
            initiative,
            status,
            day or datetime.date(2024, 1, 1),
            internal_note=note,
        ),
        user=None,
        source="form",
    )


def parse_html(content: bytes | str) -> BeautifulSoup:
    """A page as a tree, to assert on what a reader sees rather than on substrings."""
    text = content.decode() if isinstance(content, bytes) else content
    return BeautifulSoup(text, "html.parser")


def table_row(page: BeautifulSoup, heading: str):
    """The row of a report table whose row heading reads `heading`, as {column: cell}; the
    cells name their column in `data-label` (the phone layout reads it too)."""
    (row,) = [
        row for row in page.select("tbody tr") if row.th and row.th.get_text(strip=True) == heading
    ]
    return {cell["data-label"]: cell for cell in row.select("td[data-label]")}


def admin_menu_urls(content: bytes) -> set[str]:
    """The URLs of the admin sidebar's menu items, read from the JSON it is drawn from."""
    props = json.loads(parse_html(content).select_one("#wagtail-sidebar-props").string)
    urls = set()

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("url"), str):
                urls.add(node["url"])
            node = list(node.values())
        if isinstance(node, list):
            for child in node:
                walk(child)

    walk(props)
    return urls


def database_state():
    """Everything an attempt could change, to compare before and after."""
    return (
        list(Adoption.objects.order_by("pk").values()),
        list(AdoptionChange.objects.order_by("pk").values_list("pk", flat=True)),
    )


# The columns of an import file that names its municipalities by CBS code.
CODE_COLUMNS = tuple(column for column in COLUMNS if column not in ("tooi", "gemeentenaam"))
