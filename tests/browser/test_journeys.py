"""The main journeys, end to end in a real browser against a real server."""

import re

import pytest
from playwright.sync_api import expect

from .helpers import log_in, page_id, screenshot

pytestmark = pytest.mark.browser


def test_visitor_narrows_search_with_two_facets_and_opens_a_result(page):
    page.goto("/")
    page.get_by_role("link", name="Zoeken", exact=True).click()
    page.get_by_label("Zoekterm").fill("gemeenten")
    page.get_by_role("button", name="Zoeken", exact=True).click()
    page.get_by_label(re.compile(r"^Initiatief \(\d+\)")).check()
    page.get_by_label(re.compile(r"^Zorg")).check()
    page.get_by_role("button", name="Filters toepassen").click()

    expect(page).to_have_url(re.compile(r"type=initiative"))
    expect(page).to_have_url(re.compile(r"domain=zorg"))
    chips = page.locator(".chip")
    expect(chips).to_have_count(2)
    first = page.locator("#results-heading + ol a").first
    title = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def test_municipal_editor_records_a_status_with_evidence_and_sees_it_on_the_scorecard(page):
    log_in(page, "redacteur-enschede")
    # The adoption area opens on the to-do list; the municipality's records are one link on.
    page.get_by_role("link", name="Adoptie").first.click()
    page.get_by_role("link", name="Alle statussen van Enschede (GM0153)").click()
    page.get_by_role("link", name="Wijzigen Softwarecatalogus").click()
    page.get_by_label("Status", exact=True).select_option(label="Gestopt")
    page.get_by_label("Status geldt sinds").fill("2026-01-15")
    page.get_by_label("Bewijsniveau").select_option(label="Bevestigd")
    page.get_by_label("Bewijs (link)").fill("https://www.enschede.nl/besluit-softwarecatalogus")
    page.get_by_label("Openbare toelichting").fill("Vervangen door een eigen register.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De status is opgeslagen.")).to_be_visible()

    page.goto("/gemeenten/GM0153/")
    row = page.get_by_role("row").filter(
        has=page.get_by_role("link", name="Softwarecatalogus", exact=True)
    )
    expect(row).to_contain_text("Gestopt")
    expect(row).to_contain_text("Bevestigd")


@pytest.mark.parametrize("width", [1280, 390])
def test_partnership_editor_reports_one_status_for_all_members(open_page, tmp_path, width):
    page = open_page(viewport={"width": width, "height": 900})
    log_in(page, "redacteur-twente")
    page.goto("/admin/adoptie/")  # on a phone the menu is folded away
    page.get_by_role("link", name="Status melden namens Samenwerking Twente (demo)").click()
    page.get_by_label("Initiatief").select_option(label="API's voor Zaakgericht Werken")
    page.get_by_label("Status", exact=True).select_option(label="In implementatie")
    # The second run (390 px) records a later date: the first one's status stays in force.
    page.get_by_label("Status geldt sinds").fill("2026-01-15" if width == 1280 else "2026-02-15")
    page.get_by_role("button", name="Bekijk welke leden dit raakt").click()
    members = page.get_by_role("row").filter(has_text="via het samenwerkingsverband")
    expect(members).to_have_count(7)
    screenshot(page, tmp_path, "partnership-report")
    page.get_by_role("button", name="Vastleggen voor 7 leden").click()
    expect(page.get_by_text("De status is vastgelegd voor 7 leden.")).to_be_visible()

    page.goto("/gemeenten/GM0164/")
    row = page.get_by_role("row").filter(
        has=page.get_by_role("link", name="API's voor Zaakgericht Werken")
    )
    expect(row).to_contain_text("In implementatie via Samenwerking Twente (demo)")


def test_vng_editor_creates_and_publishes_an_initiative_page(page):
    log_in(page, "vng")
    page.goto(f"/admin/pages/{page_id(page, 'Initiatieven')}/add_subpage/")

    page.get_by_placeholder("Paginatitel*").fill("Inwonersberichten in begrijpelijke taal")
    page.get_by_role("textbox", name="Samenvatting").fill(
        "Gemeenten ontwerpen diensten vanuit de inwoner."
    )
    public_value = page.locator(".public-DraftEditor-content").first
    public_value.click()
    public_value.press_sequentially("Inwoners hoeven minder vaak hetzelfde te vertellen.")
    # The rich-text editor writes its hidden input a moment after the typing.
    expect(page.locator("input[name=public_value]")).to_have_value(re.compile("Inwoners"))
    page.locator("#id_kind").select_option("method")
    page.locator("#id_phase").select_option("pilot")
    page.locator("#id_started_on").fill("2026-06-01")
    # The date picker opens over the page's buttons; leaving the field closes it.
    page.locator("#id_started_on").press("Tab")
    expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(0)
    page.get_by_role("button", name="Meer acties").click()
    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_text("aangemaakt en gepubliceerd")).to_be_visible()

    page.goto("/initiatieven/inwonersberichten-in-begrijpelijke-taal/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Inwonersberichten in begrijpelijke taal"
    )
    expect(page.get_by_text("Inwoners hoeven minder vaak hetzelfde te vertellen.")).to_be_visible()


