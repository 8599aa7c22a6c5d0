"""Dutch is the default; every UI string has an English translation under /en/."""

import gettext
import re
from pathlib import Path

import pytest

from tests.helpers import parse_html

CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES" / "django.po"


def entries(po_text: str):
    """(msgid, is plural, translations) per entry of a .po file; the header is skipped."""
    for entry in po_text.split("\n\n"):
        msgid = re.search(r'^msgid "(.*)"((?:\n".*")*)', entry, re.M)
        if not msgid:
            continue
        text = msgid.group(1) + "".join(re.findall(r'^"(.*)"$', msgid.group(2), re.M))
        translations = re.findall(r'^msgstr(?:\[\d\])? "(.*)"((?:\n".*")*)', entry, re.M)
        if text:
            yield (
                text,
                "msgid_plural" in entry,
                [a + b.replace('"', "").strip() for a, b in translations],
            )


def unescaped(msgid: str) -> str:
    """A msgid as the compiled catalogue holds it: escaped line breaks and quotes undone."""
    return msgid.replace("\\n", "\n").replace('\\"', '"')


def test_every_ui_string_has_an_english_translation_in_the_compiled_catalogue():
    po = list(entries(CATALOGUE.read_text(encoding="utf-8")))
    assert [msgid for msgid, _plural, translations in po if not all(translations)] == []
    with CATALOGUE.with_suffix(".mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)._catalog
    # The .mo must be compiled from this .po (`manage.py compilemessages`).
    stale = [
        msgid
        for msgid, plural, _translations in po
        if ((unescaped(msgid), 0) if plural else unescaped(msgid)) not in catalogue
    ]
    assert stale == []


@pytest.mark.django_db
def test_the_scorecard_speaks_english_under_en(client, enschede):
    page = parse_html(client.get("/en/gemeenten/GM0153/").content)
    assert page.html["lang"] == "en"
    assert "Scorecard on" in page.main.get_text()
    assert page.body.find("a").get_text(strip=True) == "Skip to content"
    (back_to_dutch,) = page.select('a[hreflang="nl"]')
    assert back_to_dutch["href"] == "/gemeenten/GM0153/"


@pytest.mark.django_db
def test_dutch_is_the_default_whatever_the_browser_asks(client, enschede):
    page = parse_html(client.get("/gemeenten/GM0153/", HTTP_ACCEPT_LANGUAGE="en").content)
    assert page.html["lang"] == "nl"
    assert "Scorekaart op" in page.main.get_text()
