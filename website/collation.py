"""Sorting as a Dutch reader expects: letters first, case and accents only to break ties.

Python's default order puts "iStandaarden" after "Zorg" and "Één" after "Zwolle"; the
Unicode Collation Algorithm (pyuca, with the default table, which has no Dutch tailoring to
need) orders them as a dictionary does.
"""

from collections.abc import Callable, Iterable
from typing import TypeVar

from pyuca import Collator

Item = TypeVar("Item")
_COLLATOR = Collator()


def collation_key(text: str) -> tuple:
    """The sort key of a text in dictionary order."""
    return _COLLATOR.sort_key(str(text))


def sorted_by_text(items: Iterable[Item], text: Callable[[Item], str] = str) -> list[Item]:
    """The items in dictionary order of `text(item)`."""
    return sorted(items, key=lambda item: collation_key(text(item)))
