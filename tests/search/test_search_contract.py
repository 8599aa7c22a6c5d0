"""One contract, every backend: the same tests run against each configured backend."""

import pytest

from search.engine import search
from search.indexing import send_pending

pytestmark = pytest.mark.django_db


def titles(results):
    return [hit.title for hit in results.hits]


def counts(results, facet):
    return {option.value: option.count for option in results.facets[facet]}


def test_stemming_finds_gemeente_for_gemeenten(corpus):
    # "gemeenten" is in GGk's and the lab result's text, "gemeente" in BIO's.
    found = set(titles(search("gemeenten", {}, "relevance", 1)))
    assert {"Gegevensknooppunt", "BIO", "Facturatie zorgaanbieders"} <= found


def test_every_word_must_match_and_the_words_match_as_prefixes(corpus):
    assert titles(search("informatiebeveil verantwoording", {}, "relevance", 1)) == ["ENSIA"]
    assert "Gegevensknooppunt" in titles(search("zorgaanb", {}, "relevance", 1))


def test_selecting_a_domain_keeps_the_other_domains_counts(corpus):
    results = search("", {"domain": ["zorg"]}, "title", 1)
    assert counts(results, "domain") == {"zorg": 3, "informatiebeveiliging": 2}
    assert results.total == 3
    # The other facets count only within the selected domain.
    assert counts(results, "type") == {"initiative": 1, "lab": 1, "lab_result": 1}
    assert [o.value for o in results.facets["domain"] if o.selected] == ["zorg"]


def test_a_selected_value_without_hits_stays_visible_with_count_zero(corpus):
    results = search("beveiliging", {"type": ["municipality"]}, "title", 1)
    assert results.total == 0
    assert ("municipality", 0, True) in [
        (o.value, o.count, o.selected) for o in results.facets["type"]
    ]


def test_filters_only_search(corpus):
    results = search("", {"type": ["municipality"], "province": ["Overijssel"]}, "title", 1)
    assert titles(results) == ["Enschede", "Hengelo"]


def test_sorting_by_title_and_newest(corpus):
    assert titles(search("", {"type": ["initiative"]}, "title", 1)) == [
        "BIO",
        "ENSIA",
        "Gegevensknooppunt",
    ]
    newest = search("", {"type": ["lab", "initiative"]}, "newest", 1)
    assert newest.hits[0].year >= newest.hits[-1].year


def test_pagination_and_out_of_range_pages(corpus):
    first = search("", {}, "title", 1)
    assert first.total == 7 and first.pages == 1
    assert search("", {}, "title", 99).page == 1


def test_highlight_marks_the_match(corpus):
    hit = search("zorgaanbieders", {"type": ["initiative"]}, "relevance", 1).hits[0]
    assert "<mark>zorgaanbieders" in hit.snippet


def test_publishing_and_unpublishing_update_the_index(corpus, make_initiative):
    page = make_initiative(title="Klantreizen", slug="klantreizen", live=False)
    page.save_revision().publish()
    # An external engine gets its changes from the queue (`search_index --pending`, cron).
    send_pending()
    assert titles(search("klantreizen", {}, "relevance", 1)) == ["Klantreizen"]
    page.refresh_from_db()
    page.unpublish()
    send_pending()
    assert titles(search("klantreizen", {}, "relevance", 1)) == []
