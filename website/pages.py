"""What the public may see of the page tree (one QuerySet method for every public path), and
the context pages get from the layers above their models."""

from collections import defaultdict
from collections.abc import Callable

from django.http import HttpRequest
from wagtail.models import Page, PageManager, PageQuerySet


class PublishedPageQuerySet(PageQuerySet):
    def published(self):
        """Live pages not behind a Wagtail password or login (nor below such a page)."""
        return self.live().public()


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
    """Adds the context registered with `page_context` for the page's class."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        for provider in _CONTEXT_PROVIDERS[type(self)]:
            context.update(provider(self, request))
        return context
