"""Evidence links checked against a real HTTP server on loopback: what each kind of answer is
recorded as, politeness per host, and where editors and readers see a broken link."""

import csv
import datetime
import io
import time
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from initiatives.adoption.link_checks import check_evidence_links, check_links, record
from initiatives.adoption.service import record_adoption
from initiatives.adoption.updates import AdoptionUpdate
from initiatives.constants import AdoptionStatus, LinkOutcome
from initiatives.models import Adoption, AdoptionChange, EvidenceLinkCheck
from tests.helpers import parse_html, table_row

pytestmark = pytest.mark.django_db


def with_evidence(municipality, initiative, url):
    return record_adoption(
        AdoptionUpdate(
            municipality,
            initiative,
            AdoptionStatus.IMPLEMENTED,
            datetime.date(2025, 1, 1),
            evidence_url=url,
        ),
        user=None,
        source="form",
    )


def failed_yesterday_too(url):
    """An earlier failing check of `url`, a day before today's: a link is shown as not
    reachable only after failures on more than one day."""
    record(check_links([url]), timezone.now() - datetime.timedelta(days=1))


def outcomes(results):
    return {result.url: (result.outcome, result.status_code) for result in results}


def test_each_kind_of_answer_is_recorded_for_what_it_is(source_server, settings):
    settings.LINK_CHECK_TIMEOUT = 1.0
    ok = source_server.serve("/besluit.pdf", b"%PDF-1.7")
    missing = source_server.url("/verdwenen.pdf")
    loop = source_server.serve("/rond", b"", status=302, location="/rond")
    slow = source_server.serve("/traag", b"ok", delay=30)
    # A 50 MB file from a server that refuses HEAD: GET reads the start, not the file.
    huge = source_server.serve("/groot.zip", b"x" * 50_000_000, head_status=405)
    moved = source_server.serve("/oud", b"", status=301, location="/besluit.pdf")
    started = time.perf_counter()
    found = outcomes(check_links([ok, missing, loop, slow, huge, moved, "http://127.0.0.1:9/"]))
    print(f"\n7 links checked in {time.perf_counter() - started:.2f} s")
    assert found == {
        ok: (LinkOutcome.REACHABLE, 200),
        missing: (LinkOutcome.HTTP_ERROR, 404),
        loop: (LinkOutcome.REDIRECT_LOOP, None),
        slow: (LinkOutcome.TIMEOUT, None),
        huge: (LinkOutcome.REACHABLE, 200),
        moved: (LinkOutcome.REACHABLE, 200),
        "http://127.0.0.1:9/": (LinkOutcome.UNREACHABLE, None),
    }
    # HEAD first; GET only where HEAD was refused or failed.
    assert "HEAD /besluit.pdf" in source_server.requests
    assert "/groot.zip" in source_server.requests
    assert "/besluit.pdf" not in source_server.requests


def test_a_host_gets_no_more_than_two_requests_at_a_time(source_server, settings):
    settings.LINK_CHECK_PER_HOST = 2
    urls = [source_server.serve(f"/{n}", b"ok", delay=0.05) for n in range(12)]
    assert {r.outcome for r in check_links(urls)} == {LinkOutcome.REACHABLE}
    assert source_server.most_at_once == 2


def test_a_broken_link_stays_on_the_record_and_is_flagged(source_server, enschede, gibit):
    url = source_server.url("/verdwenen.pdf")
    with_evidence(enschede, gibit, url)
    failed_yesterday_too(url)
    history = AdoptionChange.objects.count()
    output = StringIO()
    call_command("check_evidence_links", stdout=output)
    assert "1 links gecontroleerd" in output.getvalue()
    assert "foutmelding van de server: 1" in output.getvalue()
    record_ = Adoption.objects.with_evidence_unreachable().get()
    # Never silently dropped: the link stays; the check writes no history.
    assert record_.evidence_url == url and record_.evidence_unreachable
    assert AdoptionChange.objects.count() == history
    check = EvidenceLinkCheck.objects.get(url=url)
    assert (check.outcome, check.status_code) == (LinkOutcome.HTTP_ERROR, 404)


def test_failing_since_is_kept_until_the_link_works_again(source_server):
    url = source_server.url("/soms")
    first = timezone.now() - datetime.timedelta(days=3)
    record(check_links([url]), first)
    record(check_links([url]), timezone.now())
    assert EvidenceLinkCheck.objects.get(url=url).failing_since == first
    source_server.serve("/soms", b"weer terug")
    record(check_links([url]), timezone.now())
    check = EvidenceLinkCheck.objects.get(url=url)
    assert check.outcome == LinkOutcome.REACHABLE and check.failing_since is None


