"""Database backend: SQLite FTS5 over Dutch stems, or PostgreSQL full text ("dutch").

Every word of the query must match, each also as a prefix ("gemeent" finds "gemeentelijke").
Only word characters reach the full-text engine, so quotes, operators and SQL are inert.
Facet counts are SQL aggregates over the facet-value table, disjunctive per facet.
"""

import heapq
import math
from collections import defaultdict

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


def optimise() -> None:
    """After a bulk load: merge the FTS5 segments, or refresh PostgreSQL's statistics so that
    the planner does not treat the freshly filled tables as empty."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE site_search_searchdocument, site_search_searchfacetvalue")
        elif connection.vendor == "sqlite":
            cursor.execute("INSERT INTO site_search_fts(site_search_fts) VALUES ('optimize')")
            cursor.execute("ANALYZE")


def remove(keys: list[str]) -> None:
    SearchDocument.objects.filter(key__in=keys).delete()


def clear() -> None:
    SearchFacetValue.objects.all().delete()
    SearchDocument.objects.all().delete()


def _terms(query: str) -> list[str]:
    return [word.lower() for word in words(query)][:MAX_TERMS]


def _vector_sql() -> str:
    table = "site_search_searchdocument"
    # The same expression as the GIN index of migration 0002, so that it is used.
    return f"to_tsvector('dutch', {table}.title || ' ' || {table}.text)"


def _full_text_query(terms: list[str]) -> str:
    if connection.vendor == "postgresql":
        return " & ".join(f"{term}:*" for term in terms)
    return " AND ".join(f'"{stem(term)}"*' for term in terms)


def _text_match(documents, terms: list[str]):
    """Only the documents that contain every term (prefix match)."""
    query = _full_text_query(terms)
    if connection.vendor == "postgresql":
        sql = (
            "SELECT id FROM site_search_searchdocument "
            f"WHERE {_vector_sql()} @@ to_tsquery('dutch', %s)"
        )
    else:
        sql = "SELECT rowid FROM site_search_fts WHERE site_search_fts MATCH %s"
    return documents.filter(pk__in=RawSQL(sql, [query]))


def _by_relevance(filtered, terms: list[str], offset: int, limit: int) -> list[SearchDocument]:
    """One page of matches, best first; `filtered` holds the facet filters, not the text."""
    query = _full_text_query(terms)
    if connection.vendor == "postgresql":
        score = RawSQL(f"ts_rank({_vector_sql()}, to_tsquery('dutch', %s))", [query])
        ranked = _text_match(filtered, terms).annotate(score=score)
        return list(ranked.order_by("-score", "title")[offset : offset + limit])
    # FTS5 ranks every match quickly on its own, but a rank-ordered MATCH combined with a
    # subquery is evaluated row by row (seconds at 20,000 documents): rank here, filter in
    # Python, keep the best page.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid, rank FROM site_search_fts WHERE site_search_fts MATCH %s", [query]
        )
        ranks = dict(cursor.fetchall())
    if filtered.query.where:
        allowed = set(filtered.values_list("pk", flat=True))
        ranks = {pk: rank for pk, rank in ranks.items() if pk in allowed}
    best = heapq.nsmallest(offset + limit, ranks, key=ranks.__getitem__)
    ids = best[offset:]
    documents = SearchDocument.objects.in_bulk(ids)
    return [documents[pk] for pk in ids]


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
    offset = (page - 1) * PAGE_SIZE
    if terms and sort not in ("newest", "title"):
        rows = _by_relevance(
            _filtered(SearchDocument.objects.all(), filters), terms, offset, PAGE_SIZE
        )
    else:
        order = [F("year").desc(nulls_last=True), "title"] if sort == "newest" else ["title"]
        rows = matching.order_by(*order)[offset : offset + PAGE_SIZE]
    stems = {stem(term) for term in terms}
    hits = [Hit(d.key, d.type, d.title, d.url, highlight(d.text, stems), d.year) for d in rows]
    return Results(
        hits, total, page, pages, facet_options(_facet_counts(documents, filters), filters)
    )


def _facet_counts(documents, filters) -> dict[str, dict[str, int]]:
    """Counts per facet value. One query for every facet without a selection; a facet with a
    selection is counted again without its own filter (disjunctive)."""
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    every_facet = (
        SearchFacetValue.objects.filter(document__in=_filtered(documents, filters))
        .values_list("facet", "value")
        .annotate(count=Count("pk"))
    )
    for facet, value, count in every_facet:
        counts[facet][value] = count
    for facet in filters:
        counts[facet] = dict(
            SearchFacetValue.objects.filter(
                facet=facet, document__in=_filtered(documents, filters, skip=facet)
            )
            .values_list("value")
            .annotate(count=Count("pk"))
        )
    return counts


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
