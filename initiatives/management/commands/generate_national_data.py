import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from initiatives.demo.national import generate_national
from initiatives.models import Adoption, AdoptionChange, InitiativeIndexPage, Municipality


class Command(BaseCommand):
    help = (
        "Maakt in PostgreSQL een landelijke dataset voor prestatiemetingen: ongeveer 1.000 "
        "organisaties × 3.000 initiatieven met vier tot zes wijzigingen per record, "
        "set-based berekend in de database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organisations", type=int, default=1000)
        parser.add_argument("--initiatives", type=int, default=3000)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, organisations, initiatives, seed, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Deze dataset wordt in PostgreSQL berekend; zet DATABASE_URL.")
        if not Municipality.objects.exists() or not InitiativeIndexPage.objects.exists():
            raise CommandError("Voer eerst ‘load_municipalities’ en ‘load_demo’ uit.")
        started = time.perf_counter()

        def progress(done, total):
            elapsed = time.perf_counter() - started
            self.stdout.write(f"{done} van {total} initiatieven geschreven ({elapsed:.0f} s)")

        written = generate_national(seed, organisations, initiatives, progress)
        self.stdout.write(
            f"{written['municipalities_added']} gemeenten toegevoegd, "
            f"{Adoption.objects.count()} records, {AdoptionChange.objects.count()} wijzigingen, "
            f"in {time.perf_counter() - started:.0f} s."
        )
