"""SQL the ORM cannot say is composed from fixed text and quoted names only."""

import pytest

from initiatives.models import Adoption
from website import sql


def test_names_are_quoted_and_values_stay_placeholders():
    statement = sql.compose(
        "INSERT INTO {table} ({columns}) VALUES ({values})",
        table=sql.table(Adoption),
        columns=sql.names(["status", 'evil"; DROP TABLE x; --']),
        values=sql.placeholders(2),
    )
    assert statement == (
        'INSERT INTO "initiatives_adoption" ("status", "evil""; DROP TABLE x; --") VALUES (%s, %s)'
    )


def test_a_plain_string_is_refused_where_a_fragment_belongs():
    with pytest.raises(TypeError, match="table is no SQL fragment"):
        sql.compose("SELECT * FROM {table}", table="initiatives_adoption; DROP TABLE x")
    with pytest.raises(TypeError):
        sql.joined(["id", sql.name("code")])
