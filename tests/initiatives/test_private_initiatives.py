"""An unpublished initiative and one behind a Wagtail password have records and status
changes, yet no public page, export, feed, API answer, form, mail or search result names
them; a privacy change takes them out of search at once."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageViewRestriction

from initiatives.models import Subscription
from initiatives.notifications.subscriptions import send_change_digests
from initiatives.opendata.datasets import DATASETS
from search.engine import search
from search.indexing import rebuild, send_pending
from tests.helpers import given_status

pytestmark = pytest.mark.django_db

SECRET_TITLES = ("Geheim plan", "Besloten pilot")
SECRET_SLUGS = ("geheim-plan", "besloten-pilot")


@pytest.fixture
def hidden(make_initiative, enschede, hengelo, gibit):
    """GIBIT is public; "Geheim plan" was unpublished and "Besloten pilot" is behind a
    password, both after their records and changes were written."""
    unpublished = make_initiative(title="Geheim plan", slug="geheim-plan")
    protected = make_initiative(title="Besloten pilot", slug="besloten-pilot")
    for initiative in (gibit, unpublished, protected):
        for municipality in (enschede, hengelo):
            given_status(municipality, initiative, "implemented", day=datetime.date(2025, 1, 1))
    unpublished.unpublish()
    PageViewRestriction.objects.create(
        page=protected, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    rebuild()  # whichever engine the run uses holds exactly what the public may find
    return unpublished, protected


PUBLIC_URLS = [
    "/",
    "/initiatieven/",
    "/gemeenten/",
    "/gemeenten/GM0153/",
    "/gemeenten/GM0153/?format=csv",
    "/gemeenten/GM0153/wijzigingen.atom",
    "/rapportages/",
    "/rapportages/matrix/",
    "/rapportages/matrix/?format=csv",
    "/rapportages/matrix/?format=json",
    "/rapportages/gemeenten/GM0153/",
    "/rapportages/gemeenten/GM0153/?format=json",
    "/wijzigingen/",
    "/wijzigingen/?gemeente=GM0153",
    "/zoeken/?q=geheim",
    "/zoeken/?q=besloten",
    "/zoeken/?q=enschede",
    "/api/v1/adoptions",
    "/api/v1/adoptions?municipality=GM0153",
    "/api/v1/adoptions?as_of=2025-06-01",
    "/api/v1/changes?since=2020-01-01",
    "/api/v1/initiatives",
    "/api/v1/reports/municipalities/GM0153",
]

PER_INITIATIVE = [
    "/initiatieven/{slug}/",
    "/rapportages/initiatieven/{slug}/",
    "/rapportages/initiatieven/{slug}/?format=csv",
    "/rapportages/initiatieven/{slug}/verloop/",
    "/rapportages/initiatieven/{slug}/wijzigingen.atom",
    "/gemeenten/GM0153/{slug}/klopt-dit-niet/",
    "/wijzigingen/volgen/?initiatief={slug}",
    "/wijzigingen/?initiatief={slug}",
    "/api/v1/adoptions/GM0153/{slug}",
    "/api/v1/adoptions/GM0153/{slug}/history",
    "/api/v1/adoptions?initiative={slug}",
    "/api/v1/initiatives/{slug}",
    "/api/v1/reports/initiatives/{slug}",
]


def body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def names_a_secret(text: str) -> bool:
    return any(secret in text for secret in SECRET_TITLES + SECRET_SLUGS)


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_no_public_page_export_feed_or_api_answer_names_them(client, hidden, url):
    response = client.get(url)
    assert response.status_code in (200, 400), response.status_code
    assert not names_a_secret(body(response))


def test_no_open_dataset_or_the_catalogue_names_them(client, hidden):
    call_command("publish_open_data", stdout=io.StringIO())
    files = [
        f"/open-data/{dataset.slug}.{kind}"
        for dataset in DATASETS
        for kind in ("csv", "json", "csv-metadata.json")
    ]

    for url in ["/open-data/", "/open-data/catalogus.jsonld", *files]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not names_a_secret(body(response)), url
    statuses = body(client.get("/open-data/adoptiestatussen.csv"))
    assert "gibit" in statuses


@pytest.mark.parametrize("template", PER_INITIATIVE)
@pytest.mark.parametrize("slug", SECRET_SLUGS)
def test_their_own_addresses_answer_as_if_they_did_not_exist(client, hidden, template, slug):
    response = client.get(template.format(slug=slug))
    text = body(response)
    if template == "/initiatieven/{slug}/" and slug == "besloten-pilot":
        # Its own address asks for the password (Wagtail's page), and shows nothing of it.
        assert response.templates[0].name == "wagtailcore/password_required.html"
        assert "Besloten pilot" not in text
    elif response.status_code == 200:
        # A list filtered by them is empty, never theirs.
        assert not names_a_secret(text), text[:500]
    else:
        assert response.status_code in (401, 404), response.status_code


def test_the_api_counts_only_the_public_records(client, hidden):
    answer = client.get("/api/v1/adoptions").json()
    assert answer["count"] == 2
    assert {r["initiative"] for r in answer["results"]} == {"gibit"}


def test_digests_name_only_public_initiatives(client, hidden, enschede):
    subscriber = Subscription.objects.create(
        email="lezer@example.nl",
        municipality=enschede,
        confirmed_at=timezone.now(),
        covered_until=timezone.now() - datetime.timedelta(days=1),
    )
    assert send_change_digests().sent == 1
    (digest,) = mail.outbox
    assert digest.to == [subscriber.email]
    assert "GIBIT" in digest.body
    assert not names_a_secret(digest.subject + digest.body)


def found(query: str) -> int:
    """Hits after the queued index updates reached the engine (Elasticsearch gets them from
    `search_index --pending`; the database index is updated at once)."""
    send_pending()
    return search(query, {}).total


def test_a_privacy_change_takes_a_page_out_of_search_at_once(
    search_backend, make_initiative, enschede
):
    initiative = make_initiative(title="Zaakgericht werken", slug="zaakgericht")
    given_status(enschede, initiative, "implemented")
    rebuild()
    assert found("zaakgericht") == 2  # the initiative and Enschede, which names it
    restriction = PageViewRestriction.objects.create(
        page=initiative, restriction_type=PageViewRestriction.LOGIN
    )
    assert found("zaakgericht") == 0
    restriction.delete()
    assert found("zaakgericht") == 2


def test_unpublishing_takes_an_initiative_out_of_the_documents_that_name_it(
    search_backend, make_initiative, enschede
):
    initiative = make_initiative(title="Zaakgericht werken", slug="zaakgericht")
    given_status(enschede, initiative, "implemented")
    rebuild()
    assert found("zaakgericht") == 2
    initiative.unpublish()
    assert found("zaakgericht") == 0


def test_an_initiative_below_an_unpublished_index_is_not_public(
    client, initiative_index, gibit, enschede
):
    given_status(enschede, gibit, "implemented")
    initiative_index.unpublish()
    assert client.get("/api/v1/adoptions").json()["count"] == 0
    assert client.get("/api/v1/initiatives").json() == []
