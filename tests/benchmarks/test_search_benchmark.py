"""Each search backend on 20,000 documents (100,000 in `make bench-national`): query medians
and p95, rebuild throughput.

Run with `make bench` (DATABASE_URL selects PostgreSQL; the Elasticsearch figures need a
node: `make bench` starts one). Prints figures only.
"""

from itertools import islice

import pytest

from search.backends import active_backend, database
from search.engine import search
from tests.search_corpus import synthetic

from .conftest import percentiles, report, timed

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db]

CASES = {
    "one word": ("zorg", {}),
    "query with 3 facets selected": (
        "gemeente",
        {"domain": ["zorg"], "province": ["Utrecht"], "type": ["initiative", "lab"]},
    ),
    "filters only": ("", {"domain": ["jeugd"], "year": ["2020"]}),
}


def test_search_20000_documents(search_backend):
    measure_search(search_backend, 20_000)


WARM_UP_SEARCHES = 20


def measure_search(search_backend: str, count: int) -> None:
    """Index `count` synthetic documents into the active backend, then time each case."""
    backend = active_backend()
    if backend is not database:
        # The database answers when the engine does not: it is filled in either case.
        for chunk in _chunks(synthetic(count)):
            database.index(chunk)
        backend.recreate()
    indexed, seconds = 0, 0.0
    for chunk in _chunks(synthetic(count)):
        seconds += timed(backend.index, chunk)[1]
        indexed += len(chunk)
    seconds += timed(backend.optimise)[1]
    report(
        f"index rebuild ({search_backend})",
        documents=indexed,
        documents_per_s=round(indexed / seconds),
    )

    for title, (query, filters) in CASES.items():
        first = search(query, filters, "relevance", 1)
        assert not first.degraded
        # A running engine has compiled its query paths and filled its caches; a node just
        # started (the benchmark's) has not: its first searches measure the JVM warming up.
        for _ in range(WARM_UP_SEARCHES):
            search(query, filters, "relevance", 1)
        samples = [timed(search, query, filters, "relevance", 1)[1] for _ in range(30)]
        report(
            f"search ({search_backend}, {count:,} documents): {title}",
            total=first.total,
            **percentiles(samples),
        )


def _chunks(documents, size=500):
    while chunk := list(islice(documents, size)):
        yield chunk
