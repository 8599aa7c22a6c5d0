"""What a downloaded table holds: the status in words beside its code, and in Excel days as
days and shares as percentages, so that a civil servant can sort and sum without retyping."""

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from initiatives.adoption.service import record_adoptions
from initiatives.adoption.updates import AdoptionUpdate
from tests.factories import MunicipalityFactory
from tests.helpers import parse_html

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def three_municipalities(make_initiative):
    """Two of three municipalities implemented GIBIT on 1 March 2024: 66,7 %."""
    gibit = make_initiative(title="GIBIT", slug="gibit", started_on=D(2020, 1, 1))
    places = [MunicipalityFactory(name=name) for name in ("Aa", "Bee", "Cee")]
    record_adoptions(
        [
            AdoptionUpdate(places[0], gibit, "implemented", D(2024, 3, 1)),
            AdoptionUpdate(places[1], gibit, "implemented", D(2024, 3, 1)),
            AdoptionUpdate(places[2], gibit, "planned", D(2024, 3, 1)),
        ],
        user=None,
        source="import",
    )
    return gibit


def csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def xlsx_sheet(response):
    return load_workbook(io.BytesIO(response.content)).active


def test_the_matrix_export_says_each_status_in_words_beside_its_code(client, three_municipalities):
    rows = csv_rows(client.get("/rapportages/matrix/", {"format": "csv"}))
    assert [(row["gemeente"], row["gibit"], row["gibit_tekst"]) for row in rows] == [
        ("Aa", "implemented", "Geïmplementeerd"),
        ("Bee", "implemented", "Geïmplementeerd"),
        ("Cee", "planned", "Gepland"),
    ]
    sheet = xlsx_sheet(client.get("/rapportages/matrix/", {"format": "xlsx"}))
    header = [cell.value for cell in sheet[1]]
    assert header[-2:] == ["gibit", "gibit_tekst"]
    assert [cell.value for cell in sheet[4]][-2:] == ["planned", "Gepland"]


def test_excel_holds_the_peildatum_as_a_day_and_a_share_as_a_percentage(
    client, three_municipalities
):
    response = client.get(
        "/rapportages/initiatieven/gibit/verloop/", {"format": "xlsx", "peildatum": "2024-06-01"}
    )
    sheet = xlsx_sheet(response)
    header = [cell.value for cell in sheet[1]]
    last = dict(zip(header, sheet[sheet.max_row], strict=True))
    assert last["peildatum"].value == datetime.datetime(2024, 6, 1)
    assert last["peildatum"].number_format == "d mmmm yyyy"
    assert last["kwartaal"].value == datetime.datetime(2024, 4, 1)
    assert last["adoptiegraad"].value == pytest.approx(0.667)
    assert last["adoptiegraad"].number_format == "0.0%"
    assert last["adoptiegraad_tekst"].value == "66,7\u00a0%"


def test_csv_and_json_keep_the_peildatum_as_an_iso_day(client, three_municipalities):
    url = "/rapportages/initiatieven/gibit/verloop/"
    rows = csv_rows(client.get(url, {"format": "csv", "peildatum": "2024-06-01"}))
    assert rows[-1]["peildatum"] == "2024-06-01"
    assert rows[-1]["adoptiegraad"] == "0,667"
    body = client.get(url, {"format": "json", "peildatum": "2024-06-01"}).json()
    assert body["peildatum"] == "2024-06-01" and body["rows"][-1]["adoptiegraad"] == 0.667


@pytest.mark.parametrize("path", ["/rapportages/kraamkamer/", "/rapportages/belemmeringen/"])
def test_the_lab_reports_offer_csv_excel_and_json_like_the_others(client, path):
    page = parse_html(client.get(path).content)
    paragraph = next(p for p in page.find_all("p") if p.get_text().startswith("Downloaden:"))
    links = {a.get_text(): a["href"] for a in paragraph.find_all("a")}
    assert list(links) == ["CSV", "Excel", "JSON"]
    types = {
        name: client.get(path + href)["Content-Type"].split(";")[0] for name, href in links.items()
    }
    assert types == {
        "CSV": "text/csv",
        "Excel": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "JSON": "application/json",
    }
