"""What the import commands share: a file, the user on whose behalf it is read, and --apply."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class FileImportCommand(BaseCommand):
    """`manage.py <command> FILE --user NAME [--apply]`: `handle_file` gets the account and
    the file's bytes; a missing user or an unreadable file stops with a Dutch message."""

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
        self.handle_file(file.name, content, account, apply)

    def handle_file(self, name: str, content: bytes, account, apply: bool) -> None:
        raise NotImplementedError
