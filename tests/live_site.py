"""A site served by `manage.py runserver` in a subprocess, on loopback and on a database of
its own, for tests that use it from outside as a user's tools would (chromium, schemathesis).

Its database is a SQLite file, or `<name>_<purpose><xdist worker>` next to the PostgreSQL
database of DATABASE_URL. No test database of pytest-django is involved, so these tests need
no transactional database and can run on any worker at any time.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import environ
import psycopg

PROJECT = Path(__file__).resolve().parents[1]
# `make run`'s steps: the register, the demo content and the search index.
SET_UP = (
    ["migrate", "--noinput", "-v0"],
    ["load_municipalities"],
    ["load_demo"],
    ["search_index"],
    ["publish_open_data"],
)


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "")


def _database(tmp_path: Path, purpose: str) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{tmp_path / f'{purpose}.sqlite3'}"
    config = environ.Env.db_url_config(url)
    name = f"{config['NAME']}_{purpose}{_worker()}"
    with psycopg.connect(url.replace("postgres://", "postgresql://", 1), autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{name}"')
    return url.rsplit("/", 1)[0] + "/" + name


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveSite:
    """The base URL of the running site, and its manage.py for further set-up."""

    def __init__(self, env: dict):
        self.env = env
        self.url = ""

    def manage(self, *command: str) -> str:
        """Run a management command on the site's database; returns its output."""
        result = subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=PROJECT,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        )
        return result.stdout


@contextmanager
def running_site(tmp_path: Path, purpose: str, *extra_set_up: list[str]):
    """A site set up with `make run`'s steps (and `extra_set_up`), served until the end."""
    site = LiveSite(
        {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.live_settings",
            "DEBUG": "0",
            "DATABASE_URL": _database(tmp_path, purpose),
            # With ELASTICSEARCH_URL set, each site has an index of its own.
            "SEARCH_INDEX_PREFIX": f"labregister-{purpose}{_worker()}",
            "OPEN_DATA_ROOT": str(tmp_path / "open-data"),
        }
    )
    for command in (*SET_UP, *extra_set_up):
        site.manage(*command)
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"],
        cwd=PROJECT,
        env=site.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    site.url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(site.url + "/", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError(f"the test site did not answer at {site.url}")
        yield site
    finally:
        process.terminate()
        process.wait(10)
