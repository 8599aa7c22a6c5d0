"""Reading a public source over HTTP and turning it into claims: who uses which initiative.

Three kinds, from weakest to strongest: a product's `publiccode.yml` (`usedBy`, a maintainer's
claim), a municipality's OpenCatalogi file (`softwareUsed`, published by the municipality),
and a public register's participation list in JSON (a measurement, keyed by CBS code or TOOI).
"""

import datetime
import json
import time
from dataclasses import dataclass

import httpx
import yaml
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from ..constants import AdoptionStatus, EvidenceLevel, HarvestKind
from ..models import HarvestSource, InitiativePage

USER_AGENT = "Labregister-oogst/1.0"


class HarvestSourceError(Exception):
    """A source that cannot be read or understood; the Dutch message names it and says why."""


@dataclass(frozen=True)
class Claim:
    """One statement of a source: `text` (a name, code or TOOI URI) uses `initiative`."""

    text: str
    initiative: InitiativePage
    status: str
    evidence_level: str
    source_url: str
    # The day the source speaks for; None when it does not say (usedBy lists carry no date).
    as_of: datetime.date | None

    @property
    def evidence_label(self) -> str:
        return EvidenceLevel(self.evidence_level).label


@dataclass(frozen=True)
class SourceContent:
    url: str
    content: bytes
    read_on: datetime.date


