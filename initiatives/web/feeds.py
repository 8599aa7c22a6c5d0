"""Atom feeds of status changes, per municipality and per initiative (the last 90 days)."""

import datetime

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..models import InitiativePage, Municipality
from ..reporting.changes import status_changes

FEED_DAYS = 90


class _ChangesFeed(Feed):
    feed_type = Atom1Feed

    def items(self, obj):
        since = timezone.now() - datetime.timedelta(days=FEED_DAYS)
        return status_changes(since, **{self.scope: obj})

    def item_title(self, item):
        return item.summary

    def item_description(self, item):
        return _("Ingangsdatum: %(date)s") % {"date": date_format(item.effective_date, "j F Y")}

    def item_link(self, item):
        return reverse("municipalities:detail", args=[item.municipality.code])

    def item_guid(self, item):
        return f"{item.municipality.code}:{item.initiative.slug}:{item.recorded_at.isoformat()}"

    def item_pubdate(self, item):
        return item.recorded_at


class MunicipalityChangesFeed(_ChangesFeed):
    """Status changes of one municipality."""

    scope = "municipality"

    def get_object(self, request, code):
        return get_object_or_404(Municipality, code=code)

    def title(self, obj):
        return _("Labregister: wijzigingen in %(name)s") % {"name": obj.name}

    def link(self, obj):
        return reverse("municipalities:detail", args=[obj.code])


class InitiativeChangesFeed(_ChangesFeed):
    """Status changes of one initiative, in every municipality."""

    scope = "initiative"

    def get_object(self, request, slug):
        return get_object_or_404(InitiativePage.objects.published(), slug=slug)

    def title(self, obj):
        return _("Labregister: wijzigingen bij %(initiative)s") % {"initiative": obj.title}

    def link(self, obj):
        return obj.url or "/"
