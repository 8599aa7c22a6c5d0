"""The one fetch policy: the server never requests a loopback, private or otherwise
non-public address, not directly, not after DNS, not behind a redirect, and stops a request
at its deadline. Internal services are real HTTP servers on loopback that must see nothing."""

import datetime
import socket
import time

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from initiatives.adoption.harvest import harvest_sources, plan_harvest
from initiatives.adoption.harvest_sources import HarvestSourceError, fetch
from initiatives.adoption.link_checks import check_evidence_links
from initiatives.adoption.service import record_adoption
from initiatives.adoption.updates import AdoptionUpdate
from initiatives.constants import AdoptionStatus, ChangeSource, HarvestKind, LinkOutcome
from initiatives.models import Adoption, EvidenceLinkCheck, HarvestSource
from website.fetching import Deadline, FetchRefused, check_url, refusal_message

pytestmark = pytest.mark.django_db

NOT_PUBLIC = [
    "http://127.0.0.1/",
    "http://127.1.2.3:8080/admin",
    "http://localhost:8000/",
    "http://intranet.localhost/",
    "http://[::1]:22/",
    "http://[::ffff:127.0.0.1]/",
    "http://10.0.0.5/",
    "http://172.16.3.4/",
    "http://192.168.1.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://100.64.0.1/",
    "http://0.0.0.0/",
    "http://224.0.0.1/",
    "http://[fe80::1]/",
    "http://[fc00::1]/",
    "ftp://example.org/bestand",
    "file:///etc/passwd",
    "gopher://example.org/",
    "http:///zonder-host",
]


@pytest.mark.parametrize("url", NOT_PUBLIC)
def test_addresses_that_are_not_public_are_refused_before_anything_is_sent(url):
    with pytest.raises(FetchRefused) as refused:
        check_url(url)
    assert str(refused.value) == refusal_message(url)


@pytest.mark.parametrize("url", ["https://www.enschede.nl/besluit.pdf", "http://8.8.8.8/"])
def test_public_addresses_pass_the_check_that_needs_no_dns(url):
    check_url(url)


def internal_behind_a_name(internal_server, monkeypatch, name: str, path: str) -> str:
    """The internal server's `path` at a public-looking `name` that resolves to loopback, as
    a DNS server under someone else's control would make it; returns its URL."""
    internal_server.serve(path, b"geheim")
    port = internal_server.httpd.server_address[1]
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host in (name, name.encode()):  # anyio passes the name encoded
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port or 80))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return f"http://{name}:{port}{path}"


@pytest.fixture
def evidence_at(make_initiative, enschede):
    """A record whose evidence link is `url`, stored as an old record could hold it (the
    form, import and API refuse such links now)."""

    def record(url):
        initiative = make_initiative()
        update = AdoptionUpdate(
            enschede, initiative, AdoptionStatus.IMPLEMENTED, datetime.date(2025, 1, 1)
        )
        record_adoption(update, user=None, source=ChangeSource.FORM)
        Adoption.objects.filter(initiative=initiative).update(evidence_url=url)

    return record


def test_the_link_check_makes_no_request_to_an_internal_service(internal_server, evidence_at):
    internal = internal_server.serve("/internal-admin", b"geheim")
    closed_port = "http://127.0.0.1:9/"
    evidence_at(internal)
    evidence_at(closed_port)
    results = check_evidence_links()
    assert {r.url: r.outcome for r in results} == {
        internal: LinkOutcome.REFUSED,
        closed_port: LinkOutcome.REFUSED,
    }
    assert internal_server.requests == []
    # An open and a closed port look the same to anyone reading the outcome.
    checks = EvidenceLinkCheck.objects.order_by("url")
    assert {(c.outcome, c.status_code, c.detail) for c in checks} == {
        (LinkOutcome.REFUSED, None, "")
    }


def test_the_link_check_refuses_a_name_that_resolves_to_loopback(
    internal_server, evidence_at, monkeypatch
):
    evidence_at(internal_behind_a_name(internal_server, monkeypatch, "bewijs.example", "/"))
    assert [r.outcome for r in check_evidence_links()] == [LinkOutcome.REFUSED]
    assert internal_server.requests == []


