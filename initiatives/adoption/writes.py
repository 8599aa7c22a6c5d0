"""Writing the rows of a large batch in few statements, without Django's per-object SQL
compilation (which dominated a 100,000-row import). On PostgreSQL new rows go in by COPY and
changed rows in one UPDATE per batch; elsewhere by executemany."""

import psycopg
from django.db import connection, models

from website import sql


def insert_rows(objects: list[models.Model]) -> None:
    """INSERT unsaved objects of one model; their primary keys stay unset."""
    if not objects:
        return
    model = type(objects[0])
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    for field in fields:
        if getattr(field, "auto_now_add", False) or getattr(field, "auto_now", False):
            for obj in objects:
                field.pre_save(obj, add=True)
    into = sql.compose(
        "{table} ({columns})",
        table=sql.table(model),
        columns=sql.names(field.column for field in fields),
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(sql.compose("COPY {into} FROM STDIN", into=into)) as copy:
                for row in _db_values(fields, objects):
                    copy.write_row(row)
        else:
            cursor.executemany(
                sql.compose(
                    "INSERT INTO {into} VALUES ({values})",
                    into=into,
                    values=sql.placeholders(len(fields)),
                ),
                _db_values(fields, objects),
            )


def update_rows(objects: list[models.Model], field_names: tuple[str, ...]) -> None:
    """UPDATE these fields of saved objects of one model (Django's bulk_update builds a CASE
    per row and field)."""
    if not objects:
        return
    model = type(objects[0])
    fields = [model._meta.pk, *(model._meta.get_field(name) for name in field_names)]
    table = sql.table(model)
    pk, *columns = (sql.name(field.column) for field in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One statement: the rows travel as one array per column.
            arrays = sql.joined(
                sql.compose("%s::{type}[]", type=sql.column_type(field)) for field in fields
            )
            cursor.execute(
                sql.compose(
                    "UPDATE {table} SET {assignments} FROM unnest({arrays}) "
                    "AS v({pk}, {columns}) WHERE {table}.{pk} = v.{pk}",
                    table=table,
                    assignments=sql.joined(
                        sql.compose("{column} = v.{column}", column=column) for column in columns
                    ),
                    arrays=arrays,
                    pk=pk,
                    columns=sql.joined(columns),
                ),
                [list(column) for column in zip(*_db_values(fields, objects), strict=True)],
            )
        else:
            cursor.executemany(
                sql.compose(
                    "UPDATE {table} SET {assignments} WHERE {pk} = %s",
                    table=table,
                    assignments=sql.joined(
                        sql.compose("{column} = %s", column=column) for column in columns
                    ),
                    pk=pk,
                ),
                (row[1:] + row[:1] for row in _db_values(fields, objects)),
            )


def store_bytes(obj: models.Model, field_name: str, content: bytes) -> None:
    """Save one binary field of a saved object. On PostgreSQL the bytes are sent as a bound
    binary parameter: Django's client-side binding spells them out as hex inside the SQL,
    which took six times a 10 MB file in memory."""
    model = type(obj)
    if connection.vendor != "postgresql":
        model.objects.filter(pk=obj.pk).update(**{field_name: content})
        return
    statement = sql.compose(
        "UPDATE {table} SET {column} = %b WHERE {pk} = %s",
        table=sql.table(model),
        column=sql.name(model._meta.get_field(field_name).column),
        pk=sql.name(model._meta.pk.column),
    )
    connection.ensure_connection()
    with psycopg.Cursor(connection.connection) as cursor:
        cursor.execute(statement, [content, obj.pk])


def _db_values(fields, objects):
    """Each object's fields as the database takes them, a list per object; a batch repeats
    its values (statuses, dates, the user), so each distinct value of a field is converted
    once."""
    conversions = [(field.attname, field.get_db_prep_save, {}) for field in fields]
    for obj in objects:
        row = []
        for attname, convert, converted in conversions:
            value = getattr(obj, attname)
            try:
                row.append(converted[value])
            except KeyError:
                converted[value] = convert(value, connection)
                row.append(converted[value])
            except TypeError:  # unhashable, such as the JSON of a history row's changes
                row.append(convert(value, connection))
        yield row
