"""Browser tests: Debian's chromium, driven by Playwright, against a real server.

The server is `tests.live_site`: `manage.py runserver` on its own database, holding the CBS
register, the demo content and the journey accounts of `seed.py`.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from tests.live_site import running_site
from tests.source_server import SourceServer

from . import seed
from .helpers import new_page

CHROMIUM = "/usr/bin/chromium"
# Chromium must not try to reach Google's services: the machine has no network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--lang=nl-NL",
]

pytestmark = pytest.mark.browser


# Assertions wait for the state they expect; under CI load a page can take seconds to arrive.
expect.set_options(timeout=20_000)


# Package scope: the server and Playwright's event loop end with the last browser test, so
# Django tests that a worker runs afterwards are not inside a running event loop.
@pytest.fixture(scope="package")
def supplier_files():
    """The suppliers' publiccode.yml files of `seed.py`, served on loopback for the site."""
    server = SourceServer()
    for path, used_by in seed.SUPPLIER_FILES.items():
        server.serve(path, seed.publiccode(used_by))
    yield server
    server.stop()


@pytest.fixture(scope="package")
def site(tmp_path_factory, supplier_files):
    """A running site with the real register, the demo content and the accounts and harvest of
    `seed.py` (`site.manage(...)` runs management commands on its database)."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    files = {path: supplier_files.url(path) for path in seed.SUPPLIER_FILES}
    command = ["shell", "-c", f"from tests.browser import seed; seed.run({files!r})"]
    with running_site(tmp_path_factory.mktemp("browser"), "browser", command) as live:
        # Since the harvest, one supplier has named two more users.
        path, used_by = seed.NEWER_FILE
        supplier_files.serve(path, seed.publiccode(used_by))
        yield live


@pytest.fixture(scope="package")
def server(site):
    """The base URL of the running site."""
    return site.url


@pytest.fixture(scope="package")
def browser(server):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser, server):
    """Opens tabs, each in a fresh context; the test fails if any page asked for another host."""
    contexts, outside_requests = [], []

    def open_(**options):
        page = new_page(browser, server, outside_requests, **options)
        contexts.append(page.context)
        return page

    yield open_
    for context in contexts:
        context.close()
    assert outside_requests == [], "pages asked for hosts other than the test server"


@pytest.fixture
def page(open_page):
    return open_page()
