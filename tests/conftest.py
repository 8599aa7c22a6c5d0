import pytest
from wagtail.models import Site

from initiatives.adoption.tokens import issue_api_token
from initiatives.models import Membership
from tests.factories import (
    InitiativeIndexPageFactory,
    InitiativePageFactory,
    MunicipalityFactory,
    UserFactory,
    editor_of,
    vng_editor,
)


@pytest.fixture
def home_page(db):
    """The site root that the data migration creates."""
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def initiative_index(home_page):
    return InitiativeIndexPageFactory(parent=home_page)


@pytest.fixture
def make_initiative(initiative_index):
    """Create a published initiative page under /initiatieven/."""

    def make(**kwargs):
        return InitiativePageFactory(parent=initiative_index, **kwargs)

    return make


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


@pytest.fixture
def token_for(enschede, hengelo):
    """Issues a token for a system user who is a member of the municipality."""

    def issue(municipality):
        user = UserFactory(username=f"systeem-{municipality.code}")
        membership, _created = Membership.objects.get_or_create(
            user=user, municipality=municipality
        )
        return issue_api_token(membership, "Zaaksysteem")

    return issue
