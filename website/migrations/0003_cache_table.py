from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    """The database cache's table (settings.CACHES), so that `migrate` alone sets up a site;
    does nothing when the caches are elsewhere, such as Redis."""
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("website", "0002_create_homepage")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
