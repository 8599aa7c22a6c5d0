from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from initiatives.adoption.imports import confirm_import, start_import


class Command(BaseCommand):
    help = (
        "Importeert adoptiestatussen uit CSV of XLSX namens een gebruiker. Zonder --apply is het "
        "een proefimport die alleen laat zien wat er zou veranderen."
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
        result = start_import(content, file.name, account)
        if apply and not result.errors:
            result = confirm_import(result.batch, account)
        batch = result.batch
        for error in result.errors:
            self.stderr.write(str(error))
        summary = (
            f"{batch.get_state_display()}: {batch.rows_total} rijen, {batch.rows_new} nieuw, "
            f"{batch.rows_changed} gewijzigd, {batch.rows_unchanged} ongewijzigd, "
            f"{batch.rows_error} fouten."
        )
        if result.errors:
            raise CommandError(summary)
        self.stdout.write(summary)
