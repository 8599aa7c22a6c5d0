"""Bulk import with real files written by the test: encodings, separators, XLSX, bad input."""

import datetime
import io
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl import Workbook, load_workbook

from initiatives.adoption.import_files import COLUMNS
from initiatives.adoption.imports import confirm_import, start_import
from initiatives.models import Adoption, AdoptionChange, AdoptionImport
from tests.factories import MunicipalityFactory
from tests.helpers import CODE_COLUMNS, TODAY, database_state, given_status

pytestmark = pytest.mark.django_db

HEADER = ",".join(CODE_COLUMNS)


@pytest.fixture
def editor(roles):
    return roles["editor_of_a"]


def csv_bytes(rows, delimiter=",", encoding="utf-8", header=HEADER):
    lines = [header.replace(",", delimiter), *[delimiter.join(row) for row in rows]]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def xlsx_bytes(rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(CODE_COLUMNS))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def import_file(content, user, name="statussen.csv"):
    result = start_import(content, name, user)
    if not result.errors:
        result = confirm_import(result.batch, user)
    return result


ENSCHEDE_ROW = ("GM0153", "gibit", "Geïmplementeerd", "01-03-2024", "Eigen opgave", "", "Ja")


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(csv_bytes([ENSCHEDE_ROW]), id="utf8-comma"),
        pytest.param(b"\xef\xbb\xbf" + csv_bytes([ENSCHEDE_ROW], ";"), id="utf8-bom-semicolon"),
        pytest.param(csv_bytes([ENSCHEDE_ROW], ";", "cp1252"), id="cp1252-semicolon"),
        pytest.param(
            csv_bytes(
                [("GM0153", "GIBIT", "implemented", "2024-03-01", "self_reported", "", "Ja")]
            ),
            id="codes-instead-of-labels",
        ),
    ],
)
def test_files_as_dutch_excel_writes_them_are_imported(content, editor, enschede, gibit):
    result = import_file(content, editor)
    assert result.errors == []
    adoption = Adoption.objects.get()
    assert (adoption.status, adoption.evidence_level, adoption.status_since) == (
        "implemented",
        "self_reported",
        datetime.date(2024, 3, 1),
    )
    assert adoption.public_explanation == "Ja"
    change = AdoptionChange.objects.get()
    assert (change.source, change.import_batch) == ("import", result.batch)
    assert result.batch.state == "applied" and result.batch.rows_new == 1


def test_dutch_labels_are_read_while_the_editor_uses_the_english_admin(editor, enschede, gibit):
    with translation.override("en"):
        result = import_file(csv_bytes([ENSCHEDE_ROW]), editor)
    assert result.errors == []
    assert Adoption.objects.get().status == "implemented"


def test_xlsx_files_are_imported_with_real_dates(editor, enschede, gibit):
    row = ("GM0153", "gibit", "planned", datetime.datetime(2024, 3, 1), "", "", "")
    assert import_file(xlsx_bytes([row]), editor, "statussen.xlsx").errors == []
    assert Adoption.objects.get().status_since == datetime.date(2024, 3, 1)


def test_the_preview_shows_per_row_what_would_change_and_writes_nothing(
    editor, enschede, gibit, make_initiative
):
    ensia = make_initiative(title="ENSIA", slug="ensia")
    given_status(enschede, gibit, "planned")
    given_status(enschede, ensia, "planned")
    before = database_state()
    content = csv_bytes(
        [
            ("GM0153", "gibit", "implemented", "2024-03-01", "", "", ""),
            ("GM0153", "ensia", "planned", "2024-01-01", "", "", ""),
        ]
    )
    result = start_import(content, "statussen.csv", editor)
    assert [(row.row, row.outcome) for row in result.preview] == [(2, "changed"), (3, "unchanged")]
    assert result.batch.state == "previewed"
    assert database_state() == before


