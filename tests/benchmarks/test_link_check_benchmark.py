"""Checking 1,000 evidence links on 10 loopback hosts (some slow, some missing, some moved).

Run with `make bench`. Prints figures only; the bound is the per-host politeness and the
per-link deadline: (links per host / per-host limit) × slowest answer.
"""

import time
from collections import Counter

import pytest

from initiatives.adoption.link_checks import check_links
from tests.source_server import SourceServer

from .conftest import report

pytestmark = [pytest.mark.benchmark]


def test_checking_1000_links(settings):
    servers = [SourceServer() for _ in range(10)]
    try:
        urls = []
        for host, server in enumerate(servers):
            for number in range(100):
                path = f"/besluit-{number}.pdf"
                if number % 10 == 0:
                    urls.append(server.url(f"/verdwenen-{number}"))
                elif number % 10 == 1:
                    server.serve(f"/oud-{number}", b"", status=301, location=path)
                    server.serve(path, b"%PDF")
                    urls.append(server.url(f"/oud-{number}"))
                else:
                    # One host in ten answers slowly (0.1 s).
                    urls.append(server.serve(path, b"%PDF", delay=0.1 if host == 0 else 0))
        started = time.perf_counter()
        results = check_links(urls)
        seconds = time.perf_counter() - started
    finally:
        for server in servers:
            server.stop()
    outcomes = Counter(result.outcome.value for result in results)
    report(
        "evidence link check",
        links=len(results),
        hosts=len(servers),
        seconds=round(seconds, 2),
        links_per_s=round(len(results) / seconds),
        most_at_once_per_host=max(server.most_at_once for server in servers),
        **outcomes,
    )
