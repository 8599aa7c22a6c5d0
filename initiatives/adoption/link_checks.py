"""Checking evidence links: each distinct URL once, HEAD then GET, a bounded number at a time
and at most a few per host, each within a deadline; the outcome is recorded per URL."""

import asyncio
import dataclasses
import datetime
from collections import defaultdict
from collections.abc import Iterable
from urllib.parse import urlsplit

import httpx
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from website.fetching import FetchRefused, public_async_client

from ..constants import LinkOutcome
from ..models import Adoption, EvidenceLinkCheck

# Servers that refuse HEAD (or answer it wrongly) often serve GET; GET reads no more than this.
GET_PEEK_BYTES = 64 * 1024
MAX_REDIRECTS = 10
USER_AGENT = "Labregister-linkcontrole/1.0 (bewijslinks van adoptiestatussen)"


@dataclasses.dataclass(frozen=True)
class LinkResult:
    url: str
    outcome: LinkOutcome
    status_code: int | None = None
    detail: str = ""


def check_links(urls: Iterable[str]) -> list[LinkResult]:
    """Check every URL (see the module); one result per URL, in the given order."""
    return asyncio.run(_check_all(list(urls)))


async def _check_all(urls: list[str]) -> list[LinkResult]:
    everywhere = asyncio.Semaphore(settings.LINK_CHECK_CONCURRENCY)
    per_host = defaultdict(lambda: asyncio.Semaphore(settings.LINK_CHECK_PER_HOST))
    async with public_async_client(
        settings.LINK_CHECK_TIMEOUT,
        USER_AGENT,
        max_connections=settings.LINK_CHECK_CONCURRENCY,
        max_redirects=MAX_REDIRECTS,
    ) as client:

        async def polite(url: str) -> LinkResult:
            async with everywhere, per_host[urlsplit(url).netloc.lower()]:
                return await _check(client, url)

        return await asyncio.gather(*(polite(url) for url in urls))


async def _check(client: httpx.AsyncClient, url: str) -> LinkResult:
    try:
        # One deadline for HEAD, GET and every redirect: a server that trickles stays bounded.
        async with asyncio.timeout(settings.LINK_CHECK_TIMEOUT):
            status = (await client.head(url)).status_code
            if status >= 400:
                status = await _get_status(client, url)
    except FetchRefused:
        return LinkResult(url, LinkOutcome.REFUSED)
    except TimeoutError:
        return LinkResult(url, LinkOutcome.TIMEOUT)
    except httpx.TooManyRedirects:
        return LinkResult(url, LinkOutcome.REDIRECT_LOOP)
    except httpx.TimeoutException:
        return LinkResult(url, LinkOutcome.TIMEOUT)
    except (httpx.HTTPError, httpx.InvalidURL) as error:
        return LinkResult(url, LinkOutcome.UNREACHABLE, detail=str(error)[:300])
    if status >= 400:
        return LinkResult(url, LinkOutcome.HTTP_ERROR, status)
    return LinkResult(url, LinkOutcome.REACHABLE, status)


async def _get_status(client: httpx.AsyncClient, url: str) -> int:
    async with client.stream("GET", url) as response:
        read = 0
        async for chunk in response.aiter_raw():
            read += len(chunk)
            if read >= GET_PEEK_BYTES:
                break
        return response.status_code


def record(results: Iterable[LinkResult], now: datetime.datetime) -> None:
    """Store each result as its URL's last check, keeping when a failing link began to fail."""
    results = list(results)
    earlier = dict(
        EvidenceLinkCheck.objects.filter(url__in=[r.url for r in results]).values_list(
            "url", "failing_since"
        )
    )
    rows = [
        EvidenceLinkCheck(
            url=result.url,
            checked_at=now,
            outcome=result.outcome,
            status_code=result.status_code,
            detail=result.detail,
            failing_since=None
            if result.outcome == LinkOutcome.REACHABLE
            else earlier.get(result.url) or now,
        )
        for result in results
    ]
    EvidenceLinkCheck.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["url"],
        update_fields=["checked_at", "outcome", "status_code", "detail", "failing_since"],
    )


def links_to_check(limit: int | None = None) -> list[str]:
    """Every distinct evidence URL of a record, never checked ones first, then the oldest."""
    cited = set(Adoption.objects.exclude(evidence_url="").values_list("evidence_url", flat=True))
    checked = dict(EvidenceLinkCheck.objects.filter(url__in=cited).values_list("url", "checked_at"))
    never = datetime.datetime.min.replace(tzinfo=datetime.UTC)
    ordered = sorted(cited, key=lambda url: (checked.get(url, never), url))
    return ordered[:limit] if limit else ordered


# Outcomes that show a server answered (whatever it said): the checker itself is online.
ANSWERED = (LinkOutcome.REACHABLE, LinkOutcome.HTTP_ERROR, LinkOutcome.REDIRECT_LOOP)
NO_ANSWER = (LinkOutcome.UNREACHABLE, LinkOutcome.TIMEOUT)


class NothingReachable(Exception):
    """No server answered any link, so the checker's own network is the likelier fault:
    nothing was recorded."""

    def __init__(self, results: list[LinkResult]):
        super().__init__(
            _(
                "Geen enkele server gaf antwoord (%(count)s links); waarschijnlijk is het "
                "netwerk van de controle weg. Er is niets vastgelegd."
            )
            % {"count": len(results)}
        )
        self.results = results


def check_evidence_links(limit: int | None = None) -> list[LinkResult]:
    """Check the evidence links due (all, or the `limit` least recently checked) and record
    what was found; returns the results. When no server answered at all, nothing is
    recorded (NothingReachable): an offline checker must not call every link broken."""
    results = check_links(links_to_check(limit))
    answered = any(result.outcome in ANSWERED for result in results)
    if not answered and any(result.outcome in NO_ANSWER for result in results):
        raise NothingReachable(results)
    record(results, timezone.now())
    return results
