"""The Elasticsearch index mapping and query bodies, checked without a cluster."""

import time

import pytest

from search.backends.elastic import LabregisterSearch, search_index
from search.engine import search
from search.indexing import rebuild

pytestmark = pytest.mark.django_db


def test_the_index_uses_the_dutch_analyzer_and_keyword_facets(settings):
    settings.SEARCH_INDEX_PREFIX = "labregister-acceptatie"
    index = search_index()
    body = index.to_dict()
    properties = body["mappings"]["properties"]
    assert index._name == "labregister-acceptatie-documents"
    assert properties["title"]["analyzer"] == "dutch"
    assert properties["text"]["analyzer"] == "dutch"
    assert properties["title"]["fields"]["raw"]["type"] == "keyword"
    for facet in ("type", "domain", "phase", "kind", "province", "size", "recommendation"):
        assert properties[facet]["type"] == "keyword"


def test_query_with_two_facets_selected_filters_hits_after_aggregating(settings):
    body = (
        LabregisterSearch("gemeenten", {"domain": ["zorg"], "type": ["initiative", "lab"]})
        .build_search()
        .to_dict()
    )
    # Each word's stem must start a stem in the document; no query syntax reaches the engine.
    (word,) = body["query"]["bool"]["must"]
    assert word["multi_match"] == {
        "query": "gemeenten",
        "fields": ["title^3", "text"],
        "type": "bool_prefix",
    }
    # Hits are filtered by both selections, after the aggregations (post_filter).
    post_filter = body["post_filter"]["bool"]["must"]
    assert {"terms": {"domain": ["zorg"]}} in post_filter
    assert {"terms": {"type": ["initiative", "lab"]}} in post_filter
    # Disjunctive counts: the domain facet ignores the domain selection but honours type.
    domain_filter = body["aggs"]["_filter_domain"]["filter"]
    assert domain_filter == {"terms": {"type": ["initiative", "lab"]}}
    type_filter = body["aggs"]["_filter_type"]["filter"]
    assert type_filter == {"terms": {"domain": ["zorg"]}}
    # The facets without a selection share one aggregation, filtered by both selections.
    unselected = body["aggs"]["_filter_unselected"]
    assert len(unselected["filter"]["bool"]["must"]) == 2
    assert {"province", "phase", "kind", "size"} <= set(unselected["aggs"])
    assert "_filter_province" not in body["aggs"]
    assert body["highlight"]["fields"] == {"text": {"fragment_size": 160, "number_of_fragments": 1}}


def test_an_unreachable_cluster_gives_database_results_within_two_seconds(
    settings, make_initiative
):
    make_initiative(title="Klantreizen", slug="klantreizen", summary="Diensten vanuit inwoners.")
    settings.SEARCH_BACKEND = "database"
    rebuild()
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    started = time.perf_counter()
    results = search("klantreizen", {}, "relevance", 1)
    assert time.perf_counter() - started < 2
    assert results.degraded
    assert [hit.title for hit in results.hits] == ["Klantreizen"]


def test_the_search_page_says_results_may_be_incomplete_when_the_cluster_is_down(client, settings):
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    response = client.get("/zoeken/", {"q": "gemeente"})
    assert response.status_code == 200
    assert "kunnen onvolledig zijn" in response.content.decode()


def test_saving_a_page_survives_an_unreachable_cluster(settings, make_initiative):
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    page = make_initiative(title="GEMMA", slug="gemma", live=False)
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.live
