"""Harvesting public sources over real HTTP on loopback: dry run, apply, and what goes wrong."""

import datetime

import pytest
from django.core.management import CommandError, call_command

from initiatives.adoption.claims import dismiss_claim
from initiatives.adoption.harvest import (
    HarvestChanged,
    HarvestOutcome,
    apply_harvest,
    harvest_sources,
    plan_harvest,
)
from initiatives.adoption.names import record_name_decision
from initiatives.adoption.register import load_register
from initiatives.adoption.service import record_adoption
from initiatives.adoption.updates import AdoptionUpdate
from initiatives.constants import (
    AdoptionStatus,
    ChangeSource,
    ClaimState,
    EvidenceLevel,
    HarvestKind,
)
from initiatives.errors import AdoptionError
from initiatives.models import Adoption, AdoptionChange, AdoptionClaim, Municipality
from tests.factories import HarvestSourceFactory, UserFactory
from tests.helpers import TODAY, parse_html

USED_BY = """\
publiccodeYmlVersion: "0.4"
name: Open Zaakregistratie
url: https://github.com/voorbeeld/open-zaak
releaseDate: "2026-01-15"
usedBy:
  - Gemeente Enschede
  - Den Haag
  - Haarlemermeer
  - Provincie Utrecht
  - Conduction B.V.
  - Bergen
"""


@pytest.fixture
def register(db):
    load_register()


@pytest.fixture
def publiccode(register, gibit, source_server):
    """GIBIT's publiccode.yml served on loopback, registered as its harvest source."""
    url = source_server.serve("/publiccode.yml", USED_BY)
    return HarvestSourceFactory(
        kind=HarvestKind.PUBLICCODE,
        url=url,
        initiative=gibit,
        repository_url="https://github.com/voorbeeld/open-zaak",
    )


def outcomes(plan):
    return {line.claim.text: line.outcome for line in plan.lines}


def test_dry_run_lists_every_user_with_its_match_and_changes_nothing(publiccode):
    plan = plan_harvest(harvest_sources())
    assert plan.errors == []
    assert outcomes(plan) == {
        "Gemeente Enschede": HarvestOutcome.STANDS_IN,
        "Den Haag": HarvestOutcome.STANDS_IN,
        "Haarlemermeer": HarvestOutcome.STANDS_IN,
        "Provincie Utrecht": HarvestOutcome.NOT_MUNICIPALITY,
        "Conduction B.V.": HarvestOutcome.NOT_MUNICIPALITY,
        "Bergen": HarvestOutcome.REVIEW,
    }
    reasons = {line.claim.text: line.reason for line in plan.lines}
    assert reasons["Den Haag"].startswith(
        "‘Den Haag’ → 's-Gravenhage (GM0518) (bekende andere naam). Er is geen eigen opgave"
    )
    assert "bijna gelijke naam" in reasons["Haarlemermeer"]
    assert "Bergen (NH.) (GM0373)" in reasons["Bergen"]
    den_haag = next(line for line in plan.lines if line.claim.text == "Den Haag")
    assert (den_haag.old_status, den_haag.new_status) == ("unknown", "implemented")
    assert not Adoption.objects.exists()
    assert not AdoptionChange.objects.exists()
    assert not AdoptionClaim.objects.exists()


def test_an_unknown_status_becomes_the_claim_volgens_its_source_uiterlijk_sinds_first_seen(
    publiccode, gibit
):
    vng = UserFactory(vng_editor=True)
    apply_harvest(harvest_sources(), user=vng)
    record = Adoption.objects.get(municipality__code="GM0518", initiative=gibit)
    assert record.status == AdoptionStatus.IMPLEMENTED
    assert record.source == ChangeSource.HARVEST
    assert record.evidence_level == EvidenceLevel.MAINTAINER_CLAIM
    assert record.evidence_url == publiccode.url
    # The file's releaseDate (15 January 2026) dates nothing: the day it was first seen is
    # all that is known, and only as an upper bound.
    assert record.status_since == TODAY
    assert record.since_is_upper_bound
    claim = AdoptionClaim.objects.get(municipality__code="GM0518", initiative=gibit)
    assert (claim.written_name, claim.match_kind, claim.state) == ("Den Haag", "alias", "open")
    assert claim.stated_on == datetime.date(2026, 1, 15)
    assert claim.first_seen_on == claim.last_seen_on == TODAY
    assert claim.publisher == "voorbeeld"
    history = AdoptionChange.objects.filter(initiative=gibit)
    assert history.count() == 3
    assert {(h.source, h.source_url) for h in history} == {(ChangeSource.HARVEST, publiccode.url)}
    assert all(h.since_is_upper_bound for h in history)
    publiccode.refresh_from_db()
    assert publiccode.last_read_at is not None


