"""VNG reads indicator values from open statistics (a JSON list or CSV file on a public
server, here on loopback); a value a municipality gave itself stays, and a wrong file or
row changes nothing."""

import json

import pytest

from initiatives.constants import ChangeSource
from initiatives.indicators.harvest import harvest_indicator_source
from initiatives.indicators.values import IndicatorValueUpdate, record_indicator_values
from initiatives.models import IndicatorSource, IndicatorValue
from tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db

TOOI = "https://identifier.overheid.nl/tooi/id/gemeente/gm0164"


@pytest.fixture
def payment_term(db):
    return IndicatorFactory(slug="betaaltermijn")


def stored():
    return sorted(
        (code, period, float(value), source)
        for code, period, value, source in IndicatorValue.objects.values_list(
            "municipality__code", "period", "value", "source"
        )
    )


def source_of(indicator, url):
    return IndicatorSource.objects.create(indicator=indicator, url=url)


def test_a_json_list_fills_in_values_and_leaves_the_municipalitys_own(
    source_server, enschede, hengelo, payment_term
):
    own = IndicatorValueUpdate(payment_term, enschede, "2025", "17", ChangeSource.FORM)
    record_indicator_values([own], user=None)
    statistics = [
        {"gemeentecode": "GM0153", "periode": "2025", "waarde": 25},
        {"tooi": TOOI, "periode": "2025", "waarde": 19.5},
    ]
    source = source_of(payment_term, source_server.serve("/cijfers.json", json.dumps(statistics)))

    result = harvest_indicator_source(source, apply=True)

    assert (result.errors, result.changed) == ([], 1)
    assert stored() == [("GM0153", "2025", 17.0, "form"), ("GM0164", "2025", 19.5, "harvest")]


def test_a_csv_file_is_read_as_an_import_without_the_indicator_column(
    source_server, enschede, payment_term
):
    content = "\ufeffgemeentecode;periode;waarde\r\nGM0153;2024;21,5\r\n"
    source = source_of(payment_term, source_server.serve("/cijfers.csv", content))

    result = harvest_indicator_source(source, apply=True)

    assert result.errors == []
    assert stored() == [("GM0153", "2024", 21.5, "harvest")]


def test_a_wrong_row_stops_the_whole_file(source_server, enschede, payment_term):
    statistics = [
        {"gemeentecode": "GM0153", "periode": "2024", "waarde": 20},
        {"gemeentecode": "GM0153", "periode": "2025", "waarde": "onbekend"},
    ]
    source = source_of(payment_term, source_server.serve("/cijfers.json", json.dumps(statistics)))

    result = harvest_indicator_source(source, apply=True)

    assert [str(error) for error in result.errors] == [
        "Rij 2, kolom ‘waarde’: ‘onbekend’ is geen getal; schrijf bijvoorbeeld 12,5."
    ]
    assert stored() == []


def test_an_internal_address_is_never_read(internal_server, enschede, payment_term):
    source = source_of(payment_term, internal_server.serve("/cijfers.json", "[]"))

    result = harvest_indicator_source(source, apply=True)

    (error,) = result.errors
    assert str(error) == f"{source.url}: Labregister haalt alleen openbare http(s)-adressen op."
    assert stored() == []
