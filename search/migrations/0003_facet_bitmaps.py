from importlib import import_module

from django.db import migrations, models

fulltext = import_module("search.migrations.0002_fulltext")

# ts_rank over the GIN expression index had to re-parse every matching text; a stored
# vector column is read instead. SQLite keeps its FTS5 table of migration 0002.
POSTGRESQL = [
    "DROP INDEX IF EXISTS site_search_document_dutch",
    """ALTER TABLE site_search_searchdocument ADD COLUMN search_vector tsvector
       GENERATED ALWAYS AS (to_tsvector('dutch', title || ' ' || text)) STORED""",
    """CREATE INDEX site_search_document_vector ON site_search_searchdocument
       USING gin (search_vector)""",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS site_search_document_vector",
    "ALTER TABLE site_search_searchdocument DROP COLUMN IF EXISTS search_vector",
    """CREATE INDEX site_search_document_dutch ON site_search_searchdocument
       USING gin (to_tsvector('dutch', title || ' ' || text))""",
]


def empty_index(apps, schema_editor):
    """The index is derived data in a new shape: `manage.py search_index` fills it again."""
    apps.get_model("site_search", "SearchFacetValue").objects.all().delete()
    apps.get_model("site_search", "SearchDocument").objects.all().delete()


def sqlite_triggers(apps, schema_editor):
    """Django rebuilds a SQLite table to add some columns, which drops its triggers."""
    if schema_editor.connection.vendor == "sqlite":
        for statement in fulltext.SQLITE[1:]:
            schema_editor.execute(statement.replace("CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS"))


def stored_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRESQL:
            schema_editor.execute(statement)
    sqlite_triggers(apps, schema_editor)


def expression_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRESQL_REVERSE:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("site_search", "0002_fulltext")]

    operations = [
        migrations.RunPython(empty_index, sqlite_triggers),
        migrations.RemoveIndex(model_name="searchfacetvalue", name="site_search_facet_568086_idx"),
        migrations.RemoveField(model_name="searchfacetvalue", name="document"),
        migrations.AddField(
            model_name="searchdocument", name="facets", field=models.JSONField(default=dict)
        ),
        migrations.AddField(
            model_name="searchfacetvalue",
            name="documents",
            field=models.BinaryField(default=b""),
        ),
        migrations.AddConstraint(
            model_name="searchfacetvalue",
            constraint=models.UniqueConstraint(
                fields=("facet", "value"), name="search_facet_value_unique"
            ),
        ),
        migrations.RunPython(stored_vector, expression_index),
    ]
