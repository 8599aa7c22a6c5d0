"""Keeping the index in step: one object after a change, or everything (`search_index`).

The database index is updated at once: it lives in the same database, and it answers when
Elasticsearch does not. An external engine only gets a queued key; `send_pending` delivers
the queue in one bulk request with one short timeout, so no save ever waits on it.
"""

import logging
from collections.abc import Callable
from functools import reduce
from operator import or_

from django.db.models import Q

from .backends import active_backend, database
from .documents import all_documents, document_for_key, key_for
from .models import PendingIndexUpdate

logger = logging.getLogger(__name__)


def _external():
    """The configured engine when it lives outside the database, else None."""
    active = active_backend()
    return active if active.EXTERNAL else None


def update(instance) -> None:
    """(Re)index or remove one changed object: the database now, an external engine later."""
    key = key_for(instance)
    if not key:
        return
    document = document_for_key(key)
    if document is None:
        database.remove([key])
    else:
        database.index([document])
    if _external() is not None:
        PendingIndexUpdate.objects.update_or_create(key=key)


def send_pending(batch_size: int = 500) -> int:
    """Send queued changes to the external engine; returns how many it accepted.

    A batch that fails stays queued for the next run; the failure is logged.
    """
    external = _external()
    if external is None:
        PendingIndexUpdate.objects.all().delete()
        return 0
    sent = 0
    while pending := list(PendingIndexUpdate.objects.order_by("pk")[:batch_size]):
        documents = {row.key: document_for_key(row.key) for row in pending}
        if not external.apply(documents):
            logger.warning("Search engine unreachable; %s changes stay queued", len(pending))
            break
        # Rows queued again while this batch was sent keep their newer timestamp and stay.
        PendingIndexUpdate.objects.filter(
            reduce(or_, (Q(pk=row.pk, queued_at=row.queued_at) for row in pending))
        ).delete()
        sent += len(pending)
    return sent


def rebuild(chunk_size: int = 500, progress: Callable[[int], None] | None = None) -> int:
    """Index every document from scratch; returns how many were indexed."""
    external = _external()
    backends = [database] if external is None else [database, external]
    database.clear()
    if external is not None:
        external.recreate()
        PendingIndexUpdate.objects.all().delete()
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
