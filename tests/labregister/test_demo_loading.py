"""Loading the demo on an empty register, and what it says while loading."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from initiatives.adoption.harvest import apply_harvest, harvest_sources
from initiatives.adoption.imports import confirm_import, start_import
from initiatives.adoption.service import record_adoption
from initiatives.adoption.updates import AdoptionUpdate
from initiatives.constants import AdoptionStatus, ChangeSource
from initiatives.models import Indicator, IndicatorValue, InitiativePage, Municipality
from initiatives.reporting.indicators import indicator_report
from tests.factories import HarvestSourceFactory, UserFactory
from tests.helpers import TODAY, database_state

pytestmark = pytest.mark.django_db


def test_demo_needs_the_register_first(db):
    with pytest.raises(CommandError, match="load_municipalities"):
        call_command("load_demo")


def test_loading_the_demo_reports_in_dutch_words(db):
    call_command("load_municipalities", stdout=StringIO())
    output = StringIO()
    call_command("load_demo", stdout=output)
    assert " nieuw" in output.getvalue() and " new" not in output.getvalue()


def set_up_like_make_run(output=None):
    """The set-up steps of `make run` (migrating is the test database's own)."""
    for command in ("load_municipalities", "load_demo", "search_index"):
        call_command(command, stdout=output or StringIO())


def test_make_run_starts_again_on_a_site_in_use_and_keeps_its_work(source_server):
    set_up_like_make_run()
    enschede = Municipality.objects.get(code="GM0153")
    gibit, bio, open_zaak = InitiativePage.objects.order_by("pk")[:3]
    today = TODAY
    # An editor's status dated today, through the form's service call.
    record_adoption(
        AdoptionUpdate(enschede, gibit, AdoptionStatus.STOPPED, today),
        user=UserFactory(editor_of=[enschede]),
        source=ChangeSource.FORM,
    )
    # An import of a status dated today.
    vng = UserFactory(vng_editor=True)
    content = f"gemeentecode;initiatief;status;datum\nGM0153;{bio.slug};piloting;{today}\n"
    result = start_import(content.encode(), "statussen.csv", vng)
    assert result.errors == []
    confirm_import(result.batch, vng)
    # A harvest that a register file dated today reports.
    url = source_server.serve(
        "/register.json", f'{{"peildatum": "{today}", "deelnemers": ["GM0153"]}}'
    )
    HarvestSourceFactory(url=url, kind="register", initiative=open_zaak)
    assert apply_harvest(harvest_sources(), user=vng).errors == []
    before = database_state()
    output = StringIO()

    set_up_like_make_run(output)

    assert database_state() == before
    assert "geen nieuwe statussen (wat er staat, blijft staan)" in output.getvalue()


def test_the_demo_indicators_show_a_known_gain_and_a_known_nothing(db):
    call_command("load_municipalities", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())

    payment = indicator_report(Indicator.objects.get(slug="betaaltermijn-jeugdzorg-wmo"), TODAY)
    phones = indicator_report(Indicator.objects.get(slug="kosten-mobiele-telefonie"), TODAY)

    (gain,) = payment.gains
    assert abs(gain.effect.estimate - -5) < 1 and gain.effect.high < 0
    (nothing,) = phones.gains
    # No effect: the interval holds "no change", so nothing is said to be left on the table.
    assert nothing.effect.low < 0 < nothing.effect.high
    assert nothing.on_the_table is None


def test_loading_the_demo_again_keeps_indicator_values(db):
    call_command("load_municipalities", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())
    before = list(IndicatorValue.objects.order_by("pk").values_list("pk", "value"))

    output = StringIO()
    call_command("load_demo", stdout=output)

    assert list(IndicatorValue.objects.order_by("pk").values_list("pk", "value")) == before
    assert "0 nieuwe indicatorwaarden" in output.getvalue()
