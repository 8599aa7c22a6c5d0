"""The harvest on real public files (tests/data/harvest, with their sources in its README),
against a truth table written by hand before the matcher ran: no name may land on a wrong
municipality, nearly every municipal name must be found, and every other body must be known
as no municipality, or be after one decision of VNG."""

import csv
from pathlib import Path

import pytest
import yaml

from initiatives.adoption.harvest import apply_harvest, harvest_sources, plan_harvest
from initiatives.adoption.names import record_name_decision
from initiatives.adoption.register import load_register
from initiatives.constants import HarvestKind
from initiatives.models import AdoptionClaim
from tests.factories import HarvestSourceFactory, InitiativePageFactory, UserFactory

DATA = Path(__file__).resolve().parent.parent / "data" / "harvest"


def truth() -> dict[tuple[str, str], str]:
    with (DATA / "truth.csv").open(encoding="utf-8", newline="") as handle:
        return {
            (row["file"], row["name"]): row["code"] for row in csv.DictReader(handle, delimiter=";")
        }


@pytest.fixture
def real_sources(db, source_server):
    """Every real file served on loopback and registered as a harvest source; each product its
    own initiative, known by the repository its publiccode.yml names."""
    load_register()
    files = {}
    for path in sorted((DATA / "publiccode").iterdir()):
        url = source_server.serve(f"/{path.name}", path.read_bytes())
        repository = yaml.safe_load(path.read_bytes())["url"]
        initiative = InitiativePageFactory(title=path.stem, slug=path.stem)
        HarvestSourceFactory(url=url, initiative=initiative, repository_url=repository)
        files[url] = f"publiccode/{path.name}"
    for path in sorted((DATA / "opencatalogi").iterdir()):
        url = source_server.serve(f"/oc-{path.name}", path.read_bytes())
        HarvestSourceFactory(kind=HarvestKind.OPENCATALOGI, url=url, initiative=None)
        files[url] = f"opencatalogi/{path.name}"
    return files


def outcomes_by_name(plan, files) -> dict[tuple[str, str], str]:
    """(file, name as written) → the CBS code it matched, "-" for no municipality, "?" when a
    person must decide. An OpenCatalogi file names its publisher."""
    found = {}
    for line in plan.lines:
        match = line.match
        code = match.municipality.code if match.municipality else "?" if match.needs_review else "-"
        found[files[line.claim.source_url], line.claim.text] = code
    for reading in plan.readings:
        if reading.source.kind == HarvestKind.OPENCATALOGI:
            municipal = not any("is geen gemeente" in note for note in reading.notes)
            key = (files[reading.source.url], reading.publisher)
            found.setdefault(key, "+" if municipal else "-")
    return found


def test_real_files_match_their_truth_table(real_sources, capsys):
    plan = plan_harvest(harvest_sources())
    assert plan.errors == []
    found = outcomes_by_name(plan, real_sources)
    expected = truth()
    rows = [(key, code, found.get(key)) for key, code in expected.items()]
    with capsys.disabled():
        print("\nfile | name | truth | found")
        for (file, name), code, got in rows:
            print(f"{file} | {name} | {code} | {got}")
    municipal = [(code, got) for _key, code, got in rows if code != "-"]
    wrong = [(key, code, got) for key, code, got in rows if got not in (code, "?", "+")]
    recall = sum(got in (code, "+") for code, got in municipal) / len(municipal)
    bodies = [(key, got) for key, code, got in rows if code == "-"]
    with capsys.disabled():
        print(
            f"precision: {len(wrong)} wrong; recall of municipal names: {recall:.1%} "
            f"({len(municipal)} names); non-municipal bodies: "
            f"{sum(got == '-' for _key, got in bodies)} of {len(bodies)} known"
        )
    assert wrong == []
    assert recall >= 0.97
    undecided = [name for (_file, name), got in bodies if got != "-"]
    vng = UserFactory(vng_editor=True)
    for name in undecided:
        record_name_decision(name, None, user=vng)
    if undecided:
        again = outcomes_by_name(plan_harvest(harvest_sources()), real_sources)
        assert all(again[key] == "-" for key, _got in bodies)


def test_real_files_note_what_they_hold(real_sources):
    plan = plan_harvest(harvest_sources())
    notes = {real_sources[r.source.url]: r.notes for r in plan.readings}
    assert notes["publiccode/openpdc.yaml"] == [
        "‘releaseDate’ is geen datum (JJJJ-MM-DD): ‘2021-31-01’; de claims hebben geen datum."
    ]
    assert "Deze bron levert niets op voor het register." in notes["opencatalogi/rotterdam.yaml"]
    assert notes["opencatalogi/maykin.yaml"][-1].startswith("De uitgever ‘Maykin’ is geen gemeente")


def test_applying_real_files_stores_one_claim_per_source_and_municipality(real_sources):
    apply_harvest(harvest_sources(), user=None)
    hilversum = AdoptionClaim.objects.get(municipality__code="GM0402")
    assert (hilversum.initiative.slug, hilversum.evidence_level) == ("sensrnet-home", "published")
    assert AdoptionClaim.objects.filter(municipality__code="GM0344").count() == 6
