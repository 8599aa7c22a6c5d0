"""Names as real sources write them, matched to the CBS register (current and merged)."""

import datetime

import pytest

from initiatives.adoption.names import MatchKind, MunicipalityMatcher
from initiatives.adoption.register import load_register
from tests.factories import PartnershipFactory

TODAY = datetime.date(2026, 11, 30)
BEFORE_2019 = datetime.date(2018, 6, 1)

# (text as a source writes it, day of the source, expected code or "review"/"none", kind)
SPELLINGS = [
    # exact after normalising: case, diacritics, punctuation, "Gemeente"
    ("Enschede", TODAY, "GM0153", MatchKind.EXACT),
    ("ENSCHEDE", TODAY, "GM0153", MatchKind.EXACT),
    ("Gemeente Enschede", TODAY, "GM0153", MatchKind.EXACT),
    ("gemeente enschede ", TODAY, "GM0153", MatchKind.EXACT),
    ("Súdwest-Fryslân", TODAY, "GM1900", MatchKind.EXACT),
    ("Sud-West Fryslan", TODAY, "GM1900", MatchKind.EXACT),
    ("Gemeente Súdwest-Fryslân", TODAY, "GM1900", MatchKind.EXACT),
    ("sudwest fryslan", TODAY, "GM1900", MatchKind.EXACT),
    ("'s-Gravenhage", TODAY, "GM0518", MatchKind.EXACT),
    ("’s-Hertogenbosch", TODAY, "GM0796", MatchKind.EXACT),
    ("Sint-Michielsgestel", TODAY, "GM0845", MatchKind.EXACT),
    ("St. Michielsgestel", TODAY, "GM0845", MatchKind.EXACT),
    ("Noardeast-Fryslân", TODAY, "GM1970", MatchKind.EXACT),
    ("Nuenen, Gerwen en Nederwetten", TODAY, "GM0820", MatchKind.EXACT),
    ("Bergen (NH.)", TODAY, "GM0373", MatchKind.EXACT),
    ("Bergen NH", TODAY, "GM0373", MatchKind.EXACT),
    ("Bergen (L.)", TODAY, "GM0893", MatchKind.EXACT),
    # codes and TOOI identifiers
    ("GM0363", TODAY, "GM0363", MatchKind.CODE),
    ("0363", TODAY, "GM0363", MatchKind.CODE),
    ("https://identifier.overheid.nl/tooi/id/gemeente/gm0363", TODAY, "GM0363", MatchKind.CODE),
    # known aliases and CBS suffixes left out
    ("Den Haag", TODAY, "GM0518", MatchKind.ALIAS),
    ("Gemeente Den Haag", TODAY, "GM0518", MatchKind.ALIAS),
    ("Den Bosch", TODAY, "GM0796", MatchKind.ALIAS),
    ("Tietjerksteradeel", TODAY, "GM0737", MatchKind.ALIAS),
    ("Nuenen", TODAY, "GM0820", MatchKind.ALIAS),
    ("Alphen a/d Rijn", TODAY, "GM0484", MatchKind.ALIAS),
    ("Hengelo", TODAY, "GM0164", MatchKind.ALIAS),
    ("Rijswijk", TODAY, "GM0603", MatchKind.ALIAS),
    ("Middelburg", TODAY, "GM0687", MatchKind.ALIAS),
    ("Laren", TODAY, "GM0417", MatchKind.ALIAS),
    # small misspellings
    ("Enchede", TODAY, "GM0153", MatchKind.FUZZY),
    ("Haarlemermeer", TODAY, "GM0394", MatchKind.FUZZY),
    ("Groningn", TODAY, "GM0014", MatchKind.FUZZY),
    ("Apeldorn", TODAY, "GM0200", MatchKind.FUZZY),
    ("Alphen aan de Rijn", TODAY, "GM0484", MatchKind.FUZZY),
    # merged municipalities: themselves before the merger, their successor after
    ("Bedum", BEFORE_2019, "GM0005", MatchKind.EXACT),
    ("Bedum", TODAY, "GM1966", MatchKind.HISTORIC),
    ("Weesp", datetime.date(2022, 3, 23), "GM0457", MatchKind.EXACT),
    ("Weesp", datetime.date(2022, 3, 24), "GM0363", MatchKind.HISTORIC),
    ("Heerhugowaard", TODAY, "GM1980", MatchKind.HISTORIC),
    ("Gemeente Appingedam", TODAY, "GM1979", MatchKind.HISTORIC),
    ("GM0005", TODAY, "GM1966", MatchKind.HISTORIC),
    ("Ferwerderadeel", TODAY, "GM1970", MatchKind.HISTORIC),
    # a split municipality after its division: a person decides which part
    ("Haaren", TODAY, "review", MatchKind.REVIEW),
    ("Haaren", datetime.date(2020, 12, 31), "GM0788", MatchKind.EXACT),
    # ambiguous and weak
    ("Bergen", TODAY, "review", MatchKind.REVIEW),
    ("Heerlem", TODAY, "review", MatchKind.REVIEW),
    ("Amsterdam Zuidoost", TODAY, "none", MatchKind.UNKNOWN),
    ("Westvoren", TODAY, "review", MatchKind.REVIEW),
    ("Sneek", TODAY, "none", MatchKind.UNKNOWN),
    ("GM9999", TODAY, "none", MatchKind.UNKNOWN),
    ("", TODAY, "none", MatchKind.UNKNOWN),
    # bodies that are not municipalities
    ("Provincie Utrecht", TODAY, "none", MatchKind.NOT_MUNICIPALITY),
    ("Waterschap Vechtstromen", TODAY, "none", MatchKind.NOT_MUNICIPALITY),
    ("Hoogheemraadschap van Rijnland", TODAY, "none", MatchKind.NOT_MUNICIPALITY),
    ("Ministerie van BZK", TODAY, "none", MatchKind.NOT_MUNICIPALITY),
    ("Conduction B.V.", TODAY, "none", MatchKind.NOT_MUNICIPALITY),
    ("Omgevingsdienst Regio Utrecht", TODAY, "none", MatchKind.NOT_MUNICIPALITY),
    ("Dimpact", TODAY, "none", MatchKind.NOT_MUNICIPALITY),
]


