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
from dataclasses import dataclass
from pathlib import Path

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rapidfuzz import fuzz, process

from ..models import Municipality, NameDecision, Partnership
from .name_keys import (
    base_key,
    code_in,
    is_not_municipal,
    name_key,
    qualified_province,
)
from .register import split_municipalities

ALIASES_FILE = Path(__file__).resolve().parent.parent / "data" / "municipality_aliases.csv"

# A fuzzy match is applied from this score (rapidfuzz's normalised Indel similarity, 0–100)
# when the runner-up scores at least FUZZY_MARGIN less: "Enchede" → Enschede scores 93.
FUZZY_APPLY = 88
FUZZY_MARGIN = 6
# Below this a name has no candidates worth showing.
FUZZY_CANDIDATE = 70
MAX_CANDIDATES = 3


class MatchKind(models.TextChoices):
    CODE = "code", gettext_lazy("code")
    EXACT = "exact", gettext_lazy("naam")
    ALIAS = "alias", gettext_lazy("bekende andere naam")
    FUZZY = "fuzzy", gettext_lazy("bijna gelijke naam")
    HISTORIC = "historic", gettext_lazy("opgeheven gemeente, nu opvolger")
    DECIDED = "decided", gettext_lazy("vastgelegd door VNG")
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
        if len(self.candidates) > 1:
            values["candidates"] = _(" of ").join(str(m) for m in self.candidates)
            return (
                _(
                    "‘%(text)s’ is niet eenduidig: %(candidates)s. Leg vast welke gemeente "
                    "het is, of gebruik de gemeentecode."
                )
                % values
            )
        return (
            _(
                "‘%(text)s’ is geen bekende gemeentenaam. Leg vast wat deze naam betekent "
                "(een gemeente, of geen gemeente), of gebruik de gemeentecode."
            )
            % values
        )


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
        # VNG's decisions on names: a municipality, or None for "geen gemeente".
        self.decisions = {
            decision.name_key: decision.municipality_id for decision in NameDecision.objects.all()
        }
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
        if key in self.decisions:
            decided = self.by_pk.get(self.decisions[key])
            if decided is None:
                return NameMatch(text, MatchKind.NOT_MUNICIPALITY)
            return self._dated(text, MatchKind.DECIDED, [decided], on)
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
        # A single weak candidate is no choice: "TU Delft" is not "Delft?".
        candidates = tuple(m for _score, m in ranked[:MAX_CANDIDATES]) if len(ranked) > 1 else ()
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


def record_name_decision(written_name: str, municipality: Municipality | None, *, user):
    """Record once what `written_name` means for every later harvest and import: the
    municipality, or (None) no municipality. A later decision on the same name replaces it."""
    decision, _created = NameDecision.objects.update_or_create(
        name_key=name_key(written_name),
        defaults={"written_name": written_name, "municipality": municipality, "decided_by": user},
    )
    return decision
