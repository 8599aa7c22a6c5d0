"""An Elasticsearch that accepts connections and never answers must not slow down writes."""

import socket
import threading
import time
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from initiatives.adoption.imports import confirm_import, start_import
from initiatives.constants import ImportState
from initiatives.models import Municipality
from search.engine import search
from search.models import PendingIndexUpdate
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def silent_engine():
    """A socket on loopback that accepts connections, never reads and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    accepted = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}", accepted
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    listener.close()


def test_an_import_of_every_municipality_is_confirmed_without_waiting_on_the_engine(
    settings, silent_engine, make_initiative, django_capture_on_commit_callbacks
):
    call_command("load_municipalities", stdout=StringIO())
    make_initiative(title="GIBIT", slug="gibit")
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL, accepted = silent_engine
    codes = Municipality.objects.current().values_list("code", flat=True)
    rows = [f"{code};gibit;implemented;2025-01-01" for code in codes]
    content = "\r\n".join(["gemeentecode;initiatief;status;datum", *rows]).encode()
    user = UserFactory(username="vng", vng_editor=True)

    started = time.perf_counter()
    with django_capture_on_commit_callbacks(execute=True):
        batch = start_import(content, "alle-gemeenten.csv", user).batch
        result = confirm_import(batch, user)
    seconds = time.perf_counter() - started
    print(f"\nimport of {len(rows)} municipalities confirmed in {seconds:.2f} s")

    assert result.batch.state == ImportState.APPLIED
    assert result.batch.rows_new == len(rows) == 342
    # The write never opened a connection to the engine: its updates wait in the queue.
    assert accepted == []
    assert PendingIndexUpdate.objects.count() == 342

    started = time.perf_counter()
    results = search("enschede", {}, "relevance", 1)
    seconds = time.perf_counter() - started
    print(f"search answered from the database in {seconds:.2f} s")
    assert results.degraded and results.hits[0].title == "Enschede"
    # It asked the engine once and gave up after the client's timeout (no retries), which is
    # what bounds the wait; the time itself is printed, not asserted (CI load varies).
    assert len(accepted) == 1
    assert settings.ELASTICSEARCH_TIMEOUT <= 2


def test_queued_updates_stay_queued_while_the_engine_does_not_answer(
    settings, silent_engine, enschede
):
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL, _accepted = silent_engine
    settings.ELASTICSEARCH_INDEX_TIMEOUT = 0.5
    PendingIndexUpdate.objects.get_or_create(key=f"municipality:{enschede.pk}")
    output = StringIO()
    with pytest.raises(CommandError, match="1 wijzigingen wachten nog"):
        call_command("search_index", "--pending", stdout=output)
    assert "0 wijzigingen verstuurd" in output.getvalue()
    assert PendingIndexUpdate.objects.count() == 1
