"""The peer group tallies always equal a count of the records, after every kind of write:
the admin form, an import, the API, a harvest, a merger, a re-confirmation, and the day a
merger takes effect."""

import datetime
import json
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from initiatives.adoption.harvest import apply_harvest, harvest_sources
from initiatives.adoption.imports import confirm_import, start_import
from initiatives.adoption.register import load_register
from initiatives.adoption.service import reconfirm_adoption, record_adoptions
from initiatives.adoption.updates import AdoptionUpdate
from initiatives.constants import AdoptionStatus, ChangeSource
from initiatives.models import (
    Adoption,
    AdoptionTally,
    ImplementedTally,
    InitiativePage,
    Municipality,
)
from initiatives.models.tallies import RECORDS_GROUP, peer_groups_of
from initiatives.reporting.municipality import municipality_report
from tests.factories import MunicipalityFactory
from tests.helpers import CODE_COLUMNS, TODAY, given_status
from tests.initiatives.test_harvest import publiccode, register  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def todays_scorecard(municipality):
    return municipality_report(municipality, TODAY)


def counted_from_records() -> Counter:
    """What the tallies should hold: every record among all records, and once more in each
    peer group of its municipality if that exists today (as the clock says: tests move it)."""
    today = timezone.localdate()
    expected = Counter()
    for record in Adoption.objects.select_related("municipality"):
        municipality = record.municipality
        expected[RECORDS_GROUP, record.initiative_id, record.status] += 1
        if municipality.exists_on(today):
            groups = peer_groups_of(
                municipality.code, municipality.province, municipality.population
            )
            for group in groups:
                expected[group, record.initiative_id, record.status] += 1
    return expected


def tallies() -> Counter:
    AdoptionTally.objects.ensure_current()
    return Counter(
        {
            (tally.peer_group, tally.initiative_id, tally.status): tally.count
            for tally in AdoptionTally.objects.all()
            if tally.count
        }
    )


def implemented_per_municipality() -> tuple[Counter, Counter]:
    """(tallied, counted from the records): implemented records per municipality."""
    AdoptionTally.objects.ensure_current()
    tallied = Counter(dict(ImplementedTally.objects.values_list("municipality_id", "count")))
    counted = Counter(
        Adoption.objects.filter(status=AdoptionStatus.IMPLEMENTED).values_list(
            "municipality_id", flat=True
        )
    )
    return +tallied, counted


def assert_tallies_match_the_records():
    expected = counted_from_records()
    assert expected, "the test wrote nothing"
    assert tallies() == expected
    tallied, counted = implemented_per_municipality()
    assert tallied == counted


def test_form_writes_keep_the_tallies_equal_to_the_records(client, roles, enschede, gibit):
    given_status(enschede, gibit, "planned")  # tallies counted from here on
    client.force_login(roles["editor_of_a"])
    url = "/admin/adoptie/GM0153/gibit/"
    for status in ("implemented", "stopped"):
        form = client.get(url).context["form"]
        data = {name: form[name].value() or "" for name in form.fields}
        data.update(status=status, effective_date="2025-01-01")
        response = client.post(url, data)
        assert response.status_code == 302
        assert_tallies_match_the_records()


def test_an_import_keeps_the_tallies_equal_to_the_records(roles, enschede, hengelo, gibit):
    given_status(hengelo, gibit, "implemented")
    rows = [
        ("GM0153", "gibit", "Geïmplementeerd", "01-03-2024", "Eigen opgave", "", "Ja"),
        ("GM0164", "gibit", "Gestopt", "01-03-2024", "Eigen opgave", "", "Ja"),
    ]
    content = "\r\n".join(",".join(row) for row in [CODE_COLUMNS, *rows]).encode()
    vng = roles["vng"]
    result = confirm_import(start_import(content, "statussen.csv", vng).batch, vng)
    assert not result.errors
    assert_tallies_match_the_records()


def test_api_writes_keep_the_tallies_equal_to_the_records(client, token_for, enschede, gibit):
    token = token_for(enschede)
    for version, status in ((None, "planned"), (1, "implemented")):
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
        if version:
            headers["HTTP_IF_MATCH"] = f'"{version}"'
        body = {"status": status, "effective_date": "2024-05-01"}
        response = client.put(
            "/api/v1/adoptions/GM0153/gibit",
            json.dumps(body),
            content_type="application/json",
            **headers,
        )
        assert response.status_code in (200, 201), response.content
        assert_tallies_match_the_records()


def test_a_harvest_keeps_the_tallies_equal_to_the_records(publiccode):  # noqa: F811
    apply_harvest(harvest_sources(), user=None)
    assert Adoption.objects.count() > 1
    assert_tallies_match_the_records()


