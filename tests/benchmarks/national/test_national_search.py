"""Search over 100,000 documents on the national database, with each backend: one word,
three facets selected, filters only (target < 50 ms). The documents are indexed inside the
test's transaction and are gone after it."""

import pytest

from ..test_search_benchmark import measure_search

pytestmark = [pytest.mark.benchmark, pytest.mark.national, pytest.mark.django_db]


def test_search_100000_documents(search_backend):
    measure_search(search_backend, 100_000)
