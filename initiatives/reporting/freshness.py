"""Which version of the data a public answer is made of: a change to any record, page,
evidence check, the register or the settings gives a new one (for `website.http_cache`)."""

from django.db import connection
from django.utils import timezone
from wagtail.models import PageLogEntry

from ..models import AdoptionChange, AdoptionSettings, AdoptionTallyBasis, EvidenceLinkCheck


def data_version() -> str:
    """Today, and the newest of every kind of write the public pages show (one query).

    Every write to a record leaves history (AdoptionChange), every page action a log entry,
    and a change of the register rebuilds the tallies (a new AdoptionTallyBasis); today is in
    it because "verouderd" and who exists depend on the day.
    """
    tables = {
        "change": AdoptionChange._meta.db_table,
        "log": PageLogEntry._meta.db_table,
        "check": EvidenceLinkCheck._meta.db_table,
        "basis": AdoptionTallyBasis._meta.db_table,
        "settings": AdoptionSettings._meta.db_table,
    }
    sql = (
        f"SELECT (SELECT MAX(id) FROM {tables['change']}), "  # noqa: S608 - model tables
        f"(SELECT MAX(id) FROM {tables['log']}), "
        f"(SELECT MAX(checked_at) FROM {tables['check']}), "
        f"(SELECT MAX(id) FROM {tables['basis']}), "
        f"(SELECT MAX(stale_after_months) FROM {tables['settings']})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    return "|".join(str(value) for value in (timezone.localdate(), *row))
