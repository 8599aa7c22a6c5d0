"""Screenshots for the README: `make screenshots` writes them to docs/screenshots/; in the
test suite they go to a temporary folder, so that a broken page still fails here."""

import os
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

SCREENSHOTS = {
    "home.png": "/",
    "scorecard.png": "/gemeenten/GM0153/",
    "initiative-gap-report.png": "/rapportages/initiatieven/common-ground/",
}


# A laptop, and a phone (390 px wide, as an iPhone 12-15 in portrait).
WIDTHS = {"": 1280, "-390": 390}


@pytest.mark.parametrize("suffix, width", WIDTHS.items(), ids=lambda value: str(value))
@pytest.mark.parametrize("name, path", SCREENSHOTS.items())
def test_screenshot(page, tmp_path, name, path, suffix, width):
    folder = Path(os.environ.get("SCREENSHOTS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(path)
    assert response.status == 200
    file = folder / name.replace(".png", f"{suffix}.png")
    page.screenshot(path=file, full_page=bool(suffix))
    assert file.stat().st_size > 10_000