def test_a_second_harvest_of_the_same_file_changes_nothing(publiccode):
    apply_harvest(harvest_sources(), user=None)
    plan = apply_harvest(harvest_sources(), user=None)
    assert plan.count(HarvestOutcome.UNCHANGED) == 3
    assert AdoptionChange.objects.count() == 3
    assert AdoptionClaim.objects.count() == 3


def test_a_claim_seen_again_keeps_the_day_it_was_first_seen(publiccode):
    apply_harvest(harvest_sources(), user=None)
    last_week = TODAY - datetime.timedelta(days=7)
    AdoptionClaim.objects.update(first_seen_on=last_week, last_seen_on=last_week)

    apply_harvest(harvest_sources(), user=None)
    seen = set(AdoptionClaim.objects.values_list("first_seen_on", "last_seen_on", "state"))
    assert seen == {(last_week, TODAY, ClaimState.OPEN)}


OWN_STATEMENTS = {
    "form": ChangeSource.FORM,
    "import": ChangeSource.IMPORT,
    "api": ChangeSource.API,
    "re-confirmation": ChangeSource.REMINDER,
    "partnership": ChangeSource.PARTNERSHIP,
    "demo": ChangeSource.DEMO,
}


@pytest.mark.parametrize("path", OWN_STATEMENTS)
def test_a_municipalitys_own_statement_survives_every_harvest_and_the_claim_shows_beside_it(
    publiccode, gibit, path, client
):
    enschede = Municipality.objects.get(code="GM0153")
    update = AdoptionUpdate(enschede, gibit, AdoptionStatus.EXPLORING, datetime.date(2026, 3, 1))
    record_adoption(update, user=None, source=OWN_STATEMENTS[path])

    for _harvest in range(2):
        plan = apply_harvest(harvest_sources(), user=None)

    line = next(line for line in plan.lines if line.claim.text == "Gemeente Enschede")
    assert line.outcome == HarvestOutcome.CONTRADICTS
    assert (line.old_status, line.new_status) == ("exploring", "exploring")
    assert "Enschede meldt zelf ‘Oriënterend’; de bron zegt ‘Geïmplementeerd’" in line.reason
    record = Adoption.objects.get(municipality=enschede, initiative=gibit)
    assert (record.status, record.source) == ("exploring", OWN_STATEMENTS[path])
    assert AdoptionClaim.objects.get(municipality=enschede).state == ClaimState.OPEN

    page = parse_html(client.get("/gemeenten/GM0153/").content)
    row = next(r for r in page.select("table.stacked tbody tr") if "GIBIT" in r.th.get_text())
    notes = [p.get_text(" ", strip=True) for p in row.select("p.explanation")]
    assert notes == ["voorbeeld meldt ‘Geïmplementeerd’; de gemeente meldt ‘Oriënterend’."]

    editor = UserFactory(editor_of=[enschede])
    client.force_login(editor)
    todo = parse_html(client.get("/admin/adoptie/").content)
    (item,) = todo.select("li.todo-item")
    assert "Uw eigen opgave: ‘Oriënterend’" in item.get_text(" ", strip=True)


def test_a_dismissed_claim_stays_away_until_its_file_changes(publiccode, gibit, source_server):
    enschede = Municipality.objects.get(code="GM0153")
    update = AdoptionUpdate(enschede, gibit, AdoptionStatus.EXPLORING, datetime.date(2026, 3, 1))
    record_adoption(update, user=None, source=ChangeSource.FORM)
    apply_harvest(harvest_sources(), user=None)
    claim = AdoptionClaim.objects.get(municipality=enschede)
    dismiss_claim(claim, user=UserFactory(editor_of=[enschede]))

    plan = apply_harvest(harvest_sources(), user=None)
    assert outcomes(plan)["Gemeente Enschede"] == HarvestOutcome.DISMISSED
    claim.refresh_from_db()
    assert claim.state == ClaimState.DISMISSED

    source_server.serve("/publiccode.yml", USED_BY + "  - Hengelo\n")
    plan = apply_harvest(harvest_sources(), user=None)
    assert outcomes(plan)["Gemeente Enschede"] == HarvestOutcome.CONTRADICTS
    claim.refresh_from_db()
    assert claim.state == ClaimState.OPEN


