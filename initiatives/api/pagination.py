"""One page of a list, with the count and the page's position: the API's list envelope."""

from django.db.models import QuerySet


def page_of(items: QuerySet | list, page: int, page_size: int, count: int | None = None) -> dict:
    """{count, page, page_size, results} of the 1-based `page` of `items`; `count` when the
    caller can count them more cheaply than `items` (without its joins)."""
    if count is None:
        count = items.count() if isinstance(items, QuerySet) else len(items)
    start = (page - 1) * page_size
    return {
        "count": count,
        "page": page,
        "page_size": page_size,
        "results": list(items[start : start + page_size]),
    }
