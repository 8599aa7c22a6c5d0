"""Keyboard-only use: no mouse, only Tab, Space and Enter."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD

from .helpers import tab_to

pytestmark = pytest.mark.browser

IMPORT_FILE = (
    "gemeentecode;initiatief;status;datum;bewijsniveau;bewijs_url;toelichting\r\n"
    "GM0153;gibit;implemented;01-02-2026;confirmed;https://www.enschede.nl/gibit;\r\n"
).encode("cp1252")


def test_search_facets_can_be_chosen_and_applied_with_the_keyboard(page):
    page.goto("/zoeken/?q=gemeenten")
    tab_to(page, "el.name === 'type' && el.value === 'initiative'")
    page.keyboard.press("Space")
    tab_to(page, "el.textContent.trim() === 'Filters toepassen'")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"type=initiative"))
    expect(page.locator("input[name=type][value=initiative]")).to_be_checked()


def test_import_dry_run_and_confirmation_work_with_the_keyboard(page):
    page.goto("/admin/login/")
    expect(page.get_by_label("Gebruikersnaam")).to_be_focused()  # the login page's autofocus
    page.keyboard.type("redacteur-enschede")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    expect(page.locator("#id_password")).to_have_value(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/admin/")

    page.goto("/admin/adoptie/import/")
    tab_to(page, "el.type === 'file'")
    # Space would open the operating system's file dialog, which is not part of the page (and
    # headless chromium opens it only sometimes): the focused field receives the file instead.
    page.locator("input[type=file]:focus").set_input_files(
        {"name": "statussen.csv", "mimeType": "text/csv", "buffer": IMPORT_FILE}
    )
    tab_to(page, "el.textContent.trim() === 'Proefimport'")
    page.keyboard.press("Enter")
    expect(
        page.get_by_role("cell", name="gewijzigd").or_(page.get_by_role("cell", name="nieuw"))
    ).to_be_visible()

    tab_to(page, "el.textContent.trim() === 'Bevestigen en verwerken'")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=re.compile("statussen.csv"))).to_contain_text("erwerkt")
