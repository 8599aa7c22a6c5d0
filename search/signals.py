"""Index updates on publish, unpublish, move and delete of pages, and on adoption changes."""

import logging

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from initiatives.models import InitiativePage, Municipality
from initiatives.signals import adoptions_recorded as recorded
from labs.models import LabResultPage, LivingLabPage

from .indexing import update

logger = logging.getLogger(__name__)


def _update(instance):
    try:
        update(instance)
    except Exception:
        # Search must never stop an editor from saving; the next rebuild repairs the index.
        logger.exception("Zoekindex bijwerken mislukt voor %r", instance)


def page_changed(sender, instance, **kwargs):
    """A published, unpublished or deleted page."""
    _update(instance)


def page_moved(sender, instance, **kwargs):
    """A moved page: its URL changed."""
    _update(instance)


def municipality_saved(sender, instance, **kwargs):
    """A changed municipality."""
    _update(instance)


def adoptions_recorded(sender, municipality_ids, **kwargs):
    """Recorded statuses change what the municipalities' documents list."""
    for municipality in Municipality.objects.filter(pk__in=municipality_ids):
        _update(municipality)


def connect():
    """Listen to the content apps' changes."""
    for model in (InitiativePage, LivingLabPage, LabResultPage):
        page_published.connect(page_changed, sender=model)
        page_unpublished.connect(page_changed, sender=model)
        post_delete.connect(page_changed, sender=model)
    post_page_move.connect(page_moved)
    post_save.connect(municipality_saved, sender=Municipality)
    recorded.connect(adoptions_recorded)
