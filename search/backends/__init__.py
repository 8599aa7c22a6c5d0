"""The backend settings choose: `database` (default) or `elasticsearch`."""

from django.conf import settings


def active_backend():
    from . import database, elastic

    return elastic if settings.SEARCH_BACKEND == "elasticsearch" else database
