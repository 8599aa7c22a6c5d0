"""Search, filters and reports work with JavaScript switched off: they are plain forms."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def page(open_page):
    return open_page(java_script_enabled=False)


def test_search_with_facets_works_without_javascript(page):
    page.goto("/zoeken/?q=gemeenten")
    page.get_by_label(re.compile(r"^Labresultaat \(\d+\)")).check()
    page.get_by_role("button", name="Filters toepassen").click()
    expect(page).to_have_url(re.compile(r"type=lab_result"))
    expect(page.locator(".chip")).to_have_count(1)


def test_initiative_filters_and_report_settings_work_without_javascript(page):
    page.goto("/initiatieven/")
    page.get_by_label("Fase").select_option(label="Landelijk beschikbaar")
    page.get_by_role("button", name="Filteren").click()
    expect(page).to_have_url(re.compile(r"phase=available"))

    page.goto("/rapportages/initiatieven/gibit/")
    page.get_by_label("Peildatum").fill("2024-01-01")
    page.get_by_role("button", name="Tonen").click()
    expect(page).to_have_url(re.compile(r"peildatum=2024-01-01"))
    expect(page.get_by_role("heading", level=2).first).to_contain_text("2024")


@pytest.mark.parametrize(("typed", "code"), [("Enschede", "GM0153"), ("Den Haag", "GM0518")])
def test_picking_a_municipality_works_without_javascript(page, typed, code):
    page.goto("/")
    page.get_by_label("Hoe doet mijn gemeente het?").fill(typed)
    page.get_by_role("button", name="Toon de scorekaart").click()
    expect(page).to_have_url(re.compile(rf"/gemeenten/{code}/$"))
