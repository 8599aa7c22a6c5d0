"""schemathesis against the live OpenAPI schema: no 5xx, and reads conform to the schema.

The API is served by `tests.live_site` (its own server and database, set up like `make run`),
so these long tests need no transactional test database and start first on a worker.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.live_site import running_site

pytestmark = pytest.mark.slow

CONFIG = Path(__file__).with_name("schemathesis.toml")
# An account of Enschede with a token: every operation, PUT included, can be tried.
WRITER = """
from initiatives.adoption.tokens import issue_api_token
from initiatives.models import Membership, Municipality
from initiatives.permissions import grant_municipal_editor
from django.contrib.auth import get_user_model
user = get_user_model().objects.create_user("systeem-enschede")
grant_municipal_editor(user, Municipality.objects.get(code="GM0153"))
print(issue_api_token(Membership.objects.get(user=user), "schemathesis"))
"""


@pytest.fixture(scope="module")
def api_site(tmp_path_factory):
    """The running site, and the writing token of Enschede's system."""
    with running_site(tmp_path_factory.mktemp("api"), "api") as site:
        site.token = site.manage("shell", "-c", WRITER).strip().splitlines()[-1]
        yield site


@pytest.fixture
def schemathesis(api_site, tmp_path):
    """Runs schemathesis on the live schema of a site with the register and the demo data."""
    executable = shutil.which("schemathesis", path=str(Path(sys.executable).parent))

    def run(*options):
        result = subprocess.run(
            [executable, "--config-file", str(CONFIG), "run"]
            + [f"{api_site.url}/api/v1/openapi.json", "--seed", "1"]
            + ["--no-color", *options],
            capture_output=True,
            text=True,
            cwd=tmp_path,  # schemathesis keeps a cache in the working directory
            timeout=900,
        )
        print(result.stdout[-1500:])
        return result

    return run


def test_read_endpoints_conform_to_the_published_schema(schemathesis):
    """Every check schemathesis has: no 5xx, answers, status codes and media types as
    documented, and what the schema allows accepted or refused with a documented 400."""
    result = schemathesis("--include-method", "GET", "--max-examples", "15", "--checks", "all")
    assert result.returncode == 0, result.stdout[-4000:]


def test_the_whole_api_with_a_writing_token_never_answers_5xx(schemathesis, api_site):
    """Every operation, PUT included, with a valid token of Enschede."""
    result = schemathesis(
        "--header",
        f"Authorization: Bearer {api_site.token}",
        "--max-examples",
        "40",
        "--checks",
        "not_a_server_error",
    )
    assert result.returncode == 0, result.stdout[-4000:]
