from django.db import migrations

SQLITE = [
    # External-content FTS5 table over the stems; triggers keep it in step with the rows.
    """CREATE VIRTUAL TABLE site_search_fts USING fts5(
        stems, content='site_search_searchdocument', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER site_search_fts_insert AFTER INSERT ON site_search_searchdocument BEGIN
        INSERT INTO site_search_fts(rowid, stems) VALUES (new.id, new.stems); END""",
    """CREATE TRIGGER site_search_fts_delete AFTER DELETE ON site_search_searchdocument BEGIN
        INSERT INTO site_search_fts(site_search_fts, rowid, stems)
        VALUES ('delete', old.id, old.stems); END""",
    """CREATE TRIGGER site_search_fts_update AFTER UPDATE ON site_search_searchdocument BEGIN
        INSERT INTO site_search_fts(site_search_fts, rowid, stems)
        VALUES ('delete', old.id, old.stems);
        INSERT INTO site_search_fts(rowid, stems) VALUES (new.id, new.stems); END""",
]
POSTGRESQL = [
    """CREATE INDEX site_search_document_dutch ON site_search_searchdocument
       USING gin (to_tsvector('dutch', title || ' ' || text))""",
]


def create(apps, schema_editor):
    statements = {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(schema_editor.connection.vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS site_search_fts")
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS site_search_document_dutch")


class Migration(migrations.Migration):
    dependencies = [("site_search", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
