from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from initiatives.indicators.imports import import_indicator_values


class Command(BaseCommand):
    help = (
        "Importeert indicatorwaarden uit CSV of XLSX (gemeentecode, tooi of gemeentenaam; "
        "indicator, periode, waarde) namens een gebruiker. Zonder --apply is het een proefimport."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", required=True, help="gebruikersnaam; bepaalt de gemeenten")
        parser.add_argument("--apply", action="store_true", help="verwerk het bestand echt")

    def handle(self, *args, file, user, apply, **options):
        try:
            account = get_user_model().objects.get_by_natural_key(user)
        except get_user_model().DoesNotExist as error:
            raise CommandError(f"Gebruiker ‘{user}’ bestaat niet.") from error
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Bestand ‘{file}’ is niet te lezen: {error}") from error
        result = import_indicator_values(content, account, apply=apply)
        for error in result.errors:
            self.stderr.write(str(error))
        if result.errors:
            raise CommandError(f"{result.rows} rijen, {len(result.errors)} fouten; niets verwerkt.")
        if result.applied:
            self.stdout.write(f"{result.rows} rijen verwerkt, {result.changed} waarden gewijzigd.")
        else:
            self.stdout.write(f"Proefimport: {result.rows} rijen zonder fouten; niets verwerkt.")
