"""Keeping the index in step: one object after a change, or everything (`search_index`).

The database index is updated at once: it lives in the same database, and it answers when
Elasticsearch does not. An external engine only gets a queued key; `send_pending` delivers
the queue in one bulk request with one short timeout, so no save ever waits on it.
"""

import logging
from collections.abc import Callable
from functools import reduce
from itertools import islice
from operator import or_

from django.db.models import Q

from .backends import active_backend, database
from .backends.base import Unavailable
from .documents import all_documents, documents_for_keys, key_for
from .models import PendingIndexUpdate

logger = logging.getLogger(__name__)


def _external():
    """The configured engine when it lives outside the database, else None."""
    active = active_backend()
    return active if active.EXTERNAL else None


def update_many(instances) -> None:
    """(Re)index or remove changed objects, each kind read in one query: the database now,
    an external engine later."""
    keys = [key for key in map(key_for, instances) if key]
    if not keys:
        return
    documents = documents_for_keys(keys)
    gone = [key for key, document in documents.items() if document is None]
    if gone:
        database.remove(gone)
    present = [document for document in documents.values() if document is not None]
    if present:
        database.index(present)
    if _external() is not None:
        for key in keys:
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
        documents = documents_for_keys([row.key for row in pending])
        if not external.apply(documents):
            logger.warning("Search engine unreachable; %s changes stay queued", len(pending))
            break
        # Rows queued again while this batch was sent keep their newer timestamp and stay.
        PendingIndexUpdate.objects.filter(
            reduce(or_, (Q(pk=row.pk, queued_at=row.queued_at) for row in pending))
        ).delete()
        sent += len(pending)
    return sent


def pending_count() -> int:
    """How many changes wait for the external engine."""
    return PendingIndexUpdate.objects.count()


def rebuild(chunk_size: int = 500, progress: Callable[[int], None] | None = None) -> int:
    """Index every document from scratch; returns how many were indexed.

    The database index is always made whole, as it answers when the engine does not. If an
    external engine fails on the way, Unavailable is raised once the database is done.
    """
    external = _external()
    database.clear()
    failure = _attempt(_recreate, external) if external else None
    indexed = 0
    for chunk in _chunks(all_documents(chunk_size), chunk_size):
        database.index(chunk)
        if external and not failure:
            failure = _attempt(external.index, chunk)
        indexed += len(chunk)
        if progress:
            progress(len(chunk))
    database.optimise()
    if external and not failure:
        failure = _attempt(external.optimise)
    if failure:
        raise failure
    return indexed


def _recreate(external) -> None:
    external.recreate()
    # Changes queued from here on may have been read before they were made: they stay.
    PendingIndexUpdate.objects.all().delete()


def _attempt(action, *arguments) -> Unavailable | None:
    """Run an engine action; its failure is returned, so the database part goes on."""
    try:
        action(*arguments)
    except Unavailable as error:
        return error
    return None


def _chunks(documents, size: int):
    while chunk := list(islice(documents, size)):
        yield chunk
