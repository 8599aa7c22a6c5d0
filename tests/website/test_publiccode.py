"""A software catalogue (Developers Italia, OpenCatalogi, developer.overheid.nl) reads
Labregister's own publiccode.yml: the keys the standard (version 0.3) requires, in the forms
it requires, in Dutch and English. CI also runs the official parser on it (.ci/run)."""

import datetime
import re
from pathlib import Path

import yaml

FILE = Path(__file__).resolve().parents[2] / "publiccode.yml"
DEVELOPMENT_STATUSES = {"concept", "development", "beta", "stable", "obsolete"}
SOFTWARE_TYPES = {
    "standalone/mobile",
    "standalone/iot",
    "standalone/desktop",
    "standalone/web",
    "standalone/backend",
    "standalone/other",
    "addon",
    "library",
    "configurationFiles",
}
MAINTENANCE_TYPES = {"internal", "contract", "community", "none"}


def described() -> dict:
    return yaml.safe_load(FILE.read_text(encoding="utf-8"))


def test_it_has_every_key_the_standard_requires():
    code = described()

    assert code["publiccodeYmlVersion"] == "0.3"
    assert code["name"]
    assert re.match(r"^https://", code["url"])
    assert code["platforms"]
    assert code["developmentStatus"] in DEVELOPMENT_STATUSES
    assert code["softwareType"] in SOFTWARE_TYPES
    assert code["legal"]["license"] == "EUPL-1.2"
    assert code["maintenance"]["type"] in MAINTENANCE_TYPES
    assert code["localisation"]["localisationReady"] is True
    datetime.date.fromisoformat(code["releaseDate"])


def test_it_describes_the_software_in_dutch_and_english_within_the_lengths_allowed():
    descriptions = described()["description"]

    assert (
        set(descriptions) == {"nl", "en"} == set(described()["localisation"]["availableLanguages"])
    )
    for language in descriptions.values():
        assert 0 < len(language["shortDescription"]) <= 150
        assert 150 <= len(language["longDescription"]) <= 10_000
        assert language["features"]
        assert all(len(feature) <= 100 for feature in language["features"])


def test_internal_maintenance_names_whom_to_contact_and_dependencies_have_versions():
    code = described()

    assert all(contact["name"] for contact in code["maintenance"]["contacts"])
    assert all(dependency["versionMin"] for dependency in code["dependsOn"]["open"])