def test_each_url_is_checked_once_however_many_records_cite_it(
    source_server, enschede, hengelo, gibit
):
    url = source_server.serve("/gezamenlijk-besluit.pdf", b"%PDF")
    with_evidence(enschede, gibit, url)
    with_evidence(hengelo, gibit, url)
    assert [r.url for r in check_evidence_links()] == [url]
    assert source_server.requests == ["HEAD /gezamenlijk-besluit.pdf"]


def test_a_limited_run_checks_links_never_checked_then_the_oldest(
    source_server, enschede, hengelo, gibit, make_initiative
):
    old, recent, never = (source_server.url(p) for p in ("/oud", "/recent", "/nooit"))
    with_evidence(enschede, gibit, old)
    with_evidence(hengelo, gibit, recent)
    with_evidence(enschede, make_initiative(title="BIO", slug="bio"), never)
    record(check_links([old]), timezone.now() - datetime.timedelta(days=30))
    record(check_links([recent]), timezone.now())
    assert [r.url for r in check_evidence_links(limit=2)] == [never, old]


def test_the_scorecard_counts_unreachable_evidence_and_keeps_the_link(
    source_server, client, enschede, gibit
):
    url = source_server.url("/verdwenen.pdf")
    with_evidence(enschede, gibit, url)
    failed_yesterday_too(url)
    check_evidence_links()
    page = parse_html(client.get(f"/gemeenten/{enschede.code}/").content)
    to_the_explanation = [a.get_text() for a in page.find_all("a", href="#bewijs-niet-bereikbaar")]
    # The summary at the top, and the marker in the row.
    assert to_the_explanation == [
        "Bij 1 status is het bewijs niet bereikbaar.",
        "bewijs niet bereikbaar",
    ]
    status = table_row(page, "GIBIT")["Status"]
    assert status.find("a", href=url)
    assert status.find("a", class_="stale", href="#bewijs-niet-bereikbaar").get_text() == (
        "bewijs niet bereikbaar"
    )
    export = client.get(f"/rapportages/gemeenten/{enschede.code}/", {"format": "csv"})
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    (line,) = csv.DictReader(io.StringIO(text), delimiter=";")
    assert line["bewijs_url"] == url and line["bewijs_niet_bereikbaar_tekst"] == "ja"
    assert line["bewijs_niet_bereikbaar"] == "true"  # not Python's "True"


def test_the_editor_sees_the_broken_link_on_the_record(
    source_server, client, roles, enschede, gibit
):
    with_evidence(enschede, gibit, source_server.url("/verdwenen.pdf"))
    failed_yesterday_too(source_server.url("/verdwenen.pdf"))
    check_evidence_links()
    client.force_login(roles["editor_of_a"])
    html = client.get(f"/admin/adoptie/{enschede.code}/").content.decode()
    assert "bewijs niet bereikbaar" in html


def test_a_checker_without_network_marks_nothing_and_says_so(
    source_server, client, enschede, hengelo, gibit
):
    # Every host fails to answer, as when the checker's DNS or route is gone.
    for municipality, port in ((enschede, 9), (hengelo, 7)):
        with_evidence(municipality, gibit, f"http://127.0.0.1:{port}/besluit.pdf")
    with pytest.raises(CommandError) as offline:
        call_command("check_evidence_links")
    assert str(offline.value) == (
        "Geen enkele server gaf antwoord (2 links); waarschijnlijk is het netwerk van de "
        "controle weg. Er is niets vastgelegd."
    )
    assert not EvidenceLinkCheck.objects.exists()
    page = parse_html(client.get(f"/gemeenten/{enschede.code}/").content)
    assert page.find("a", href="#bewijs-niet-bereikbaar") is None


def test_one_bad_day_does_not_make_a_link_unreachable(source_server, enschede, hengelo, gibit):
    missing = source_server.url("/even-weg.pdf")
    with_evidence(enschede, gibit, missing)
    with_evidence(hengelo, gibit, source_server.serve("/besluit.pdf", b"%PDF"))
    check_evidence_links()
    assert not Adoption.objects.with_evidence_unreachable().filter(evidence_unreachable=True)
    assert not EvidenceLinkCheck.objects.get(url=missing).broken
    # The next day it fails again while the other host answers: now it is not reachable.
    EvidenceLinkCheck.objects.filter(url=missing).update(
        failing_since=timezone.now() - datetime.timedelta(days=1)
    )
    check_evidence_links()
    unreachable = Adoption.objects.with_evidence_unreachable().filter(evidence_unreachable=True)
    assert [a.evidence_url for a in unreachable] == [missing]
    assert EvidenceLinkCheck.objects.get(url=missing).broken
