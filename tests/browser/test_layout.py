"""How boxes are drawn, measured in the browser rather than looked at."""

import pytest

pytestmark = pytest.mark.browser

# Each facet box's name, and whether it sits inside the box (its top border drawn whole).
FACET_LEGENDS = """() => [...document.querySelectorAll(".facets fieldset")].map(box => {
  const legend = box.querySelector("legend").getBoundingClientRect();
  const outer = box.getBoundingClientRect();
  return [box.querySelector("legend").textContent, legend.top > outer.top + 1];
})"""


def test_every_search_facet_is_a_closed_box_with_its_name_inside(page):
    page.goto("/zoeken/?q=gemeente")
    legends = page.evaluate(FACET_LEGENDS)
    assert len(legends) >= 3
    assert [name for name, inside in legends if not inside] == []
