"""A developer at a municipality reads the API the way developer.overheid.nl checks Dutch
government APIs: the OpenAPI document meets the core NLGov REST API Design Rules (linted by
Spectral with the project's ruleset), and every answer says which version gave it."""

import json
import subprocess
from pathlib import Path

import pytest

from labregister.api import API_VERSION

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
SPECTRAL = ROOT / "node_modules" / ".bin" / "spectral"
RULESET = Path(__file__).with_name("nlgov-api-design-rules.spectral.yaml")
# Warnings the README explains; anything else is a finding.
KEPT_WARNINGS = {"core-query-keys-camel-case"}


def lint(document: dict, tmp_path) -> list[dict]:
    """Spectral's findings on `document` under the project's ruleset."""
    path = tmp_path / "openapi.json"
    path.write_text(json.dumps(document))
    run = subprocess.run(
        [
            str(SPECTRAL),
            "lint",
            str(path),
            "--ruleset",
            str(RULESET),
            "--format",
            "json",
            "--quiet",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode in (0, 1), run.stderr
    return json.loads(run.stdout or "[]")


def test_the_published_openapi_document_has_no_error_under_the_design_rules(client, tmp_path):
    document = client.get("/api/v1/openapi.json").json()

    findings = lint(document, tmp_path)

    errors = [finding for finding in findings if finding["severity"] == 0]
    assert errors == []
    assert {finding["code"] for finding in findings} <= KEPT_WARNINGS
    assert document["info"]["version"] == API_VERSION
    assert document["servers"] == [
        {"url": "/api/v1", "description": "Labregister API, major version 1"}
    ]


def test_the_ruleset_finds_each_broken_rule(tmp_path):
    broken = {
        "openapi": "3.1.0",
        "info": {"title": "Kapot", "version": "1"},
        "servers": [{"url": "https://example.org/api"}],
        "paths": {
            "/Initiatives_list/": {
                "get": {
                    "operationId": "list",
                    "parameters": [{"name": "as_of", "in": "query", "schema": {"type": "string"}}],
                    "responses": {
                        "200": {"description": "ok"},
                        "404": {
                            "description": "niet gevonden",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        },
                    },
                }
            }
        },
    }

    codes = {finding["code"] for finding in lint(broken, tmp_path)}

    assert codes >= {
        "core-semver-info-version",
        "core-doc-openapi-contact",
        "core-uri-version",
        "core-no-trailing-slash",
        "core-path-segments-kebab-case",
        "core-version-header",
        "core-problem-details",
        "core-invalid-input",
        "core-query-keys-camel-case",
    }


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/initiatives",
        "/api/v1/initiatives/bestaat-niet",
        "/api/v1/adoptions?as_of=gisteren",
        "/api/v1/openapi.json",
        "/api/v1/docs",
    ],
)
def test_every_answer_of_the_api_says_its_full_version(client, path):
    assert client.get(path)["API-Version"] == API_VERSION


def test_pages_outside_the_api_carry_no_api_version(client):
    assert "API-Version" not in client.get("/open-data/")
