"""Database backend: SQLite FTS5 over Dutch stems, or PostgreSQL full text ("dutch")
(`full_text`).

Every word of the query must match, each also as a prefix ("gemeent" finds "gemeentelijke").
Facets are bitmaps of document ids per value (`search.bitmaps`); a search reads them in one
query and counts every facet, disjunctively, with integer AND and popcount.
"""

import math
from collections import defaultdict
from functools import reduce
from operator import or_

from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import F

from .. import bitmaps
from ..contract import PAGE_SIZE, Hit, Results, facet_options
from ..documents import Document
from ..models import SearchDocument, SearchFacetValue
from ..text import stemmed
from . import full_text, snippets

# The database answers in the same transaction as the change it indexes.
EXTERNAL = False
# How many times the title counts in the SQLite full-text column.
TITLE_WEIGHT = 3


def index(documents: list[Document]) -> None:
    """Create or replace these documents and their facet bitmaps (one transaction).

    A document that is already indexed keeps its id, so bitmaps stay as short as the number
    of documents ever indexed since the last `clear()`.
    """
    if not documents:
        return
    with transaction.atomic():
        existing = {
            row.key: row
            for row in SearchDocument.objects.filter(key__in=[d.key for d in documents])
        }
        removed = _postings(existing.values())
        rows = [_row(existing.get(d.key) or SearchDocument(key=d.key), d) for d in documents]
        SearchDocument.objects.bulk_update(
            [row for row in rows if row.pk],
            ["type", "title", "text", "stems", "url", "year", "facets"],
        )
        SearchDocument.objects.bulk_create([row for row in rows if not row.pk])
        _change_bitmaps(added=_postings(rows), removed=removed)


def _row(row: SearchDocument, document: Document) -> SearchDocument:
    row.type = document.type
    row.title = document.title[:255]
    row.text = document.text
    # FTS5 holds one column; the title's stems repeated make a title match outrank a
    # mention in passing (PostgreSQL weighs the title through setweight instead).
    row.stems = stemmed(" ".join([document.title] * TITLE_WEIGHT + [document.text]))
    row.url = document.url
    row.year = document.year
    row.facets = {
        facet: [value[:100] for value in values if value]
        for facet, values in {"type": [document.type], **document.facets}.items()
    }
    return row


def _postings(rows) -> dict[tuple[str, str], list[int]]:
    """(facet, value) -> ids of the rows that have it."""
    postings = defaultdict(list)
    for row in rows:
        for facet, values in row.facets.items():
            for value in values:
                postings[facet, value].append(row.pk)
    return postings


def _change_bitmaps(added, removed) -> None:
    keys = set(added) | set(removed)
    if not keys:
        return
    # Locked, so that two processes indexing at once do not overwrite each other's bits.
    current = {
        (row.facet, row.value): row
        for row in SearchFacetValue.objects.select_for_update().filter(
            facet__in={facet for facet, _ in keys}
        )
    }
    changed, created, emptied = [], [], []
    for key in keys:
        row = current.get(key) or SearchFacetValue(facet=key[0], value=key[1])
        documents = bitmaps.without(bitmaps.decode(row.documents), removed.get(key, ()))
        documents |= bitmaps.from_ids(added.get(key, ()))
        row.documents = bitmaps.encode(documents)
        if not documents:
            emptied.append(row.pk)
        else:
            (changed if row.pk else created).append(row)
    SearchFacetValue.objects.bulk_update(changed, ["documents"])
    SearchFacetValue.objects.bulk_create(created)
    SearchFacetValue.objects.filter(pk__in=[pk for pk in emptied if pk]).delete()


def remove(keys: list[str]) -> None:
    """Remove these documents and their bits in the facet bitmaps."""
    with transaction.atomic():
        rows = list(SearchDocument.objects.filter(key__in=keys).only("pk", "facets"))
        _change_bitmaps(added={}, removed=_postings(rows))
        SearchDocument.objects.filter(pk__in=[row.pk for row in rows]).delete()


def apply(documents: dict[str, Document | None]) -> bool:
    """Index, or (None) remove, each key; the database always answers."""
    index([document for document in documents.values() if document is not None])
    remove([key for key, document in documents.items() if document is None])
    return True


