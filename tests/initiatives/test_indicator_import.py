"""A municipality's editor imports indicator values from a file: a dry run checks every row,
applying writes all of them, and a wrong row says where and why while nothing changes."""

import io

import pytest
from django.core.management import CommandError, call_command

from initiatives.constants import ChangeSource
from initiatives.errors import AdoptionError
from initiatives.indicators.imports import import_indicator_values
from initiatives.indicators.values import IndicatorValueUpdate, record_indicator_values
from initiatives.models import IndicatorValue
from tests.factories import IndicatorFactory, MunicipalityFactory, UserFactory
from tests.helpers import parse_html

pytestmark = pytest.mark.django_db


def csv_file(*lines: str) -> bytes:
    return ("\ufeff" + "\r\n".join(lines)).encode()


@pytest.fixture
def payment_term(db):
    return IndicatorFactory(slug="betaaltermijn")


def stored():
    return sorted(IndicatorValue.objects.values_list("municipality__code", "period", "value"))


def test_an_editor_imports_values_by_code_and_by_name(roles, enschede, payment_term):
    content = csv_file(
        "gemeentecode;gemeentenaam;indicator;periode;waarde",
        "GM0153;;betaaltermijn;2024;21,5",
        ";Enschede;Betaaltermijn facturen;2025;18",
    )

    dry_run = import_indicator_values(content, roles["editor_of_a"], apply=False)
    assert (dry_run.rows, dry_run.errors, stored()) == (2, [], [])

    applied = import_indicator_values(content, roles["editor_of_a"], apply=True)
    assert (applied.applied, applied.changed) == (True, 2)
    assert [(code, period, float(value)) for code, period, value in stored()] == [
        ("GM0153", "2024", 21.5),
        ("GM0153", "2025", 18.0),
    ]


def test_every_wrong_row_says_where_and_why_and_nothing_is_written(
    roles, enschede, hengelo, payment_term
):
    content = csv_file(
        "gemeentecode;indicator;periode;waarde",
        "GM0153;betaaltermijn;2024;20",
        "GM0153;onbekend;2024;20",
        "GM0153;betaaltermijn;2027;20",
        "GM0153;betaaltermijn;2024;veel",
        "GM0153;betaaltermijn;2023;400",
        "GM0164;betaaltermijn;2024;20",
    )

    result = import_indicator_values(content, roles["editor_of_a"], apply=True)

    assert [str(error) for error in result.errors] == [
        "Rij 3, kolom ‘indicator’: indicator ‘onbekend’ bestaat niet.",
        "Rij 4, kolom ‘periode’: De periode 2027 is nog niet begonnen.",
        "Rij 5, kolom ‘waarde’: ‘veel’ is geen getal; schrijf bijvoorbeeld 12,5.",
        "Rij 6, kolom ‘waarde’: De waarde 400 kan niet bij ‘Betaaltermijn facturen’: die ligt "
        "tussen 0 en 365 dagen.",
        "Rij 7, kolom ‘gemeentecode’: u bent geen redacteur van Hengelo (GM0164).",
    ]
    assert not result.applied
    assert stored() == []


def test_a_file_without_the_value_column_is_refused_as_a_whole(roles, enschede, payment_term):
    result = import_indicator_values(
        csv_file("gemeentecode;indicator;periode", "GM0153;betaaltermijn;2024"),
        roles["editor_of_a"],
        apply=True,
    )

    (error,) = result.errors
    assert str(error).startswith("Kolom ‘waarde’ ontbreekt in de kopregel (rij 1).")
    assert stored() == []


def test_the_command_imports_a_file_for_a_user(roles, enschede, payment_term, tmp_path):
    path = tmp_path / "waarden.csv"
    path.write_bytes(
        csv_file("gemeentecode;indicator;periode;waarde", "GM0153;betaaltermijn;2025;19")
    )
    output = io.StringIO()

    call_command(
        "import_indicator_values",
        str(path),
        "--user",
        "redacteur-enschede",
        "--apply",
        stdout=output,
    )

    assert output.getvalue().strip() == "1 rijen verwerkt, 1 waarden gewijzigd."
    assert [(code, period) for code, period, _value in stored()] == [("GM0153", "2025")]
    with pytest.raises(CommandError, match="Gebruiker ‘niemand’ bestaat niet."):
        call_command("import_indicator_values", str(path), "--user", "niemand")


