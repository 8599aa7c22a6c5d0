"""Index updates on publish, unpublish, move, delete and privacy changes of pages, on saves of
other indexed objects, and on the signals the apps name in their `search_documents`
(REINDEX_SIGNALS)."""

import logging

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from .indexing import update_many
from .sources import REINDEX_SIGNALS, SOURCES

logger = logging.getLogger(__name__)


def _update(instances):
    try:
        update_many(instances)
    except Exception:
        # Search must never stop an editor from saving; the next rebuild repairs the index.
        logger.exception("Zoekindex bijwerken mislukt voor %r", instances)


def object_changed(sender, instance, **kwargs):
    """A published, unpublished, moved, saved or deleted indexed object."""
    _update([instance])


def privacy_changed(sender, instance, **kwargs):
    """A password or login restriction set, changed or lifted: the page and every page below
    it is indexed anew (or removed) at once, not at the next rebuild."""
    _update(Page.objects.descendant_of(instance.page, inclusive=True).specific())


def _reindexer(changed_objects):
    def reindex(sender, **kwargs):
        _update(changed_objects(sender=sender, **kwargs))

    return reindex


def connect():
    """Listen to the changes of every registered source (after `sources.discover`)."""
    for source in SOURCES.values():
        if issubclass(source.model, Page):
            page_published.connect(object_changed, sender=source.model)
            page_unpublished.connect(object_changed, sender=source.model)
        else:
            post_save.connect(object_changed, sender=source.model)
        post_delete.connect(object_changed, sender=source.model)
    post_page_move.connect(object_changed)
    post_save.connect(privacy_changed, sender=PageViewRestriction)
    post_delete.connect(privacy_changed, sender=PageViewRestriction)
    for signal, changed_objects, *sender in REINDEX_SIGNALS:
        signal.connect(
            _reindexer(changed_objects), sender=sender[0] if sender else None, weak=False
        )