def test_a_merger_keeps_the_tallies_equal_to_the_records(register, gibit):  # noqa: F811
    weesp = Municipality.objects.get(code="GM0457")
    amsterdam = Municipality.objects.get(code="GM0363")
    given_status(amsterdam, gibit, "planned")
    record_adoptions(
        [AdoptionUpdate(weesp, gibit, "implemented", datetime.date(2021, 6, 1))],
        user=None,
        source=ChangeSource.MERGER,
    )
    assert_tallies_match_the_records()  # Weesp no longer exists: not counted
    load_register()  # loading the register again rebuilds and changes nothing
    assert_tallies_match_the_records()


def test_a_reconfirmation_keeps_the_tallies_equal_to_the_records(roles, enschede, gibit):
    given_status(enschede, gibit, "implemented")
    record = Adoption.objects.get()
    reconfirm_adoption(enschede, gibit, user=roles["editor_of_a"], expected_version=record.version)
    assert_tallies_match_the_records()


def test_the_day_a_merger_takes_effect_the_tallies_are_counted_again(gibit, frozen_clock):
    tomorrow = TODAY + datetime.timedelta(days=1)
    successor = MunicipalityFactory(code="GM7100", name="Nieuwe gemeente")
    ending = MunicipalityFactory(code="GM7101", valid_until=tomorrow, successor=successor)
    given_status(ending, gibit, "implemented")
    given_status(successor, gibit, "planned")
    assert tallies()[("nl", gibit.pk, "implemented")] == 1

    frozen_clock.shift(datetime.timedelta(days=1))
    assert tallies()[("nl", gibit.pk, "implemented")] == 0
    assert_tallies_match_the_records()


def queries_of(table_model, report) -> list[str]:
    """The SQL that making `report()` sent to the table of `table_model`."""
    with CaptureQueriesContext(connection) as queries:
        report()
    table = f'"{table_model._meta.db_table}"'
    return [query["sql"] for query in queries.captured_queries if table in query["sql"]]


def test_peer_rates_come_from_the_cache_until_a_status_in_the_group_changes(
    enschede, hengelo, gibit
):
    assert enschede.province == hengelo.province
    given_status(hengelo, gibit, "planned")
    assert todays_scorecard(enschede).lines[0].province_peers.implemented == 0

    assert not queries_of(AdoptionTally, lambda: todays_scorecard(enschede))

    given_status(hengelo, gibit, "implemented")
    assert todays_scorecard(enschede).lines[0].province_peers.implemented == 1


def test_peer_medians_come_from_the_cache_until_a_status_in_the_group_changes(
    enschede, hengelo, gibit
):
    given_status(hengelo, gibit, "planned")
    assert todays_scorecard(enschede).summary.province_median == 0

    assert not queries_of(ImplementedTally, lambda: todays_scorecard(enschede))

    given_status(hengelo, gibit, "implemented")
    assert todays_scorecard(enschede).summary.province_median == 1


def test_a_scorecard_lists_the_initiatives_as_published_now_though_it_keeps_them(
    enschede, gibit, make_initiative
):
    make_initiative(title="Common Ground", slug="common-ground")
    given_status(enschede, gibit, "planned")
    assert slugs_of(todays_scorecard(enschede)) == [
        "common-ground",
        "gibit",
    ]
    assert not queries_of(InitiativePage, lambda: todays_scorecard(enschede))

    gibit.title = "Aansluiten bij GIBIT"
    gibit.save_revision().publish()
    assert slugs_of(todays_scorecard(enschede)) == [
        "gibit",
        "common-ground",
    ]

    gibit.unpublish()
    assert slugs_of(todays_scorecard(enschede)) == ["common-ground"]


def slugs_of(report) -> list[str]:
    return [line.initiative.slug for line in report.lines]


def test_on_the_day_a_merger_takes_effect_a_page_view_writes_nothing_until_the_refresh(
    client, gibit, frozen_clock
):
    tomorrow = TODAY + datetime.timedelta(days=1)
    successor = MunicipalityFactory(code="GM7100", name="Nieuwe gemeente")
    ending = MunicipalityFactory(code="GM7101", valid_until=tomorrow, successor=successor)
    given_status(ending, gibit, "implemented")
    frozen_clock.shift(datetime.timedelta(days=1))
    with CaptureQueriesContext(connection) as queries:
        for url in ("/gemeenten/GM7100/", "/api/v1/adoptions", "/rapportages/initiatieven/gibit/"):
            assert client.get(url).status_code == 200
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "DELETE", "UPDATE", "LOCK"))
        and "tally" in q["sql"].lower()
    ]
    assert writes == []
    call_command("refresh_tallies")
    assert_tallies_match_the_records()
