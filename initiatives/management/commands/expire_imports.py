from django.core.management.base import BaseCommand

from initiatives.adoption.imports import expire_abandoned_dry_runs


class Command(BaseCommand):
    help = "Vergeet de bestanden van proefimports die niet binnen een dag zijn bevestigd (cron)."

    def handle(self, *args, **options):
        self.stdout.write(f"{expire_abandoned_dry_runs()} proefimports verlopen.")
