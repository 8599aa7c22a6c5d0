"""A data journalist downloads every dataset from /open-data/: complete, dated, described in
CSVW and in a DCAT catalogue, and telling the same numbers as the site's own reports on the
same day; a publication is switched in whole or not at all."""

import csv
import datetime
import io
import json
from dataclasses import replace

import pytest
import rdflib
import time_machine
from csvw import CSVW
from django.core.management import call_command
from django.utils import timezone

from initiatives.indicators.values import IndicatorValueUpdate, record_indicator_values
from initiatives.opendata import datasets as open_datasets
from initiatives.opendata.datasets import DATASETS
from initiatives.opendata.publishing import versions
from initiatives.reporting.gap import initiative_gap
from tests.factories import IndicatorFactory, MunicipalityFactory, PartnershipFactory
from tests.helpers import given_status, parse_html

pytestmark = pytest.mark.django_db

DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
DCT = rdflib.Namespace("http://purl.org/dc/terms/")
KINDS = ("csv", "json", "csv-metadata.json")


@pytest.fixture
def register(make_initiative, enschede, hengelo):
    """Two initiatives, a merged municipality, a partnership and an indicator with values."""
    gibit = make_initiative(title="GIBIT", slug="gibit", with_target=True)
    ground = make_initiative(title="Common Ground", slug="common-ground")
    amsterdam = MunicipalityFactory(code="GM0363", name="Amsterdam", province="Noord-Holland")
    weesp = MunicipalityFactory(code="GM0457", name="Weesp", merged_into=amsterdam)
    given_status(enschede, gibit, "implemented", day=datetime.date(2023, 3, 1))
    given_status(hengelo, gibit, "planned", day=datetime.date(2024, 5, 1))
    given_status(hengelo, gibit, "implemented", day=datetime.date(2025, 2, 1))
    given_status(weesp, gibit, "implemented", day=datetime.date(2020, 1, 1))
    given_status(amsterdam, ground, "not_applicable", day=datetime.date(2023, 1, 1))
    PartnershipFactory(name="Dimpact", members=[enschede, hengelo], initiatives=[gibit])
    payment_term = IndicatorFactory(slug="betaaltermijn")
    payment_term.initiatives.add(gibit)
    record_indicator_values(
        [
            IndicatorValueUpdate(payment_term, enschede, "2025", "17,5", "form"),
            IndicatorValueUpdate(payment_term, hengelo, "2025", "21", "form"),
        ],
        user=None,
    )
    return {"gibit": gibit, "common-ground": ground}


def published(client, slug, kind):
    response = client.get(f"/open-data/{slug}.{kind}")
    assert response.status_code == 200, (slug, kind)
    return b"".join(response.streaming_content)


