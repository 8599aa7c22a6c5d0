"""What the public may see of the page tree: one QuerySet method for every public path."""

from wagtail.models import PageManager, PageQuerySet


class PublishedPageQuerySet(PageQuerySet):
    def published(self):
        """Live pages not behind a Wagtail password or login (nor below such a page)."""
        return self.live().public()


PublishedPageManager = PageManager.from_queryset(PublishedPageQuerySet)
