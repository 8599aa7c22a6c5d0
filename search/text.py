"""Words of a query or a document: lower-cased, accents kept, stemmed with Dutch Snowball."""

import re
from functools import lru_cache

import snowballstemmer

WORD = re.compile(r"\w+", re.UNICODE)
# The classic Snowball Dutch stemmer, the one PostgreSQL's "dutch" configuration uses.
_stemmer = snowballstemmer.stemmer("dutch_porter")


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The Dutch stem of a lower-case word."""
    return _stemmer.stemWord(word.lower())


def words(text: str) -> list[str]:
    """The words of a text, without punctuation."""
    return WORD.findall(text or "")


def stemmed(text: str) -> str:
    """The text as space-separated stems, what the SQLite index holds."""
    return " ".join(stem(word) for word in words(text))
