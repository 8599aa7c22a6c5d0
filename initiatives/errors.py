"""The error every path raises when an adoption update cannot be recorded."""

from django.core.exceptions import ValidationError


class AdoptionError(ValidationError):
    """An update that cannot be recorded; its Dutch message is keyed by the field at fault.

    `key` is the (municipality id, initiative id) of the update, so an import can name its row.
    """

    def __init__(self, message, *, key: tuple[int, int] | None = None):
        super().__init__(message)
        self.key = key
