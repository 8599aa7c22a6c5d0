"""What every search backend offers, so that no caller needs to know which one it has."""

from typing import Protocol

from ..contract import Results
from ..documents import Document


class Unavailable(Exception):
    """The engine could not answer (down, timed out, refused); the database answers instead."""


class SearchBackend(Protocol):
    """A backend module: `database` (always there) or `elastic`."""

    # True for an engine outside the database: it is fed from a queue, not in the save.
    EXTERNAL: bool

    def index(self, documents: list[Document]) -> None:
        """Add or replace these documents; Unavailable when the engine did not take them."""

    def remove(self, keys: list[str]) -> None:
        """Remove the documents with these keys."""

    def apply(self, documents: dict[str, Document | None]) -> bool:
        """Index, or (None) remove, each key; False when the engine did not answer."""

    def clear(self) -> None:
        """Remove every document."""

    def recreate(self) -> None:
        """Start from an empty index with the current mapping; Unavailable when it cannot."""

    def optimise(self) -> None:
        """Make a freshly filled index fast to search; Unavailable when it cannot."""

    def search(self, query: str, filters: dict[str, list[str]], sort: str, page: int) -> Results:
        """One page of hits with facet counts; raises Unavailable when the engine is down."""
