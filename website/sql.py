"""SQL for what the ORM cannot say (COPY, UPDATE … FROM unnest, FTS5 MATCH, INSERT … SELECT,
upserts of many rows at once), composed from a fixed text and fragments made here only: quoted
names, lists of them, placeholders and Django's own SQL of a QuerySet. Values always travel as
parameters; `compose` refuses anything that is no fragment."""

from collections.abc import Iterable

from django.db import connection, models


class Fragment(str):
    """A piece of SQL made by this module; nothing a person typed."""


def compose(template: str, **fragments: Fragment) -> Fragment:
    """`template`, a fixed text, with its {names} filled by fragments."""
    _check(fragments)
    return Fragment(template.format(**fragments))


def _check(fragments: dict) -> None:
    for key, fragment in fragments.items():
        if not isinstance(fragment, Fragment):
            raise TypeError(f"{key} is no SQL fragment")


def name(identifier: str) -> Fragment:
    """A table, column or collation name, quoted as standard SQL (SQLite and PostgreSQL):
    a quote inside is doubled, which Django's `quote_name` leaves as it is."""
    return Fragment('"' + identifier.replace('"', '""') + '"')


def table(model: type[models.Model]) -> Fragment:
    """A model's table name, quoted."""
    return name(model._meta.db_table)


def names(identifiers: Iterable[str]) -> Fragment:
    """Quoted names separated by commas."""
    return joined(name(identifier) for identifier in identifiers)


def joined(fragments: Iterable[Fragment], separator: str = ", ") -> Fragment:
    """Fragments with a fixed separator between them."""
    parts = list(fragments)
    _check({str(n): part for n, part in enumerate(parts)})
    return Fragment(separator.join(parts))


def placeholders(count: int) -> Fragment:
    """`count` parameters separated by commas."""
    return Fragment(", ".join(["%s"] * count))


def column_type(field: models.Field) -> Fragment:
    """A field's column type as the database backend writes it (from the model, never from
    input); quoting would break names such as "timestamp with time zone"."""
    return Fragment(field.db_type(connection))


def query_of(queryset: models.QuerySet) -> tuple[Fragment, tuple]:
    """A QuerySet's SQL as Django compiles it, and its parameters."""
    sql, parameters = queryset.query.sql_with_params()
    return Fragment(sql), parameters
