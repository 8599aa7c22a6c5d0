"""Browser tests: Debian's chromium, driven by Playwright, against a real server.

The server is `manage.py runserver` in a subprocess, on its own database (a SQLite file, or
`<name>_browser` next to the PostgreSQL database of DATABASE_URL) holding the CBS register,
the demo content and the journey accounts of `seed.py`.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import environ
import pytest
from playwright.sync_api import expect, sync_playwright

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
PROJECT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.browser


def pytest_collection_modifyitems(items):
    """Under pytest-xdist one worker runs every browser test, against one server."""
    for item in items:
        if Path(item.fspath).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.xdist_group("browser"))


# Assertions wait for the state they expect; under CI load a page can take seconds to arrive.
expect.set_options(timeout=20_000)


def _browser_database(tmp_path: Path) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{tmp_path / 'browser.sqlite3'}"
    import psycopg

    config = environ.Env.db_url_config(url)
    # One database per pytest-xdist worker, should two workers ever run browser tests.
    name = f"{config['NAME']}_browser{os.environ.get('PYTEST_XDIST_WORKER', '')}"
    with psycopg.connect(url.replace("postgres://", "postgresql://", 1), autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{name}"')
    return url.rsplit("/", 1)[0] + "/" + name


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The base URL of a running site with the real register and the demo content."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "website.settings.dev",
        "DEBUG": "0",
        "DATABASE_URL": _browser_database(tmp_path_factory.mktemp("browser")),
    }
    manage = [sys.executable, "manage.py"]
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["load_municipalities"],
        ["load_demo"],
        ["search_index"],
        ["shell", "-c", "from tests.browser import seed; seed.run()"],
    ):
        subprocess.run(manage + command, cwd=PROJECT, env=env, check=True, capture_output=True)
    port = _free_port()
    process = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail(f"the browser tests' server did not answer at {base}")
        yield base
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture(scope="session")
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
