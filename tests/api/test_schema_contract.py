"""schemathesis against the live OpenAPI schema: no 5xx and no schema violations on reads."""

import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CHECKS = ",".join(
    [
        "not_a_server_error",
        "response_schema_conformance",
        "status_code_conformance",
        "content_type_conformance",
    ]
)


def test_read_endpoints_conform_to_the_published_schema(live_server, tmp_path):
    quiet = StringIO()
    call_command("load_municipalities", stdout=quiet)
    call_command("load_demo", stdout=quiet)
    executable = shutil.which("schemathesis", path=str(Path(sys.executable).parent))
    result = subprocess.run(
        [
            executable,
            "run",
            f"{live_server.url}/api/v1/openapi.json",
            "--include-method",
            "GET",
            "--max-examples",
            "15",
            "--seed",
            "1",
            "--checks",
            CHECKS,
            "--no-color",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,  # schemathesis keeps a cache in the working directory
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-4000:]
