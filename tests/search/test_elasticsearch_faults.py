"""A real Elasticsearch node that stops mid-run and starts again: search falls back to the
database and says so, saving still works, and the index is made whole again."""

import time
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from search.engine import search
from search.models import PendingIndexUpdate
from tests.elasticsearch_node import URL, OwnNode, needs_elasticsearch

pytestmark = [pytest.mark.django_db, needs_elasticsearch]


@pytest.fixture
def own_node(settings):
    """A node of this test's own, which it may stop without disturbing other tests."""
    node = OwnNode()
    node.start()
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = node.url
    yield node
    node.stop()


def titles(results):
    return [hit.title for hit in results.hits]


def test_a_stopped_node_falls_back_to_the_database_and_a_rebuild_makes_it_whole(
    own_node, make_initiative, client
):
    make_initiative(title="Klantreizen", slug="klantreizen", summary="Diensten vanuit inwoners.")
    call_command("search_index", stdout=StringIO())
    found = search("klantreizen", {}, "relevance", 1)
    assert titles(found) == ["Klantreizen"] and not found.degraded

    own_node.stop()
    started = time.perf_counter()
    found = search("klantreizen", {}, "relevance", 1)
    print(f"\nsearch answered from the database {time.perf_counter() - started:.3f} s after")
    assert titles(found) == ["Klantreizen"] and found.degraded
    page = client.get("/zoeken/", {"q": "klantreizen"})
    assert page.status_code == 200
    assert "De zoekmachine is tijdelijk niet bereikbaar" in page.content.decode()

    # An editor publishes while the node is down: the page is saved, its update queued.
    ommetje = make_initiative(title="Ommetje", slug="ommetje", live=False)
    ommetje.save_revision().publish()
    assert PendingIndexUpdate.objects.filter(key=f"initiative:{ommetje.pk}").exists()
    with pytest.raises(CommandError, match="1 wijzigingen wachten nog"):
        call_command("search_index", "--pending", stdout=StringIO())
    with pytest.raises(CommandError, match="Elasticsearch nam de index niet aan"):
        call_command("search_index", stdout=StringIO())
    assert PendingIndexUpdate.objects.count() == 1
    # The database index, which answers meanwhile, has it already.
    assert titles(search("ommetje", {}, "relevance", 1)) == ["Ommetje"]

    # The node comes back empty: the queue is not delivered into a missing index (that
    # would guess its mapping); the next rebuild makes the index whole.
    own_node.start()
    with pytest.raises(CommandError, match="wachten nog"):
        call_command("search_index", "--pending", stdout=StringIO())
    call_command("search_index", stdout=StringIO())
    assert PendingIndexUpdate.objects.count() == 0
    for query, title in (("klantreizen", "Klantreizen"), ("ommetje", "Ommetje")):
        found = search(query, {}, "relevance", 1)
        assert titles(found) == [title] and not found.degraded


def test_a_node_that_comes_back_with_its_index_receives_the_queue(own_node, make_initiative):
    call_command("search_index", stdout=StringIO())
    page = make_initiative(title="Ommetje", slug="ommetje", live=False)
    page.save_revision().publish()
    output = StringIO()
    call_command("search_index", "--pending", stdout=output)
    assert "1 wijzigingen verstuurd" in output.getvalue()
    assert PendingIndexUpdate.objects.count() == 0
    assert titles(search("ommetje", {}, "relevance", 1)) == ["Ommetje"]


def test_a_rebuild_waits_longer_for_the_engine_than_a_visitor_does(settings, make_initiative):
    # Creating an index on a busy node took more than a visitor's 1 s in CI; the rebuild
    # has its own, longer timeout. Here a visitor's timeout no request can meet.
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = URL
    settings.ELASTICSEARCH_TIMEOUT = 0.001
    make_initiative(title="Klantreizen", slug="klantreizen")
    call_command("search_index", stdout=StringIO())
    assert search("klantreizen", {}, "relevance", 1).degraded
    settings.ELASTICSEARCH_TIMEOUT = 1.0
    found = search("klantreizen", {}, "relevance", 1)
    assert titles(found) == ["Klantreizen"] and not found.degraded
