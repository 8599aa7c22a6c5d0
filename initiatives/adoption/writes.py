"""Writing the rows of a large batch in few statements, without Django's per-object SQL
compilation (which dominated a 100,000-row import)."""

from django.db import connection, models


def insert_rows(objects: list[models.Model]) -> None:
    """INSERT unsaved objects of one model with executemany; their primary keys stay unset."""
    if not objects:
        return
    model = type(objects[0])
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    for field in fields:
        if getattr(field, "auto_now_add", False) or getattr(field, "auto_now", False):
            for obj in objects:
                field.pre_save(obj, add=True)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {model._meta.db_table} ({columns}) VALUES ({placeholders})",  # noqa: S608
            _db_values(fields, objects),
        )


def update_rows(objects: list[models.Model], field_names: tuple[str, ...]) -> None:
    """UPDATE these fields of saved objects of one model with executemany: Django's
    bulk_update builds a CASE per row and field."""
    if not objects:
        return
    model = type(objects[0])
    fields = [model._meta.get_field(name) for name in field_names]
    assignments = ", ".join(f"{connection.ops.quote_name(field.column)} = %s" for field in fields)
    rows = _db_values([*fields, model._meta.pk], objects)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {model._meta.db_table} SET {assignments} WHERE {model._meta.pk.column} = %s",  # noqa: S608
            rows,
        )


def _db_values(fields, objects) -> list[list]:
    """Each object's fields as the database takes them; a batch repeats its values (statuses,
    dates, the user), so each distinct value of a field is converted once."""
    converted: dict[tuple, object] = {}
    rows = []
    for obj in objects:
        row = []
        for field in fields:
            value = getattr(obj, field.attname)
            try:
                if (field, value) not in converted:
                    converted[field, value] = field.get_db_prep_save(value, connection)
                row.append(converted[field, value])
            except TypeError:  # unhashable, such as the JSON of a history row's changes
                row.append(field.get_db_prep_save(value, connection))
        rows.append(row)
    return rows
