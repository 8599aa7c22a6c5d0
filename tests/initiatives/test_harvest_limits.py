"""A harvested file cannot turn the server against itself: YAML aliases that expand to
gigabytes and nesting that exhausts the stack are refused cheaply, in one Dutch line with the
line number, without repeating the file; one such file never stops the other sources."""

import time
import tracemalloc

import pytest
from django.core.management import CommandError, call_command

from initiatives.adoption.harvest import harvest_sources, plan_harvest
from initiatives.adoption.register import load_register
from initiatives.constants import HarvestKind
from tests.factories import HarvestSourceFactory, UserFactory


def alias_bomb(levels: int) -> str:
    """The "billion laughs" in YAML: each level lists the previous one nine times."""
    lines = ['publiccodeYmlVersion: "0.4"', "a0: &a0 [Enschede, Enschede, Enschede]"]
    for level in range(1, levels + 1):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 9)}]")
    lines.append(f"releaseDate: *a{levels}")
    lines.append(f"usedBy: *a{levels}")
    return "\n".join(lines) + "\n"


@pytest.fixture
def register(db):
    load_register()


def test_an_alias_bomb_is_refused_in_a_moment_in_one_dutch_line(register, gibit, source_server):
    url = source_server.serve("/publiccode.yml", alias_bomb(8))
    HarvestSourceFactory(url=url, initiative=gibit)
    tracemalloc.start()
    started = time.perf_counter()
    plan = plan_harvest(harvest_sources())
    seconds = time.perf_counter() - started
    _size, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"\nalias bomb of 8 levels refused in {seconds:.3f} s, peak {peak / 1e6:.1f} MB")
    assert plan.errors == [
        f"{url}: regel 3, kolom 10: verwijzingen (aliassen met *) worden niet gelezen."
    ]
    assert seconds < 2
    assert peak < 100_000_000


@pytest.mark.parametrize(
    ("name", "body", "kind", "message"),
    [
        (
            "/diep.json",
            "[" * 100_000,
            HarvestKind.REGISTER,
            "het bestand is dieper genest dan 32 niveaus.",
        ),
        (
            "/diep.yml",
            "usedBy: " + "[" * 100_000,
            HarvestKind.PUBLICCODE,
            "regel 1, kolom 40: het bestand is dieper genest dan 32 niveaus.",
        ),
        (
            "/diep-usedby.yml",
            "usedBy:\n  " + "- " * 20_000 + "Enschede\n",
            HarvestKind.PUBLICCODE,
            "regel 2, kolom 65: het bestand is dieper genest dan 32 niveaus.",
        ),
    ],
)
def test_deep_nesting_is_refused_and_the_other_sources_are_still_read(
    register, gibit, source_server, name, body, kind, message
):
    deep = source_server.serve(name, body)
    good = source_server.serve("/publiccode.yml", "usedBy:\n  - Enschede\n")
    HarvestSourceFactory(url=deep, kind=kind, initiative=gibit)
    HarvestSourceFactory(url=good, initiative=gibit)
    plan = plan_harvest(harvest_sources())
    assert plan.errors == [f"{deep}: {message}"]
    assert [line.claim.text for line in plan.lines] == ["Enschede"]


def test_a_register_file_never_echoes_its_content(register, gibit, source_server):
    url = source_server.serve(
        "/register.json", '{"deelnemers": [{"gemeentecode": "GM0153", "status": "open-poort"}]}'
    )
    HarvestSourceFactory(url=url, kind=HarvestKind.REGISTER, initiative=gibit)
    plan = plan_harvest(harvest_sources())
    assert plan.errors == [f"{url}: deelnemer 1 heeft een status die niet bestaat."]


def test_the_admin_trial_harvest_of_an_alias_bomb_is_an_ordinary_page(
    register, gibit, source_server, client
):
    # Seven levels: 4 s and an 82 MB page before, safe to run against a regression.
    url = source_server.serve("/publiccode.yml", alias_bomb(7))
    HarvestSourceFactory(url=url, initiative=gibit)
    client.force_login(UserFactory(vng_editor=True))
    response = client.post("/admin/adoptie/oogst/", {"action": "dry_run"})
    assert response.status_code == 200
    assert len(response.content) < 200_000


def test_the_harvest_command_survives_a_deep_file(register, gibit, source_server, capsys):
    url = source_server.serve("/diep.json", "[" * 100_000)
    HarvestSourceFactory(url=url, kind=HarvestKind.REGISTER, initiative=gibit)
    with pytest.raises(CommandError):
        call_command("harvest_usedby")
    assert f"{url}: het bestand is dieper genest dan 32 niveaus." in capsys.readouterr().err
