"""One limit per kind of text, the same on every path: an explanation of 10,000 characters is
taken by the form, the import and the API alike, one more character is refused by each."""

import io
import json

import pytest

from initiatives.constants import MAX_TEXT_CHARACTERS
from initiatives.models import Adoption

pytestmark = pytest.mark.django_db

LONGEST = "x" * MAX_TEXT_CHARACTERS
TOO_LONG = LONGEST + "x"


def through_the_api(client, token_for, enschede, text):
    body = {
        "status": "implemented",
        "effective_date": "2024-05-01",
        "public_explanation": text,
    }
    return client.put(
        "/api/v1/adoptions/GM0153/gibit",
        json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token_for(enschede)}",
    ).status_code


def through_the_import(client, roles, text):
    client.force_login(roles["editor_of_a"])
    rows = [
        "gemeentecode;initiatief;status;datum;toelichting",
        f"GM0153;gibit;implemented;2024-05-01;{text}",
    ]
    upload = io.BytesIO("\n".join(rows).encode())
    upload.name = "statussen.csv"
    response = client.post("/admin/adoptie/import/", {"file": upload})
    return response.context["result"]


def test_the_api_takes_the_longest_explanation_and_refuses_one_more(
    client, token_for, enschede, gibit
):
    assert through_the_api(client, token_for, enschede, TOO_LONG) == 422
    assert not Adoption.objects.exists()
    assert through_the_api(client, token_for, enschede, LONGEST) == 201
    assert len(Adoption.objects.get().public_explanation) == MAX_TEXT_CHARACTERS


def test_the_import_takes_the_longest_explanation_and_refuses_one_more(
    client, roles, enschede, gibit
):
    refused = through_the_import(client, roles, TOO_LONG)
    assert [error.message for error in refused.errors] == [
        f"de cel is {MAX_TEXT_CHARACTERS + 1} tekens lang; het maximum is {MAX_TEXT_CHARACTERS}."
    ]
    assert through_the_import(client, roles, LONGEST).errors == []
