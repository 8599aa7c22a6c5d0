"""/zoeken/: odd input never breaks it; every state is a URL."""

import pytest
from django.test import override_settings
from django.utils import translation

from initiatives.adoption.register import load_register
from initiatives.constants import AdoptionStatus
from initiatives.models import Municipality
from search.contract import facet_options
from search.engine import search
from search.indexing import rebuild, send_pending
from tests.factories import LivingLabPageFactory
from tests.helpers import given_status, parse_html

pytestmark = pytest.mark.django_db

ODD_QUERIES = [
    "'",
    '"',
    "*",
    "OR",
    "gemeente OR",
    'NEAR(a b) AND "x',
    "a:b^2 -c",
    "'; DROP TABLE site_search_searchdocument; --",
    "1' OR '1'='1",
    "🏛️ gemeente 🇳🇱",
    "\x00\x07",
    "x" * 1000,
    "",
]


@pytest.mark.parametrize("query", ODD_QUERIES)
def test_odd_queries_answer_200(client, corpus, query):
    assert client.get("/zoeken/", {"q": query}).status_code == 200


def test_unknown_facets_and_values_are_ignored_and_pages_clamped(client, corpus):
    response = client.get(
        "/zoeken/", {"q": "gemeenten", "kleur": "rood", "domain": "bestaat-niet", "page": "999"}
    )
    assert response.status_code == 200
    assert response.context["chips"] == []
    assert response.context["results"].page == response.context["results"].pages
    assert client.get("/zoeken/", {"page": "-3", "sort": "willekeurig"}).status_code == 200


def test_a_long_query_is_cut_to_200_characters(client, corpus):
    response = client.get("/zoeken/", {"q": "a" * 500})
    assert len(response.context["query"]) == 200


def test_chips_remove_one_filter_and_keep_the_rest(client, corpus):
    response = client.get("/zoeken/", {"q": "zorg", "domain": "zorg", "type": "lab"})
    links = {label: url for _facet, label, url in response.context["chips"]}
    assert "type=lab" not in links["Living lab"]
    assert "domain=zorg" in links["Living lab"] and "q=zorg" in links["Living lab"]
    assert "domain=zorg" not in links["Zorg (Wmo)"] and "type=lab" in links["Zorg (Wmo)"]


def test_a_changed_adoption_updates_the_municipality_document(
    corpus, django_capture_on_commit_callbacks
):
    enschede = Municipality.objects.get(code="GM0153")
    assert search("ensia", {"type": ["municipality"]}, "relevance", 1).total == 0
    with django_capture_on_commit_callbacks(execute=True):
        given_status(enschede, corpus["ensia"], AdoptionStatus.IMPLEMENTED)
    send_pending()
    hits = search("ensia", {"type": ["municipality"]}, "relevance", 1).hits
    assert [hit.title for hit in hits] == ["Enschede"]


def test_a_municipality_is_not_found_by_an_unpublished_initiative_it_implemented(corpus):
    enschede = Municipality.objects.get(code="GM0153")
    given_status(enschede, corpus["ensia"], AdoptionStatus.IMPLEMENTED)
    corpus["ensia"].unpublish()
    rebuild()
    assert search("ensia", {"type": ["municipality"]}, "relevance", 1).total == 0


def test_an_english_search_links_to_the_english_pages(client, corpus):
    page = parse_html(client.get("/en/zoeken/", {"q": "facturatie"}).content)
    assert "/en/labs/oost/facturatie/" in {a["href"] for a in page.main.select("a")}


def test_a_municipality_ranks_first_for_its_own_name(client, corpus, make_initiative):
    with override_settings(SEARCH_BACKEND="database"):
        make_initiative(
            title="Regiodeal Twente",
            slug="regiodeal",
            summary="Enschede, met Enschede en voor Enschede.",
        )
        LivingLabPageFactory(
            parent=corpus["lab"].get_parent(),
            title="Transitietafel Enschede",
            slug="tafel",
            summary="Enschede " * 20,
        )
    rebuild()
    hits = client.get("/zoeken/", {"q": "enschede"}).context["results"].hits
    assert (hits[0].type, hits[0].title) == ("municipality", "Enschede")
    assert "Overijssel" in hits[0].snippet


def test_snippets_show_apostrophes_escaped_once(client, corpus, make_initiative):
    with override_settings(SEARCH_BACKEND="database"):
        make_initiative(
            title="Vakmanschap", slug="vak", public_value="<p>Opleiding voor ICT'ers &amp; co</p>"
        )
    rebuild()
    html = client.get("/zoeken/", {"q": "vakmanschap"}).content.decode()
    assert "ICT&#x27;ers &amp; co" in html
    assert "&amp;#x27;" not in html and "&amp;amp;" not in html


def test_the_year_facet_reads_newest_first_whatever_the_counts(db):
    counts = {"year": {"2016": 5, "2013": 9, "2015": 1, "2005": 3}, "phase": {"idea": 1}}
    facets = facet_options(counts, {"year": ["2015"]})
    assert [option.value for option in facets["year"]] == ["2016", "2015", "2013", "2005"]
    assert [option.selected for option in facets["year"]] == [False, True, False, False]


@pytest.mark.parametrize(
    ("query", "name"), [("Den Haag", "'s-Gravenhage"), ("Den Bosch", "'s-Hertogenbosch")]
)
def test_a_municipality_is_found_by_the_name_people_use(search_backend, query, name):
    load_register()
    rebuild()
    send_pending()
    results = search(query, {"type": ["municipality"]})
    assert name in [hit.title for hit in results.hits]


def municipality_snippet(client, path, query):
    """The text under the municipality's hit on the search page, and what it marks."""
    page = parse_html(client.get(path, {"q": query, "type": "municipality"}).content)
    hit = next(li for li in page.select("main li") if li.a and li.a.get_text() == query)
    snippet = hit.find("br").next_siblings
    text = " ".join(str(getattr(part, "text", part)) for part in snippet).split()
    return " ".join(text), [mark.get_text() for mark in hit.find_all("mark")]


def test_an_english_reader_reads_a_municipality_described_in_english(
    client, corpus, django_capture_on_commit_callbacks
):
    enschede = Municipality.objects.get(code="GM0153")
    with django_capture_on_commit_callbacks(execute=True):
        given_status(enschede, corpus["bio"], AdoptionStatus.IMPLEMENTED)
    send_pending()

    assert municipality_snippet(client, "/en/zoeken/", "Enschede") == (
        "Municipality Enschede (GM0153), province Overijssel. Implemented: BIO.",
        ["Enschede"],
    )
    assert municipality_snippet(client, "/zoeken/", "Enschede") == (
        "Gemeente Enschede (GM0153), provincie Overijssel. Geïmplementeerd: BIO.",
        ["Enschede"],
    )


def test_the_index_is_written_in_dutch_whoever_made_the_change(
    search_backend, corpus, django_capture_on_commit_callbacks
):
    enschede = Municipality.objects.get(code="GM0153")
    with translation.override("en"):
        with django_capture_on_commit_callbacks(execute=True):
            given_status(enschede, corpus["bio"], AdoptionStatus.IMPLEMENTED)
        send_pending()
    hit = search("Enschede", {"type": ["municipality"]}).hits[0]
    assert parse_html(hit.snippet).get_text() == (
        "Gemeente Enschede (GM0153), provincie Overijssel. Geïmplementeerd: BIO."
    )
