"""The history of adoption records in words."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..constants import AdoptionStatus, EvidenceLevel
from ..models import Adoption, AdoptionChange


def describe_change(change: AdoptionChange) -> str:
    """One history entry in words: who, when, and old → new for every field."""
    labels = {
        field.attname: field.verbose_name for field in Adoption._meta.get_fields() if field.concrete
    }
    parts = [
        f"{labels.get(name, name)}: {_display(name, old)} → {_display(name, new)}"
        for name, (old, new) in change.changes.items()
    ]
    who = change.recorded_by.get_username() if change.recorded_by else _("systeem")
    when = date_format(timezone.localtime(change.recorded_at), "j F Y H:i")
    return _("%(who)s op %(when)s: %(parts)s.") % {
        "who": who,
        "when": when,
        "parts": "; ".join(parts),
    }


def _display(name: str, value) -> str:
    choices = {"status": AdoptionStatus, "evidence_level": EvidenceLevel}.get(name)
    if choices and value in choices.values:
        return str(choices(value).label)
    return str(value) if value not in (None, "") else "—"
