"""The database backend's facet bitmaps stay in step with the documents they count."""

import pytest

from search import bitmaps
from search.backends import database
from search.documents import Document
from search.models import SearchDocument, SearchFacetValue

pytestmark = pytest.mark.django_db


def document(key, province, domains=()):
    return Document(
        key=key,
        type="municipality",
        title=key,
        text="gemeente",
        url=f"/{key}/",
        year=None,
        facets={"province": [province], "domain": list(domains)},
    )


def counts(facet, filters=None):
    results = database.search("", filters or {}, "title", 1)
    return {option.value: option.count for option in results.facets[facet]}


def test_bitmaps_round_trip_and_answer_membership():
    bitmap = bitmaps.from_ids([1, 9, 4000])
    assert bitmaps.decode(bitmaps.encode(bitmap)) == bitmap
    assert bitmap.bit_count() == 3
    members = bitmaps.Membership(bitmap)
    assert 9 in members and 4000 in members
    assert 2 not in members and 99_999 not in members
    assert bitmaps.without(bitmap, [9]) == bitmaps.from_ids([1, 4000])
    assert bitmaps.to_ids(bitmap) == [1, 9, 4000]


def test_reindexing_a_document_moves_it_to_its_new_facet_values():
    database.index([document("a", "Utrecht"), document("b", "Utrecht")])
    assert counts("province") == {"Utrecht": 2}
    database.index([document("a", "Zeeland")])
    assert counts("province") == {"Utrecht": 1, "Zeeland": 1}
    # The document kept its row, so the bitmaps do not grow with every edit.
    assert SearchDocument.objects.count() == 2


def test_removing_a_document_drops_it_and_its_last_values_from_the_counts():
    database.index([document("a", "Utrecht", ["zorg"]), document("b", "Zeeland")])
    database.remove(["a"])
    assert counts("province") == {"Zeeland": 1}
    assert not SearchFacetValue.objects.filter(facet="domain").exists()


def test_clearing_the_index_starts_document_ids_again():
    database.index([document(str(n), "Utrecht") for n in range(50)])
    database.clear()
    database.index([document("again", "Utrecht")])
    assert SearchDocument.objects.get().pk == 1
    assert SearchFacetValue.objects.get(facet="type").documents == bitmaps.encode(0b10)


@pytest.mark.parametrize("filters", [{}, {"province": ["Utrecht"]}])
def test_relevance_pages_together_hold_every_found_document_once(filters):
    database.index([document(f"doc{n}", "Utrecht" if n % 3 else "Zeeland") for n in range(50)])
    first = database.search("gemeente", filters, "relevance", 1)
    pages = [
        database.search("gemeente", filters, "relevance", n) for n in range(2, first.pages + 1)
    ]
    pages.append(first)
    keys = [hit.key for results in pages for hit in results.hits]
    assert len(keys) == len(set(keys)) == first.total == (33 if filters else 50)
