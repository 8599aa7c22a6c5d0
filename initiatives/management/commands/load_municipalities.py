from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from initiatives.adoption.register import CURRENT_FILE, MERGERS_FILE, RegisterError, load_register


class Command(BaseCommand):
    help = "Laadt het CBS-gemeenteregister (huidige gemeenten en herindelingen sinds 2017)."

    def add_arguments(self, parser):
        parser.add_argument("--municipalities", default=CURRENT_FILE, help="CSV met gemeenten")
        parser.add_argument("--mergers", default=MERGERS_FILE, help="CSV met herindelingen")

    def handle(self, *args, municipalities, mergers, **options):
        try:
            report = load_register(Path(municipalities), Path(mergers))
        except (RegisterError, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Gemeenteregister geladen: {report.created} nieuw, {report.updated} bijgewerkt, "
            f"{report.unchanged} ongewijzigd."
        )
