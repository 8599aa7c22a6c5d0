"""A national-scale data set for benchmarks, written set-based inside PostgreSQL.

About 1,000 organisations × 3,000 initiatives: the real CBS register plus synthetic
municipalities whose province and population are drawn from the real ones (so peers and
breakdowns stay meaningful), benchmark initiatives, and for every pair a history of four to
six status changes that climbs the ladder towards "implemented", its last step dated by the
initiative's own diffusion curve (below). The history and the current
records are computed by `INSERT … SELECT` over `generate_series`, a batch of initiatives per
statement, from a seeded hash of the pair: Python never holds a row, and the same seed gives
the same data. The adoption service is bypassed on purpose (it would take hours); the rows it
writes are the ones the service would write for an import.
"""

import datetime
from collections.abc import Callable

from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from ..constants import AdoptionStatus, ChangeSource, EvidenceLevel
from ..models import (
    Adoption,
    AdoptionChange,
    AdoptionTally,
    InitiativeIndexPage,
    InitiativePage,
    Municipality,
)
from .benchdata import HISTORY_START, LADDER, bench_initiatives
from .national_indicators import write_indicators

# Codes above every real CBS code: GM5000, GM5001, …
SYNTHETIC_CODE_START = 5000
SYNTHETIC_NAME = "Synthetische gemeente {number}"
# Initiatives per INSERT statement: about 150,000 records and 750,000 history rows.
BATCH = 150

# The statuses of one record are a run of the ladder of `n` steps ending at index `last`;
# one record in 25 ends "stopped", one in 50 "not applicable"; one in 20 stays unknown.
# Adoption runs along a Bass curve per initiative, so that forecasts have a real course to
# find: the initiative starts in one of the first 28 quarters of the history, with innovation
# p (0.004–0.024) and imitation q (0.08–0.40) a quarter, and a record's last step falls on the
# day (within a month) the curve's distribution function reaches the record's own uniform draw;
# the steps before it are spread over the time before. A record meant
# to end "implemented" whose day lies after its last day stops one step short.
RECORDS_SQL = """
WITH curves AS (
    SELECT page_ptr_id AS initiative_id,
           ((c & 4095) %% 28)::int AS launch_quarter,
           (0.004 + ((c >> 12) %% 1000) / 1000.0 * 0.02)::float8 AS p,
           (0.08 + ((c >> 24) %% 1000) / 1000.0 * 0.32)::float8 AS q
    FROM (SELECT page_ptr_id,
                 hashint8extended(page_ptr_id::bigint, %(seed)s) & %(positive)s AS c
          FROM initiatives_initiativepage
          WHERE page_ptr_id = ANY(%(initiatives)s)) hashed
),
pairs AS (
    SELECT m.id AS municipality_id,
           i.initiative_id,
           GREATEST(%(history_start)s::date, m.valid_from) AS first_day,
           LEAST(%(today)s::date, COALESCE(m.valid_until, %(today)s::date + 1) - 1) AS last_day,
           hashint8extended(m.id::bigint * 1000003 + i.initiative_id, %(seed)s)
               & %(positive)s AS h,
           i.launch_quarter, i.p, i.q
    FROM initiatives_municipality m
    CROSS JOIN curves i
),
records AS (
    SELECT *, 4 + (h %% 3)::int AS planned_n, ((h >> 8) %% 10)::int AS end_roll,
           ((h >> 16) %% 50)::int AS final_roll,
           ((((h >> 32) %% 1000000) + 0.5) / 1000000.0)::float8 AS u
    FROM pairs
    WHERE last_day > first_day + 60 AND (h >> 24) %% 20 <> 0
),
timed AS (
    SELECT *,
           %(history_start)s::date + LEAST(40000, round(91.3125 * (launch_quarter
               - ln((1 - u) / (1 + q / p * u)) / (p + q))))::int AS curve_day
    FROM records
),
ended AS (
    SELECT *, GREATEST(first_day + 61, LEAST(curve_day, last_day)) AS end_day,
           CASE WHEN end_roll < 6 AND curve_day <= last_day THEN 5
                WHEN end_roll < 6 THEN 4
                ELSE planned_n - 1 + end_roll %% (7 - planned_n) END AS last_step
    FROM timed
),
stepped AS (
    SELECT *, LEAST(planned_n, last_step + 1) AS n
    FROM ended
),
shaped AS (
    SELECT *, GREATEST((end_day - first_day) / n, 1) AS slot
    FROM stepped
),
steps AS (
    SELECT s.municipality_id, s.initiative_id, k, s.n, s.first_day, s.end_day, s.slot, s.h,
           CASE
               WHEN k = s.n AND s.final_roll < 2 THEN %(stopped)s
               WHEN k = s.n AND s.final_roll = 2 THEN %(not_applicable)s
               ELSE (%(ladder)s::text[])[s.last_step - s.n + k + 1]
           END AS status,
           CASE WHEN k = 1 THEN ''
                ELSE (%(ladder)s::text[])[s.last_step - s.n + k] END AS old_status
    FROM shaped s, generate_series(1, s.n) AS k
),
dated AS (
    SELECT *,
           CASE WHEN k = n
                THEN end_day - ((hashint8extended(h - k, %(seed)s) & %(positive)s)
                                %% LEAST(slot, 30))::int
                ELSE first_day + (k - 1) * slot
                     + ((hashint8extended(h - k, %(seed)s) & %(positive)s) %% slot)::int
           END AS effective
    FROM steps
)
"""