def fetch(url: str, client: httpx.Client) -> SourceContent:
    """The body of `url`, refused when it fails, is slow, or exceeds the size limit."""
    limit = settings.HARVEST_MAX_BYTES
    deadline = time.monotonic() + settings.HARVEST_TIMEOUT
    try:
        with client.stream("GET", url) as response:
            if response.status_code != 200:
                raise HarvestSourceError(
                    _("%(url)s: de server antwoordde met HTTP %(status)s.")
                    % {"url": url, "status": response.status_code}
                )
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > limit:
                    raise HarvestSourceError(
                        _("%(url)s: het bestand is groter dan %(limit)s kB en is niet gelezen.")
                        % {"url": url, "limit": limit // 1024}
                    )
                if time.monotonic() > deadline:
                    raise httpx.ReadTimeout("deadline")
    except httpx.TimeoutException as error:
        raise HarvestSourceError(
            _("%(url)s: geen volledig antwoord binnen %(seconds)s seconden.")
            % {"url": url, "seconds": settings.HARVEST_TIMEOUT}
        ) from error
    except httpx.HTTPError as error:
        raise HarvestSourceError(
            _("%(url)s is niet bereikbaar (%(error)s).") % {"url": url, "error": error}
        ) from error
    return SourceContent(url, bytes(body), timezone.localdate())


def http_client() -> httpx.Client:
    """One client for a whole harvest: timeouts, a few redirects, no cookies kept."""
    return httpx.Client(
        timeout=settings.HARVEST_TIMEOUT,
        follow_redirects=True,
        max_redirects=5,
        headers={"User-Agent": USER_AGENT},
    )


def normalise_repository(url: str) -> str:
    """A repository address as written in different files: no scheme, slash or ".git"."""
    text = url.strip().lower().removeprefix("https://").removeprefix("http://")
    return text.removesuffix("/").removesuffix(".git").removesuffix("/")


def claims_of(source: HarvestSource, fetched: SourceContent, repositories: dict) -> list[Claim]:
    """The claims of one fetched source; `repositories` maps normalised repository URLs to
    initiatives (for OpenCatalogi files, which name software by repository)."""
    reader = {
        HarvestKind.PUBLICCODE: _publiccode_claims,
        HarvestKind.OPENCATALOGI: _opencatalogi_claims,
        HarvestKind.REGISTER: _register_claims,
    }[HarvestKind(source.kind)]
    return reader(source, fetched, repositories)


def _yaml(fetched: SourceContent) -> dict:
    try:
        data = yaml.safe_load(fetched.content.decode("utf-8-sig"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise HarvestSourceError(
            _("%(url)s is geen geldige YAML: %(error)s")
            % {"url": fetched.url, "error": str(error).splitlines()[0]}
        ) from error
    if not isinstance(data, dict):
        raise HarvestSourceError(
            _("%(url)s bevat geen YAML-object met velden.") % {"url": fetched.url}
        )
    return data


def _text_list(data: dict, key: str, fetched: SourceContent) -> list[str]:
    values = data.get(key) or []
    if not isinstance(values, list) or not all(isinstance(v, str | int) for v in values):
        raise HarvestSourceError(
            _("%(url)s: ‘%(key)s’ is geen lijst van namen.") % {"url": fetched.url, "key": key}
        )
    return [str(value).strip() for value in values if str(value).strip()]


def _day(value, fetched: SourceContent) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        day = value
    else:
        try:
            day = datetime.date.fromisoformat(str(value))
        except ValueError as error:
            raise HarvestSourceError(
                _("%(url)s: ‘%(value)s’ is geen datum (JJJJ-MM-DD).")
                % {"url": fetched.url, "value": value}
            ) from error
    # A date in the future is not a statement about today.
    return min(day, fetched.read_on)


def _publiccode_claims(source, fetched, repositories) -> list[Claim]:
    data = _yaml(fetched)
    as_of = _day(data.get("releaseDate"), fetched)
    return [
        Claim(
            name,
            source.initiative,
            AdoptionStatus.IMPLEMENTED,
            EvidenceLevel.MAINTAINER_CLAIM,
            fetched.url,
            as_of,
        )
        for name in _text_list(data, "usedBy", fetched)
    ]


def _opencatalogi_claims(source, fetched, repositories) -> list[Claim]:
    data = _yaml(fetched)
    organisation = str(data.get("name") or "").strip()
    if not organisation:
        raise HarvestSourceError(
            _("%(url)s: het veld ‘name’ met de naam van de organisatie ontbreekt.")
            % {"url": fetched.url}
        )
    claims = []
    for software in _text_list(data, "softwareUsed", fetched):
        initiative = repositories.get(normalise_repository(software))
        if initiative is not None:
            claims.append(
                Claim(
                    organisation,
                    initiative,
                    AdoptionStatus.IMPLEMENTED,
                    EvidenceLevel.PUBLISHED,
                    fetched.url,
                    fetched.read_on,
                )
            )
    return claims


def _register_claims(source, fetched, repositories) -> list[Claim]:
    """{"peildatum": "2026-10-01", "deelnemers": ["GM0363", {"gemeentecode": "GM0518",
    "status": "implementing"}, ...]} or a bare list of participants."""
    try:
        data = json.loads(fetched.content.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as error:
        raise HarvestSourceError(
            _("%(url)s is geen geldige JSON: %(error)s") % {"url": fetched.url, "error": error}
        ) from error
    if isinstance(data, list):
        data = {"deelnemers": data}
    if not isinstance(data, dict) or not isinstance(data.get("deelnemers"), list):
        raise HarvestSourceError(
            _("%(url)s: de lijst ‘deelnemers’ ontbreekt.") % {"url": fetched.url}
        )
    as_of = _day(data.get("peildatum"), fetched) or fetched.read_on
    claims = []
    for entry in data["deelnemers"]:
        if isinstance(entry, dict):
            text = entry.get("gemeentecode") or entry.get("tooi") or entry.get("gemeentenaam")
            status = entry.get("status") or AdoptionStatus.IMPLEMENTED
        else:
            text, status = entry, AdoptionStatus.IMPLEMENTED
        if status not in AdoptionStatus.values:
            raise HarvestSourceError(
                _("%(url)s: status ‘%(status)s’ bestaat niet.")
                % {"url": fetched.url, "status": status}
            )
        claims.append(
            Claim(
                str(text or "").strip(),
                source.initiative,
                status,
                EvidenceLevel.MEASURED,
                fetched.url,
                as_of,
            )
        )
    return claims
