"""Which municipality a name from a file or a public source means: the one matching service.

Real sources write "Den Haag", "Gemeente Súdwest-Fryslân", "Enchede" or the name of a
municipality that has since merged. A name is matched by code or TOOI URI, exactly after
normalising, through a known alias (`data/municipality_aliases.csv`), or fuzzily; and then
dated: a merged municipality is itself before its merger and its successor after. Whatever is
ambiguous or weak is not applied: it comes back as needing review, with the best candidates.
"""

import csv
import dataclasses
import datetime
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rapidfuzz import fuzz, process

from ..models import TOOI_MUNICIPALITY_PREFIX, Municipality, Partnership
from .register import split_municipalities

ALIASES_FILE = Path(__file__).resolve().parent.parent / "data" / "municipality_aliases.csv"

# A fuzzy match is applied from this score (rapidfuzz's normalised Indel similarity, 0–100)
# when the runner-up scores at least FUZZY_MARGIN less: "Enchede" → Enschede scores 93.
FUZZY_APPLY = 88
FUZZY_MARGIN = 6
# Below this a name has no candidates worth showing.
FUZZY_CANDIDATE = 70
MAX_CANDIDATES = 3

CODE = re.compile(r"(?:gm)?(\d{1,4})", re.IGNORECASE)
TOOI = re.compile(re.escape(TOOI_MUNICIPALITY_PREFIX) + r"(gm\d{4})/?", re.IGNORECASE)
# "Gemeente Utrecht", "gem. Utrecht", "Municipality of Utrecht".
PREFIX = re.compile(r"^(?:gemeente|gem\.?|municipality of)\s+", re.IGNORECASE)
# Words that only bodies other than municipalities carry in their names.
NOT_MUNICIPAL_WORDS = frozenset(
    {
        *("provincie", "province", "waterschap", "hoogheemraadschap", "wetterskip"),
        *("ministerie", "rijkswaterstaat", "rijksoverheid", "rijksdienst", "logius", "kadaster"),
        *("rdw", "vng", "dimpact", "stichting", "vereniging", "cooperatie", "omgevingsdienst"),
        *("veiligheidsregio", "ggd", "belastingsamenwerking", "werkorganisatie"),
        *("samenwerkingsverband", "regeling", "bv", "nv", "ltd", "gmbh", "inc", "llc"),
        # "Utrecht (prov.)", "Groningen (Prov.)": the province, never the municipality.
        "prov",
    }
)

# A qualifier in brackets after a name: "Hengelo (O.)", "Laren (Gld.)", "Bergen (Limburg)".
QUALIFIER = re.compile(r"\(([^()]*)\)\s*$")
# The province each written qualifier names (folded, without dots and spaces).
PROVINCE_QUALIFIERS = {
    "Groningen": ("gr", "gn", "groningen"),
    "Friesland": ("fr", "f", "fryslan", "friesland"),
    "Drenthe": ("dr", "d", "drenthe"),
    "Overijssel": ("o", "ov", "overijssel"),
    "Flevoland": ("fl", "fld", "flevoland"),
    "Gelderland": ("g", "gld", "gel", "gelderland"),
    "Utrecht": ("u", "ut", "utr", "utrecht"),
    "Noord-Holland": ("nh", "noordholland"),
    "Zuid-Holland": ("zh", "zuidholland"),
    "Zeeland": ("z", "zl", "zeeland"),
    "Noord-Brabant": ("nb", "noordbrabant", "brabant"),
    "Limburg": ("l", "lb", "limb", "limburg"),
}
PROVINCE_OF_QUALIFIER = {
    written: province for province, forms in PROVINCE_QUALIFIERS.items() for written in forms
}


class MatchKind(models.TextChoices):
    CODE = "code", gettext_lazy("code")
    EXACT = "exact", gettext_lazy("naam")
    ALIAS = "alias", gettext_lazy("bekende andere naam")
    FUZZY = "fuzzy", gettext_lazy("bijna gelijke naam")
    HISTORIC = "historic", gettext_lazy("opgeheven gemeente, nu opvolger")
    REVIEW = "review", gettext_lazy("beoordelen")
    NOT_MUNICIPALITY = "not_municipality", gettext_lazy("geen gemeente")
    UNKNOWN = "unknown", gettext_lazy("onbekend")


