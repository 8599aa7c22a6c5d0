"""Sorting as a Dutch reader expects: letters first, case and accents only to break ties.

Python's and SQLite's default order put "iStandaarden" after "Zorg" and "Één" after
"Zwolle"; the Unicode Collation Algorithm orders them as a dictionary does. PostgreSQL has it
as the ICU collation "und-x-icu"; SQLite gets a collation of that name, computed with pyuca
(the default table, which needs no Dutch tailoring), so `order_by(dutch("title"))` means the
same on both databases.
"""

from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TypeVar

from django.db.models.functions import Collate
from pyuca import Collator

Item = TypeVar("Item")
COLLATION = "und-x-icu"
_COLLATOR = Collator()


@lru_cache(maxsize=20_000)
def collation_key(text: str) -> tuple:
    """The sort key of a text in dictionary order."""
    return _COLLATOR.sort_key(str(text))


def sorted_by_text(items: Iterable[Item], text: Callable[[Item], str] = str) -> list[Item]:
    """The items in dictionary order of `text(item)`."""
    return sorted(items, key=lambda item: collation_key(text(item)))


def dutch(field: str) -> Collate:
    """An order_by() expression: `field` in dictionary order on either database."""
    return Collate(field, COLLATION)


def _compare(left: str, right: str) -> int:
    left_key, right_key = collation_key(left), collation_key(right)
    return (left_key > right_key) - (left_key < right_key)


def add_sqlite_collation(sender, connection, **kwargs):
    """connection_created receiver: teach a new SQLite connection the collation."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(COLLATION, _compare)
