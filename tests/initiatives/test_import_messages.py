"""Messy files get a Dutch message naming row and column, never a crash; nothing is written."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference

from initiatives.adoption.import_files import BLOCK_BYTES
from initiatives.adoption.imports import confirm_import, start_import
from initiatives.constants import EvidenceLevel
from initiatives.models import Adoption, AdoptionImport
from tests.helpers import CODE_COLUMNS, database_state, given_status, parse_html

from .test_adoption_import import ENSCHEDE_ROW, csv_bytes, import_file, xlsx_bytes

pytestmark = pytest.mark.django_db

HEADER = ";".join(CODE_COLUMNS)


@pytest.fixture
def editor(roles):
    return roles["editor_of_a"]


def refused(content, editor):
    """The errors of a file, after checking that importing it changed nothing."""
    before = database_state()
    result = import_file(content, editor)
    assert result.errors, "the file was accepted"
    assert database_state() == before
    assert result.batch.rows_new == result.batch.rows_changed == 0
    return [str(error) for error in result.errors]


def test_a_file_level_error_names_no_row_zero(editor, enschede, gibit):
    (message,) = refused(b"gemeentecode;initiatief\r\nGM0153;gibit\r\n", editor)
    assert "Rij 0" not in message and "kolom ‘’" not in message
    assert message.startswith("Kolom ‘status’ ontbreekt")
    assert "Verplicht: gemeentecode, tooi of gemeentenaam, initiatief, status, datum" in message


def test_every_status_dated_before_the_current_one_is_named_by_its_row(
    editor, enschede, hengelo, gibit, make_initiative
):
    bio = make_initiative(title="BIO", slug="bio")
    given_status(enschede, gibit, "implemented", day=datetime.date(2025, 6, 1))
    given_status(enschede, bio, "implemented", day=datetime.date(2025, 6, 1))
    rows = [
        ("GM0153", "gibit", "stopped", "2024-01-01", "", "", ""),
        ("GM0153", "bio", "stopped", "2024-01-01", "", "", ""),
    ]
    messages = refused(csv_bytes(rows, ";"), editor)
    assert messages[0].startswith("Rij 2, kolom ‘datum’: GIBIT")
    assert messages[1].startswith("Rij 3, kolom ‘datum’: BIO")


def test_every_repeated_record_names_the_row_it_first_appeared_in(
    editor, enschede, gibit, make_initiative
):
    make_initiative(title="BIO", slug="bio")
    rows = [
        ("GM0153", "gibit", "planned", "2024-01-01", "", "", ""),
        ("GM0153", "gibit", "klaar", "2024-01-01", "", "", ""),
        ("GM0153", "bio", "planned", "2024-01-01", "", "", ""),
        ("GM0153", "gibit", "implemented", "2024-01-01", "", "", ""),
        ("GM0153", "bio", "implemented", "2024-01-01", "", "", ""),
        ("GM0153", "gibit", "stopped", "2024-01-01", "", "", ""),
    ]
    messages = refused(csv_bytes(rows, ";"), editor)
    assert messages[0].startswith("Rij 3, kolom ‘status’: status ‘klaar’ bestaat niet")
    assert messages[1:] == [
        "Rij 5, kolom ‘initiatief’: GIBIT voor Enschede (GM0153) staat ook al in rij 2.",
        "Rij 6, kolom ‘initiatief’: BIO voor Enschede (GM0153) staat ook al in rij 4.",
        "Rij 7, kolom ‘initiatief’: GIBIT voor Enschede (GM0153) staat ook al in rij 2.",
    ]


def test_the_dry_run_shows_old_and_new_status_in_words(editor, enschede, gibit):
    given_status(enschede, gibit, "planned", day=datetime.date(2024, 1, 1))
    row = ("GM0153", "gibit", "implementing", "2025-01-01", "", "", "")
    (preview,) = start_import(csv_bytes([row], ";"), "s.csv", editor).preview
    assert (str(preview.old_status), str(preview.new_status)) == ("Gepland", "In implementatie")
    assert preview.municipality == "Enschede (GM0153)"


def test_after_applying_an_unchanged_row_shows_the_status_it_kept(
    editor, enschede, gibit, make_initiative
):
    bio = make_initiative(title="BIO", slug="bio")
    given_status(enschede, gibit, "implemented", day=datetime.date(2024, 1, 1))
    given_status(enschede, bio, "planned", day=datetime.date(2024, 1, 1))
    rows = [
        ("GM0153", "gibit", "implemented", "2024-01-01", "", "", ""),
        ("GM0153", "bio", "implementing", "2025-01-01", "", "", ""),
    ]
    dry_run = start_import(csv_bytes(rows, ";"), "s.csv", editor)
    assert [str(error) for error in dry_run.errors] == []
    applied = confirm_import(dry_run.batch, editor)
    shown = [(str(r.old_status), str(r.new_status)) for r in applied.preview]
    assert shown == [(str(r.old_status), str(r.new_status)) for r in dry_run.preview]
    assert shown == [("Geïmplementeerd", "Geïmplementeerd"), ("Gepland", "In implementatie")]


def test_the_upload_screen_says_which_columns_are_required(client, editor):
    client.force_login(editor)
    html = client.get("/admin/adoptie/import/").content.decode()
    assert (
        "Verplichte kolommen: gemeentecode (of TOOI-identificatie) of gemeentenaam, "
        "initiatief, status, datum" in html
    )


def test_optional_columns_may_be_left_out_and_keep_what_is_stored(editor, enschede, gibit):
    given_status(enschede, gibit, "planned", day=datetime.date(2024, 1, 1))
    Adoption.objects.update(public_explanation="Wij wachten op de leverancier.")
    content = b"gemeentecode;initiatief;status;datum\r\nGM0153;gibit;implemented;2025-01-01\r\n"
    assert not import_file(content, editor).errors
    adoption = Adoption.objects.get()
    assert (adoption.status, adoption.public_explanation) == (
        "implemented",
        "Wij wachten op de leverancier.",
    )


@pytest.mark.parametrize(
    "content, expected",
    [
        pytest.param(
            b"\xef\xbb\xbf" + csv_bytes([ENSCHEDE_ROW], ";", "cp1252"),
            "begint als UTF-8 maar bevat ongeldige tekens",
            id="bom-then-cp1252",
        ),
        pytest.param(
            csv_bytes([("GM0153", "gibit", "implemented", "2024-01-01", "", "")], ";"),
            "Rij 2 heeft 6 kolommen, de kopregel 7",
            id="short-row",
        ),
        pytest.param(
            csv_bytes([("GM0153", "gibit", "implemented", "2024-01-01", "", "", "x" * 200_000)]),
            "Het bestand is na rij",
            id="field-over-csv-limit",
        ),
        pytest.param(
            csv_bytes([("GM0153", "gibit", "implemented", "2024-01-01", "", "", "x" * 20_000)]),
            "Rij 2, kolom ‘toelichting’: de cel is 20000 tekens lang",
            id="long-explanation",
        ),
        pytest.param(
            xlsx_bytes([ENSCHEDE_ROW])[:3000], "geen leesbaar Excel-bestand", id="xlsx-cut"
        ),
        pytest.param(
            csv_bytes(
                [
                    (
                        "GM0153",
                        "gibit",
                        "implemented",
                        "2024-01-01",
                        "",
                        "https://a.nl/" + "x" * 600,
                        "",
                    )
                ]
            ),
            "Rij 2, kolom ‘bewijs_url’: De link is 613 tekens",
            id="url-too-long",
        ),
        pytest.param(
            csv_bytes([("GM0153", "gibit", "implemented", "2024-01-01", "", "", "a\x00b")]),
            "Rij 2, kolom ‘toelichting’: de cel bevat een NUL-teken",
            id="nul-byte",
        ),
        pytest.param(
            csv_bytes(
                [("GM0153", "gibit", "implemented", "2024-01-01", "", "javascript:alert(1)", "")]
            ),
            "Rij 2, kolom ‘bewijs_url’: ‘javascript:alert(1)’ is geen webadres",
            id="script-link",
        ),
        pytest.param(
            "gemeentecode;initiatief;status;datum;bewijsniveau;bewijs_url;toelichting\r\n"
            "GM0153;gibit;implemented;2024-01-01;;;café\r\n".encode()
            + "GM0164;gibit;implemented;2024-01-01;;;café\r\n".encode("cp1252"),
            "mengt UTF-8 en Windows-1252",
            id="mixed-encodings",
        ),
        pytest.param(
            b"gemeentecode;initiatief;status;datum;bewijsniveau;bewijs_url;toelichting\r\n"
            b'GM0153;gibit;implemented;2024-01-01;;;"open\r\nGM0164;gibit;implemented;2024-01-01;;;x\r\n',
            "Het bestand is na rij",
            id="unterminated-quote",
        ),
        pytest.param(
            b"gemeentecode;initiatief;status;datum;status\r\nGM0153;gibit;implemented;2024-01-01;x\r\n",
            "Kolom ‘status’ staat twee keer in de kopregel",
            id="duplicate-header",
        ),
    ],
)
def test_messy_files_get_a_dutch_message_and_change_nothing(
    content, expected, editor, enschede, hengelo, gibit
):
    messages = refused(content, editor)
    assert any(expected in message for message in messages), messages


def test_a_formula_cell_in_xlsx_is_refused_with_its_row(editor, enschede, gibit):
    workbook = Workbook()
    workbook.active.append(list(CODE_COLUMNS))
    workbook.active.append(["GM0153", "gibit", '=IF(1,"implemented")', "2024-01-01", "", "", ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    (message,) = refused(buffer.getvalue(), editor)
    assert message.startswith("Rij 2 bevat een formule")


def test_neutralised_cells_come_back_without_their_quote(editor, enschede, gibit):
    row = ("GM0153", "gibit", "implemented", "2024-01-01", "", "", "'=1+1 is geen formule")
    assert not import_file(csv_bytes([row], ";"), editor).errors
    assert Adoption.objects.get().public_explanation == "=1+1 is geen formule"
    assert not import_file(csv_bytes([row], ";"), editor).batch.rows_changed


def test_an_abandoned_dry_run_forgets_its_file_after_a_day(editor, enschede, gibit):

    row = ("GM0153", "gibit", "implemented", "2024-01-01", "", "", "")
    batch = start_import(csv_bytes([row], ";"), "s.csv", editor).batch
    AdoptionImport.objects.filter(pk=batch.pk).update(
        uploaded_at=batch.uploaded_at - datetime.timedelta(days=2)
    )
    call_command("expire_imports", stdout=io.StringIO())
    batch.refresh_from_db()
    assert (batch.state, bytes(batch.content)) == ("expired", b"")
    with pytest.raises(Exception, match="kan niet \\(meer\\) worden bevestigd"):
        confirm_import(batch, editor)


def _explanation_ending_at(offset: int, head: bytes) -> bytes:
    """A row whose explanation fills the file up to `offset` bytes."""
    return b"x" * (offset - len(head) - len(b"GM0153;gibit;implemented;2024-01-01;;;"))


def test_mixed_encodings_across_the_boundary_of_two_blocks_are_refused(editor, enschede, gibit):
    head = (HEADER + "\r\n").encode()
    # "Ã©" (UTF-8 "é" read as Windows-1252) with its two bytes in two blocks of the check.
    filler = _explanation_ending_at(BLOCK_BYTES - 1, head)
    content = head + b"GM0153;gibit;implemented;2024-01-01;;;" + filler + "é".encode() + b"\r\n"
    content += "GM0164;gibit;implemented;2024-01-01;;;café\r\n".encode("cp1252")
    messages = refused(content, editor)
    assert any("mengt UTF-8 en Windows-1252" in message for message in messages), messages


def test_an_invalid_byte_far_into_a_utf8_file_is_named_by_its_position(editor, enschede, gibit):
    head = b"\xef\xbb\xbf" + (HEADER + "\r\n").encode()
    filler = _explanation_ending_at(BLOCK_BYTES + 10, head)
    content = head + b"GM0153;gibit;implemented;2024-01-01;;;" + filler + b"\xe9\r\n"
    (message,) = refused(content, editor)
    assert f"(byte {BLOCK_BYTES + 10})" in message


def bar_chart_of(sheet) -> BarChart:
    chart = BarChart()
    chart.add_data(Reference(sheet, min_col=1, min_row=1, max_row=2))
    return chart


def _saved(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_workbook_opened_on_its_chart_reads_the_worksheet(editor, enschede, gibit):
    workbook = Workbook()
    workbook.active.append(list(CODE_COLUMNS))
    workbook.active.append(list(ENSCHEDE_ROW))
    chart = workbook.create_chartsheet("Grafiek")
    chart.add_chart(bar_chart_of(workbook["Sheet"]))
    workbook.active = chart
    result = import_file(_saved(workbook), editor, "statussen.xlsx")
    assert result.errors == []
    assert Adoption.objects.get(municipality=enschede).status == "implemented"


def test_a_workbook_of_charts_only_is_refused_in_dutch(editor, enschede, gibit):
    workbook = Workbook()
    chart = workbook.create_chartsheet("Grafiek")
    chart.add_chart(BarChart())
    workbook.remove(workbook["Sheet"])
    workbook.active = chart
    before = database_state()
    (message,) = refused(_saved(workbook), editor)
    assert message == "Het Excel-bestand heeft geen werkblad met rijen, alleen grafieken."
    assert database_state() == before


def test_the_upload_screen_explains_every_column_and_evidence_level(client, editor):
    client.force_login(editor)
    response = client.get("/admin/adoptie/import/")
    table = parse_html(response.content).select_one("table:has(caption:-soup-contains('Kolommen'))")
    rows = {
        row.th.get_text(strip=True): row.select_one('td[data-label="Verplicht"]').get_text(
            strip=True
        )
        for row in table.select("tbody tr")
    }
    assert {column: rows[column] for column in ("gemeentecode", "tooi", "gemeentenaam")} == {
        "gemeentecode": "één van de drie",
        "tooi": "één van de drie",
        "gemeentenaam": "één van de drie",
    }
    html = response.content.decode()
    assert all(f"{level.value} ({level.label})" in html for level in EvidenceLevel)


def test_a_name_only_row_of_another_municipality_names_the_gemeentenaam_column(
    editor, enschede, hengelo, gibit
):
    content = b"gemeentenaam;initiatief;status;datum\nHengelo;gibit;planned;2025-01-01\n"
    assert refused(content, editor) == [
        "Rij 2, kolom ‘gemeentenaam’: u bent geen redacteur van Hengelo (GM0164)."
    ]


def test_a_refused_file_offers_the_way_back(client, editor, enschede, gibit):
    client.force_login(editor)
    upload = SimpleUploadedFile("s.csv", b"gemeentecode;initiatief;status;datum\nGM0153;x;y;z\n")
    response = client.post("/admin/adoptie/import/", {"file": upload})
    assert 'href="/admin/adoptie/import/">Een verbeterd bestand kiezen</a>' in (
        response.content.decode()
    )
