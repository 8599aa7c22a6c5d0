import datetime

import pytest

from initiatives.adoption.service import record_adoptions
from initiatives.adoption.updates import AdoptionUpdate
from initiatives.constants import AdoptionStatus, Kind, Phase
from tests.factories import DomainFactory, MunicipalityFactory
from tests.helpers import parse_html

pytestmark = pytest.mark.django_db


def record(pairs, day=datetime.date(2024, 1, 1)):
    record_adoptions(
        [AdoptionUpdate(m, i, status, day) for m, i, status in pairs],
        user=None,
        source="form",
    )


def status_count(response, status):
    return next(row.count for row in response.context["gap"].counts if row.status == status)


def test_initiative_page_counts_every_current_municipality_with_unknown_as_unknown(
    client, make_initiative
):
    initiative = make_initiative(slug="common-ground")
    implemented, planned, silent = MunicipalityFactory.create_batch(3)
    merged_away = MunicipalityFactory(merged=True)
    record([(implemented, initiative, "implemented"), (planned, initiative, "planned")])
    record([(merged_away, initiative, "implemented")], day=datetime.date(2020, 1, 1))

    response = client.get("/initiatieven/common-ground/")

    assert response.status_code == 200
    assert status_count(response, "implemented") == 1
    assert status_count(response, "planned") == 1
    assert status_count(response, "unknown") == 1
    assert sum(row.count for row in response.context["gap"].counts) == 3
    assert "Onbekend" in response.content.decode()


def test_scorecard_shows_every_initiative_with_its_status_or_unknown(client, make_initiative):
    enschede = MunicipalityFactory(code="GM0153", name="Enschede", province="Overijssel")
    known = make_initiative(title="GIBIT")
    make_initiative(title="ENSIA")
    record([(enschede, known, AdoptionStatus.IMPLEMENTED)])

    response = client.get("/gemeenten/GM0153/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Enschede" in html and "Overijssel" in html
    statuses = {
        row.initiative.title: str(row.status_label) for row in response.context["report"].lines
    }
    assert statuses == {"GIBIT": "Geïmplementeerd", "ENSIA": "Onbekend"}


@pytest.mark.parametrize("path", ["/gemeenten/GM9999/", "/gemeenten/enschede/"])
def test_unknown_municipality_gives_a_dutch_404(client, path):
    MunicipalityFactory(code="GM0153", name="Enschede")
    response = client.get(path)
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_ended_municipality_names_its_successor(client):
    amsterdam = MunicipalityFactory(code="GM0363", name="Amsterdam")
    MunicipalityFactory(code="GM0457", name="Weesp", merged_into=amsterdam)
    page = parse_html(client.get("/gemeenten/GM0457/").content)
    (notice,) = [p for p in page.select("main p") if "niet meer" in p.get_text()]
    assert " ".join(notice.get_text().split()) == (
        "Deze gemeente bestaat sinds 24 maart 2022 niet meer. Opvolger: Amsterdam."
    )
    assert notice.a["href"] == "/gemeenten/GM0363/"


def test_municipality_list_filters_by_province_and_size_class(client):
    MunicipalityFactory(name="Groot", province="Overijssel", population=150_000)
    MunicipalityFactory(name="Klein", province="Overijssel", population=9_000)
    MunicipalityFactory(name="Elders", province="Zeeland", population=150_000)

    response = client.get("/gemeenten/", {"province": "Overijssel", "size": "100k_plus"})

    assert [m.name for m in response.context["filter"].qs] == ["Groot"]


def test_municipality_list_shows_only_existing_municipalities(client):
    MunicipalityFactory(name="Bestaat")
    MunicipalityFactory(name="Opgeheven", valid_until=datetime.date(2019, 1, 1))
    assert [m.name for m in client.get("/gemeenten/").context["filter"].qs] == ["Bestaat"]


def test_initiative_list_filters_by_domain_kind_and_phase(client, make_initiative):
    security = DomainFactory(slug="informatiebeveiliging")
    make_initiative(title="BIO", kind=Kind.STANDARD, phase=Phase.AVAILABLE, domains=[security])
    make_initiative(title="IBD", kind=Kind.FACILITY, phase=Phase.AVAILABLE, domains=[security])
    make_initiative(title="GBI", kind=Kind.STANDARD, phase=Phase.PILOT)

    response = client.get(
        "/initiatieven/",
        {"domain": "informatiebeveiliging", "kind": "standard", "phase": "available"},
    )

    assert [page.title for page in response.context["filter"].qs] == ["BIO"]


@pytest.mark.parametrize("municipality_count", [3, 40])
def test_initiative_page_and_scorecard_issue_a_bounded_number_of_queries(
    client, make_initiative, django_assert_max_num_queries, municipality_count
):
    initiatives = [make_initiative(slug=f"initiatief-q{n}") for n in range(5)]
    municipalities = MunicipalityFactory.create_batch(municipality_count)
    record([(m, i, "implemented") for m in municipalities for i in initiatives])
    first = municipalities[0]

    # 22: the last one lists the indicators that measure the initiative (none here).
    with django_assert_max_num_queries(22):
        assert client.get("/initiatieven/initiatief-q0/").status_code == 200
    # 23: one reads the data version for the page cache, one that of the peer groups and
    # one that of the pages for what scorecards share in the process cache (empty here: the
    # peer counts, the peer medians' implemented tallies and the published initiatives are
    # read); the first visit stores the site's settings; the pages of the lines shown are
    # loaded in one query.
    with django_assert_max_num_queries(23):
        assert client.get(f"/gemeenten/{first.code}/").status_code == 200
