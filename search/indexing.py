"""Keeping the index in step: one object after a change, or everything (`search_index`)."""

import logging
from collections.abc import Callable

from .backends import active_backend, database
from .documents import all_documents, document_for

logger = logging.getLogger(__name__)


def _backends():
    """The database index is always kept: it answers when Elasticsearch is down."""
    active = active_backend()
    return [database] if active is database else [database, active]


def update(instance) -> None:
    """(Re)index or remove one changed object in every backend in use."""
    key, document = document_for(instance)
    if not key:
        return
    for backend in _backends():
        if document is None:
            backend.remove([key])
        else:
            backend.index([document])


def rebuild(chunk_size: int = 500, progress: Callable[[int], None] | None = None) -> int:
    """Index every document from scratch; returns how many were indexed."""
    backends = _backends()
    database.clear()
    for backend in backends:
        if backend is not database:
            backend.recreate()
    indexed = 0
    chunk = []
    for document in all_documents(chunk_size):
        chunk.append(document)
        if len(chunk) == chunk_size:
            indexed += _write(backends, chunk, progress)
            chunk = []
    indexed += _write(backends, chunk, progress)
    database.optimise()
    return indexed


def _write(backends, chunk, progress) -> int:
    for backend in backends:
        backend.index(chunk)
    if progress and chunk:
        progress(len(chunk))
    return len(chunk)
