"""At 390 px (a phone) no page scrolls sideways; only the matrix has its own scroll box."""

import pytest

from tests.page_types import PAGE_TYPES

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
# The matrix is 342 × N cells: it scrolls inside its container, which says so.
SIDEWAYS_ON_PURPOSE = {"matrix"}


@pytest.mark.parametrize(
    "path",
    [path for name, path in PAGE_TYPES.items() if name not in SIDEWAYS_ON_PURPOSE],
    ids=[name for name in PAGE_TYPES if name not in SIDEWAYS_ON_PURPOSE],
)
def test_page_type_does_not_scroll_sideways_on_a_phone(open_page, path):
    page = open_page(viewport=PHONE)
    page.goto(path)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{path} is {width} px wide at {PHONE['width']} px"
