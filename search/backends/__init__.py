"""The backend the settings choose: `database` (default) or `elasticsearch`."""

from django.conf import settings

from . import database, elastic
from .base import SearchBackend


def active_backend() -> SearchBackend:
    """The configured backend module."""
    return elastic if settings.SEARCH_BACKEND == "elasticsearch" else database
