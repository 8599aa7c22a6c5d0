import pytest

from tests.factories import (
    LabIndexPageFactory,
    LivingLabPageFactory,
    MunicipalityFactory,
    UserFactory,
)


@pytest.fixture
def lab_index(home_page):
    return LabIndexPageFactory(parent=home_page)


@pytest.fixture
def enschede_lab(lab_index):
    host = MunicipalityFactory(code="GM0153", name="Enschede")
    return LivingLabPageFactory(parent=lab_index, title="Living Lab Oost", slug="oost", host=host)


@pytest.fixture
def other_lab(lab_index):
    return LivingLabPageFactory(parent=lab_index, title="Ander lab", slug="ander-lab")


@pytest.fixture
def contributor(enschede_lab):
    return UserFactory(username="bijdrager", contributor_of=[enschede_lab])


@pytest.fixture
def reviewer(db):
    return UserFactory(username="vng-beoordelaar", vng_editor=True)