def test_a_name_the_source_no_longer_makes_is_withdrawn(publiccode, source_server):
    apply_harvest(harvest_sources(), user=None)
    source_server.serve("/publiccode.yml", USED_BY.replace("  - Den Haag\n", ""))
    apply_harvest(harvest_sources(), user=None)
    assert AdoptionClaim.objects.get(municipality__code="GM0518").state == ClaimState.WITHDRAWN


def test_one_unreadable_source_never_blocks_the_others_and_the_command_says_so(
    publiccode, gibit, source_server, capsys
):
    broken = source_server.serve("/kapot.yml", "usedBy:\n  - Enschede\n - : [\n")
    HarvestSourceFactory(url=broken, initiative=gibit)
    with pytest.raises(CommandError, match="1 bron\\(nen\\) onleesbaar, 1 naam"):
        call_command("harvest_usedby", "--apply")
    out = capsys.readouterr().out
    assert f"{broken}\tNIET GELEZEN" in out
    assert "Oogst vastgelegd voor 1 van 2 bronnen." in out
    assert AdoptionClaim.objects.count() == 3


def test_an_opencatalogi_file_of_a_company_is_flagged_and_an_empty_one_says_so(
    register, gibit, source_server
):
    company = source_server.serve(
        "/maykin.yaml", "name: Maykin\nsoftwareUsed:\n  - https://github.com/django/django\n"
    )
    HarvestSourceFactory(kind=HarvestKind.OPENCATALOGI, url=company, initiative=None)
    (reading,) = plan_harvest(harvest_sources()).readings
    assert reading.notes == [
        "Deze bron levert niets op voor het register.",
        "De uitgever ‘Maykin’ is geen gemeente: dit OpenCatalogi-bestand zegt niets over een "
        "gemeente.",
    ]


def test_a_name_decided_once_is_used_by_every_later_harvest(publiccode):
    vng = UserFactory(vng_editor=True)
    record_name_decision("Bergen", Municipality.objects.get(code="GM0373"), user=vng)
    record_name_decision("Conduction B.V.", None, user=vng)
    found = {line.claim.text: line for line in plan_harvest(harvest_sources()).lines}
    assert found["Bergen"].match.municipality.code == "GM0373"
    assert found["Bergen"].match.kind == "decided"
    assert found["Conduction B.V."].outcome == HarvestOutcome.NOT_MUNICIPALITY


def planned_in_2024(municipality, initiative, source):
    """A record "Gepland" since January 2024, last confirmed in June 2024, from `source`."""
    return Adoption.objects.create(
        municipality=municipality,
        initiative=initiative,
        status=AdoptionStatus.PLANNED,
        status_since=datetime.date(2024, 1, 1),
        last_confirmed_on=datetime.date(2024, 6, 1),
        source=source,
    )


def test_apply_is_all_or_nothing(publiccode):
    editor_of_enschede = UserFactory(editor_of=[Municipality.objects.get(code="GM0153")])
    with pytest.raises(AdoptionError):
        apply_harvest(harvest_sources(), user=editor_of_enschede)
    assert not Adoption.objects.exists()
    assert not AdoptionChange.objects.exists()


def test_apply_refuses_when_the_source_changed_since_the_dry_run(publiccode, source_server):
    dry_run = plan_harvest(harvest_sources())
    source_server.serve("/publiccode.yml", USED_BY + "  - Hengelo\n")
    with pytest.raises(HarvestChanged):
        apply_harvest(harvest_sources(), user=None, expected_fingerprint=dry_run.fingerprint)
    assert not Adoption.objects.exists()


def test_invalid_yaml_is_reported_in_dutch_and_changes_nothing(register, gibit, source_server):
    url = source_server.serve("/kapot.yml", "usedBy:\n  - Enschede\n - : [\n")
    HarvestSourceFactory(url=url, initiative=gibit)
    plan = apply_harvest(harvest_sources(), user=None)
    assert plan.lines == []
    assert plan.errors == [f"{url}: regel 3, kolom 2: dit is geen geldige YAML."]
    assert not Adoption.objects.exists()


def test_a_file_without_a_list_of_users_is_refused(register, gibit, source_server):
    url = source_server.serve("/lijst.yml", "usedBy: Enschede en Hengelo\n")
    HarvestSourceFactory(url=url, initiative=gibit)
    plan = plan_harvest(harvest_sources())
    assert plan.errors == [f"{url}: ‘usedBy’ is geen lijst van namen."]


