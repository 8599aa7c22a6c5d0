import datetime

import pytest

from initiatives.models import Adoption, AdoptionChange
from initiatives.services import AdoptionUpdate, record_adoption
from tests.factories import MunicipalityFactory, editor_of, vng_editor


@pytest.fixture
def enschede(db):
    return MunicipalityFactory(code="GM0153", name="Enschede", province="Overijssel")


@pytest.fixture
def hengelo(db):
    return MunicipalityFactory(code="GM0164", name="Hengelo", province="Overijssel")


@pytest.fixture
def gibit(make_initiative):
    return make_initiative(title="GIBIT", slug="gibit")


@pytest.fixture
def roles(enschede, hengelo):
    """Who may try what: nobody, an editor of Enschede, an editor of Hengelo, VNG staff."""
    return {
        "anonymous": None,
        "editor_of_a": editor_of(enschede, username="redacteur-enschede"),
        "editor_of_b": editor_of(hengelo, username="redacteur-hengelo"),
        "vng": vng_editor(),
    }


def given_status(municipality, initiative, status="planned", note="", day=None):
    return record_adoption(
        AdoptionUpdate(
            municipality,
            initiative,
            status,
            day or datetime.date(2024, 1, 1),
            internal_note=note,
        ),
        user=None,
        source="form",
    )


def database_state():
    """Everything an attempt could change, to compare before and after."""
    return (
        list(Adoption.objects.order_by("pk").values()),
        list(AdoptionChange.objects.order_by("pk").values_list("pk", flat=True)),
    )
