"""Loading the CBS municipality register that the project carries in initiatives/data/."""

import csv
import datetime
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from ..models import CBS_CODE_PATTERN, AdoptionTally, Municipality

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
CURRENT_FILE = DATA_DIR / "municipalities_2025.csv"
MERGERS_FILE = DATA_DIR / "mergers_2017_2023.csv"

CURRENT_COLUMNS = ("code", "name", "province", "valid_from", "population_2024")
MERGER_COLUMNS = ("old_gm_code", "old_name", "provincie", "begindatum", "einddatum", "successors")


class RegisterError(Exception):
    """A register file that cannot be loaded; the Dutch message names the file and line."""


@dataclass(frozen=True)
class RegisterEntry:
    code: str
    name: str
    province: str
    population: int | None
    valid_from: datetime.date
    valid_until: datetime.date | None
    successor_code: str | None
    # Every municipality that took part of it, largest share first (more than one: a split).
    successor_codes: tuple[str, ...] = ()


# Fields copied one-to-one onto Municipality; the successor is resolved from its code.
PLAIN_FIELDS = ("code", "name", "province", "population", "valid_from", "valid_until")


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


class _LineReader:
    """Reads one CSV file and turns bad values into RegisterErrors that name the line."""

    def __init__(self, path: Path, required_columns: tuple[str, ...]):
        self.path = path
        self.required_columns = required_columns
        self.line = 1

    def rows(self):
        with self.path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in self.required_columns if c not in (reader.fieldnames or [])]
            if missing:
                self.fail(_("kolom ‘%(column)s’ ontbreekt") % {"column": missing[0]})
            for row in reader:
                self.line = reader.line_num
                yield row

    def fail(self, problem: str):
        raise RegisterError(
            _("%(file)s, regel %(line)s: %(problem)s.")
            % {"file": self.path.name, "line": self.line, "problem": problem}
        )

    def code(self, value: str) -> str:
        if not re.match(CBS_CODE_PATTERN, value):
            self.fail(
                _("gemeentecode ‘%(code)s’ is ongeldig; verwacht GM gevolgd door vier cijfers")
                % {"code": value}
            )
        return value

    def date(self, value: str) -> datetime.date:
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            self.fail(_("datum ‘%(value)s’ is geen geldige datum (JJJJ-MM-DD)") % {"value": value})

    def population(self, value: str) -> int:
        if not value.isdigit():
            self.fail(_("inwonertal ‘%(value)s’ is geen geheel getal") % {"value": value})
        return int(value)

    def text(self, value: str | None, column: str) -> str:
        if not (value or "").strip():
            self.fail(_("kolom ‘%(column)s’ is leeg") % {"column": column})
        return value.strip()


def read_current(path: Path = CURRENT_FILE) -> list[RegisterEntry]:
    """The municipalities that exist now, from the CBS register file."""
    reader = _LineReader(path, CURRENT_COLUMNS)
    return [
        RegisterEntry(
            code=reader.code(row["code"]),
            name=reader.text(row["name"], "name"),
            province=reader.text(row["province"], "province"),
            population=reader.population(row["population_2024"]),
            valid_from=reader.date(row["valid_from"]),
            valid_until=None,
            successor_code=None,
        )
        for row in reader.rows()
    ]


def read_mergers(path: Path = MERGERS_FILE) -> list[RegisterEntry]:
    """Ended municipalities; the successor is the one that took the largest share of addresses."""
    reader = _LineReader(path, MERGER_COLUMNS)
    entries = []
    for row in reader.rows():
        shares = []
        for part in row["successors"].split(";"):
            code, _name, share = (part.split(":") + ["", ""])[:3]
            try:
                shares.append((float(share), reader.code(code)))
            except ValueError:
                reader.fail(_("opvolger ‘%(part)s’ is onleesbaar") % {"part": part})
        entries.append(
            RegisterEntry(
                code=reader.code(row["old_gm_code"]),
                name=reader.text(row["old_name"], "old_name"),
                province=reader.text(row["provincie"], "provincie"),
                population=None,
                valid_from=reader.date(row["begindatum"]),
                valid_until=reader.date(row["einddatum"]),
                successor_code=max(shares)[1],
                successor_codes=tuple(code for _share, code in sorted(shares, reverse=True)),
            )
        )
    return entries


@functools.cache
def split_municipalities() -> dict[str, tuple[str, ...]]:
    """{code: successor codes} of the ended municipalities that were divided among several."""
    return {
        entry.code: entry.successor_codes
        for entry in read_mergers()
        if len(entry.successor_codes) > 1
    }


@transaction.atomic
def load_register(current_path: Path = CURRENT_FILE, mergers_path: Path = MERGERS_FILE):
    """Create or update every municipality of the register files; idempotent.

    Both files are read and checked completely before anything is written.
    """
    entries = read_current(current_path) + read_mergers(mergers_path)
    by_code = {entry.code: entry for entry in entries}
    if len(by_code) != len(entries):
        raise RegisterError(_("Een gemeentecode komt meer dan één keer voor in het register."))
    for entry in entries:
        if entry.successor_code and entry.successor_code not in by_code:
            raise RegisterError(
                _("Opvolger %(successor)s van %(code)s staat niet in het register.")
                % {"successor": entry.successor_code, "code": entry.code}
            )

    report = LoadReport()
    existing = {m.code: m for m in Municipality.objects.all()}
    new = [Municipality(**_plain_fields(entry)) for entry in entries if entry.code not in existing]
    Municipality.objects.bulk_create(new)
    report.created = len(new)

    municipalities = {m.code: m for m in Municipality.objects.all()}
    changed = []
    for entry in entries:
        municipality = municipalities[entry.code]
        wanted = _plain_fields(entry)
        successor = municipalities.get(entry.successor_code)
        wanted["successor_id"] = successor.pk if successor else None
        if any(getattr(municipality, name) != value for name, value in wanted.items()):
            for name, value in wanted.items():
                setattr(municipality, name, value)
            changed.append(municipality)
    Municipality.objects.bulk_update(changed, ["successor", *PLAIN_FIELDS])
    if new or changed:
        # Who exists, and in which province and size class, may have changed.
        AdoptionTally.objects.rebuild()
    report.updated = len([m for m in changed if m.code in existing])
    report.unchanged = len(entries) - report.created - report.updated
    return report


def _plain_fields(entry: RegisterEntry) -> dict:
    return {name: getattr(entry, name) for name in PLAIN_FIELDS}
