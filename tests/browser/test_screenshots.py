"""Screenshots for the README: `make screenshots` writes them to docs/screenshots/; in the
test suite they go to a temporary folder, so that a broken page still fails here."""

import os
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect

from .helpers import log_in

pytestmark = pytest.mark.browser

SCREENSHOTS = {
    "home.png": "/",
    "scorecard.png": "/gemeenten/GM0153/",
    "initiative-gap-report.png": "/rapportages/initiatieven/common-ground/",
    "adoption-over-time.png": "/rapportages/initiatieven/common-ground/verloop/",
    "report-an-error.png": "/gemeenten/GM0153/common-ground/klopt-dit-niet/",
    "changes.png": "/wijzigingen/?sinds=2024-01-01",
    "follow-changes.png": "/wijzigingen/volgen/?gemeente=GM0153",
    "search.png": "/zoeken/?q=gemeente",
    "indicator-report.png": "/rapportages/indicatoren/betaaltermijn-jeugdzorg-wmo/",
    "open-data.png": "/open-data/",
}
# Admin pages, as the editor of Enschede sees them.
EDITOR_SCREENSHOTS = {
    "editor-to-do.png": "/admin/adoptie/",
    "editor-status-list.png": "/admin/adoptie/GM0153/",
    "editor-claims.png": "/admin/adoptie/#todo-claims",
    "editor-indicator-values.png": "/admin/adoptie/GM0153/indicatoren/",
    "editor-indicator-import.png": "/admin/adoptie/import/indicatoren/",
}


# A laptop, and a phone (390 px wide, as an iPhone 12-15 in portrait).
WIDTHS = {"": 1280, "-390": 390}


def height_of(name: str, width: int) -> int:
    """The admin scrolls inside its own frame, so a full-page screenshot of it is one screen;
    on a phone its pages are shot on a long screen instead."""
    admin = name in EDITOR_SCREENSHOTS or name.startswith("harvest")
    return 2400 if admin and width < 1280 else 900


@pytest.mark.parametrize("suffix, width", WIDTHS.items(), ids=lambda value: str(value))
@pytest.mark.parametrize("name, path", {**SCREENSHOTS, **EDITOR_SCREENSHOTS}.items())
def test_screenshot(page, tmp_path, name, path, suffix, width):
    if name in EDITOR_SCREENSHOTS:
        log_in(page, "redacteur-enschede")
    folder = Path(os.environ.get("SCREENSHOTS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": height_of(name, width)})
    response = page.goto(path)
    assert response.status == 200
    file = folder / name.replace(".png", f"{suffix}.png")
    page.screenshot(path=file, full_page=bool(suffix))
    assert file.stat().st_size > 10_000


@pytest.mark.parametrize("suffix, width", WIDTHS.items(), ids=lambda value: str(value))
def test_screenshot_of_the_harvest_dry_run(page, tmp_path, suffix, width):
    log_in(page, "vng")
    folder = Path(os.environ.get("SCREENSHOTS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": height_of("harvest-dry-run.png", width)})
    page.goto("/admin/adoptie/oogst/")
    page.get_by_role("button", name="Proefoogst").click()
    expect(page.get_by_role("heading", name="Uitkomsten")).to_be_visible()
    file = folder / f"harvest-dry-run{suffix}.png"
    page.screenshot(path=file, full_page=True)
    assert file.stat().st_size > 10_000


# Chromium's simulations of colour vision deficiencies, applied to the map of the gap report.
VISION_DEFICIENCIES = ["none", "deuteranopia", "protanopia", "tritanopia", "achromatopsia"]


def test_map_colours_under_simulated_colour_vision_deficiencies(page, tmp_path):
    folder = Path(os.environ.get("SCREENSHOTS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 1400})
    page.goto("/rapportages/initiatieven/common-ground/")
    box = page.locator(".report-map").bounding_box()
    clip = {"x": box["x"], "y": box["y"], "width": 760, "height": min(box["height"], 480)}
    cdp = page.context.new_cdp_session(page)
    parts = []
    for deficiency in VISION_DEFICIENCIES:
        cdp.send("Emulation.setEmulatedVisionDeficiency", {"type": deficiency})
        part = tmp_path / f"{deficiency}.png"
        page.screenshot(path=part, clip=clip)
        parts.append(Image.open(part))
    sheet = Image.new("RGB", (parts[0].width, sum(part.height for part in parts)), "white")
    for index, part in enumerate(parts):
        sheet.paste(part, (0, index * parts[0].height))
    sheet.save(folder / "map-colour-vision.png")
    assert (folder / "map-colour-vision.png").stat().st_size > 10_000