def csv_rows(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def test_every_dataset_downloads_and_tells_the_same_numbers_as_the_reports(client, register):
    call_command("publish_open_data", stdout=io.StringIO())
    today = timezone.localdate()

    rows = {}
    for dataset in DATASETS:
        from_csv = csv_rows(published(client, dataset.slug, "csv"))
        from_json = json.loads(published(client, dataset.slug, "json"))
        assert [list(row) for row in from_csv[:1]] == [dataset.header][: len(from_csv[:1])]
        assert len(from_json["rows"]) == len(from_csv), dataset.slug
        assert from_json["peildatum"] == today.isoformat()
        rows[dataset.slug] = from_csv

    existing = [
        row
        for row in rows["gemeenten"]
        if row["bestaat_sinds"] <= today.isoformat()
        and (not row["opgeheven_op"] or today.isoformat() < row["opgeheven_op"])
    ]
    for slug, page in register.items():
        gap = initiative_gap(page, today)
        statuses = [row for row in rows["adoptiestatussen"] if row["initiatief"] == slug]
        existing_codes = {row["code"] for row in existing}
        for count in gap.counts:
            listed = [
                row
                for row in statuses
                if row["status"] == count.status and row["gemeente_code"] in existing_codes
            ]
            if count.status != "unknown":
                assert len(listed) == count.count, (slug, count.status)
        assert len(existing) == gap.rate.municipalities
    history = [row for row in rows["statusgeschiedenis"] if row["initiatief"] == "gibit"]
    assert [row["nieuwe_status"] for row in history if row["gemeente_code"] == "GM0164"] == [
        "planned",
        "implemented",
    ]
    weesp = next(row for row in rows["gemeenten"] if row["code"] == "GM0457")
    assert (weesp["opvolger_code"], weesp["opvolger_tooi"]) == (
        "GM0363",
        "https://identifier.overheid.nl/tooi/id/gemeente/gm0363",
    )
    assert {row["waarde"] for row in rows["indicatorwaarden"]} == {"17,5", "21"}
    assert {row["gemeente_code"] for row in rows["samenwerkingsverbanden"]} == {
        "GM0153",
        "GM0164",
    }


def test_no_internal_note_or_recorder_goes_into_any_dataset(client, register, enschede):
    given_status(enschede, register["common-ground"], "planned", note="Alleen voor ons: budget")
    call_command("publish_open_data", stdout=io.StringIO())

    for dataset in DATASETS:
        for kind in ("csv", "json"):
            assert "budget" not in published(client, dataset.slug, kind).decode("utf-8-sig")


def test_each_csv_is_valid_against_its_csvw_description(client, register, open_data_of_its_own):
    call_command("publish_open_data", stdout=io.StringIO())
    (version,) = versions(open_data_of_its_own)

    for dataset in DATASETS:
        described = CSVW(str(open_data_of_its_own / version / f"{dataset.slug}.csv-metadata.json"))
        assert described.is_valid, (dataset.slug, described.warnings)
        (table,) = described.tables
        assert [column.name for column in table.tableSchema.columns] == dataset.header
        assert len(list(table)) == len(csv_rows(published(client, dataset.slug, "csv")))


def test_the_dcat_catalogue_describes_every_dataset_and_its_files(client, register):
    call_command("publish_open_data", stdout=io.StringIO())
    response = client.get("/open-data/catalogus.jsonld")
    assert response["Content-Type"] == "application/ld+json"

    graph = rdflib.Graph().parse(data=response.content, format="json-ld")

    (catalogue,) = graph.subjects(rdflib.RDF.type, DCAT.Catalog)
    described = set(graph.objects(catalogue, DCAT.dataset))
    assert len(described) == len(DATASETS)
    for dataset in described:
        titles = {title.language for title in graph.objects(dataset, DCT.title)}
        assert titles == {"nl", "en"}
        for required in (DCT.description, DCT.publisher, DCT.license, DCAT.contactPoint):
            assert graph.value(dataset, required) is not None, required
        for distribution in graph.objects(dataset, DCAT.distribution):
            url = str(graph.value(distribution, DCAT.downloadURL))
            size = int(graph.value(distribution, DCAT.byteSize))
            path = url.removeprefix("http://testserver")
            assert len(b"".join(client.get(path).streaming_content)) == size, url
            assert graph.value(distribution, DCAT.mediaType) is not None


def test_a_publication_replaces_that_days_version_and_keeps_the_newest(
    client, register, open_data_of_its_own, enschede, settings
):
    settings.OPEN_DATA_KEEP = 2
    days = [
        datetime.datetime(2026, 12, day, 3, 0, tzinfo=timezone.get_current_timezone())
        for day in (5, 6, 7)
    ]
    for day in days:
        with time_machine.travel(day, tick=False):
            call_command("publish_open_data", stdout=io.StringIO())
    given_status(enschede, register["common-ground"], "planned", day=datetime.date(2026, 12, 7))
    with time_machine.travel(days[-1], tick=False):
        call_command("publish_open_data", stdout=io.StringIO())

    assert versions(open_data_of_its_own) == ["2026-12-07", "2026-12-06"]
    assert client.get("/open-data/2026-12-05/gemeenten.csv").status_code == 404
    kept = csv_rows(
        b"".join(client.get("/open-data/2026-12-06/adoptiestatussen.csv").streaming_content)
    )
    newest = csv_rows(published(client, "adoptiestatussen", "csv"))
    assert len(newest) == len(kept) + 1
    assert not list(open_data_of_its_own.glob(".*"))


def test_a_publication_that_fails_leaves_the_newest_version_as_it_was(
    client, register, open_data_of_its_own, monkeypatch
):
    with time_machine.travel(datetime.datetime(2026, 12, 6, 3, 0), tick=False):
        call_command("publish_open_data", stdout=io.StringIO())
    before = published(client, "gemeenten", "csv")

    def broken(lookups):
        yield from open_datasets._municipality_rows(lookups)
        raise ConnectionError("database gone")

    failing = tuple(
        replace(dataset, rows=broken) if dataset.slug == "statusgeschiedenis" else dataset
        for dataset in DATASETS
    )
    monkeypatch.setattr("initiatives.opendata.publishing.DATASETS", failing)
    with pytest.raises(ConnectionError):
        call_command("publish_open_data", stdout=io.StringIO())

    assert versions(open_data_of_its_own) == ["2026-12-06"]
    assert published(client, "gemeenten", "csv") == before
    assert not list(open_data_of_its_own.glob(".*"))


def test_keeping_no_version_is_refused_in_dutch_and_publishes_nothing(open_data_of_its_own):
    errors = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("publish_open_data", keep=0, stderr=errors, stdout=io.StringIO())

    assert "--keep moet minstens 1 zijn" in errors.getvalue()
    assert versions(open_data_of_its_own) == []


@pytest.mark.parametrize(
    "path",
    [
        "/open-data/geheim.csv",
        "/open-data/gemeenten.xlsx",
        "/open-data/2026-01-01/gemeenten.csv",
        "/open-data/manifest.json",
        "/open-data/gemeenten.csv/../../settings.py",
    ],
)
def test_an_unknown_file_or_version_is_not_found(client, register, path):
    call_command("publish_open_data", stdout=io.StringIO())

    assert client.get(path).status_code == 404


def test_the_page_lists_every_dataset_with_its_files_and_says_when_it_was_published(
    client, register
):
    empty = parse_html(client.get("/open-data/").content)
    assert "Er is nog niets gepubliceerd" in empty.select_one("p.lead").text
    with time_machine.travel(
        datetime.datetime(2026, 12, 8, 3, 15, tzinfo=timezone.get_current_timezone()), tick=False
    ):
        call_command("publish_open_data", stdout=io.StringIO())

    page = parse_html(client.get("/open-data/").content)
    english = parse_html(client.get("/en/open-data/").content)

    assert (
        page.select_one("p.lead").text.strip() == "Laatst gepubliceerd op 8 december 2026 om 03:15."
    )
    assert [section.h2["id"] for section in page.select("section.dataset")] == [
        dataset.slug for dataset in DATASETS
    ]
    links = [a["href"] for a in page.select("section#gemeenten, section.dataset ul.downloads a")]
    assert "/open-data/gemeenten.csv" in links
    assert english.select_one("p.lead").text.strip() == "Last published on Dec. 8, 2026 at 03:15."
    home = parse_html(client.get("/").content)
    note = " ".join(home.select_one("p.open-data-note").text.split())
    assert note == "Open data: alle datasets, laatst gepubliceerd op 8 december 2026."