def recreate() -> None:
    """The database index has no mapping to renew: empty it."""
    clear()


def clear() -> None:
    """Empty the index and restart document ids at 1, which keeps the bitmaps short."""
    tables = [SearchFacetValue._meta.db_table, SearchDocument._meta.db_table]
    statements = connection.ops.sql_flush(no_style(), tables, reset_sequences=True)
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def optimise() -> None:
    """Make a freshly filled index fast to search (`full_text.optimise`)."""
    full_text.optimise()


def search(query: str, filters: dict[str, list[str]], sort: str, page: int) -> Results:
    """One page of hits with disjunctive facet counts, from the database index."""
    terms = full_text.query_terms(query)
    postings = {
        (facet, value): bitmaps.decode(documents)
        for facet, value, documents in SearchFacetValue.objects.values_list(
            "facet", "value", "documents"
        )
    }
    # Every document has exactly one type, so the type bitmaps together are all documents.
    everything = reduce(or_, (bits for (facet, _), bits in postings.items() if facet == "type"), 0)
    matched = bitmaps.from_ids(full_text.matching_ids(terms)) if terms else everything
    selected = {
        facet: reduce(or_, (postings.get((facet, value), 0) for value in values), 0)
        for facet, values in filters.items()
    }
    found = bitmaps.intersection(selected.values(), matched)
    total = found.bit_count()
    pages = max(math.ceil(total / PAGE_SIZE), 1)
    page = min(max(page, 1), pages)
    offset = (page - 1) * PAGE_SIZE
    if terms and sort not in ("newest", "title"):
        ids = _exact_titles_first(query, terms, found, found != matched, offset)
    else:
        ids = _in_order(found, sort, offset, PAGE_SIZE)
    documents = SearchDocument.objects.in_bulk(ids)
    stems = snippets.query_stems(query)
    # A document removed since the ids were read is left out rather than failing the page.
    hits = [
        Hit(d.key, d.type, d.title, d.url, snippets.highlight(d.text, stems), d.year)
        for d in (documents[pk] for pk in ids if pk in documents)
    ]
    counts = _facet_counts(postings, matched, selected)
    return Results(hits, total, page, pages, facet_options(counts, filters))


def _exact_titles_first(query: str, terms, found: int, narrowed: bool, offset: int):
    """One page by relevance, documents titled exactly as the query first: "Enschede" is
    the municipality before "Transitietafel Enschede"."""
    members = bitmaps.Membership(found)
    titled = SearchDocument.objects.filter(title__iexact=query.strip()).order_by("pk")
    exact = [pk for pk in titled.values_list("pk", flat=True) if pk in members]
    first = exact[offset : offset + PAGE_SIZE]
    if len(first) == PAGE_SIZE:
        return first
    rest = found & ~bitmaps.from_ids(exact) if exact else found
    skip = max(offset - len(exact), 0)
    return first + full_text.by_relevance(
        terms, rest, narrowed or bool(exact), skip, PAGE_SIZE - len(first)
    )


def _in_order(found: int, sort: str, offset: int, limit: int) -> list[int]:
    """One page of the found documents by title, or newest first."""
    order = ["title", "pk"]
    if sort == "newest":
        order.insert(0, F("year").desc(nulls_last=True))
    # Reading ids in order and keeping the found ones needs no IN-list of thousands of ids,
    # and stops as soon as the page is full.
    ordered = SearchDocument.objects.order_by(*order).values_list("pk", flat=True).iterator(2000)
    return full_text.page_of(ordered, found, offset, limit)


def _facet_counts(postings, matched: int, selected: dict[str, int]) -> dict[str, dict[str, int]]:
    """Disjunctive counts: a facet is counted within every selection but its own."""
    scopes: dict[str, int] = {}
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for (facet, value), documents in postings.items():
        if facet not in scopes:
            others = (bits for name, bits in selected.items() if name != facet)
            scopes[facet] = bitmaps.intersection(others, matched)
        count = (scopes[facet] & documents).bit_count()
        if count:
            counts[facet][value] = count
    return counts
