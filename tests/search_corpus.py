"""Synthetic search documents: many, varied, reproducible (benchmarks, backend comparison)."""

import random

from search.documents import Document

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
# No title word starts another ("gemeente", "gemeenten"): where a space sorts differs
# between collations, and the order by title is compared between backends.
TITLE_WORDS = [word for word in WORDS if word != "gemeenten"]
DOMAINS = ["zorg", "jeugd", "inkomen", "dienstverlening", "informatiebeveiliging"]
PROVINCES = ["Overijssel", "Utrecht", "Zeeland", "Groningen", "Limburg"]
TYPES = ["initiative", "lab", "lab_result", "municipality"]


def synthetic(count: int, seed: int = 7):
    """Documents of random words with facet values, the same for the same seed."""
    rng = random.Random(seed)
    for number in range(count):
        yield Document(
            key=f"bench:{number}",
            type=TYPES[number % 4],
            title=" ".join(rng.choices(TITLE_WORDS, k=3)).capitalize(),
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
