"""Database search backend on 20,000 documents: query medians and p95, rebuild throughput.

Run with `make bench` (add DATABASE_URL for PostgreSQL). Prints figures only.
"""

import random
import statistics

import pytest

from search.backends import database
from search.documents import Document
from search.engine import search

from .conftest import report, timed

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db]

WORDS = [
    "gemeente",
    "gemeenten",
    "zorg",
    "jeugd",
    "inkomen",
    "belastingen",
    "dienstverlening",
    "informatiebeveiliging",
    "zaakgericht",
    "werken",
    "standaard",
    "voorziening",
    "inkoop",
    "architectuur",
    "berichten",
    "aanbieders",
    "facturatie",
    "burgers",
    "ondernemers",
    "basisregistratie",
    "omgevingswet",
    "verantwoording",
    "audit",
    "pilot",
]
DOMAINS = ["zorg", "jeugd", "inkomen", "dienstverlening", "informatiebeveiliging"]
PROVINCES = ["Overijssel", "Utrecht", "Zeeland", "Groningen", "Limburg"]
TYPES = ["initiative", "lab", "lab_result", "municipality"]


def synthetic(count: int, seed: int = 7):
    rng = random.Random(seed)
    for number in range(count):
        yield Document(
            key=f"bench:{number}",
            type=TYPES[number % 4],
            title=" ".join(rng.choices(WORDS, k=3)).capitalize(),
            text=" ".join(rng.choices(WORDS, k=60)),
            url=f"/bench/{number}/",
            year=2010 + number % 15,
            facets={
                "domain": rng.sample(DOMAINS, k=2),
                "province": [rng.choice(PROVINCES)],
                "phase": [rng.choice(["pilot", "available", "scaling"])],
                "year": [str(2010 + number % 15)],
            },
        )


def percentiles(samples):
    ordered = sorted(samples)
    return {
        "median_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1] * 1000, 1),
    }


def test_search_20000_documents():
    chunk, indexed, seconds = [], 0, 0.0
    for document in synthetic(20_000):
        chunk.append(document)
        if len(chunk) == 500:
            seconds += timed(database.index, chunk)[1]
            indexed, chunk = indexed + len(chunk), []
    seconds += timed(database.optimise)[1]
    report("index rebuild (database)", documents=indexed, documents_per_s=round(indexed / seconds))

    cases = {
        "one word": ("zorg", {}),
        "query with 3 facets selected": (
            "gemeente",
            {"domain": ["zorg"], "province": ["Utrecht"], "type": ["initiative", "lab"]},
        ),
        "filters only": ("", {"domain": ["jeugd"], "year": ["2020"]}),
    }
    for title, (query, filters) in cases.items():
        search(query, filters, "relevance", 1)
        samples = [timed(search, query, filters, "relevance", 1)[1] for _ in range(30)]
        report(
            f"search: {title}",
            total=search(query, filters, "relevance", 1).total,
            **percentiles(samples),
        )
