"""Reading a public source over HTTP and turning it into claims: who uses which initiative.

Three kinds, from weakest to strongest: a product's `publiccode.yml` (`usedBy`, a maintainer's
claim), a municipality's OpenCatalogi file (`softwareUsed`, published by the municipality),
and a public register's participation list in JSON (a measurement, keyed by CBS code or TOOI).
"""

import datetime
import hashlib
from dataclasses import dataclass, field

import httpx
from django.conf import settings
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from website.fetching import FetchRefused, public_client, refusal_message
from website.structured_files import StructuredFileError, read_json, read_yaml

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
    source: HarvestSource
    # The day the file says it speaks for (releaseDate, peildatum), or None.
    stated_on: datetime.date | None
    # Who publishes the file: the product's maintainer, or the organisation itself.
    publisher: str = ""

    @property
    def source_url(self) -> str:
        return self.source.url

    @property
    def evidence_label(self) -> str:
        return EvidenceLevel(self.evidence_level).label


@dataclass
class SourceReading:
    """One source as read: its claims, or the Dutch reason it could not be read, and notes on
    what it holds (a date that is none, nothing about the register's initiatives)."""

    source: HarvestSource
    claims: list[Claim] = field(default_factory=list)
    error: str = ""
    notes: list[str] = field(default_factory=list)
    sha256: str = ""
    # The publisher of an OpenCatalogi file, which must be a municipality to say anything.
    publisher: str = ""

    @property
    def read(self) -> bool:
        return not self.error


def read_source(source: HarvestSource, repositories: dict) -> SourceReading:
    """Fetch and read one source; a failure is kept in the reading, never raised, so that one
    source never stops the others."""
    reading = SourceReading(source)
    try:
        fetched = fetch(source.url)
        reading.sha256 = hashlib.sha256(fetched.content).hexdigest()
        claims_of(source, fetched, repositories, reading)
    except HarvestSourceError as error:
        reading.error = str(error)
        reading.claims = []
    return reading


@dataclass(frozen=True)
class SourceContent:
    url: str
    content: bytes
    read_on: datetime.date


def fetch(url: str) -> SourceContent:
    """The body of `url` under the fetch policy, refused when it fails, takes longer than the
    harvest's deadline, or exceeds the size limit."""
    limit = settings.HARVEST_MAX_BYTES
    try:
        with (
            public_client(settings.HARVEST_TIMEOUT, USER_AGENT) as client,
            client.stream("GET", url) as response,
        ):
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
    except FetchRefused as error:
        raise HarvestSourceError(refusal_message(url)) from error
    except httpx.TimeoutException as error:
        raise HarvestSourceError(
            _("%(url)s: geen volledig antwoord binnen %(seconds)s seconden.")
            % {"url": url, "seconds": number_format(settings.HARVEST_TIMEOUT, 1)}
        ) from error
    except (httpx.HTTPError, httpx.InvalidURL) as error:
        raise HarvestSourceError(_("%(url)s is niet bereikbaar.") % {"url": url}) from error
    return SourceContent(url, bytes(body), timezone.localdate())


def normalise_repository(url: str) -> str:
    """A repository address as written in different files: no scheme, slash or ".git"."""
    text = url.strip().lower().removeprefix("https://").removeprefix("http://")
    return text.removesuffix("/").removesuffix(".git").removesuffix("/")


def claims_of(source, fetched: SourceContent, repositories: dict, reading: SourceReading):
    """Read the claims of one fetched source into `reading`; `repositories` maps normalised
    repository URLs to initiatives (OpenCatalogi files name software by repository)."""
    reader = {
        HarvestKind.PUBLICCODE: _publiccode_claims,
        HarvestKind.OPENCATALOGI: _opencatalogi_claims,
        HarvestKind.REGISTER: _register_claims,
    }[HarvestKind(source.kind)]
    reader(source, fetched, repositories, reading)
    if not reading.claims:
        reading.notes.append(_("Deze bron levert niets op voor het register."))


def _read(fetched: SourceContent, reader):
    try:
        return reader(fetched.content)
    except StructuredFileError as error:
        raise HarvestSourceError(
            _("%(url)s: %(error)s") % {"url": fetched.url, "error": error}
        ) from error


