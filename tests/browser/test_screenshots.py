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


@pytest.mark.parametrize("name, path", SCREENSHOTS.items())
def test_screenshot(page, tmp_path, name, path):
    folder = Path(os.environ.get("SCREENSHOTS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    response = page.goto(path)
    assert response.status == 200
    page.screenshot(path=folder / name)
    assert (folder / name).stat().st_size > 10_000
