"""schemathesis against the live OpenAPI schema: no 5xx, and reads conform to the schema."""

import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from initiatives.adoption.tokens import issue_api_token
from initiatives.models import Membership, Municipality
from tests.factories import editor_of

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.slow]

READ_CHECKS = ",".join(
    [
        "not_a_server_error",
        "response_schema_conformance",
        "status_code_conformance",
        "content_type_conformance",
    ]
)


@pytest.fixture
def schemathesis(live_server, tmp_path):
    """Runs schemathesis on the live schema of a site with the register and the demo data."""
    quiet = StringIO()
    call_command("load_municipalities", stdout=quiet)
    call_command("load_demo", stdout=quiet)
    executable = shutil.which("schemathesis", path=str(Path(sys.executable).parent))

    def run(*options):
        result = subprocess.run(
            [executable, "run", f"{live_server.url}/api/v1/openapi.json", "--seed", "1"]
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
    result = schemathesis(
        "--include-method", "GET", "--max-examples", "15", "--checks", READ_CHECKS
    )
    assert result.returncode == 0, result.stdout[-4000:]


def test_the_whole_api_with_a_writing_token_never_answers_5xx(schemathesis):
    """Every operation, PUT included, with a valid token of Enschede."""
    editor = editor_of(Municipality.objects.get(code="GM0153"), username="systeem-enschede")
    token = issue_api_token(Membership.objects.get(user=editor), "schemathesis")
    result = schemathesis(
        "--header",
        f"Authorization: Bearer {token}",
        "--max-examples",
        "40",
        "--checks",
        "not_a_server_error",
    )
    assert result.returncode == 0, result.stdout[-4000:]
