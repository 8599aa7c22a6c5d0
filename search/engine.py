"""The one entry point of searching: the configured backend, the database when it fails."""

from collections import defaultdict

from django.conf import settings
from django.utils.translation import get_language

from .backends import active_backend, database, snippets
from .backends.base import Unavailable
from .contract import Results
from .sources import SOURCES


def search(
    query: str, filters: dict[str, list[str]], sort: str = "relevance", page: int = 1
) -> Results:
    """Search with the configured backend; fall back to the database if it is unreachable."""
    try:
        results = active_backend().search(query, filters, sort, page)
    except Unavailable:
        results = database.search(query, filters, sort, page)
        results.degraded = True
    _snippets_in_the_readers_language(results, query)
    return results


def _snippets_in_the_readers_language(results: Results, query: str) -> None:
    """Documents are indexed in the site's language. A source whose text the code writes
    (`generated_text`, "Gemeente Enschede (GM0153), provincie …") writes it anew for a reader
    in another language; content (a page's own text) stays as its editors wrote it."""
    if get_language() == settings.LANGUAGE_CODE:
        return
    hits_of = defaultdict(list)
    for hit in results.hits:
        if getattr(SOURCES.get(hit.type), "generated_text", False):
            hits_of[hit.type].append(hit)
    stems = snippets.query_stems(query)
    for kind, hits in hits_of.items():
        texts = SOURCES[kind].texts([hit.key for hit in hits])
        for hit in hits:
            if hit.key in texts:
                hit.snippet = snippets.highlight(texts[hit.key], stems)
