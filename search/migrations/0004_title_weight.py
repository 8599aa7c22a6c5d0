from django.db import migrations

# The title weighs more than the text (weight A against B), so that "Enschede" finds the
# municipality Enschede before the pages that mention it.
POSTGRESQL = [
    "DROP INDEX IF EXISTS site_search_document_vector",
    "ALTER TABLE site_search_searchdocument DROP COLUMN IF EXISTS search_vector",
    """ALTER TABLE site_search_searchdocument ADD COLUMN search_vector tsvector
       GENERATED ALWAYS AS (
           setweight(to_tsvector('dutch', title), 'A') || setweight(to_tsvector('dutch', text), 'B')
       ) STORED""",
    """CREATE INDEX site_search_document_vector ON site_search_searchdocument
       USING gin (search_vector)""",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS site_search_document_vector",
    "ALTER TABLE site_search_searchdocument DROP COLUMN IF EXISTS search_vector",
    """ALTER TABLE site_search_searchdocument ADD COLUMN search_vector tsvector
       GENERATED ALWAYS AS (to_tsvector('dutch', title || ' ' || text)) STORED""",
    """CREATE INDEX site_search_document_vector ON site_search_searchdocument
       USING gin (search_vector)""",
]


def weighted_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRESQL:
            schema_editor.execute(statement)


def unweighted_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRESQL_REVERSE:
            schema_editor.execute(statement)


def empty_index(apps, schema_editor):
    """SQLite's stems now repeat the title: `manage.py search_index` fills the index again."""
    apps.get_model("site_search", "SearchFacetValue").objects.all().delete()
    apps.get_model("site_search", "SearchDocument").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("site_search", "0003_facet_bitmaps")]

    operations = [
        migrations.RunPython(weighted_vector, unweighted_vector),
        migrations.RunPython(empty_index, migrations.RunPython.noop),
    ]
