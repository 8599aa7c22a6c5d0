"""axe-core finds no WCAG 2.1 A/AA violation on any page type, in Dutch and in English, and
no page has a script error."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.page_types import PAGE_TYPES

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


# A laptop and a phone: the layouts differ (stacked tables, the map below its legend).
WIDTHS = [1280, 390]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_page_type_has_no_accessibility_violations_and_no_script_errors(page, path, width):
    page.set_viewport_size({"width": width, "height": 900})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console", lambda m: m.type == "error" and "404" not in m.text and errors.append(m.text)
    )
    page.goto(path)
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    assert errors == []
