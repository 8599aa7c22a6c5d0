"""A visitor, the matrix and a developer's API call narrow the lists by the same filters,
under the same names (declared once in `initiatives.reporting.filters`)."""

import pytest

from initiatives.constants import Kind, Phase
from tests.factories import DomainFactory, MunicipalityFactory
from tests.helpers import parse_html

MUNICIPALITY_FILTER = {"province": "Overijssel", "size": "100k_plus"}


@pytest.fixture
def municipalities(db):
    MunicipalityFactory(code="GM0153", name="Enschede", province="Overijssel", population=160_000)
    MunicipalityFactory(code="GM0141", name="Almelo", province="Overijssel", population=9_000)
    MunicipalityFactory(code="GM0687", name="Middelburg", province="Zeeland", population=150_000)


def test_the_municipality_list_the_matrix_and_the_api_narrow_alike(client, municipalities):
    listed = parse_html(client.get("/gemeenten/", MUNICIPALITY_FILTER).content)
    matrix = client.get("/rapportages/matrix/", MUNICIPALITY_FILTER).context["matrix"]
    api = client.get("/api/v1/municipalities", MUNICIPALITY_FILTER).json()

    assert [row.get_text(strip=True) for row in listed.select("main tbody th[scope=row]")] == [
        "Enschede"
    ]
    assert [municipality.code for municipality, _statuses in matrix.rows] == ["GM0153"]
    assert [municipality["code"] for municipality in api] == ["GM0153"]


def test_the_api_still_accepts_its_former_name_of_the_size_filter(client, municipalities):
    former = client.get("/api/v1/municipalities", {"size_class": "100k_plus"}).json()
    current = client.get("/api/v1/municipalities", {"size": "100k_plus"}).json()

    assert [m["code"] for m in former] == [m["code"] for m in current] == ["GM0153", "GM0687"]


def test_the_initiative_list_and_the_api_narrow_alike(client, make_initiative):
    security = DomainFactory(slug="informatiebeveiliging")
    make_initiative(title="BIO", kind=Kind.STANDARD, phase=Phase.AVAILABLE, domains=[security])
    make_initiative(title="IBD", kind=Kind.FACILITY, phase=Phase.AVAILABLE, domains=[security])
    make_initiative(title="GBI", kind=Kind.STANDARD, phase=Phase.PILOT)
    chosen = {"domain": "informatiebeveiliging", "kind": "standard", "phase": "available"}

    listed = client.get("/initiatieven/", chosen).context["filter"].qs
    api = client.get("/api/v1/initiatives", chosen).json()

    assert [page.title for page in listed] == ["BIO"]
    assert [initiative["title"] for initiative in api] == ["BIO"]


def test_a_size_class_that_does_not_exist_is_refused_beside_the_filter(client, municipalities):
    page = parse_html(client.get("/gemeenten/", {"size": "reus"}).content)

    assert [error.get_text(strip=True) for error in page.select("#id_size_error")] == [
        "Selecteer een geldige keuze. reus is geen beschikbare keuze."
    ]


def test_a_size_class_that_does_not_exist_makes_no_matrix(client, municipalities):
    response = client.get("/rapportages/matrix/", {"size": "reus"})

    page = parse_html(response.content)
    assert response.status_code == 400
    assert [error.get_text(strip=True) for error in page.select("main [role=alert] li")] == [
        "Selecteer een geldige keuze. reus is geen beschikbare keuze."
    ]


def test_a_size_class_that_does_not_exist_is_refused_by_the_api(client, municipalities):
    response = client.get("/api/v1/municipalities", {"size": "reus"})

    problem = response.json()
    assert (response.status_code, problem["status"]) == (422, 422)
    assert "size" in problem["detail"]
