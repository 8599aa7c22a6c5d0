"""Writers at the same moment get a defined answer, never a 5xx, and history stays complete."""

import json
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from initiatives.adoption.imports import confirm_import, start_import
from initiatives.constants import ImportState
from initiatives.models import Adoption, AdoptionChange
from tests.factories import MunicipalityFactory, UserFactory

# serialized_rollback keeps the site and home page that migrations create.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WRITERS = 8


def put(url, token, body):
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        method="PUT",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_eight_parallel_writers_on_one_new_record_all_get_an_answer(
    live_server, token_for, enschede, gibit
):
    token = token_for(enschede)
    url = f"{live_server.url}/api/v1/adoptions/GM0153/gibit"
    bodies = [
        {"status": "implemented", "effective_date": "2025-01-01", "public_explanation": f"n{n}"}
        for n in range(WRITERS)
    ]
    with ThreadPoolExecutor(WRITERS) as pool:
        codes = list(pool.map(lambda body: put(url, token, body), bodies))
    assert not [code for code in codes if code >= 500], codes
    written = [code for code in codes if code in (200, 201)]
    assert codes.count(201) == 1 and len(written) == WRITERS
    adoption = Adoption.objects.get()
    assert adoption.version == WRITERS
    assert AdoptionChange.objects.count() == len(written)


def test_two_imports_confirmed_at_once_both_land_with_complete_history(gibit):
    municipalities = [MunicipalityFactory() for _ in range(30)]
    editors = [UserFactory(username=f"vng-{n}", vng_editor=True) for n in range(2)]

    def file(explanation):
        rows = [f"{m.code};gibit;implemented;2025-01-01;{explanation}" for m in municipalities]
        return "\r\n".join(["gemeentecode;initiatief;status;datum;toelichting", *rows]).encode()

    batches = [
        start_import(file(f"import {n}"), f"import-{n}.csv", editor).batch
        for n, editor in enumerate(editors)
    ]

    def confirm(pair):
        batch, editor = pair
        try:
            return confirm_import(batch, editor).batch
        finally:
            connection.close()

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(confirm, zip(batches, editors, strict=True)))
    assert [batch.state for batch in results] == [ImportState.APPLIED, ImportState.APPLIED]
    changed = sum(batch.rows_new + batch.rows_changed for batch in results)
    assert changed == 60
    assert AdoptionChange.objects.count() == changed
    assert Adoption.objects.count() == 30
