"""Harvesting public sources over real HTTP on loopback: dry run, apply, and what goes wrong."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from initiatives.adoption.harvest import (
    HarvestChanged,
    HarvestOutcome,
    apply_harvest,
    harvest_sources,
    plan_harvest,
)
from initiatives.adoption.register import load_register
from initiatives.adoption.service import reconfirm_adoption, record_adoption
from initiatives.adoption.updates import AdoptionError, AdoptionUpdate
from initiatives.constants import AdoptionStatus, ChangeSource, EvidenceLevel, HarvestKind
from initiatives.models import Adoption, AdoptionChange, Municipality
from tests.factories import HarvestSourceFactory, UserFactory

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
        "Gemeente Enschede": HarvestOutcome.NEW,
        "Den Haag": HarvestOutcome.NEW,
        "Haarlemermeer": HarvestOutcome.NEW,
        "Provincie Utrecht": HarvestOutcome.NOT_MUNICIPALITY,
        "Conduction B.V.": HarvestOutcome.NOT_MUNICIPALITY,
        "Bergen": HarvestOutcome.REVIEW,
    }
    reasons = {line.claim.text: line.reason for line in plan.lines}
    assert reasons["Den Haag"] == "‘Den Haag’ → 's-Gravenhage (GM0518) (bekende andere naam)"
    assert "bijna gelijke naam" in reasons["Haarlemermeer"]
    assert "Bergen (NH.) (GM0373)" in reasons["Bergen"]
    assert not Adoption.objects.exists()
    assert not AdoptionChange.objects.exists()


def test_applied_records_carry_source_evidence_and_the_url_they_came_from(publiccode, gibit):
    vng = UserFactory(vng_editor=True)
    apply_harvest(harvest_sources(), user=vng)
    record = Adoption.objects.get(municipality__code="GM0518", initiative=gibit)
    assert record.status == AdoptionStatus.IMPLEMENTED
    assert record.source == ChangeSource.HARVEST
    assert record.evidence_level == EvidenceLevel.MAINTAINER_CLAIM
    assert record.evidence_url == publiccode.url
    assert record.last_confirmed_on == timezone.localdate()
    assert record.status_since == datetime.date(2026, 1, 15)
    history = AdoptionChange.objects.filter(initiative=gibit)
    assert history.count() == 3
    assert {(h.source, h.source_url) for h in history} == {(ChangeSource.HARVEST, publiccode.url)}
    publiccode.refresh_from_db()
    assert publiccode.last_read_at is not None


def test_a_second_harvest_of_the_same_file_changes_nothing(publiccode):
    apply_harvest(harvest_sources(), user=None)
    plan = apply_harvest(harvest_sources(), user=None)
    assert plan.count(HarvestOutcome.UNCHANGED) == 3
    assert AdoptionChange.objects.count() == 3


def test_a_newer_record_the_municipality_entered_itself_is_listed_as_conflict(publiccode, gibit):
    enschede = Municipality.objects.get(code="GM0153")
    update = AdoptionUpdate(enschede, gibit, AdoptionStatus.STOPPED, datetime.date(2026, 3, 1))
    record_adoption(update, user=None, source=ChangeSource.FORM)
    plan = apply_harvest(harvest_sources(), user=None)
    conflict = next(line for line in plan.lines if line.claim.text == "Gemeente Enschede")
    assert conflict.outcome == HarvestOutcome.CONFLICT
    assert "meldde zelf ‘Gestopt’" in conflict.reason
    assert Adoption.objects.get(municipality=enschede, initiative=gibit).status == "stopped"


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


def test_an_older_record_of_the_municipality_gives_way_to_a_newer_dated_claim(publiccode, gibit):
    enschede = Municipality.objects.get(code="GM0153")
    planned_in_2024(enschede, gibit, ChangeSource.FORM)
    plan = apply_harvest(harvest_sources(), user=None)
    assert outcomes(plan)["Gemeente Enschede"] == HarvestOutcome.CHANGED
    assert Adoption.objects.get(municipality=enschede, initiative=gibit).status == "implemented"


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
    assert line.outcome == HarvestOutcome.NEW
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
    assert hengelo.status_since == datetime.date(2026, 10, 1)


def test_harvest_command_is_a_dry_run_unless_told_to_apply(publiccode, capsys):
    call_command("harvest_usedby", "--initiative", "gibit")
    out = capsys.readouterr().out
    assert "Proefoogst" in out
    assert "geen gemeente: 2" in out
    assert not Adoption.objects.exists()
    call_command("harvest_usedby", "--apply")
    assert Adoption.objects.filter(source=ChangeSource.HARVEST).count() == 3


def test_a_claim_older_than_a_harvested_status_is_a_conflict_that_says_so(publiccode, gibit):
    enschede = Municipality.objects.get(code="GM0153")
    Adoption.objects.create(
        municipality=enschede,
        initiative=gibit,
        status=AdoptionStatus.STOPPED,
        status_since=datetime.date(2026, 6, 1),
        last_confirmed_on=datetime.date(2026, 6, 1),
        source=ChangeSource.HARVEST,
    )
    plan = plan_harvest(harvest_sources())
    line = next(line for line in plan.lines if line.claim.text == "Gemeente Enschede")
    assert line.outcome == HarvestOutcome.CONFLICT
    assert line.reason == (
        "De bron spreekt over 15 januari 2026; de huidige status ‘Gestopt’ geldt al sinds "
        "1 juni 2026. Beslis zelf."
    )


def test_a_record_the_municipality_re_confirmed_is_its_own_and_no_harvest_overwrites_it(
    register, gibit, source_server
):
    enschede = Municipality.objects.get(code="GM0153")
    planned_in_2024(enschede, gibit, ChangeSource.DEMO)
    editor = UserFactory(editor_of=[enschede])
    reconfirm_adoption(enschede, gibit, user=editor, expected_version=1)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    url = source_server.serve(
        "/register.json",
        f'{{"peildatum": "{yesterday.isoformat()}", "deelnemers": ["GM0153"]}}',
    )
    HarvestSourceFactory(url=url, kind=HarvestKind.REGISTER, initiative=gibit)

    plan = apply_harvest(harvest_sources(), user=None)

    assert outcomes(plan) == {"GM0153": HarvestOutcome.CONFLICT}
    record = Adoption.objects.get(municipality=enschede, initiative=gibit)
    assert (record.status, record.source) == (AdoptionStatus.PLANNED, ChangeSource.FORM)
