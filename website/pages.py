"""What the public may see of the page tree (one QuerySet method for every public path), and
the context pages get from the layers above their models."""

from collections import defaultdict
from collections.abc import Callable
from functools import reduce
from operator import or_

from django.db.models import Q
from django.http import HttpRequest
from wagtail.models import Page, PageManager, PageQuerySet


class PublishedPageQuerySet(PageQuerySet):
    def published(self):
        """Live pages below live pages only, not behind a Wagtail password or login (nor
        below such a page): the one rule of what the public may see, for every path."""
        return self.live().public().exclude(self._below_unpublished_q())

    def _below_unpublished_q(self) -> Q:
        # The root (depth 1) is never live and never shown: only pages below it count.
        hidden = Page.objects.filter(live=False, depth__gt=1, numchild__gt=0).values_list(
            "path", flat=True
        )
        return reduce(or_, (Q(path__startswith=path) for path in hidden), Q(pk__in=[]))


PublishedPageManager = PageManager.from_queryset(PublishedPageQuerySet)


# Context a page's template needs from layers above the models (reports, services), added by
# functions those layers register, so that page models never import upwards.
_CONTEXT_PROVIDERS: dict[type, list[Callable[[Page, HttpRequest], dict]]] = defaultdict(list)


def page_context(model: type[Page]):
    """Register `function(page, request) -> dict` as extra template context of `model`."""

    def register(function):
        _CONTEXT_PROVIDERS[model].append(function)
        return function

    return register


class PageContextMixin:
    """Adds the context registered with `page_context` for the page's class; a page whose
    context holds a form or filter with errors (a bad query parameter) answers 400."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        for provider in _CONTEXT_PROVIDERS[type(self)]:
            context.update(provider(self, request))
        return context

    def serve(self, request, *args, **kwargs):
        """The page, with status 400 when one of its forms refused the query parameters."""
        response = super().serve(request, *args, **kwargs)
        context = getattr(response, "context_data", None) or {}
        forms = [getattr(value, "form", value) for value in context.values()]
        if any(getattr(form, "is_bound", False) and form.errors for form in forms):
            response.status_code = 400
        return response
