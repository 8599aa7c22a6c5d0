from django.core.management.base import CommandError

from initiatives.indicators.imports import import_indicator_values

from ..file_commands import FileImportCommand


class Command(FileImportCommand):
    help = (
        "Importeert indicatorwaarden uit CSV of XLSX (gemeentecode, tooi of gemeentenaam; "
        "indicator, periode, waarde) namens een gebruiker. Zonder --apply is het een proefimport."
    )

    def handle_file(self, name, content, account, apply):
        result = import_indicator_values(content, account, apply=apply)
        for error in result.errors:
            self.stderr.write(str(error))
        if result.errors:
            raise CommandError(f"{result.rows} rijen, {len(result.errors)} fouten; niets verwerkt.")
        if result.applied:
            self.stdout.write(f"{result.rows} rijen verwerkt, {result.changed} waarden gewijzigd.")
        else:
            self.stdout.write(f"Proefimport: {result.rows} rijen zonder fouten; niets verwerkt.")