@dataclass(frozen=True)
class NameMatch:
    """What a name means: the municipality (None when a person must decide), how, and why."""

    text: str
    kind: MatchKind
    municipality: Municipality | None = None
    candidates: tuple[Municipality, ...] = ()
    # The municipality the text itself names when it differs (a merged one's successor).
    named: Municipality | None = None

    @property
    def needs_review(self) -> bool:
        return self.municipality is None and self.kind != MatchKind.NOT_MUNICIPALITY

    def describe(self) -> str:
        """One Dutch sentence for a dry run: what the name matched and how, or why not."""
        values = {"text": self.text, "how": self.kind.label}
        if self.municipality is not None:
            values["municipality"] = str(self.municipality)
            if self.named is not None:
                values["named"] = str(self.named)
                return _("‘%(text)s’ → %(municipality)s (%(how)s: %(named)s)") % values
            return _("‘%(text)s’ → %(municipality)s (%(how)s)") % values
        if self.kind == MatchKind.NOT_MUNICIPALITY:
            return _("‘%(text)s’ is geen gemeente.") % values
        if self.candidates:
            values["candidates"] = ", ".join(str(m) for m in self.candidates)
            return (
                _(
                    "‘%(text)s’ is niet eenduidig; bedoelt u %(candidates)s? "
                    "Gebruik de gemeentecode."
                )
                % values
            )
        return _("‘%(text)s’ is geen bekende gemeentenaam; gebruik de gemeentecode.") % values


def fold(text: str) -> str:
    """Lower case without diacritics, apostrophe variants as one: "Súdwest-Fryslân" →
    "sudwest-fryslan"."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[‘’`´]", "'", plain).lower().strip()


def name_key(text: str) -> str:
    """The comparable form of a name: folded, no "gemeente", "St." as "Sint", letters and
    digits only ("'s-Gravenhage" → "sgravenhage")."""
    folded = PREFIX.sub("", fold(text))
    folded = re.sub(r"\bst\.?\s", "sint ", folded)
    return re.sub(r"[^a-z0-9]", "", folded)


def base_key(text: str) -> str:
    """The key without CBS's province suffix: "Bergen (NH.)" → "bergen"."""
    return name_key(re.sub(r"\s*\([^)]*\)\s*$", "", text))


def qualified_province(text: str) -> str | None:
    """The province a bracketed qualifier names ("Hengelo (Gld.)" → Gelderland), or None."""
    qualifier = QUALIFIER.search(text)
    if qualifier is None:
        return None
    return PROVINCE_OF_QUALIFIER.get(re.sub(r"[^a-z]", "", fold(qualifier.group(1))))


def is_not_municipal(text: str) -> bool:
    """Whether the name is that of a province, water board, ministry, supplier or the like."""
    words = set(re.findall(r"[a-z]+", fold(text).replace(".", "")))
    return bool(words & NOT_MUNICIPAL_WORDS)


def code_in(text: str) -> str | None:
    """The CBS code a text gives as "GM0363", "0363", "363" or a TOOI URI; else None."""
    tooi = TOOI.fullmatch(text.strip())
    if tooi:
        return tooi.group(1).upper()
    code = CODE.fullmatch(text.strip())
    return f"GM{int(code.group(1)):04d}" if code else None


@functools.cache
def _alias_rows(path: Path = ALIASES_FILE) -> tuple[tuple[str, str], ...]:
    """(other name as written, CBS code) of every known other name."""
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple((row["alias"], row["code"]) for row in csv.DictReader(handle, delimiter=";"))


def read_aliases() -> dict[str, str]:
    """{name key: CBS code} of the known other names of municipalities."""
    return {name_key(alias): code for alias, code in _alias_rows()}


def other_names() -> dict[str, list[str]]:
    """{CBS code: the other names people write for it} ("Den Haag" for 's-Gravenhage)."""
    names: dict[str, list[str]] = {}
    for alias, code in _alias_rows():
        names.setdefault(code, []).append(alias)
    return names


