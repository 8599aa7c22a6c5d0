"""How a written name is compared: folded, without "gemeente" or a GitHub organisation's
"Municipality-of-", with its province qualifier read, a CBS code or TOOI URI recognised, and
the names of bodies that are no municipality known (their words and abbreviations)."""

import csv
import functools
import re
import unicodedata
from pathlib import Path

from ..models import TOOI_MUNICIPALITY_PREFIX

NON_MUNICIPAL_FILE = Path(__file__).resolve().parent.parent / "data" / "non_municipal_names.csv"

CODE = re.compile(r"(?:gm)?(\d{1,4})", re.IGNORECASE)
TOOI = re.compile(re.escape(TOOI_MUNICIPALITY_PREFIX) + r"(gm\d{4})/?", re.IGNORECASE)
# "Gemeente Utrecht", "gem. Utrecht", "Municipality of Utrecht", and as slugs or GitHub
# organisations: "gemeente-utrecht", "Municipality-of-Rotterdam".
PREFIX = re.compile(r"^(?:gemeente|gem\.?|municipality[\s_-]+of)(?:[\s_-]+|(?<=\.))", re.IGNORECASE)
# Short names that only other bodies use: a ministry ("MinBZK", "Min. VWS") and an
# omgevingsdienst ("ODMH", "ODRA").
NON_MUNICIPAL_SHORT = re.compile(r"^(?:[Mm]in\.?\s?[A-Z]{2,}|OD[A-Z]{2,})$")

# Words that only bodies other than municipalities carry in their names.
NOT_MUNICIPAL_WORDS = frozenset(
    {
        *("provincie", "province", "waterschap", "hoogheemraadschap", "wetterskip"),
        *("ministerie", "rijkswaterstaat", "rijksoverheid", "rijksdienst", "logius", "kadaster"),
        *("rdw", "vng", "dimpact", "stichting", "vereniging", "cooperatie", "omgevingsdienst"),
        *("veiligheidsregio", "ggd", "belastingsamenwerking", "werkorganisatie"),
        *("samenwerkingsverband", "regeling", "bv", "nv", "ltd", "gmbh", "inc", "llc"),
        *("universiteit", "university", "hogeschool", "tu", "bank", "ministry", "agency"),
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
    """Whether the name is that of a province, water board, ministry, university, supplier or
    the like: by a word in it, its short form, or the list of known bodies."""
    words = set(re.findall(r"[a-z]+", fold(text).replace(".", "")))
    return bool(
        words & NOT_MUNICIPAL_WORDS
        or NON_MUNICIPAL_SHORT.match(text.strip())
        or name_key(text) in known_non_municipal_keys()
    )


def code_in(text: str) -> str | None:
    """The CBS code a text gives as "GM0363", "0363", "363" or a TOOI URI; else None."""
    tooi = TOOI.fullmatch(text.strip())
    if tooi:
        return tooi.group(1).upper()
    code = CODE.fullmatch(text.strip())
    return f"GM{int(code.group(1)):04d}" if code else None


@functools.cache
def known_non_municipal_keys(path: Path = NON_MUNICIPAL_FILE) -> frozenset[str]:
    """Name keys of bodies that are no municipality, abbreviations included ("ODMH", "TU Delft",
    "Kadaster"), from `data/non_municipal_names.csv`."""
    with path.open(encoding="utf-8", newline="") as handle:
        return frozenset(name_key(row["naam"]) for row in csv.DictReader(handle, delimiter=";"))
