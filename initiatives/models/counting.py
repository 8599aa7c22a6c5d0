"""Writing count tables in few statements: INSERT … SELECT of a grouped QuerySet, and
upserts of differences, many rows a statement."""

from django.db import connection, models

from website import sql

# SQLite allows 32,766 parameters a statement; a tally row has at most four.
TALLY_ROWS_PER_STATEMENT = 2000


def insert_counted(model, columns: dict[str, str], counted: models.QuerySet) -> None:
    """INSERT … SELECT a grouped QuerySet into a tally table: {table column: QuerySet column},
    by the subquery's column names because Django orders them as it likes."""
    subquery, params = sql.query_of(counted)
    with connection.cursor() as cursor:
        cursor.execute(
            sql.compose(
                "INSERT INTO {table} ({columns}) SELECT {selected} FROM ({subquery}) counted",
                table=sql.table(model),
                columns=sql.names(columns),
                selected=sql.names(columns.values()),
                subquery=subquery,
            ),
            params,
        )


def add_to_counts(model, key_columns: tuple[str, ...], deltas: dict[tuple, int]) -> None:
    """Upsert {key: difference} into a tally table keyed by `key_columns`, many rows a
    statement (an import moves thousands of tallies at once)."""
    rows = [(*key, delta) for key, delta in sorted(deltas.items()) if delta]
    row_placeholder = sql.compose("({values})", values=sql.placeholders(len(key_columns) + 1))
    # Sorted keys: two writers lock the rows in the same order and cannot deadlock.
    with connection.cursor() as cursor:
        for start in range(0, len(rows), TALLY_ROWS_PER_STATEMENT):
            batch = rows[start : start + TALLY_ROWS_PER_STATEMENT]
            cursor.execute(
                sql.compose(
                    "INSERT INTO {table} ({keys}, count) VALUES {rows} "
                    "ON CONFLICT ({keys}) DO UPDATE SET count = {table}.count + excluded.count",
                    table=sql.table(model),
                    keys=sql.names(key_columns),
                    rows=sql.joined([row_placeholder] * len(batch)),
                ),
                [value for row in batch for value in row],
            )
