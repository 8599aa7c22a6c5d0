"""Which version of the data a public answer is made of (for `website.http_cache`): the
writes counted for the parts of the data it shows, and every page, evidence check, register
and settings change. Parts of reports that many answers share are kept under it too."""

from collections.abc import Callable, Iterable
from typing import TypeVar

from django.core.cache import cache
from django.db import connection
from django.utils import timezone
from wagtail.models import PageLogEntry

from website import sql
from website.http_cache import version_key

from ..models import (
    AdoptionSettings,
    AdoptionTallyBasis,
    DataVersion,
    EvidenceLinkCheck,
    Indicator,
    IndicatorValueChange,
    Municipality,
)
from ..models.tallies import ALL_RECORDS_SCOPE, peer_groups_of, version_scopes

Kept = TypeVar("Kept")
# A day: the version changes with every write to what a kept part is made of, and with the day.
KEPT_FOR = 24 * 60 * 60


def data_version(scopes: Iterable[str] = (ALL_RECORDS_SCOPE,)) -> str:
    """Today, the writes counted for these scopes, and the newest of every other kind of
    write the public pages show (one query).

    Every record write is counted (DataVersion) in its transaction, every page action leaves
    a log entry, and a change of the register rebuilds the tallies (a new
    AdoptionTallyBasis); today is in it because "verouderd" and who exists depend on the day.
    """
    ordered = sorted(scopes)
    writes = (
        sql.compose(
            "(SELECT SUM(count) FROM {version} WHERE scope IN ({scopes}))",
            version=sql.table(DataVersion),
            scopes=sql.placeholders(len(ordered)),
        )
        if ordered
        else sql.compose("NULL")
    )
    statement = sql.compose(
        "SELECT {writes}, (SELECT MAX(id) FROM {log}), (SELECT MAX(checked_at) FROM {check}), "
        "(SELECT MAX(id) FROM {basis}), (SELECT MAX(stale_after_months) FROM {settings}), "
        "(SELECT MAX(id) FROM {values}), (SELECT MAX(changed_at) FROM {indicators})",
        writes=writes,
        log=sql.table(PageLogEntry),
        check=sql.table(EvidenceLinkCheck),
        basis=sql.table(AdoptionTallyBasis),
        settings=sql.table(AdoptionSettings),
        values=sql.table(IndicatorValueChange),
        indicators=sql.table(Indicator),
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, ordered)
        row = cursor.fetchone()
    return "|".join(str(value) for value in (timezone.localdate(), ",".join(ordered), *row))


def pages_version() -> str:
    """The version of what the pages hold, without any record."""
    return data_version(())


def groups_version(groups: Iterable[str]) -> str:
    """The version of what the members of these peer groups have (and of the pages)."""
    return data_version(version_scopes(peer_groups=groups))


def kept_for(version: str, name: str, compute: Callable[[], Kept]) -> Kept:
    """`compute()`, kept in the process cache under a data version: made again only once
    something it is made of has changed, which changes the version."""
    key = version_key(name, version)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, KEPT_FOR)
    return value


def national_version(request, *args, **kwargs) -> str:
    """The version of answers that show every record (the reports index, matrix, API)."""
    return data_version()


def initiative_version(request, slug: str, **kwargs) -> str:
    """The version of an initiative's reports and feed: its records only."""
    return data_version(version_scopes(initiative_slugs=[slug]))


def municipality_version(request, code: str, **kwargs) -> str:
    """The version of a municipality's scorecard and feed: its records, and the statuses of
    its peers (the peer groups it is counted in)."""
    municipality = Municipality.objects.filter(code=code).values("province", "population").first()
    groups = ()
    if municipality:
        _national, province, size = peer_groups_of(
            code, municipality["province"], municipality["population"]
        )
        groups = (province, size)
    return data_version(version_scopes([code], peer_groups=groups))
