from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.db.models import F
from wagtail.models import Revision

from initiatives.models import Adoption, AdoptionChange, InitiativePage, Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker):
    """The register and the demo, loaded once for this module in a transaction that is rolled
    back after it; each test runs in its own savepoint, so no test sees another's changes."""
    with django_db_blocker.unblock(), transaction.atomic():
        quiet = StringIO()
        call_command("load_municipalities", stdout=quiet)
        call_command("load_demo", stdout=quiet)
        yield
        transaction.set_rollback(True)
    # Wagtail caches the site's root paths; they named pages that are gone now.
    cache.clear()


@pytest.fixture
def demo_site(demo_loaded, db):
    """The demo content, as `make run` shows it."""


def test_demo_loads_the_21_initiatives_with_statuses_for_every_municipality(demo_site, client):
    assert InitiativePage.objects.live().count() == 21
    response = client.get("/initiatieven/common-ground/")
    counts = response.context["gap"].counts
    assert sum(row.count for row in counts) == 342
    assert next(row.count for row in counts if row.status == "unknown") > 0


def test_enschede_scorecard_lists_all_21_initiatives(demo_site, client):
    response = client.get("/gemeenten/GM0153/")
    assert response.status_code == 200
    assert len(response.context["report"].lines) == 21
    assert "Enschede" in response.content.decode()


def test_the_demo_shows_statuses_reported_via_a_samenwerkingsverband(demo_site, client):
    scorecard = client.get("/gemeenten/GM0153/").content.decode()
    assert "via Samenwerking Twente (demo)" in scorecard
    gap = client.get("/rapportages/initiatieven/zgw-apis/").content.decode()
    assert "Waarvan 7 gemeenten via een samenwerkingsverband" in gap


def test_larger_municipalities_adopt_more_in_the_demo(demo_site):
    def implemented_share(queryset):
        codes = queryset.values_list("pk")
        records = Adoption.objects.filter(municipality__in=codes).exclude(
            initiative__phase="retired"
        )
        return records.filter(status="implemented").count() / records.count()

    big = Municipality.objects.current().filter(population__gte=100_000)
    small = Municipality.objects.current().filter(population__lt=20_000)
    assert implemented_share(big) > implemented_share(small)


def test_stuf_and_its_successor_name_each_other(demo_site, client):
    stuf = client.get("/initiatieven/stuf/").content.decode()
    zgw = client.get("/initiatieven/zgw-apis/").content.decode()
    assert "opgevolgd door" in stuf and 'href="/initiatieven/zgw-apis/"' in stuf
    assert "volgt op" in zgw and 'href="/initiatieven/stuf/"' in zgw


def test_every_page_says_the_statuses_are_demo_data(demo_site, client):
    for path in [
        "/",
        "/initiatieven/",
        "/initiatieven/gibit/",
        "/gemeenten/",
        "/gemeenten/GM0153/",
    ]:
        assert "Demodata" in client.get(path).content.decode(), path


def test_loading_the_demo_twice_changes_nothing(demo_site):
    before = (
        Revision.objects.count(),
        AdoptionChange.objects.count(),
        list(Adoption.objects.order_by("pk").values("pk", "status", "version")),
    )
    call_command("load_demo", stdout=StringIO())
    after = (
        Revision.objects.count(),
        AdoptionChange.objects.count(),
        list(Adoption.objects.order_by("pk").values("pk", "status", "version")),
    )
    assert after == before


def test_a_finished_lab_without_end_date_does_not_say_until_now(demo_site, client):
    html = client.get("/labs/living-lab-oost-nederland/").content.decode()
    assert "Afgerond" in html
    assert "heden" not in html and "einddatum onbekend" in html


def test_the_home_page_title_names_the_site_once(demo_site, client):
    html = client.get("/").content.decode()
    title = html.split("<title>")[1].split("</title>")[0]
    assert title.count("Labregister") == 1


def test_no_demo_status_was_confirmed_before_it_held(demo_site):
    confirmed_too_early = Adoption.objects.filter(last_confirmed_on__lt=F("status_since"))
    assert confirmed_too_early.count() == 0
    assert Adoption.objects.count() > 6000