def test_a_dry_run_does_not_even_write_and_roll_back_the_records_nor_rewrite_the_file(
    editor, enschede, gibit
):
    """Rows written and rolled back stay behind as dead rows until a vacuum, and slow the
    newest-first read of every cached page's data version."""
    given_status(enschede, gibit, "planned")
    content = csv_bytes([("GM0153", "gibit", "implemented", "2024-03-01", "", "", "")])
    with CaptureQueriesContext(connection) as queries:
        result = start_import(content, "statussen.csv", editor)
    assert [row.outcome for row in result.preview] == ["changed"]
    tables = (Adoption._meta.db_table, AdoptionChange._meta.db_table, "initiatives_adoptiontally")
    written = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].startswith(("INSERT", "UPDATE"))
        and any(re.search(rf"\b{table}\b", query["sql"]) for table in tables)
    ]
    assert written == []
    # The file is stored once, when uploaded: writing it again costs several times its size.
    # (On PostgreSQL that one write bypasses Django's cursor, so it is not captured.)
    batch_writes = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].startswith("UPDATE")
        and query["sql"].endswith(f'"{AdoptionImport._meta.db_table}"."id" = {result.batch.pk}')
    ]
    assert len([sql for sql in batch_writes if '"content"' in sql]) <= 1
    assert any('"rows_changed"' in sql for sql in batch_writes)


def test_importing_the_same_file_twice_changes_nothing(editor, enschede, gibit):
    content = csv_bytes([ENSCHEDE_ROW], ";")
    import_file(content, editor)
    before = database_state()
    again = import_file(content, editor)
    assert (again.batch.rows_unchanged, again.batch.rows_new, again.batch.rows_changed) == (1, 0, 0)
    assert database_state() == before
    assert AdoptionImport.objects.count() == 2


@pytest.fixture
def weesp(db):
    return MunicipalityFactory(code="GM0457", name="Weesp", merged=True)


# Read when the test runs, not when it is collected: a run that crosses midnight would
# otherwise test "today" as if it were tomorrow.
TOMORROW = "<morgen>"


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            ("GM9999", "gibit", "planned", "2024-01-01", "", "", ""),
            "Rij 3, kolom ‘gemeentecode’: gemeentecode ‘GM9999’ bestaat niet.",
        ),
        (
            ("GM0457", "gibit", "planned", "2022-04-01", "", "", ""),
            "Rij 3, kolom ‘datum’: Gemeente Weesp (GM0457) bestond niet op 1 april 2022.",
        ),
        (
            ("GM0153", "blockchain", "planned", "2024-01-01", "", "", ""),
            "Rij 3, kolom ‘initiatief’: initiatief ‘blockchain’ bestaat niet.",
        ),
        (
            ("GM0153", "gibit", "klaar", "2024-01-01", "", "", ""),
            "Rij 3, kolom ‘status’: status ‘klaar’ bestaat niet",
        ),
        (
            ("GM0153", "gibit", "planned", TOMORROW, "", "", ""),
            "Rij 3, kolom ‘datum’: De datum",
        ),
        (
            ("GM0153", "gibit", "planned", "31-02-2024", "", "", ""),
            "Rij 3, kolom ‘datum’: ‘31-02-2024’ is geen geldige datum",
        ),
        (
            ("GM0153", "gibit", "planned", "gisteren", "", "", ""),
            "Rij 3, kolom ‘datum’: ‘gisteren’ is geen datum",
        ),
        (
            ("GM0153", "gibit", "planned", "2024-01-01", "zeker", "", ""),
            "Rij 3, kolom ‘bewijsniveau’: bewijsniveau ‘zeker’ bestaat niet",
        ),
        (
            ("GM0153", "gibit", "planned", "2024-01-01", "", "javascript:alert(1)", ""),
            "Rij 3, kolom ‘bewijs_url’",
        ),
        (
            ("GM0164", "ensia", "planned", "2024-01-01", "", "", ""),
            "Rij 3, kolom ‘gemeentecode’: u bent geen redacteur van Hengelo (GM0164).",
        ),
        (
            ("GM0153", "ensia", "planned", "2024-01-01", "", "", ""),
            "Rij 3, kolom ‘initiatief’: ENSIA voor Enschede (GM0153) staat ook al in rij 2.",
        ),
    ],
)
def test_a_bad_row_names_row_and_column_in_dutch_and_nothing_is_written(
    roles, enschede, hengelo, weesp, gibit, make_initiative, row, expected
):
    make_initiative(title="ENSIA", slug="ensia")
    roles["editor_of_a"].memberships.create(municipality=weesp)
    good_row = ("GM0153", "ensia", "implemented", "2024-01-01", "", "", "")
    tomorrow = (TODAY + datetime.timedelta(days=1)).isoformat()
    row = tuple(tomorrow if cell == TOMORROW else cell for cell in row)
    before = database_state()

    result = import_file(csv_bytes([good_row, row]), roles["editor_of_a"])

    assert expected in [str(error) for error in result.errors][0]
    assert database_state() == before
    assert result.batch.state == "rejected" and result.batch.rows_error == 1


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "Het bestand is leeg."),
        (b"\xef\xbb\xbf\r\n", "Het bestand is leeg."),
        (
            csv_bytes(
                [], header="gemeentecode,initiatief,datum,bewijsniveau,bewijs_url,toelichting"
            ),
            "Kolom ‘status’ ontbreekt in de kopregel (rij 1)",
        ),
        (csv_bytes([], header=HEADER + ",kleur"), "Kolom ‘kleur’ is onbekend"),
        (b"PK\x03\x04 not really a workbook", "geen leesbaar Excel-bestand"),
        (b"x" * (20 * 1024 * 1024), "Het bestand is 20.0 MB; de grens is 10 MB"),
    ],
)
def test_a_bad_file_is_refused_as_a_whole_and_nothing_is_written(
    editor, enschede, gibit, content, expected
):
    before = database_state()
    result = import_file(content, editor)
    assert expected in str(result.errors[0])
    assert database_state() == before


