"""Every percentage a reader sees is the share of its own counts, rounded half up to one
decimal, on the page and in its download: 1 of 6 is 16,7 %, 14 of 48 is 29,2 %."""

import csv
import datetime
import io
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest

from initiatives.adoption.service import record_adoptions
from initiatives.adoption.updates import AdoptionUpdate
from tests.factories import MunicipalityFactory
from tests.helpers import parse_html

pytestmark = pytest.mark.django_db

PERCENT = re.compile(r"(\d+(?:,\d)?)\u00a0%")


def rounded(implemented: int, denominator: int) -> Decimal:
    """The truth, from the counts with exact decimals (not the code under test)."""
    return (Decimal(implemented) * 100 / Decimal(denominator)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


def read(text: str) -> Decimal:
    """ "16,7 %" → 16.7"""
    return Decimal(PERCENT.search(text).group(1).replace(",", "."))


@pytest.fixture
def provinces(make_initiative, home_page):
    """Flevoland: 1 of 6 implemented. Gelderland: 14 of 48, and one where it does not apply.
    Everyone in one size class (about 50,000 inhabitants)."""
    initiative = make_initiative(
        title="ENSIA", slug="ensia", started_on=datetime.date(2015, 1, 1), with_target=True
    )
    statuses = {"Flevoland": ["implemented"] + ["planned"] * 5}
    statuses["Gelderland"] = ["implemented"] * 14 + ["exploring"] * 34 + ["not_applicable"]
    world = []
    for province, province_statuses in statuses.items():
        for number, status in enumerate(province_statuses):
            municipality = MunicipalityFactory(
                name=f"{province} {number:02}", province=province, population=50_000
            )
            world.append((municipality, status))
    record_adoptions(
        [AdoptionUpdate(m, initiative, s, datetime.date(2024, 1, 1)) for m, s in world],
        user=None,
        source="import",
    )
    return initiative, world


def test_the_gap_report_and_its_csv_show_the_rounded_share_of_their_counts(client, provinces):
    page = parse_html(client.get("/rapportages/initiatieven/ensia/").content)
    rate = page.select_one("p.rate").get_text()
    implemented, denominator = map(int, re.search(r"\((\d+) van (\d+)", rate).groups())
    assert (implemented, denominator) == (15, 54)
    assert read(rate) == rounded(15, 54) == Decimal("27.8")

    rows = {}
    for table in page.select("table.stacked"):
        for row in table.tbody.find_all("tr"):
            cells = {td["data-label"]: td.get_text() for td in row.find_all("td")}
            if "Adoptiegraad" in cells:
                rows[row.th.get_text()] = cells
    for cells in rows.values():
        counts = int(cells["Geïmplementeerd"]), int(cells["Gemeenten (excl. n.v.t.)"])
        assert read(cells["Adoptiegraad"]) == rounded(*counts)
    assert read(rows["Flevoland"]["Adoptiegraad"]) == Decimal("16.7")
    assert read(rows["Gelderland"]["Adoptiegraad"]) == Decimal("29.2")

    response = client.get("/rapportages/initiatieven/ensia/", {"format": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    statuses = [row["status"] for row in csv.DictReader(io.StringIO(text), delimiter=";")]
    counted = statuses.count("implemented"), len(statuses) - statuses.count("not_applicable")
    assert rounded(*counted) == read(rate)


def test_the_home_page_shows_the_rounded_share_of_its_counts(client, provinces):
    page = parse_html(client.get("/").content)
    map_rate = next(p for p in page.find_all("p") if p.get_text().startswith("Adoptiegraad"))
    counts = map(int, re.search(r"\((\d+) van (\d+)", map_rate.get_text()).groups())
    assert read(map_rate.get_text()) == rounded(*counts) == Decimal("27.8")
    target_row = page.find(id="targets-heading").parent.tbody.tr
    assert read(target_row.find("td", attrs={"data-label": "Ingevoerd"}).get_text()) == Decimal(
        "27.8"
    )


def test_the_scorecard_and_its_csv_show_the_rounded_share_of_the_peers(client, provinces):
    _initiative, world = provinces
    own, _status = next((m, s) for m, s in world if m.name == "Flevoland 00")
    peers = [(m, s) for m, s in world if m != own and s != "not_applicable"]
    in_province = [(m, s) for m, s in peers if m.province == own.province]

    def share(group):
        return rounded(sum(s == "implemented" for _m, s in group), len(group))

    page = parse_html(client.get(f"/gemeenten/{own.code}/").content)
    row = page.select_one("table.stacked tbody tr")
    cells = {td["data-label"]: td.get_text() for td in row.find_all("td")}
    assert read(cells["Zelfde grootteklasse"]) == share(peers)
    assert read(cells["In Flevoland"]) == share(in_province) == Decimal("0.0")

    response = client.get(f"/rapportages/gemeenten/{own.code}/", {"format": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    line = next(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert Decimal(line["aandeel_grootteklasse"].replace(",", ".")) * 100 == share(peers)
    assert read(line["aandeel_grootteklasse_tekst"]) == share(peers)
    assert read(line["aandeel_provincie_tekst"]) == share(in_province)
