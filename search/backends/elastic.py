"""Elasticsearch backend: a Dutch-analysed index and elasticsearch-dsl's FacetedSearch."""

import functools
import logging
from contextlib import contextmanager

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import mark_safe
from elasticsearch import Elasticsearch
from elasticsearch import exceptions as es_exceptions
from elasticsearch.dsl import Document as EsDocument
from elasticsearch.dsl import FacetedSearch, Index, Integer, Keyword, Q, TermsFacet, Text
from elasticsearch.helpers import BulkIndexError, bulk

from ..contract import FACET_LABELS, PAGE_SIZE, Hit, Results, facet_options
from ..documents import Document
from ..text import words
from .base import Unavailable

logger = logging.getLogger(__name__)


# An engine outside the database: fed from the queue (`indexing.send_pending`).
EXTERNAL = True
FAILURES = (
    es_exceptions.ConnectionError,
    es_exceptions.TransportError,
    es_exceptions.ApiError,
    BulkIndexError,
)


class SearchDoc(EsDocument):
    type = Keyword()
    title = Text(analyzer="dutch", fields={"raw": Keyword(normalizer="lowercase")})
    text = Text(analyzer="dutch")
    url = Keyword(index=False)
    year = Integer()
    domain = Keyword(multi=True)
    phase = Keyword(multi=True)
    kind = Keyword(multi=True)
    province = Keyword(multi=True)
    size = Keyword(multi=True)
    recommendation = Keyword(multi=True)
    year_facet = Keyword(multi=True)


def index_name() -> str:
    """The name of the index, with the configured prefix."""
    return f"{settings.SEARCH_INDEX_PREFIX}-documents"


def search_index() -> Index:
    """The index with its Dutch mapping and one shard."""
    index = Index(index_name())
    index.settings(number_of_shards=1, number_of_replicas=0)
    index.document(SearchDoc)
    return index


def client(timeout: float | None = None) -> Elasticsearch:
    """A client without retries: by default with the short timeout of a visitor's search;
    writes (rebuild, queue) pass the longer ELASTICSEARCH_INDEX_TIMEOUT, as creating an index
    on a busy node takes seconds."""
    return _client(settings.ELASTICSEARCH_URL, timeout or settings.ELASTICSEARCH_TIMEOUT)


@functools.cache
def _client(url: str, timeout: float) -> Elasticsearch:
    """One client per address and timeout in a process: it keeps its connections open, so a
    search does not pay for a new one (a few milliseconds of a 50 ms budget)."""
    return Elasticsearch(url, request_timeout=timeout, max_retries=0, retry_on_timeout=False)


def _writer() -> Elasticsearch:
    return client(settings.ELASTICSEARCH_INDEX_TIMEOUT)


# Facet name in the contract → field in the index ("year" is also a numeric sort field).
FIELDS = {name: ("year_facet" if name == "year" else name) for name in FACET_LABELS}


# The aggregation under which the facets without a selected value are counted.
UNSELECTED = "_filter_unselected"


class LabregisterSearch(FacetedSearch):
    fields = ["title^3", "text"]
    facets = {name: TermsFacet(field=field, size=100) for name, field in FIELDS.items()}

    def __init__(self, query, filters, sort="relevance", using=None):
        # FacetedSearch builds its Search in __init__, so the client must be set first.
        self.using = using or "default"
        self.index = index_name()
        order = {"newest": ["-year", "title.raw"], "title": ["title.raw"]}.get(sort, [])
        super().__init__(query, {k: v for k, v in filters.items() if v}, sort=order)

    def search(self):
        return super().search().extra(track_total_hits=True)

    def query(self, search, query):
        # As the database backend: every word's stem must start a stem in the document
        # ("gemeenten" finds gemeente, "zorgaanb" zorgaanbieders). Punctuation is never
        # query syntax, so no input can make the engine refuse a query.
        terms = words(query)
        if not terms:
            return search
        return search.query(
            "bool",
            must=[
                Q("multi_match", query=term, fields=self.fields, type="bool_prefix")
                for term in terms
            ],
        )

    def aggregate(self, search):
        # As FacetedSearch, each facet counts under every filter but its own; the facets that
        # have no filter of their own share one filter aggregation, which Elasticsearch
        # evaluated once per facet (~2 ms each over 100,000 documents).
        for name, facet in self.facets.items():
            holder = self._holder_of(name)
            if holder not in search.aggs:
                own = name if holder != UNSELECTED else None
                search.aggs.bucket(holder, "filter", filter=self._filters_but(own))
            search.aggs[holder].bucket(name, facet.get_aggregation())

    def _holder_of(self, name: str) -> str:
        """The filter aggregation a facet is counted under."""
        return "_filter_" + name if name in self._filters else UNSELECTED

    def _filters_but(self, name):
        combined = Q("match_all")
        for field, facet_filter in self._filters.items():
            if field != name:
                combined &= facet_filter
        return combined

    def facet_counts(self, response) -> dict[str, dict]:
        """{facet: {value: count}}, read from where `aggregate` put each facet."""
        aggregations = response.aggregations
        return {
            name: {
                bucket.key: bucket.doc_count
                for bucket in aggregations[self._holder_of(name)][name].buckets
            }
            for name in self.facets
        }

    def highlight(self, search):
        return search.highlight("text", fragment_size=160, number_of_fragments=1).highlight_options(
            pre_tags=["<mark>"], post_tags=["</mark>"], encoder="html"
        )


