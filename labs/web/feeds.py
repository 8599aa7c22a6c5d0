"""Atom feeds of newly published lab results: all labs, and per lab."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from ..models import LabResultPage, LivingLabPage


class LabResultsFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, lab_slug=None):
        if lab_slug is None:
            return None
        return get_object_or_404(LivingLabPage.objects.published(), slug=lab_slug)

    def title(self, lab):
        if lab:
            return _("Labregister: resultaten van %(lab)s") % {"lab": lab.title}
        return _("Labregister: nieuwe labresultaten")

    def link(self, lab):
        return lab.get_url() if lab else "/labs/"

    def subtitle(self, lab):
        return _("Gepubliceerde resultaten van living labs, nieuwste eerst.")

    def items(self, lab):
        results = LabResultPage.objects.published().order_by("-first_published_at")
        if lab:
            results = results.child_of(lab)
        return results[:50]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.question

    def item_link(self, item):
        return item.get_url()

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at
