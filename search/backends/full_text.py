"""The full-text part of the database backend: which documents hold every word of a query
(SQLite FTS5 over Dutch stems, or PostgreSQL's "dutch" configuration) and in which order of
relevance. Only word characters reach the engine, so quotes, operators and SQL are inert."""

from itertools import islice

from django.db import connection

from website import sql

from .. import bitmaps
from ..models import SearchDocument, SearchFacetValue
from ..text import stem, words

# The FTS5 table of migration 0002 (SQLite only); it has no model.
FTS = sql.name("site_search_fts")
MAX_TERMS = 12


def query_terms(query: str) -> list[str]:
    """The words of a query that are searched for, lower case, at most MAX_TERMS."""
    return [word.lower() for word in words(query)][:MAX_TERMS]


def _engine_query(terms: list[str]) -> str:
    """Every term, each also as a prefix, in the engine's own syntax (passed as a parameter)."""
    if connection.vendor == "postgresql":
        return " & ".join(f"{term}:*" for term in terms)
    return " AND ".join(f'"{stem(term)}"*' for term in terms)


def matching_ids(terms: list[str]) -> list[int]:
    """Every document that contains every term, each also as a prefix (no ranking: cheap)."""
    if connection.vendor == "postgresql":
        statement = sql.compose(
            "SELECT array_agg(id) FROM {documents} WHERE search_vector @@ to_tsquery('dutch', %s)",
            documents=sql.table(SearchDocument),
        )
    else:
        statement = sql.compose("SELECT rowid FROM {fts} WHERE {fts} MATCH %s", fts=FTS)
    with connection.cursor() as cursor:
        cursor.execute(statement, [_engine_query(terms)])
        rows = cursor.fetchall()
    if connection.vendor == "postgresql":
        return rows[0][0] or []
    return [row[0] for row in rows]


def by_relevance(terms: list[str], found: int, narrowed: bool, offset: int, limit: int):
    """One page of the found documents, best first; `narrowed` when facets cut the matches."""
    query = _engine_query(terms)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Only the page is ranked; facet selections reach the database as an id list.
            statement = sql.compose(
                "SELECT id FROM {documents}, to_tsquery('dutch', %s) query "
                "WHERE search_vector @@ query {among} "
                "ORDER BY ts_rank(search_vector, query) DESC, id LIMIT %s OFFSET %s",
                documents=sql.table(SearchDocument),
                among=sql.compose("AND id = ANY(%s)" if narrowed else ""),
            )
            cursor.execute(
                statement, [query, *([bitmaps.to_ids(found)] if narrowed else []), limit, offset]
            )
            return [row[0] for row in cursor.fetchall()]
        # FTS5 ranks every match (bm25) before the first row; combining it with an IN-list
        # makes it go row by row, so the found ones are picked out here, stopping once the
        # page is full.
        cursor.execute(
            sql.compose("SELECT rowid FROM {fts} WHERE {fts} MATCH %s ORDER BY rank", fts=FTS),
            [query],
        )
        return page_of((row[0] for row in cursor), found, offset, limit)


def page_of(ordered_ids, found: int, offset: int, limit: int) -> list[int]:
    """The ids from `offset` to `offset + limit` of those in `found`, in the given order."""
    members = bitmaps.Membership(found)
    return list(islice((pk for pk in ordered_ids if pk in members), offset, offset + limit))


def optimise() -> None:
    """After a bulk load: merge the FTS5 segments, or refresh PostgreSQL's statistics so that
    the planner does not treat the freshly filled tables as empty."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                sql.compose(
                    "ANALYZE {documents}, {facet_values}",
                    documents=sql.table(SearchDocument),
                    facet_values=sql.table(SearchFacetValue),
                )
            )
        elif connection.vendor == "sqlite":
            cursor.execute(sql.compose("INSERT INTO {fts}({fts}) VALUES ('optimize')", fts=FTS))
            cursor.execute("ANALYZE")
