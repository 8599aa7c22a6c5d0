import pytest
from wagtail.models import Site

from tests.factories import InitiativeIndexPageFactory, InitiativePageFactory


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
