import pytest
import time_machine
from django.conf import settings
from django.core.cache import caches
from django.utils import translation
from wagtail.models import Site
from xdist.scheduler import LoadScopeScheduling

from initiatives.adoption.tokens import issue_api_token
from initiatives.models import Membership
from tests import smtp_server
from tests.elasticsearch_node import URL as ELASTICSEARCH_URL
from tests.elasticsearch_node import needs_elasticsearch, version
from tests.factories import (
    InitiativeIndexPageFactory,
    InitiativePageFactory,
    MunicipalityFactory,
    UserFactory,
)
from tests.helpers import FROZEN_AT
from tests.source_server import SourceServer


class BrowserTestsTogether(LoadScopeScheduling):
    """Every browser test on one worker, which starts one server for them; the schema tests
    together on the other; any other test wherever a worker is free. Scopes start largest
    first, so the two long ones start at once. (`--dist loadgroup` ignores `xdist_group`
    under pytest 9.)"""

    def _split_scope(self, nodeid):
        if nodeid.startswith("tests/browser/"):
            return "tests/browser"
        if nodeid.startswith("tests/api/test_schema_contract.py"):
            return "tests/api/test_schema_contract.py"
        return nodeid


@pytest.fixture(autouse=True)
def frozen_clock(request):
    """Every test runs on TODAY, the clock ticking from there (so timeouts still pass); the
    browser's site is a process of its own, and benchmarks measure real time."""
    if request.node.get_closest_marker("browser") or request.node.get_closest_marker("benchmark"):
        yield None
        return
    with time_machine.travel(FROZEN_AT, tick=True) as traveller:
        yield traveller


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """`make test` runs on two workers with BrowserTestsTogether."""
    return BrowserTestsTogether(config, log)


def pytest_report_header(config):
    """Which search engine the run talks to, with the Elasticsearch node's version."""
    if not ELASTICSEARCH_URL:
        return "search: database backend (ELASTICSEARCH_URL is not set)"
    return f"search: Elasticsearch {version(ELASTICSEARCH_URL)} at {ELASTICSEARCH_URL}"


@pytest.fixture(
    params=[
        pytest.param("database", id="database"),
        pytest.param("elasticsearch", id="elasticsearch", marks=needs_elasticsearch),
    ]
)
def search_backend(request, settings):
    """Each search backend in turn: the database, and Elasticsearch when a node runs."""
    settings.SEARCH_BACKEND = request.param
    if request.param == "elasticsearch":
        settings.ELASTICSEARCH_URL = ELASTICSEARCH_URL
    return request.param


@pytest.fixture(autouse=True)
def dutch_by_default():
    """Every test starts in Dutch: a request to /en/ leaves English active in the thread,
    which made a later test's messages English depending on the order tests ran in."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def open_data_of_its_own(settings, tmp_path):
    """Each test publishes open data into a directory of its own: none at first."""
    settings.OPEN_DATA_ROOT = tmp_path / "open-data"
    return settings.OPEN_DATA_ROOT


@pytest.fixture(autouse=True)
def empty_process_cache():
    """Each test starts with an empty process cache: its keys are data versions, which start
    again from nothing in every test's database, so a key of one test could name another
    test's data."""
    caches["default"].clear()


@pytest.fixture
def source_server(settings):
    """A real HTTP server on loopback serving the public files a test puts in it; the fetch
    policy lets the server reach loopback for this test only (it stands for a public host)."""
    settings.FETCH_ALLOW_LOOPBACK = True
    server = SourceServer()
    yield server
    server.stop()


@pytest.fixture
def internal_server():
    """A real HTTP server on loopback that stands for an internal service: the fetch policy
    (loopback not allowed, as in every deployment) must never reach it."""
    server = SourceServer()
    yield server
    server.stop()


@pytest.fixture
def smtp_inbox(settings):
    """Mail goes through Django's SMTP backend to a real SMTP server on loopback."""
    controller, inbox = smtp_server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = controller.hostname, controller.port
    yield inbox
    controller.stop()


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
        "editor_of_a": UserFactory(username="redacteur-enschede", editor_of=[enschede]),
        "editor_of_b": UserFactory(username="redacteur-hengelo", editor_of=[hengelo]),
        "vng": UserFactory(username="vng", vng_editor=True),
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
