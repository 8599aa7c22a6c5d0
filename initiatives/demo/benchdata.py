"""A large, deterministic adoption history for benchmarks: every municipality × N initiatives.

Each record gets a seeded plan of about five status changes over ten years that mostly moves
towards "implemented". Municipalities that ended in a merger stop changing on their last day;
municipalities formed by a merger start with the state of their largest predecessor (source
"merger"). Everything is written through `record_adoptions`, round by round in date order.
"""

import datetime
import random
from collections.abc import Iterator

from django.utils import timezone

from ..adoption.service import record_adoptions
from ..adoption.updates import AdoptionUpdate
from ..constants import AdoptionStatus, ChangeSource
from ..models import InitiativeIndexPage, InitiativePage, Municipality

HISTORY_START = datetime.date(2016, 1, 1)
LADDER = [
    AdoptionStatus.NOT_STARTED,
    AdoptionStatus.EXPLORING,
    AdoptionStatus.PLANNED,
    AdoptionStatus.PILOTING,
    AdoptionStatus.IMPLEMENTING,
    AdoptionStatus.IMPLEMENTED,
]


def bench_initiatives(index: InitiativeIndexPage, count: int) -> list[InitiativePage]:
    """The first `count` benchmark initiatives under `index`, created when missing."""
    existing = {p.slug: p for p in InitiativePage.objects.child_of(index)}
    pages = []
    for number in range(count):
        slug = f"bench-{number:03d}"
        page = existing.get(slug)
        if page is None:
            page = index.add_child(
                instance=InitiativePage(
                    title=f"Benchmark-initiatief {number:03d}",
                    slug=slug,
                    summary="Gegenereerd voor prestatiemetingen.",
                    public_value="<p>Gegenereerd.</p>",
                    kind=["standard", "facility", "method"][number % 3],
                    phase=["available", "scaling", "pilot"][number % 3],
                    started_on=HISTORY_START,
                )
            )
        pages.append(page)
    return pages


def plan(seed: int, municipality: Municipality, initiative: InitiativePage, last_day):
    """[(effective date, status), ...] for one record, in date order; may be empty."""
    rng = random.Random(f"{seed}:{municipality.code}:{initiative.slug}")
    first = max(HISTORY_START, municipality.valid_from)
    last = min(last_day, (municipality.valid_until or last_day) - datetime.timedelta(days=1))
    if last <= first or rng.random() < 0.05:
        return []
    days = sorted(rng.sample(range((last - first).days), k=min(rng.randint(3, 7), 40)))
    step = 0
    changes = []
    for offset in days:
        roll = rng.random()
        if roll < 0.04:
            status = AdoptionStatus.STOPPED
        elif roll < 0.06:
            status = AdoptionStatus.NOT_APPLICABLE
        else:
            step = min(step + rng.choice([1, 1, 2]), len(LADDER) - 1)
            status = LADDER[step]
        if not changes or changes[-1][1] != status:
            changes.append((first + datetime.timedelta(days=offset), status))
    return changes


def state_on(changes, day):
    """The status a plan of changes gives on `day`."""
    status = None
    for effective, new in changes:
        if effective > day:
            break
        status = new
    return status


def record_plan(seed, municipality, initiative, predecessor, today):
    """The plan of one record; a municipality formed by a merger starts from a predecessor's."""
    changes = plan(seed, municipality, initiative, today)
    if predecessor is None:
        return changes
    inherited = state_on(plan(seed, predecessor, initiative, today), municipality.valid_from)
    if inherited is None:
        return changes
    later = [c for c in changes if c[0] > municipality.valid_from]
    while later and later[0][1] == inherited:
        later.pop(0)
    return [(municipality.valid_from, inherited), *later]


def generate(seed: int, initiative_count: int, progress=None) -> int:
    """Write the history round by round (each record's n-th change in round n).

    Plans are recomputed from the seed in every round instead of being held in memory.
    Returns the number of changes recorded.
    """
    today = timezone.localdate()
    initiatives = bench_initiatives(InitiativeIndexPage.objects.get(), initiative_count)
    municipalities = list(Municipality.objects.order_by("code"))
    merged_into = {}
    for municipality in municipalities:
        if municipality.successor_id:
            merged_into.setdefault(municipality.successor_id, municipality)
    predecessors = {
        m.pk: merged_into[m.pk]
        for m in municipalities
        if m.pk in merged_into and m.valid_from > HISTORY_START
    }

    def plans():
        for municipality in municipalities:
            predecessor = predecessors.get(municipality.pk)
            for initiative in initiatives:
                changes = record_plan(seed, municipality, initiative, predecessor, today)
                yield municipality, initiative, changes, predecessor is not None

    written = 0
    round_number = 0
    while True:
        counted = 0
        for source in (ChangeSource.MERGER, ChangeSource.IMPORT):
            outcomes = record_adoptions(
                _round(plans(), round_number, source), user=None, source=source, chunk_size=2000
            )
            counted += len(outcomes)
        if not counted:
            return written
        written += counted
        round_number += 1
        if progress:
            progress(round_number, written)


def _round(plans, round_number, source) -> Iterator[AdoptionUpdate]:
    for municipality, initiative, changes, born_in_merger in plans:
        if round_number >= len(changes):
            continue
        if (round_number == 0 and born_in_merger) != (source == ChangeSource.MERGER):
            continue
        effective, status = changes[round_number]
        yield AdoptionUpdate(municipality, initiative, status, effective, confirmed_on=effective)
