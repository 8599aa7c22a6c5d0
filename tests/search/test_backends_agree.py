"""The database and Elasticsearch give the same answers on the same 1,000 documents: the
same documents found, the same totals, the same facet counts, the same order by title and
by year, pages that hold every hit once. Relevance ranks may differ; the hits may not."""

import pytest

from search.backends import database, elastic
from tests.elasticsearch_node import URL, needs_elasticsearch
from tests.search_corpus import synthetic

pytestmark = [pytest.mark.django_db, needs_elasticsearch]

QUERIES = [
    ("gemeenten", {}),
    ("gemeente", {"domain": ["zorg"]}),
    ("aanbied", {}),
    ("informatiebeveil verantwoording", {"province": ["Utrecht", "Zeeland"]}),
    ("audit pilot", {"type": ["initiative", "lab"], "year": ["2020", "2021"]}),
    ("", {"domain": ["jeugd"], "phase": ["pilot"]}),
    ("", {}),
    ("voorzieningen berichten", {"type": ["municipality"]}),
    ("onbekendwoord", {}),
    ("Omgevingswet!", {"domain": ["inkomen", "zorg"], "province": ["Limburg"]}),
]


@pytest.fixture
def both_filled(settings):
    """The same documents in the database index and in Elasticsearch."""
    settings.ELASTICSEARCH_URL = URL
    documents = list(synthetic(1_000, seed=11))
    database.clear()
    elastic.recreate()
    for start in range(0, len(documents), 500):
        database.index(documents[start : start + 500])
        elastic.index(documents[start : start + 500])
    elastic.optimise()


def every_hit(backend, query, filters, sort):
    first = backend.search(query, filters, sort, 1)
    hits = list(first.hits)
    for page in range(2, first.pages + 1):
        hits += backend.search(query, filters, sort, page).hits
    return first, hits


def counts(results):
    return {
        facet: {(o.value, o.count, o.selected) for o in options}
        for facet, options in results.facets.items()
    }


@pytest.mark.parametrize(("query", "filters"), QUERIES)
def test_both_backends_find_and_count_the_same(both_filled, query, filters):
    in_database, database_hits = every_hit(database, query, filters, "relevance")
    in_elastic, elastic_hits = every_hit(elastic, query, filters, "relevance")
    assert in_elastic.total == in_database.total
    assert (in_elastic.pages, in_elastic.page) == (in_database.pages, in_database.page)
    assert counts(in_elastic) == counts(in_database)
    keys = [hit.key for hit in elastic_hits]
    assert len(keys) == len(set(keys)) == in_database.total
    assert set(keys) == {hit.key for hit in database_hits}


@pytest.mark.parametrize("sort", ["title", "newest"])
def test_both_backends_sort_the_same(both_filled, sort):
    filters = {"domain": ["zorg"], "type": ["lab"]}
    _, database_hits = every_hit(database, "", filters, sort)
    _, elastic_hits = every_hit(elastic, "", filters, sort)
    if sort == "title":
        assert [h.title for h in elastic_hits] == [h.title for h in database_hits]
    else:
        assert [h.year for h in elastic_hits] == [h.year for h in database_hits]
