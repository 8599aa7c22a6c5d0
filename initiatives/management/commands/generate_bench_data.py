import time

from django.core.management.base import BaseCommand, CommandError

from initiatives.demo.benchdata import generate
from initiatives.models import InitiativeIndexPage, Municipality


class Command(BaseCommand):
    help = (
        "Maakt een grote, reproduceerbare adoptiegeschiedenis voor prestatiemetingen: alle "
        "gemeenten × N initiatieven, ongeveer vijf wijzigingen per record, met herindelingen."
    )

    def add_arguments(self, parser):
        parser.add_argument("--initiatives", type=int, default=300)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, initiatives, seed, **options):
        if not Municipality.objects.exists() or not InitiativeIndexPage.objects.exists():
            raise CommandError("Voer eerst ‘load_municipalities’ en ‘load_demo’ uit.")
        started = time.perf_counter()

        def progress(round_number, written):
            self.stdout.write(f"ronde {round_number}: {written} wijzigingen")

        written = generate(seed, initiatives, progress)
        self.stdout.write(
            f"{written} wijzigingen vastgelegd in {time.perf_counter() - started:.0f} s."
        )
