from django.core.management.base import BaseCommand, CommandError

from initiatives.indicators.harvest import harvest_indicator_source
from initiatives.models import IndicatorSource


class Command(BaseCommand):
    help = (
        "Leest indicatorwaarden uit de openbare bronnen (JSON-lijst of CSV per indicator). "
        "Zonder --apply is het een proefoogst. Waarden die een gemeente zelf gaf, blijven staan."
    )

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help="verwerk de waarden echt")

    def handle(self, *args, apply, **options):
        failed = 0
        for source in IndicatorSource.objects.select_related("indicator").order_by("pk"):
            result = harvest_indicator_source(source, apply=apply)
            for error in result.errors:
                self.stderr.write(f"{source.url}: {error}")
            failed += bool(result.errors)
            done = f"{result.changed} waarden gewijzigd" if result.applied else "niets verwerkt"
            self.stdout.write(
                f"{source}: {result.rows} rijen, {len(result.errors)} fouten; {done}."
            )
        if failed:
            raise CommandError(f"{failed} bronnen met fouten.")