def test_upload_form_refuses_a_20_mb_file_before_reading_it(client, editor):
    client.force_login(editor)
    upload = io.BytesIO(b"x" * (20 * 1024 * 1024))
    upload.name = "groot.csv"
    response = client.post("/admin/adoptie/import/", {"file": upload})
    assert "groter dan 10 MB" in " ".join(response.context["form"].errors["file"])
    assert not AdoptionImport.objects.exists()


def test_import_command_uses_the_same_service_and_scope(tmp_path, editor, enschede, hengelo, gibit):
    path = tmp_path / "statussen.csv"
    path.write_bytes(csv_bytes([ENSCHEDE_ROW], ";", "cp1252"))
    out = StringIO()
    call_command("import_adoptions", str(path), "--user", editor.username, stdout=out)
    assert "Proefimport" in out.getvalue() and not Adoption.objects.exists()

    call_command("import_adoptions", str(path), "--user", editor.username, "--apply", stdout=out)
    assert Adoption.objects.get().status == "implemented"

    path.write_bytes(csv_bytes([("GM0164", "gibit", "planned", "2024-01-01", "", "", "")]))
    with pytest.raises(CommandError, match="1 fouten"):
        call_command("import_adoptions", str(path), "--user", editor.username, "--apply")
    assert not Adoption.objects.filter(municipality=hengelo).exists()


def test_export_neutralises_formulas_and_reimports_unchanged(client, editor, enschede, gibit):
    import_file(
        csv_bytes([("GM0153", "gibit", "implemented", "2024-01-01", "", "", "=1+1")]), editor
    )
    client.force_login(editor)
    csv_body = b"".join(client.get("/admin/adoptie/export/?format=csv").streaming_content)
    assert "'=1+1" in csv_body.decode("utf-8-sig")

    xlsx = client.get("/admin/adoptie/export/?format=xlsx").content
    rows = list(load_workbook(io.BytesIO(xlsx)).active.iter_rows(values_only=True))
    assert rows[0] == COLUMNS
    exported = dict(zip(rows[0], rows[1], strict=True))
    assert exported["gemeentecode"] == "GM0153"
    assert exported["tooi"] == "https://identifier.overheid.nl/tooi/id/gemeente/gm0153"
    assert (exported["initiatief"], exported["status"]) == ("gibit", "implemented")
    assert exported["toelichting"] == "'=1+1"

    assert client.get("/admin/adoptie/export/?format=pdf").status_code == 400


def test_an_export_can_be_imported_again_without_changes(client, editor, enschede, gibit):
    given_status(enschede, gibit, "implemented")
    client.force_login(editor)
    exported = client.get("/admin/adoptie/export/?format=xlsx").content
    before = database_state()
    result = import_file(exported, editor, "export.xlsx")
    assert result.errors == [] and result.batch.rows_unchanged == 1
    assert database_state() == before


def test_the_export_is_named_after_its_day_and_an_unknown_format_says_which_exist(
    client, editor, enschede, gibit
):
    given_status(enschede, gibit, "implemented")
    client.force_login(editor)

    xlsx = client.get("/admin/adoptie/export/", {"format": "xlsx"})
    refused = client.get("/admin/adoptie/export/", {"format": "pdf"})

    assert xlsx["Content-Disposition"] == 'attachment; filename="adoptie-2026-12-07.xlsx"'
    assert (refused.status_code, refused.content.decode()) == (
        400,
        "Onbekend formaat ‘pdf’; kies csv of xlsx.",
    )
