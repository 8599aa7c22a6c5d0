"""At 390 px (a phone) no page scrolls sideways; only the matrix has its own scroll box."""

import pytest

from tests.page_types import PAGE_TYPES

from .helpers import log_in

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


# The words of table cells that are drawn on more than one line: a word broken in the middle
# ("Gelderlan/d"). A line may end after a hyphen or a slash ("Hardinxveld-", "/Giessendam"), and
# web addresses longer than the whole line may break; nothing else may. Text a screen reader
# alone reads (the headings of a stacked table on a phone) is not drawn and not looked at.
WORDS_BROKEN_ACROSS_LINES = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll("main th, main td")) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest(".visually-hidden, table.stacked thead")) continue;
      for (const match of node.textContent.matchAll(/[^\\s\\u00a0/-]+[/-]?/g)) {
        if (match[0].includes("://")) continue;
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (tops.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""

# The labels of every chart that reach beyond the chart's own drawing area (cut off).
CHART_LABELS_CUT_OFF = """() => {
  const cut = [];
  for (const svg of document.querySelectorAll("svg.chart__svg")) {
    const [x, y, width, height] = svg.getAttribute("viewBox").split(" ").map(Number);
    for (const text of svg.querySelectorAll("text")) {
      const box = text.getBBox();
      if (box.x < x || box.x + box.width > x + width) cut.push(text.textContent);
    }
  }
  return cut;
}"""


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_no_word_in_a_table_is_broken_in_the_middle_on_a_phone(open_page, path):
    page = open_page(viewport=PHONE)
    page.goto(path)
    assert page.evaluate(WORDS_BROKEN_ACROSS_LINES) == []


# The labels of a chart's axis (one row of text) that touch the next one.
CHART_LABELS_TOUCHING = """() => {
  const touching = [];
  for (const svg of document.querySelectorAll("svg.chart__svg")) {
    const rows = {};
    for (const text of svg.querySelectorAll("text")) {
      (rows[text.getAttribute("y")] ||= []).push(text.getBBox());
    }
    for (const boxes of Object.values(rows)) {
      boxes.sort((a, b) => a.x - b.x);
      for (let i = 1; i < boxes.length; i++) {
        if (boxes[i - 1].x + boxes[i - 1].width > boxes[i].x) touching.push(i);
      }
    }
  }
  return touching;
}"""


@pytest.mark.parametrize(
    "path",
    [
        "/rapportages/initiatieven/common-ground/",
        "/rapportages/initiatieven/common-ground/verloop/",
    ],
)
@pytest.mark.parametrize("width", [1280, 390])
def test_every_chart_label_is_drawn_whole_and_apart(open_page, path, width):
    page = open_page(viewport={"width": width, "height": 900})
    page.goto(path)
    assert page.locator("svg.chart__svg text").count() > 0
    assert page.evaluate(CHART_LABELS_CUT_OFF) == []
    assert page.evaluate(CHART_LABELS_TOUCHING) == []


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize(
    "path",
    [
        "/admin/adoptie/",
        "/admin/adoptie/GM0153/",
        "/admin/adoptie/GM0153/indicatoren/",
        "/admin/adoptie/import/",
        "/admin/adoptie/import/indicatoren/",
    ],
)
def test_the_editors_pages_fit_the_screen(open_page, path, width):
    page = open_page(viewport={"width": width, "height": 900})
    log_in(page, "redacteur-enschede")
    page.goto(path)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    overflowing = page.evaluate(
        """w => [...document.querySelectorAll(
                "main th, main td, main li, main button, .w-header__title")]
            .filter(el => el.getBoundingClientRect().right > w + 0.5)
            .map(el => el.textContent.trim().slice(0, 40))""",
        width,
    )
    assert overflowing == []
