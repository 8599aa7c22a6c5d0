"""Database backend: SQLite FTS5 over Dutch stems, or PostgreSQL full text ("dutch").

Every word of the query must match, each also as a prefix ("gemeent" finds "gemeentelijke").
Only word characters reach the full-text engine, so quotes, operators and SQL are inert.
Facet counts are SQL aggregates over the facet-value table, disjunctive per facet.
"""

import math

from django.db import connection, transaction
from django.db.models import Count, F
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import mark_safe

from ..contract import PAGE_SIZE, Hit, Results, facet_options
from ..documents import Document
from ..models import SearchDocument, SearchFacetValue
from ..text import stem, stemmed, words

MAX_TERMS = 12
SNIPPET_WORDS = 30


def index(documents: list[Document]) -> None:
    """Create or replace these documents (one transaction)."""
    if not documents:
        return
    with transaction.atomic():
        remove([d.key for d in documents])
        rows = SearchDocument.objects.bulk_create(
            [
                SearchDocument(
                    key=d.key,
                    type=d.type,
                    title=d.title[:255],
                    text=d.text,
                    stems=stemmed(f"{d.title} {d.text}"),
                    url=d.url,
                    year=d.year,
                )
                for d in documents
            ]
        )
        ids = {row.key: row.pk for row in rows}
        SearchFacetValue.objects.bulk_create(
            SearchFacetValue(document_id=ids[d.key], facet=facet, value=value[:100])
            for d in documents
            for facet, values in {"type": [d.type], **d.facets}.items()
            for value in values
            if value
        )


def remove(keys: list[str]) -> None:
    SearchDocument.objects.filter(key__in=keys).delete()


def clear() -> None:
    SearchFacetValue.objects.all().delete()
    SearchDocument.objects.all().delete()


def _terms(query: str) -> list[str]:
    return [word.lower() for word in words(query)][:MAX_TERMS]


def _text_match(documents, terms: list[str]):
    """Filter to documents containing every term; annotate a relevance score."""
    if connection.vendor == "postgresql":
        tsquery = " & ".join(f"{term}:*" for term in terms)
        table = "site_search_searchdocument"
        # The same expression as the GIN index of migration 0002, so that it is used.
        vector = f"to_tsvector('dutch', {table}.title || ' ' || {table}.text)"
        return documents.filter(
            pk__in=RawSQL(
                f"SELECT id FROM {table} WHERE {vector} @@ to_tsquery('dutch', %s)", [tsquery]
            )
        ).annotate(score=RawSQL(f"ts_rank({vector}, to_tsquery('dutch', %s))", [tsquery]))
    match = " AND ".join(f'"{stem(term)}"*' for term in terms)
    return documents.filter(
        pk__in=RawSQL("SELECT rowid FROM site_search_fts WHERE site_search_fts MATCH %s", [match])
    ).annotate(
        # bm25 is lower for better matches; negate so that higher is better everywhere.
        score=RawSQL(
            "(SELECT -bm25(site_search_fts) FROM site_search_fts "
            "WHERE site_search_fts MATCH %s AND rowid = site_search_searchdocument.id)",
            [match],
        )
    )


def _filtered(documents, filters: dict[str, list[str]], skip: str | None = None):
    for facet, values in filters.items():
        if facet != skip and values:
            documents = documents.filter(
                pk__in=SearchFacetValue.objects.filter(facet=facet, value__in=values).values(
                    "document_id"
                )
            )
    return documents


def search(query: str, filters: dict[str, list[str]], sort: str, page: int) -> Results:
    terms = _terms(query)
    documents = SearchDocument.objects.all()
    if terms:
        documents = _text_match(documents, terms)
    matching = _filtered(documents, filters)
    total = matching.count()
    pages = max(math.ceil(total / PAGE_SIZE), 1)
    page = min(max(page, 1), pages)
    order = {
        "newest": [F("year").desc(nulls_last=True), "title"],
        "title": ["title"],
    }.get(sort, ["-score", "title"] if terms else ["title"])
    rows = matching.order_by(*order)[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    stems = {stem(term) for term in terms}
    hits = [Hit(d.key, d.type, d.title, d.url, highlight(d.text, stems), d.year) for d in rows]
    counts = {
        facet: dict(
            SearchFacetValue.objects.filter(
                facet=facet, document__in=_filtered(documents, filters, skip=facet)
            )
            .values_list("value")
            .annotate(count=Count("pk"))
        )
        for facet in _facet_names()
    }
    return Results(hits, total, page, pages, facet_options(counts, filters))


def _facet_names():
    from ..contract import FACET_LABELS

    return FACET_LABELS.keys()


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