def test_a_merged_municipality_is_itself_before_its_merger_and_its_successor_after(
    payment_term,
):
    """Weesp merged into Amsterdam on 24 March 2022: as with statuses, a row naming Weesp
    gives Weesp's value for a year it existed in, and Amsterdam's for a year after."""
    amsterdam = MunicipalityFactory(code="GM0363", name="Amsterdam")
    MunicipalityFactory(code="GM0457", name="Weesp", merged_into=amsterdam)
    content = csv_file(
        "gemeentecode;gemeentenaam;indicator;periode;waarde",
        "GM0457;;betaaltermijn;2021;30",
        ";Weesp;betaaltermijn;2023;25",
    )

    result = import_indicator_values(content, UserFactory(vng_editor=True), apply=True)

    assert (result.errors, result.changed) == ([], 2)
    assert [(code, period) for code, period, _value in stored()] == [
        ("GM0363", "2023"),
        ("GM0457", "2021"),
    ]


def test_a_value_of_a_period_the_municipality_did_not_exist_in_is_refused(payment_term):
    amsterdam = MunicipalityFactory(code="GM0363", name="Amsterdam")
    weesp = MunicipalityFactory(code="GM0457", name="Weesp", merged_into=amsterdam)
    update = IndicatorValueUpdate(payment_term, weesp, "2023", "25", ChangeSource.API)

    with pytest.raises(AdoptionError) as refused:
        record_indicator_values([update], user=UserFactory(vng_editor=True))

    assert refused.value.message_dict == {
        "period": ["Gemeente Weesp (GM0457) bestond niet in 2023."]
    }
    assert stored() == []


IMPORT_URL = "/admin/adoptie/import/indicatoren/"


def upload(client, content: bytes, button: str):
    file = io.BytesIO(content)
    file.name = "waarden.csv"
    return client.post(IMPORT_URL, {"file": file, button: ""})


def test_in_the_admin_an_editor_checks_a_file_first_and_then_imports_it(
    client, roles, enschede, payment_term
):
    client.force_login(roles["editor_of_a"])
    content = csv_file("gemeentecode;indicator;periode;waarde", "GM0153;betaaltermijn;2025;19")

    checked = parse_html(upload(client, content, "dry_run").content)
    assert (
        checked.select_one('#result-heading ~ p[role="status"]')
        .get_text(" ", strip=True)
        .startswith("1 rij gecontroleerd, zonder fouten.")
    )
    assert stored() == []

    applied = parse_html(upload(client, content, "apply").content)
    assert applied.select_one('#result-heading ~ p[role="status"]').get_text(" ", strip=True) == (
        "1 rij verwerkt, 1 waarden gewijzigd."
    )
    assert [(code, period) for code, period, _value in stored()] == [("GM0153", "2025")]


def test_in_the_admin_a_wrong_row_is_shown_with_its_place_and_nothing_is_written(
    client, roles, enschede, payment_term
):
    client.force_login(roles["editor_of_a"])
    content = csv_file(
        "gemeentecode;indicator;periode;waarde",
        "GM0153;betaaltermijn;2025;19",
        "GM0153;betaaltermijn;2025-K2;19",
    )

    response = upload(client, content, "apply")

    page = parse_html(response.content)
    assert response.status_code == 400
    assert [
        [cell.get_text(strip=True) for cell in row.select("td")]
        for row in page.select("#result-heading ~ table tbody tr")
    ] == [
        [
            "3",
            "periode",
            "Deze indicator wordt per jaar gemeten; ‘2025-K2’ is geen jaar.",
        ]
    ]
    assert stored() == []