def _body(document: Document) -> dict:
    facets = {FIELDS[name]: values for name, values in document.facets.items()}
    return {
        "_index": index_name(),
        "_id": document.key,
        "type": document.type,
        "title": document.title,
        "text": document.text,
        "url": document.url,
        "year": document.year,
        **facets,
    }


@contextmanager
def _answering(what: str):
    """Turn the client's failures into Unavailable, naming what was being done."""
    try:
        yield
    except FAILURES as error:
        raise Unavailable(f"Elasticsearch: {what}: {error}") from error


def index(documents: list[Document]) -> None:
    """Index documents (a rebuild); Unavailable when any of them was not accepted."""
    with _answering(f"{len(documents)} documenten indexeren"):
        bulk(_writer(), (_body(d) for d in documents))


def apply(documents: dict[str, Document | None]) -> bool:
    """Index or (None) delete these documents in one bulk request, under one timeout.

    False when Elasticsearch did not answer or has no index (a node that lost its data must
    be rebuilt, not refilled with guessed mappings): the caller keeps them for a later try.
    """
    actions = [
        _body(document)
        if document is not None
        else {"_op_type": "delete", "_index": index_name(), "_id": key}
        for key, document in documents.items()
    ]
    try:
        engine = _writer()
        if not engine.indices.exists(index=index_name()):
            logger.warning("Elasticsearch: index %s is missing; run search_index", index_name())
            return False
        # Refreshed at once: what the queue delivers is found by the next search.
        bulk(engine, actions, raise_on_error=False, raise_on_exception=True, refresh=True)
    except FAILURES:
        logger.warning("Elasticsearch: %s updates not delivered", len(actions), exc_info=True)
        return False
    return True


def remove(keys: list[str]) -> None:
    """Delete these documents; undelivered deletes are logged (a rebuild repairs them)."""
    apply(dict.fromkeys(keys))


def recreate() -> None:
    """Delete the index and create it with the current mapping and analyzers."""
    index = search_index()
    with _answering("index opnieuw aanmaken"):
        index.delete(using=_writer(), ignore_unavailable=True)
        index.create(using=_writer())


def clear() -> None:
    """Remove every document: a new, empty index."""
    recreate()


def optimise() -> None:
    """After a rebuild: make what was indexed searchable now, in one segment (as the database
    backend merges its FTS5 segments): facet counts over 100,000 documents take half the time
    of the dozen segments a bulk load leaves."""
    index = search_index()
    with _answering("index samenvoegen"):
        index.refresh(using=_writer())
        index.forcemerge(using=_writer(), max_num_segments=1)


def search(query: str, filters: dict[str, list[str]], sort: str, page: int) -> Results:
    """One page of hits with facet counts; Unavailable when Elasticsearch does not answer."""
    faceted = LabregisterSearch(query, filters, sort, using=client())
    start = (max(page, 1) - 1) * PAGE_SIZE
    with _answering("zoeken"):
        response = faceted[start : start + PAGE_SIZE].execute()
    total = response.hits.total.value
    counted = faceted.facet_counts(response)
    counts = {name: counted[name] for name in FACETS_IN_ORDER}
    hits = [
        Hit(
            hit.meta.id,
            hit.type,
            hit.title,
            hit.url,
            _snippet(hit),
            hit.year,
        )
        for hit in response
    ]
    pages = max(-(-total // PAGE_SIZE), 1)
    return Results(hits, total, min(max(page, 1), pages), pages, facet_options(counts, filters))


FACETS_IN_ORDER = tuple(FACET_LABELS)


def _snippet(hit) -> str:
    """Elasticsearch escapes the highlighted fragment itself (encoder "html")."""
    if "highlight" in hit.meta:
        return mark_safe(hit.meta.highlight.text[0])  # noqa: S308 - escaped by the encoder
    return escape(hit.text[:200])
