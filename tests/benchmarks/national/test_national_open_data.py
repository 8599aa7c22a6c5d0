"""`publish_open_data` on the national data set: every dataset, the full status history of
about 15 million rows included, written by the command in a process of its own, so that its
peak memory (which it prints) is the publication's and not the test run's. Streamed rows keep
that peak flat however long the history is."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from ..conftest import report

pytestmark = [pytest.mark.benchmark, pytest.mark.national, pytest.mark.django_db]

PROJECT = Path(__file__).resolve().parents[3]


def test_publish_every_open_dataset_of_the_national_register(tmp_path):
    database = settings.DATABASES["default"]
    environment = {
        **os.environ,
        "OPEN_DATA_ROOT": str(tmp_path),
        "DATABASE_URL": (
            f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST']}:"
            f"{database['PORT'] or 5432}/{database['NAME']}"
        ),
    }
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM initiatives_adoptionchange")
        (history,) = cursor.fetchone()

    started = time.monotonic()
    run = subprocess.run(
        [sys.executable, "manage.py", "publish_open_data", "--keep", "1"],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    seconds = time.monotonic() - started

    (version,) = [path for path in tmp_path.iterdir() if not path.name.startswith(".")]
    manifest = json.loads((version / "manifest.json").read_text())
    sizes = {
        slug: round(sum(entry["bytes"].values()) / 1e6, 1)
        for slug, entry in manifest["datasets"].items()
    }
    report(
        "publish_open_data, national",
        seconds=round(seconds),
        history_rows=manifest["datasets"]["statusgeschiedenis"]["rows"],
        history_rows_in_database=history,
        **{f"{slug}_mb": size for slug, size in sizes.items()},
        command_says=run.stdout.strip(),
    )
