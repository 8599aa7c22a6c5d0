"""The excerpt a hit shows: the words around the first match, matches marked."""

from html import escape

from django.utils.safestring import mark_safe

from ..text import stem, words
from .full_text import query_terms

SNIPPET_WORDS = 30


def query_stems(query: str) -> set[str]:
    """The stems a snippet marks for this query."""
    return {stem(term) for term in query_terms(query)}


def highlight(text: str, stems: set[str]) -> str:
    """An escaped excerpt of the text around the first match, matches in <mark>."""
    tokens = text.split()
    start = 0
    if stems:
        for position, token in enumerate(tokens):
            if _matches(token, stems):
                start = max(position - 8, 0)
                break
    excerpt = tokens[start : start + SNIPPET_WORDS]
    parts = [
        f"<mark>{escape(token)}</mark>" if stems and _matches(token, stems) else escape(token)
        for token in excerpt
    ]
    prefix = "… " if start else ""
    suffix = " …" if start + SNIPPET_WORDS < len(tokens) else ""
    return mark_safe(prefix + " ".join(parts) + suffix)  # noqa: S308 - every token escaped


def _matches(token: str, stems: set[str]) -> bool:
    found = words(token)
    return bool(found) and any(stem(found[0]).startswith(s) for s in stems)