def _yaml(fetched: SourceContent) -> dict:
    data = _read(fetched, read_yaml)
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


def _day(data: dict, key: str, fetched: SourceContent, reading) -> datetime.date | None:
    """The date in field `key`, or None with a note when it is no date ("2021-31-01" occurs
    in real files): the claims stand, undated."""
    value = data.get(key)
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        day = value
    else:
        try:
            day = datetime.date.fromisoformat(str(value))
        except ValueError:
            reading.notes.append(
                _("‘%(key)s’ is geen datum (JJJJ-MM-DD): ‘%(value)s’; de claims hebben geen datum.")
                % {"key": key, "value": str(value)[:40]}
            )
            return None
    # A date in the future is not a statement about today.
    return min(day, fetched.read_on)


def _maintainer(data: dict) -> str:
    """Who publishes a publiccode.yml: its legal repository owner or copyright owner, else the
    owner in its repository address."""
    legal = data.get("legal") if isinstance(data.get("legal"), dict) else {}
    for key in ("repoOwner", "mainCopyrightOwner"):
        if isinstance(legal.get(key), str) and legal[key].strip():
            return legal[key].strip()[:200]
    parts = normalise_repository(str(data.get("url") or "")).split("/")
    return parts[1] if len(parts) > 2 else ""


def _publiccode_claims(source, fetched, repositories, reading) -> None:
    data = _yaml(fetched)
    stated_on = _day(data, "releaseDate", fetched, reading)
    publisher = _maintainer(data)
    reading.claims = [
        Claim(
            name,
            source.initiative,
            AdoptionStatus.IMPLEMENTED,
            EvidenceLevel.MAINTAINER_CLAIM,
            source,
            stated_on,
            publisher,
        )
        for name in _text_list(data, "usedBy", fetched)
    ]


def _opencatalogi_claims(source, fetched, repositories, reading) -> None:
    data = _yaml(fetched)
    organisation = data.get("name")
    organisation = organisation.strip() if isinstance(organisation, str) else ""
    if not organisation:
        raise HarvestSourceError(
            _("%(url)s: het veld ‘name’ met de naam van de organisatie ontbreekt.")
            % {"url": fetched.url}
        )
    reading.publisher = organisation[:200]
    for software in _text_list(data, "softwareUsed", fetched):
        initiative = repositories.get(normalise_repository(software))
        if initiative is not None:
            reading.claims.append(
                Claim(
                    organisation,
                    initiative,
                    AdoptionStatus.IMPLEMENTED,
                    EvidenceLevel.PUBLISHED,
                    source,
                    None,
                    organisation,
                )
            )


def _register_claims(source, fetched, repositories, reading) -> None:
    """{"peildatum": "2026-10-01", "deelnemers": ["GM0363", {"gemeentecode": "GM0518",
    "status": "implementing"}, ...]} or a bare list of participants."""
    data = _read(fetched, read_json)
    if isinstance(data, list):
        data = {"deelnemers": data}
    if not isinstance(data, dict) or not isinstance(data.get("deelnemers"), list):
        raise HarvestSourceError(
            _("%(url)s: de lijst ‘deelnemers’ ontbreekt.") % {"url": fetched.url}
        )
    stated_on = _day(data, "peildatum", fetched, reading)
    for number, entry in enumerate(data["deelnemers"], start=1):
        if isinstance(entry, dict):
            text = entry.get("gemeentecode") or entry.get("tooi") or entry.get("gemeentenaam")
            status = entry.get("status") or AdoptionStatus.IMPLEMENTED
        else:
            text, status = entry, AdoptionStatus.IMPLEMENTED
        if not isinstance(status, str) or status not in AdoptionStatus.values:
            raise HarvestSourceError(
                _("%(url)s: deelnemer %(number)s heeft een status die niet bestaat.")
                % {"url": fetched.url, "number": number}
            )
        reading.claims.append(
            Claim(
                str(text or "").strip(),
                source.initiative,
                status,
                EvidenceLevel.MEASURED,
                source,
                stated_on,
            )
        )
