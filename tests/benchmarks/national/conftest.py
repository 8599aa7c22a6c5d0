"""The national data set (`make bench-national`): one PostgreSQL database that the benchmarks
read as it is, instead of pytest-django's empty test database. Built from nothing on the first
run (migrate, the CBS register, the demo content, `generate_national_data`) and kept for the
next run; an interrupted build is finished, not repeated."""

import os
import time
from io import StringIO

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from initiatives.demo.benchdata import bench_initiatives
from initiatives.demo.national_indicators import (
    INDICATORS,
    national_indicator_slug,
    write_indicators,
)
from initiatives.models import (
    Adoption,
    AdoptionChange,
    AdoptionTally,
    IndicatorValue,
    InitiativeIndexPage,
    InitiativePage,
    Municipality,
)
from website.serving import keep_loaded_code_out_of_collections

from ..conftest import report

# Smaller sets for a trial run: NATIONAL_ORGANISATIONS=400 NATIONAL_INITIATIVES=20.
ORGANISATIONS = int(os.environ.get("NATIONAL_ORGANISATIONS", 1000))
INITIATIVES = int(os.environ.get("NATIONAL_INITIATIVES", 3000))


def _create_database() -> None:
    database = settings.DATABASES["default"]
    with psycopg.connect(
        host=database["HOST"],
        port=database["PORT"] or 5432,
        user=database["USER"],
        password=database["PASSWORD"],
        dbname="postgres",
        autocommit=True,
    ) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [database["NAME"]]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{database["NAME"]}"')


@pytest.fixture(scope="session")
def django_db_setup(django_db_blocker):
    """The national database, built when missing; benchmarks run inside it."""
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.fail("make bench-national runs on PostgreSQL (DATABASE_URL)")
    _create_database()
    quiet = StringIO()
    with django_db_blocker.unblock():
        call_command("migrate", interactive=False, stdout=quiet)
        if not Municipality.objects.exists():
            call_command("load_municipalities", stdout=quiet)
            call_command("load_demo", stdout=quiet)
        last = f"bench-{INITIATIVES - 1:03d}"
        if not InitiativePage.objects.filter(slug=last, adoptions__isnull=False).exists():
            started = time.perf_counter()
            call_command(
                "generate_national_data",
                organisations=ORGANISATIONS,
                initiatives=INITIATIVES,
                stdout=quiet,
            )
            report("national data set generated", seconds=round(time.perf_counter() - started))
        last_indicator = national_indicator_slug(INDICATORS - 1)
        if not IndicatorValue.objects.filter(indicator__slug=last_indicator).exists():
            # A data set made before it had indicators gets them.
            started = time.perf_counter()
            values = write_indicators(
                1, bench_initiatives(InitiativeIndexPage.objects.get(), INDICATORS)
            )
            report(
                "indicator values written",
                values=values,
                seconds=round(time.perf_counter() - started),
            )
        started = time.perf_counter()
        if not AdoptionTally.objects.ensure_current():
            report("peer group tallies counted", seconds=round(time.perf_counter() - started))
        # The import benchmark writes 500,000 rows and rolls them back: dead rows a live
        # database does not have (its imports commit), which slow newest-first reads.
        started = time.perf_counter()
        with connection.cursor() as cursor:
            for model in (Adoption, AdoptionChange):
                cursor.execute(f"VACUUM (ANALYZE) {model._meta.db_table}")
        report("records and history vacuumed", seconds=round(time.perf_counter() - started))
    # As the server does after start-up (labregister/wsgi.py).
    keep_loaded_code_out_of_collections()