def test_a_redirect_to_an_internal_address_is_not_followed(
    source_server, evidence_at, internal_server
):
    """The public side is the test's own host (allowed on loopback for this test); its
    redirect points at a private address, which is refused before any connection."""
    internal_server.serve("/", b"geheim")
    moved = source_server.serve("/bewijs", b"", status=302, location="http://10.0.0.5/admin")
    evidence_at(moved)
    assert [r.outcome for r in check_evidence_links()] == [LinkOutcome.REFUSED]
    assert source_server.requests == ["HEAD /bewijs"]


def test_a_harvest_source_on_loopback_is_refused_alike_for_open_and_closed_ports(
    internal_server, gibit
):
    status_json = internal_server.serve("/status", b'{"status": "geheim"}')
    closed = "http://127.0.0.1:9/publiccode.yml"
    for url in (status_json, closed, "http://[::1]:9/x.yml", "http://localhost:9/x.yml"):
        HarvestSource.objects.bulk_create(
            [HarvestSource(kind="register", url=url, initiative=gibit)]
        )
    plan = plan_harvest(harvest_sources())
    assert sorted(plan.errors) == sorted(
        refusal_message(source.url) for source in HarvestSource.objects.all()
    )
    assert internal_server.requests == []


def test_a_harvest_source_whose_name_resolves_to_loopback_is_refused(
    internal_server, gibit, monkeypatch
):
    url = internal_behind_a_name(internal_server, monkeypatch, "code.example", "/publiccode.yml")
    with pytest.raises(HarvestSourceError) as refused:
        fetch(url)
    assert str(refused.value) == refusal_message(url)
    assert internal_server.requests == []


def test_vng_cannot_add_a_harvest_source_at_an_internal_address(gibit):
    source = HarvestSource(
        kind=HarvestKind.PUBLICCODE, url="http://127.0.0.1:8000/", initiative=gibit
    )
    with pytest.raises(ValidationError) as refused:
        source.full_clean()
    assert refused.value.message_dict["url"] == [refusal_message("http://127.0.0.1:8000/")]


def test_an_editor_cannot_give_an_internal_address_as_evidence(client, enschede, gibit, token_for):
    token = token_for(enschede)
    response = client.put(
        f"/api/v1/adoptions/{enschede.code}/{gibit.slug}",
        {
            "status": "implemented",
            "effective_date": "2026-01-05",
            "evidence_url": "http://127.0.0.1:8000/internal-admin",
        },
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 422
    assert response.json()["detail"] == (
        "‘http://127.0.0.1:8000/internal-admin’ is geen openbaar webadres; bewijs moet voor "
        "iedereen te openen zijn."
    )


def test_a_source_that_trickles_is_cut_off_at_the_deadline(source_server, settings, gibit):
    """One byte every 1.8 s against a deadline of 2 s: the whole request stops at the
    deadline, not after the next byte (before: 3.6 s, and longer for a longer file)."""
    settings.HARVEST_TIMEOUT = 2.0
    url = source_server.serve("/druppel.yml", b"usedBy: [Enschede, Hengelo]\n", trickle=1.8)
    started = time.monotonic()
    with pytest.raises(HarvestSourceError) as cut_off:
        fetch(url)
    elapsed = time.monotonic() - started
    assert str(cut_off.value) == f"{url}: geen volledig antwoord binnen 2,0 seconden."
    assert elapsed < 2.8, f"the deadline of 2 s held for {elapsed:.2f} s"


def test_every_wait_of_a_request_gets_only_what_is_left_of_its_deadline():
    now = [100.0]
    deadline = Deadline(10.0, clock=lambda: now[0])
    assert deadline.limit(30.0, TimeoutError) == 10.0
    now[0] = 109.5
    assert deadline.limit(30.0, TimeoutError) == pytest.approx(0.5)
    now[0] = 110.0
    with pytest.raises(TimeoutError):
        deadline.limit(30.0, TimeoutError)


def test_the_link_check_command_reports_refused_links_in_dutch(
    internal_server, evidence_at, capsys
):
    evidence_at(internal_server.serve("/x", b""))
    call_command("check_evidence_links")
    assert "geen openbaar adres: 1" in capsys.readouterr().out
    assert internal_server.requests == []