HISTORY_SQL = (
    RECORDS_SQL
    + """
INSERT INTO initiatives_adoptionchange (
    municipality_id, initiative_id, old_status, new_status, evidence_level, effective_date,
    recorded_at, source, source_url, version, changes, since_is_upper_bound)
SELECT municipality_id, initiative_id, old_status, status,
       CASE WHEN status = %(implemented)s THEN %(evidence)s ELSE '' END,
       effective, effective + time '12:00', %(source)s, '', k,
       jsonb_build_object('status', jsonb_build_array(NULLIF(old_status, ''), status)), false
FROM dated
"""
)

CURRENT_SQL = (
    RECORDS_SQL
    + """
INSERT INTO initiatives_adoption (
    municipality_id, initiative_id, status, evidence_level, evidence_url, public_explanation,
    internal_note, status_since, last_confirmed_on, updated_at, version, source,
    since_is_upper_bound)
SELECT municipality_id, initiative_id, status,
       CASE WHEN status = %(implemented)s THEN %(evidence)s ELSE '' END,
       '', '', '', effective, effective, effective + time '12:00', k, %(source)s, false
FROM dated
WHERE k = n
"""
)


def add_synthetic_municipalities(total: int, seed: int) -> int:
    """Add synthetic municipalities until `total` exist today; returns how many were added."""
    real = list(
        Municipality.objects.filter(valid_until__isnull=True, population__isnull=False).order_by(
            "code"
        )
    )
    existing = Municipality.objects.filter(valid_until__isnull=True).count()
    taken = set(Municipality.objects.values_list("code", flat=True))
    added = []
    number = SYNTHETIC_CODE_START
    while existing + len(added) < total:
        code = f"GM{number:04d}"
        if code not in taken:
            # A real municipality as model: its province, and about its population.
            model = real[(number * 7919 + seed) % len(real)]
            factor = 0.8 + ((number * 104729 + seed) % 41) / 100
            added.append(
                Municipality(
                    code=code,
                    name=SYNTHETIC_NAME.format(number=number),
                    province=model.province,
                    population=max(1000, round(model.population * factor)),
                    valid_from=datetime.date(2010, 1, 1),
                )
            )
        number += 1
    Municipality.objects.bulk_create(added)
    return len(added)


def write_history(
    seed: int, initiatives: list[InitiativePage], progress: Callable | None = None
) -> None:
    """Write the history and the current record of every municipality × these initiatives
    (which must have none yet), a batch of initiatives per transaction."""
    parameters = {
        "seed": seed,
        # Hash bits as a non-negative bigint (abs() would overflow on the smallest one).
        "positive": 2**63 - 1,
        "history_start": HISTORY_START,
        "today": timezone.localdate(),
        "ladder": [str(status) for status in LADDER],
        "stopped": str(AdoptionStatus.STOPPED),
        "not_applicable": str(AdoptionStatus.NOT_APPLICABLE),
        "implemented": str(AdoptionStatus.IMPLEMENTED),
        "evidence": str(EvidenceLevel.SELF_REPORTED),
        "source": str(ChangeSource.IMPORT),
    }
    ids = [page.pk for page in initiatives]
    for start in range(0, len(ids), BATCH):
        batch = {**parameters, "initiatives": ids[start : start + BATCH]}
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(HISTORY_SQL, batch)
            cursor.execute(CURRENT_SQL, batch)
        if progress:
            progress(min(start + BATCH, len(ids)), len(ids))


def generate_national(
    seed: int, organisations: int, initiative_count: int, progress: Callable | None = None
) -> dict:
    """Fill an empty-of-benchmark-data PostgreSQL database; returns what it holds."""
    added = add_synthetic_municipalities(organisations, seed)
    initiatives = bench_initiatives(InitiativeIndexPage.objects.get(), initiative_count)
    # One query: the initiatives without any record or history yet.
    fresh = list(
        InitiativePage.objects.filter(pk__in=[page.pk for page in initiatives])
        .exclude(Exists(Adoption.objects.filter(initiative=OuterRef("pk"))))
        .exclude(Exists(AdoptionChange.objects.filter(initiative=OuterRef("pk"))))
        .order_by("pk")
    )
    write_history(seed, fresh, progress)
    values = write_indicators(seed, initiatives)
    AdoptionTally.objects.rebuild()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE initiatives_adoption")
        cursor.execute("ANALYZE initiatives_adoptionchange")
        cursor.execute("ANALYZE initiatives_municipality")
    return {
        "municipalities_added": added,
        "initiatives_written": len(fresh),
        "indicator_values_written": values,
    }