def test_a_huge_file_is_not_read(register, gibit, source_server, settings):
    settings.HARVEST_MAX_BYTES = 64 * 1024
    body = "usedBy:\n" + "  - Enschede\n" * 50_000
    url = source_server.serve("/groot.yml", body)
    HarvestSourceFactory(url=url, initiative=gibit)
    plan = plan_harvest(harvest_sources())
    assert plan.errors == [f"{url}: het bestand is groter dan 64 kB en is niet gelezen."]


def test_a_source_that_does_not_answer_in_time_is_reported(
    register, gibit, source_server, settings
):
    settings.HARVEST_TIMEOUT = 0.5
    url = source_server.serve("/traag.yml", USED_BY, delay=30)
    HarvestSourceFactory(url=url, initiative=gibit)
    plan = plan_harvest(harvest_sources())
    assert plan.errors == [f"{url}: geen volledig antwoord binnen 0,5 seconden."]


def test_a_missing_file_is_reported_with_its_http_status(register, gibit, source_server):
    url = source_server.url("/bestaat-niet.yml")
    HarvestSourceFactory(url=url, initiative=gibit)
    plan = plan_harvest(harvest_sources())
    assert plan.errors == [f"{url}: de server antwoordde met HTTP 404."]


def test_a_merged_name_in_a_dated_file_counts_for_its_successor(register, gibit, source_server):
    url = source_server.serve("/oud.yml", 'releaseDate: "2024-05-01"\nusedBy: [Weesp]\n')
    HarvestSourceFactory(url=url, initiative=gibit)
    plan = plan_harvest(harvest_sources())
    (line,) = plan.lines
    assert line.outcome == HarvestOutcome.STANDS_IN
    assert line.match.municipality.code == "GM0363"


def test_published_and_measured_sources_say_who_claims_it(publiccode, gibit, source_server):
    catalogue = source_server.serve(
        "/enschede/publicorganisation.yaml",
        "name: Gemeente Enschede\nsoftwareUsed:\n  - https://github.com/Voorbeeld/open-zaak.git\n"
        "  - https://github.com/iemand/anders\n",
    )
    HarvestSourceFactory(kind=HarvestKind.OPENCATALOGI, url=catalogue, initiative=None)
    participants = source_server.serve(
        "/register.json",
        '{"peildatum": "2026-10-01", "deelnemers": ["GM0518", '
        '{"tooi": "https://identifier.overheid.nl/tooi/id/gemeente/gm0164", '
        '"status": "implementing"}]}',
        content_type="application/json",
    )
    HarvestSourceFactory(kind=HarvestKind.REGISTER, url=participants, initiative=gibit)
    apply_harvest(harvest_sources(), user=None)
    evidence = dict(
        Adoption.objects.filter(initiative=gibit).values_list(
            "municipality__code", "evidence_level"
        )
    )
    assert evidence["GM0153"] == EvidenceLevel.PUBLISHED
    assert evidence["GM0518"] == EvidenceLevel.MEASURED
    assert evidence["GM0164"] == EvidenceLevel.MEASURED
    hengelo = Adoption.objects.get(initiative=gibit, municipality__code="GM0164")
    assert hengelo.status == AdoptionStatus.IMPLEMENTING
    assert (hengelo.status_since, hengelo.since_is_upper_bound) == (TODAY, True)
    assert AdoptionClaim.objects.get(municipality=hengelo.municipality).stated_on == (
        datetime.date(2026, 10, 1)
    )


def test_harvest_command_is_a_dry_run_unless_told_to_apply(publiccode, capsys):
    with pytest.raises(CommandError):
        call_command("harvest_usedby", "--initiative", "gibit")
    out = capsys.readouterr().out
    assert "Proefoogst" in out
    assert "geen gemeente: 2" in out
    den_haag = next(line for line in out.splitlines() if "\tDen Haag\t" in line).split("\t")
    assert den_haag[:6] == [
        publiccode.url,
        "gibit",
        "Den Haag",
        "'s-Gravenhage (GM0518) (bekende andere naam)",
        "Onbekend → Geïmplementeerd",
        "nieuw: staat voor de onbekende status",
    ]
    assert not Adoption.objects.exists()
    # "Bergen" waits for a person: the exit code says that not everything was applied.
    with pytest.raises(CommandError, match="0 bron\\(nen\\) onleesbaar, 1 naam"):
        call_command("harvest_usedby", "--apply")
    assert Adoption.objects.filter(source=ChangeSource.HARVEST).count() == 3
