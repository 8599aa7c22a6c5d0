"""A report of a past day counts an initiative only from its start date: the matrix of 2015
has no column for an initiative started in 2020, and its gap report says it did not exist."""

import datetime
import importlib
import io

import pytest
from django.apps import apps
from openpyxl import load_workbook

from initiatives.models import InitiativePage
from tests.factories import MunicipalityFactory
from tests.helpers import given_status, parse_html

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def old_and_new(make_initiative):
    MunicipalityFactory(name="Aa")
    return (
        make_initiative(title="Oud", slug="oud", started_on=D(2010, 1, 1)),
        make_initiative(title="Nieuw", slug="nieuw", started_on=D(2020, 1, 1)),
    )


def test_the_matrix_of_a_past_day_has_no_column_for_an_initiative_not_yet_started(
    client, old_and_new
):
    response = client.get("/rapportages/matrix/", {"format": "xlsx", "peildatum": "2015-01-01"})
    header = [cell.value for cell in load_workbook(io.BytesIO(response.content)).active[1]]
    assert "oud" in header and "nieuw" not in header

    today = client.get("/rapportages/matrix/", {"format": "xlsx"})
    header = [cell.value for cell in load_workbook(io.BytesIO(today.content)).active[1]]
    assert "oud" in header and "nieuw" in header


def test_the_gap_report_of_a_day_before_the_start_says_the_initiative_did_not_exist(
    client, old_and_new
):
    page = parse_html(client.get("/rapportages/initiatieven/nieuw/?peildatum=2015-01-01").content)
    assert page.select_one("p.notice").get_text(" ", strip=True) == (
        "Nieuw is gestart op 1 januari 2020: op 1 januari 2015 bestond het nog niet, "
        "en telt het in rapportages over die dag niet mee."
    )
    later = parse_html(client.get("/rapportages/initiatieven/nieuw/?peildatum=2021-01-01").content)
    assert later.select_one("p.notice") is None


def test_an_initiative_without_a_start_date_gets_its_earliest_known_day(make_initiative):
    municipality = MunicipalityFactory(name="Aa")
    with_history = make_initiative(title="Met geschiedenis", slug="met")
    given_status(municipality, with_history, day=D(2012, 5, 1))
    without = make_initiative(title="Zonder", slug="zonder")
    InitiativePage.objects.filter(pk=without.pk).update(
        first_published_at=datetime.datetime(2018, 3, 4, 12, tzinfo=datetime.UTC)
    )
    # As pages made before the admin asked for a start date.
    InitiativePage.objects.update(started_on=None)

    migration = importlib.import_module("initiatives.migrations.0017_initiative_start_dates")
    migration.give_every_initiative_a_start(apps, None)

    started = dict(InitiativePage.objects.values_list("slug", "started_on"))
    assert started["met"] == D(2012, 5, 1)
    assert started["zonder"] == D(2018, 3, 4)
