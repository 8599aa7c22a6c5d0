"""Importing a file that names municipalities as people write them, or by TOOI URI."""

import pytest

from initiatives.adoption.imports import confirm_import, start_import
from initiatives.adoption.register import load_register
from initiatives.models import Adoption, Municipality
from tests.factories import UserFactory
from tests.helpers import database_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def vng(gibit):
    load_register()
    return UserFactory(vng_editor=True)


def csv_file(header, *rows):
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


def test_the_dry_run_shows_which_municipality_each_name_matched_and_how(vng):
    content = csv_file(
        "gemeentenaam;initiatief;status;datum",
        "Gemeente Den Haag;gibit;implemented;2025-06-01",
        "Enchede;gibit;planned;2025-06-01",
        "Bedum;gibit;planned;2018-06-01",
        "Bedum;gibit;implemented;2025-06-01",
    )
    result = start_import(content, "namen.csv", vng)
    assert result.errors == []
    matched = {row.row: row.matched for row in result.preview}
    assert matched == {
        2: "‘Gemeente Den Haag’ → 's-Gravenhage (GM0518) (bekende andere naam)",
        3: "‘Enchede’ → Enschede (GM0153) (bijna gelijke naam)",
        4: "‘Bedum’ → Bedum (GM0005) (naam)",
        5: "‘Bedum’ → Het Hogeland (GM1966) (opgeheven gemeente, nu opvolger: Bedum (GM0005))",
    }
    assert not Adoption.objects.exists()
    confirm_import(result.batch, vng)
    assert set(Adoption.objects.values_list("municipality__code", flat=True)) == {
        "GM0518",
        "GM0153",
        "GM0005",
        "GM1966",
    }


def test_a_name_that_needs_a_decision_is_an_error_naming_the_candidates(vng):
    content = csv_file(
        "gemeentenaam;initiatief;status;datum",
        "Enschede;gibit;implemented;2025-06-01",
        "Bergen;gibit;implemented;2025-06-01",
        "Provincie Utrecht;gibit;implemented;2025-06-01",
    )
    before = database_state()
    result = start_import(content, "namen.csv", vng)
    assert [str(error) for error in result.errors] == [
        "Rij 3, kolom ‘gemeentenaam’: ‘Bergen’ is niet eenduidig: Bergen (L.) (GM0893) of "
        "Bergen (NH.) (GM0373). Leg vast welke gemeente het is, of gebruik de gemeentecode.",
        "Rij 4, kolom ‘gemeentenaam’: ‘Provincie Utrecht’ is geen gemeente.",
    ]
    assert database_state() == before


def test_a_tooi_uri_or_code_with_a_contradicting_name_is_refused(vng):
    content = csv_file(
        "gemeentecode;gemeentenaam;initiatief;status;datum",
        "https://identifier.overheid.nl/tooi/id/gemeente/gm0153;Enschede;gibit;planned;2025-06-01",
        "GM0164;Enschede;gibit;planned;2025-06-01",
    )
    result = start_import(content, "codes.csv", vng)
    assert [str(error) for error in result.errors] == [
        "Rij 3, kolom ‘gemeentenaam’: gemeentecode GM0164 is Hengelo (O.) (GM0164), maar de "
        "naam is Enschede (GM0153)."
    ]


def test_an_export_with_code_tooi_and_name_imports_again_unchanged(client, vng, gibit):
    start = csv_file(
        "tooi;initiatief;status;datum",
        "https://identifier.overheid.nl/tooi/id/gemeente/gm0153;gibit;planned;2025-06-01",
    )
    confirm_import(start_import(start, "tooi.csv", vng).batch, vng)
    assert Adoption.objects.get().municipality == Municipality.objects.get(code="GM0153")
    client.force_login(vng)
    exported = b"".join(client.get("/admin/adoptie/export/?format=csv").streaming_content)
    result = start_import(exported, "export.csv", vng)
    assert result.errors == []
    assert [row.outcome for row in result.preview] == ["unchanged"]


def test_a_code_and_a_tooi_uri_that_name_different_municipalities_are_refused(vng):
    tooi = "https://identifier.overheid.nl/tooi/id/gemeente/gm0164"
    content = csv_file(
        "gemeentecode;tooi;initiatief;status;datum",
        f"GM0153;{tooi};gibit;planned;2025-06-01",
        "GM0153;https://identifier.overheid.nl/tooi/id/gemeente/gm0153;gibit;planned;2025-06-01",
    )
    before = database_state()
    result = start_import(content, "codes.csv", vng)
    assert [str(error) for error in result.errors] == [
        f"Rij 2, kolom ‘tooi’: gemeentecode GM0153 en tooi {tooi} noemen verschillende gemeenten."
    ]
    assert database_state() == before
