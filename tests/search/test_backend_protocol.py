"""Whichever backend the settings choose, every caller may use all that SearchBackend names:
the database backend and the Elasticsearch backend each offer every member."""

import pytest

from search.backends import database, elastic
from search.backends.base import SearchBackend

MEMBERS = sorted(
    name
    for name in (*SearchBackend.__annotations__, *vars(SearchBackend))
    if not name.startswith("_")
)


@pytest.mark.parametrize("backend", [database, elastic], ids=["database", "elasticsearch"])
def test_a_backend_offers_every_member_of_the_protocol(backend):
    assert [name for name in MEMBERS if not hasattr(backend, name)] == []
    assert {name for name in MEMBERS if callable(getattr(SearchBackend, name, None))} <= {
        name for name in MEMBERS if callable(getattr(backend, name))
    }
