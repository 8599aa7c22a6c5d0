"""axe-core finds no WCAG 2.1 A/AA violation on any page type, in Dutch and in English."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}

PAGE_TYPES = {
    "home": "/",
    "initiative list": "/initiatieven/?domain=zorg",
    "initiative page": "/initiatieven/gibit/",
    "municipality list": "/gemeenten/?province=Overijssel",
    "scorecard": "/gemeenten/GM0153/",
    "lab list": "/labs/",
    "lab": "/labs/living-lab-oost-nederland/",
    "lab result": "/labs/living-lab-oost-nederland/facturatie-zorgaanbieders/",
    "search with facets selected": "/zoeken/?q=gemeente&type=initiative&domain=zorg",
    "report index": "/rapportages/",
    "initiative gap report": "/rapportages/initiatieven/gibit/",
    "adoption over time": "/rapportages/initiatieven/gibit/verloop/",
    "municipality report": "/rapportages/gemeenten/GM0153/?peildatum=2025-01-01",
    "matrix": "/rapportages/matrix/?province=Utrecht",
    "kraamkamer": "/rapportages/kraamkamer/",
    "barriers": "/rapportages/belemmeringen/",
    "not found": "/bestaat-niet/",
    "home in English": "/en/",
    "scorecard in English": "/en/gemeenten/GM0153/",
}


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_page_type_has_no_accessibility_violations(page, path):
    page.goto(path)
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
