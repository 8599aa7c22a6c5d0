import pytest
from django.test import override_settings

from search.indexing import rebuild
from tests.factories import (
    DomainFactory,
    LabIndexPageFactory,
    LabResultPageFactory,
    LivingLabPageFactory,
    MunicipalityFactory,
)


@pytest.fixture
def corpus(search_backend, make_initiative, home_page):
    """Initiatives, a lab with results, municipalities, indexed from scratch."""
    zorg = DomainFactory(slug="zorg", name="Zorg (Wmo)")
    security = DomainFactory(slug="informatiebeveiliging", name="Informatiebeveiliging")
    with override_settings(SEARCH_BACKEND="database"):
        ggk = make_initiative(
            title="Gegevensknooppunt",
            slug="ggk",
            summary="Berichten tussen gemeenten en zorgaanbieders.",
            kind="facility",
            phase="available",
            domains=[zorg],
        )
        bio = make_initiative(
            title="BIO",
            slug="bio",
            summary="Baseline voor de beveiliging van elke gemeente.",
            kind="standard",
            phase="available",
            domains=[security],
        )
        ensia = make_initiative(
            title="ENSIA",
            slug="ensia",
            summary="Verantwoording over informatiebeveiliging.",
            kind="method",
            phase="scaling",
            domains=[security],
        )
        host = MunicipalityFactory(
            code="GM0153", name="Enschede", province="Overijssel", population=160_000
        )
        MunicipalityFactory(code="GM0164", name="Hengelo", province="Overijssel", population=81_000)
        lab = LivingLabPageFactory(
            parent=LabIndexPageFactory(parent=home_page),
            title="Living Lab Oost",
            slug="oost",
            host=host,
            domains=[zorg],
        )
        LabResultPageFactory(
            parent=lab,
            title="Facturatie zorgaanbieders",
            slug="facturatie",
            question="Kunnen gemeenten zonder handwerk factureren?",
            recommendation="scale_up",
        )
    rebuild()
    return {"ggk": ggk, "bio": bio, "ensia": ensia, "lab": lab}