@pytest.fixture
def matcher(db):
    load_register()
    return MunicipalityMatcher()


@pytest.mark.parametrize(("text", "day", "expected", "kind"), SPELLINGS)
def test_real_world_spellings_match_the_right_municipality_or_go_to_review(
    matcher, text, day, expected, kind
):
    match = matcher.match(text, day)
    assert match.kind == kind, match.describe()
    if expected.startswith("GM"):
        assert match.municipality.code == expected, match.describe()
    else:
        assert match.municipality is None
        assert match.needs_review == (kind != MatchKind.NOT_MUNICIPALITY)


def test_at_least_forty_spellings_are_checked():
    assert len(SPELLINGS) >= 40


def test_review_names_the_best_candidates_in_dutch(matcher):
    bergen = matcher.match("Bergen", TODAY)
    assert {m.code for m in bergen.candidates} == {"GM0373", "GM0893"}
    assert "niet eenduidig" in bergen.describe()
    assert "Bergen (NH.) (GM0373)" in bergen.describe()
    haaren = matcher.match("Haaren", TODAY)
    assert {m.code for m in haaren.candidates} == {"GM0824", "GM0865", "GM0757", "GM0855"}
    assert matcher.match("Heerlem", TODAY).candidates[0].code == "GM0917"


def test_a_historic_match_names_the_merged_municipality_and_its_successor(matcher):
    match = matcher.match("Bedum", TODAY)
    assert match.describe() == (
        "‘Bedum’ → Het Hogeland (GM1966) (opgeheven gemeente, nu opvolger: Bedum (GM0005))"
    )


def test_a_samenwerkingsverband_in_the_register_is_not_a_municipality(db):
    load_register()
    PartnershipFactory(name="Werkplein Hart van West-Brabant")
    match = MunicipalityMatcher().match("Werkplein Hart van West Brabant", TODAY)
    assert match.kind == MatchKind.NOT_MUNICIPALITY


@pytest.mark.parametrize(
    "text", ["Hengelo (Gld.)", "Laren (Gld.)", "Rijswijk (NB.)", "Ede (NH.)", "Bergen (Fr.)"]
)
def test_a_qualifier_that_names_another_province_never_matches(matcher, text):
    match = matcher.match(text, TODAY)
    assert match.municipality is None, match.describe()
    assert match.candidates == ()
    assert match.needs_review


@pytest.mark.parametrize("text", ["Utrecht (prov.)", "Groningen (Prov.)", "Provincie Utrecht"])
def test_a_province_is_never_the_municipality_of_its_name(matcher, text):
    assert matcher.match(text, TODAY).kind == MatchKind.NOT_MUNICIPALITY


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Hengelo (O.)", "GM0164"),
        ("Hengelo (Ov.)", "GM0164"),
        ("Ede (Gld.)", "GM0228"),
        ("Bergen (Limburg)", "GM0893"),
        ("Laren (N.H.)", "GM0417"),
    ],
)
def test_a_qualifier_that_agrees_still_matches(matcher, text, code):
    assert matcher.match(text, TODAY).municipality.code == code


def test_an_import_row_with_a_contradicting_qualifier_is_refused(matcher):
    assert matcher.match("Hengelo (Gld.)", TODAY).describe() == (
        "‘Hengelo (Gld.)’ is geen bekende gemeentenaam. Leg vast wat deze naam betekent "
        "(een gemeente, of geen gemeente), of gebruik de gemeentecode."
    )


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Municipality-of-Rotterdam", "GM0599"),
        ("gemeente-utrecht", "GM0344"),
        ("Ljouwert", "GM0080"),
        ("Smellingerlân", "GM0090"),
        ("Tietjerksteradeel", "GM0737"),
    ],
)
def test_slug_and_frisian_names_are_found(matcher, written, code):
    assert matcher.match(written, TODAY).municipality.code == code


@pytest.mark.parametrize(
    "written",
    ["MinBZK", "Ministerie van BZK", "ODMH", "Omgevingsdienst Midden-Holland", "TU Delft"],
)
def test_abbreviations_of_other_bodies_are_no_municipality(matcher, written):
    assert matcher.match(written, TODAY).kind == MatchKind.NOT_MUNICIPALITY


def test_a_single_weak_candidate_is_offered_as_no_choice(matcher):
    match = matcher.match("Eekelsdorp", TODAY)
    assert match.municipality is None
    assert "niet eenduidig" not in match.describe()
