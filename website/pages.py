"""What the public may see of the page tree (one QuerySet method for every public path), and
the context pages get from the layers above their models."""

from collections import defaultdict
from collections.abc import Callable

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.http import HttpRequest
from wagtail.models import Page, PageManager, PageQuerySet
from wagtail.permission_policies.pages import PagePermissionPolicy


class PublishedPageQuerySet(PageQuerySet):
    def published(self):
        """Live pages below live pages only, not behind a Wagtail password or login (nor
        below such a page): the one rule of what the public may see, for every path."""
        return self.live().public().exclude(Exists(_unpublished_ancestors()))


def _unpublished_ancestors():
    """The unpublished pages above the outer query's page (a page's path begins with the
    paths of its ancestors); the tree's root is no page anyone sees and does not count."""
    return Page.objects.filter(
        live=False,
        depth__gt=1,
        depth__lt=OuterRef("depth"),
        path=Substr(OuterRef("path"), 1, Length("path")),
    )


PublishedPageManager = PageManager.from_queryset(PublishedPageQuerySet)


def pages_shown_to(user):
    """The pages a person may see named in the admin's choosers: the published ones and
    those they may add to, change or publish (never another lab's or team's drafts)."""
    permitted = PagePermissionPolicy().instances_user_has_any_permission_for(
        user, ["add", "change", "publish"]
    )
    published = PublishedPageQuerySet(Page).published()
    return Page.objects.filter(Q(pk__in=published.values("pk")) | Q(pk__in=permitted.values("pk")))


# Everything a page's template needs beyond the page's own fields comes from functions
# registered here by the layers above the models (reports, services, other apps), so that page
# models never import upwards. Keyed by the model's label ("app.Model"): an app can add to a
# page of a layer above it (the home page) without importing it.
_CONTEXT_PROVIDERS: dict[str, list[Callable[[Page, HttpRequest], dict]]] = defaultdict(list)


def page_context(label: str):
    """Register `function(page, request) -> dict` as extra template context of the page model
    with this label ("initiatives.InitiativePage")."""

    def register(function):
        _CONTEXT_PROVIDERS[label].append(function)
        return function

    return register


class PageContextMixin:
    """Adds the context registered with `page_context` for the page's class; a page whose
    context holds a form or filter with errors (a bad query parameter) answers 400."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        for provider in _CONTEXT_PROVIDERS[self._meta.label]:
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