def test_lab_contributor_submits_a_result_vng_approves_it_and_it_appears_in_the_feed(
    page, open_page
):
    log_in(page, "bijdrager")
    page.goto(f"/admin/pages/{page_id(page, 'Living Lab Oost')}/add_subpage/")
    page.get_by_placeholder("Paginatitel*").fill("Wachttijden Wmo")
    page.get_by_role("textbox", name="Onderzoeksvraag").fill(
        "Kunnen we de wachttijd voor de Wmo halveren?"
    )
    page.locator("#id_recommendation").select_option("scale_up")
    page.get_by_role("button", name="Meer acties").click()
    page.get_by_role("button", name=re.compile("Stuur door naar")).click()
    expect(page.get_by_text("aangemaakt en ingediend voor controle")).to_be_visible()
    assert "Wachttijden Wmo" not in page.request.get("/labs/feed/").text()

    reviewer = open_page()
    log_in(reviewer, "vng")
    reviewer.goto(f"/admin/pages/{page_id(reviewer, 'Wachttijden Wmo')}/edit/")
    reviewer.get_by_role("button", name="Meer acties").click()
    reviewer.get_by_role("button", name="Goedkeuren en publiceren", exact=True).click()
    expect(reviewer.get_by_text("'Wachttijden Wmo' is gewijzigd")).to_be_visible()

    assert "Wachttijden Wmo" in page.request.get("/labs/feed/").text()


def test_municipal_editor_sees_the_record_actions_without_scrolling_sideways(page):
    log_in(page, "redacteur-enschede")
    page.goto("/admin/adoptie/GM0153/")
    button = page.get_by_role("link", name=re.compile("^Wijzigen")).first
    expect(button).to_be_visible()
    box = button.bounding_box()
    assert box["x"] + box["width"] <= 1280


def test_vng_editor_decides_the_follow_up_of_a_result_on_a_fresh_install(page):
    """The server was set up with exactly `make run`'s steps on an empty database."""
    title = "Digitale facturatie met zorgaanbieders"
    page.goto("/rapportages/kraamkamer/")
    expect(page.get_by_role("main")).to_contain_text(title)

    log_in(page, "vng")
    page.goto(f"/admin/pages/{page_id(page, title)}/edit/")
    expect(page.get_by_text("Opvolging (VNG-redactie)")).to_be_visible()
    page.locator("#id_follow_up_decision").select_option("no_scale_up")
    page.locator("#id_follow_up_reason").fill("Past niet in de landelijke architectuur.")
    page.locator("#id_follow_up_decided_on").fill("2026-01-15")
    page.get_by_role("button", name="Meer acties").click()
    page.get_by_role("button", name="Publiceren", exact=True).click()
    expect(page.get_by_text("is gepubliceerd")).to_be_visible()

    page.goto("/rapportages/kraamkamer/")
    expect(page.get_by_role("main")).not_to_contain_text(title)


def test_visitor_reports_an_error_on_a_phone_without_javascript_and_the_editor_answers_it(
    open_page,
):
    visitor = open_page(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    visitor.goto("/gemeenten/GM0153/")
    visitor.get_by_role("link", name="Klopt dit niet? GIBIT", exact=True).click()
    visitor.get_by_label("Wat klopt er niet?").fill("GIBIT is hier nooit ingevoerd (journey).")
    visitor.get_by_label("Uw e-mailadres (niet verplicht)").fill("melder@example.nl")
    visitor.get_by_role("button", name="Melding versturen").click()
    expect(visitor.get_by_role("status")).to_contain_text("Uw melding is doorgestuurd")

    editor = open_page()
    log_in(editor, "redacteur-enschede")
    editor.goto("/admin/adoptie/meldingen/")
    request = editor.get_by_role("row").filter(has_text="nooit ingevoerd (journey)")
    request.get_by_role("link", name="GIBIT").click()
    editor.get_by_label("Beantwoord zonder aanpassing").check()
    editor.get_by_label("Antwoord aan de melder").fill("Het contract loopt sinds 2024.")
    editor.get_by_role("button", name="Melding afhandelen").click()
    expect(editor.get_by_text("De melding is afgehandeld.")).to_be_visible()
    expect(editor.get_by_role("main")).not_to_contain_text("nooit ingevoerd (journey)")
