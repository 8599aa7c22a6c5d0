from django.core.management.base import CommandError

from initiatives.adoption.imports import confirm_import, start_import

from ..file_commands import FileImportCommand


class Command(FileImportCommand):
    help = (
        "Importeert adoptiestatussen uit CSV of XLSX namens een gebruiker. Zonder --apply is het "
        "een proefimport die alleen laat zien wat er zou veranderen."
    )

    def handle_file(self, name, content, account, apply):
        result = start_import(content, name, account)
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