class MunicipalityMatcher:
    """Matches names against the whole register (current and merged municipalities).

    Build one per import or harvest: it reads the register once and remembers every answer.
    """

    def __init__(self):
        self.by_code = {m.code: m for m in Municipality.objects.all()}
        self.by_pk = {m.pk: m for m in self.by_code.values()}
        self.by_key: dict[str, list[Municipality]] = {}
        self.by_base_key: dict[str, list[Municipality]] = {}
        for municipality in self.by_code.values():
            self.by_key.setdefault(name_key(municipality.name), []).append(municipality)
            self.by_base_key.setdefault(base_key(municipality.name), []).append(municipality)
        self.aliases = {
            key: self.by_code[code] for key, code in read_aliases().items() if code in self.by_code
        }
        self.partnership_keys = {
            name_key(name) for name in Partnership.objects.values_list("name", flat=True)
        }
        self.splits = split_municipalities()
        # Every key a fuzzy match may land on, with the municipalities behind it.
        self.fuzzy_choices: dict[str, list[Municipality]] = {**self.by_base_key, **self.by_key}
        for key, municipality in self.aliases.items():
            self.fuzzy_choices.setdefault(key, [municipality])
        self._fuzzy_keys = list(self.fuzzy_choices)
        self._memo: dict[tuple[str, datetime.date], NameMatch] = {}

    def match(self, text: str, on: datetime.date | None = None) -> NameMatch:
        """What `text` means on the day `on` (today by default)."""
        on = on or timezone.localdate()
        text = " ".join(str(text).split())
        memo_key = (text.lower(), on)
        if memo_key not in self._memo:
            self._memo[memo_key] = self._match(text, on)
        return self._memo[memo_key]

    def _match(self, text: str, on: datetime.date) -> NameMatch:
        """The match of `text`, unless its qualifier names another province than the
        municipality it matched: "Hengelo (Gld.)" is no name of Hengelo (O.)."""
        match = self._match_name(text, on)
        province = qualified_province(text)
        if province is None or match.kind in (MatchKind.CODE, MatchKind.NOT_MUNICIPALITY):
            return match
        named = match.named or match.municipality
        if named is not None:
            return match if named.province == province else NameMatch(text, MatchKind.UNKNOWN)
        candidates = tuple(m for m in match.candidates if m.province == province)
        return dataclasses.replace(match, candidates=candidates)

    def _match_name(self, text: str, on: datetime.date) -> NameMatch:
        if not text:
            return NameMatch(text, MatchKind.UNKNOWN)
        code = code_in(text)
        if code is not None:
            found = self.by_code.get(code)
            if found is None:
                return NameMatch(text, MatchKind.UNKNOWN)
            return self._dated(text, MatchKind.CODE, [found], on)
        key = name_key(text)
        if key in self.by_key:
            return self._dated(text, MatchKind.EXACT, self.by_key[key], on)
        if key in self.aliases:
            return self._dated(text, MatchKind.ALIAS, [self.aliases[key]], on)
        if is_not_municipal(text) or key in self.partnership_keys:
            return NameMatch(text, MatchKind.NOT_MUNICIPALITY)
        if base_key(text) in self.by_base_key:
            return self._dated(text, MatchKind.ALIAS, self.by_base_key[base_key(text)], on)
        return self._fuzzy(text, key, on)

    def _fuzzy(self, text: str, key: str, on: datetime.date) -> NameMatch:
        scored = process.extract(
            key, self._fuzzy_keys, scorer=fuzz.ratio, limit=8, score_cutoff=FUZZY_CANDIDATE
        )
        # Best score per municipality: an alias and a name of one municipality are one candidate.
        best: dict[int, tuple[float, Municipality]] = {}
        for choice, score, _index in scored:
            for municipality in self.fuzzy_choices[choice]:
                if score > best.get(municipality.pk, (0, None))[0]:
                    best[municipality.pk] = (score, municipality)
        ranked = sorted(best.values(), key=lambda item: -item[0])
        if not ranked:
            return NameMatch(text, MatchKind.UNKNOWN)
        top_score, top = ranked[0]
        runner_up = ranked[1][0] if len(ranked) > 1 else 0
        if top_score >= FUZZY_APPLY and top_score - runner_up >= FUZZY_MARGIN:
            return self._dated(text, MatchKind.FUZZY, [top], on)
        candidates = tuple(m for _score, m in ranked[:MAX_CANDIDATES])
        return NameMatch(text, MatchKind.REVIEW, candidates=candidates)

    def _dated(self, text, kind, found: list[Municipality], on) -> NameMatch:
        """Pick the municipality that existed on `on`; a merged one's name means its successor."""
        existing = [m for m in found if m.exists_on(on)]
        if len(existing) == 1:
            return NameMatch(text, kind, existing[0])
        if len(existing) > 1:
            return NameMatch(text, MatchKind.REVIEW, candidates=tuple(existing))
        ended = [m for m in found if m.valid_until is not None and m.valid_until <= on]
        if len(ended) != 1:
            # Not yet founded on that day: the update's own date check says so in Dutch.
            return (
                NameMatch(text, kind, found[0])
                if len(found) == 1
                else NameMatch(text, MatchKind.REVIEW, candidates=tuple(found))
            )
        named = ended[0]
        if named.code in self.splits:
            successors = tuple(
                self.by_code[code] for code in self.splits[named.code] if code in self.by_code
            )
            return NameMatch(text, MatchKind.REVIEW, candidates=successors, named=named)
        successor = named
        while successor is not None and not successor.exists_on(on):
            successor = self.by_pk.get(successor.successor_id)
        if successor is None:
            return NameMatch(text, MatchKind.UNKNOWN, named=named)
        return NameMatch(text, MatchKind.HISTORIC, successor, named=named)
