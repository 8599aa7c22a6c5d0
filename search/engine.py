"""The one entry point of searching: the configured backend, the database when it fails."""

from .backends import active_backend, database
from .backends.base import Unavailable
from .contract import Results


def search(
    query: str, filters: dict[str, list[str]], sort: str = "relevance", page: int = 1
) -> Results:
    """Search with the configured backend; fall back to the database if it is unreachable."""
    try:
        return active_backend().search(query, filters, sort, page)
    except Unavailable:
        results = database.search(query, filters, sort, page)
        results.degraded = True
        return results
