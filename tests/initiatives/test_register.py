import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from initiatives.adoption.register import CURRENT_FILE, MERGERS_FILE
from initiatives.models import Municipality

pytestmark = pytest.mark.django_db


def load(**kwargs):
    call_command("load_municipalities", stdout=StringIO(), **kwargs)


def snapshot():
    return list(Municipality.objects.order_by("code").values())


def test_register_loads_all_current_municipalities_and_the_mergers():
    load()
    assert Municipality.objects.current().count() == 342
    assert Municipality.objects.filter(valid_until__isnull=False).count() == 66
    enschede = Municipality.objects.get(code="GM0153")
    assert (enschede.name, enschede.province) == ("Enschede", "Overijssel")
    weesp = Municipality.objects.get(code="GM0457")
    assert weesp.valid_until == datetime.date(2022, 3, 24)
    assert weesp.successor.name == "Amsterdam"
    assert weesp.exists_on(datetime.date(2022, 3, 23))
    assert not weesp.exists_on(datetime.date(2022, 3, 24))


def test_split_municipality_gets_the_successor_with_the_largest_share():
    load()
    # Haaren (2021) went to Oisterwijk, Vught, Boxtel and Tilburg; most addresses to Oisterwijk.
    assert Municipality.objects.get(code="GM0788").successor.code == "GM0824"


def test_loading_the_register_twice_changes_nothing(capsys):
    load()
    before = snapshot()
    call_command("load_municipalities")
    assert "0 nieuw, 0 bijgewerkt, 408 ongewijzigd" in capsys.readouterr().out
    assert snapshot() == before


def test_size_class_is_derived_from_population_and_g4_membership():
    load()
    by_class = dict(
        Municipality.objects.with_size_class()
        .filter(code__in=["GM0363", "GM0153", "GM0037"])
        .values_list("code", "size_class_code")
    )
    assert by_class == {"GM0363": "g4", "GM0153": "100k_plus", "GM0037": "20k_50k"}
    assert Municipality.objects.get(code="GM0153").size_class == "100k_plus"


def write_copy(tmp_path, source, replace_line=None, drop_column=None):
    lines = source.read_text(encoding="utf-8").splitlines()
    if drop_column:
        header = lines[0].split(",")
        index = header.index(drop_column)
        lines = [",".join(v for i, v in enumerate(line.split(",")) if i != index) for line in lines]
    if replace_line:
        number, text = replace_line
        lines[number - 1] = text
    target = tmp_path / source.name
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def test_register_file_with_a_missing_column_stops_naming_the_line_and_changes_nothing(tmp_path):
    load()
    before = snapshot()
    broken = write_copy(tmp_path, CURRENT_FILE, drop_column="province")
    with pytest.raises(CommandError, match=r"regel 1: kolom ‘province’ ontbreekt"):
        load(municipalities=broken)
    assert snapshot() == before


def test_register_file_with_a_malformed_code_stops_naming_the_line_and_changes_nothing(tmp_path):
    broken = write_copy(
        tmp_path,
        CURRENT_FILE,
        replace_line=(5, "GM47,Veendam,20,Groningen,1970-01-01,27520,Veendam,76.0"),
    )
    with pytest.raises(
        CommandError, match=r"municipalities_2025.csv, regel 5: gemeentecode ‘GM47’"
    ):
        load(municipalities=broken)
    assert Municipality.objects.count() == 0


def test_merger_file_with_a_bad_date_names_the_line(tmp_path):
    broken = write_copy(
        tmp_path,
        MERGERS_FILE,
        replace_line=(3, "GM0005,Bedum,Groningen,1970-01-01,2019-13-01,GM1966:Het Hogeland:1.0,x"),
    )
    with pytest.raises(CommandError, match=r"regel 3: datum ‘2019-13-01’ is geen geldige datum"):
        load(mergers=broken)
    assert Municipality.objects.count() == 0
