"""The maps and the scorecard summary, as a reader sees them in a real browser on the demo data."""

import json
import re

import pytest

pytestmark = pytest.mark.browser

# The gap report's table rows that make up each legend entry of the map.
LEGEND_ROWS = {
    "Geïmplementeerd": ["Geïmplementeerd"],
    "Bezig": ["Oriënterend", "Gepland", "In pilot", "In implementatie"],
    "Niet gestart": ["Niet gestart"],
    "Gestopt": ["Gestopt"],
    "Niet van toepassing": ["Niet van toepassing"],
    "Onbekend": ["Onbekend"],
}

# Counted with plain queries, without the report code, on the site's own database.
INDEPENDENT_COUNT = """
import json, statistics
from initiatives.models import Adoption, InitiativePage, Municipality
from django.utils import timezone
today = timezone.localdate()
live = set(InitiativePage.objects.live().public().values_list("pk", flat=True))
existing = [m for m in Municipality.objects.all() if m.exists_on(today)]
own = next(m for m in existing if m.code == "GM0153")
def implemented(m):
    return Adoption.objects.filter(
        municipality=m, status="implemented", initiative__in=live).count()
not_applicable = Adoption.objects.filter(
    municipality=own, status="not_applicable", initiative__in=live).count()
peers = [m for m in existing if m.pk != own.pk]
size = [m for m in peers if m.size_class == own.size_class]
province = [m for m in peers if m.province == own.province]
print(json.dumps({
    "implemented": implemented(own),
    "applicable": len(live) - not_applicable,
    "size_median": statistics.median(implemented(m) for m in size),
    "province_median": statistics.median(implemented(m) for m in province),
    "municipalities": len(existing),
}))
"""


def _status_table(page) -> dict[str, int]:
    rows = page.locator("table:has(caption:text('Gemeenten per status')) tbody tr")
    return {
        row.locator("th").inner_text().strip(): int(row.locator("td").inner_text())
        for row in rows.all()
    }


def _legend(page, figure) -> dict[str, int]:
    entries = page.locator(f"{figure} .map-legend li")
    return {
        entry.locator(".map-legend__label").inner_text(): int(
            entry.locator(".map-legend__count").inner_text()
        )
        for entry in entries.all()
    }


def _shapes(page, figure) -> int:
    return page.locator(f"{figure} svg.report-map__svg g path").count()


@pytest.fixture(scope="module")
def independent(site):
    return json.loads(site.manage("shell", "-c", INDEPENDENT_COUNT).strip().splitlines()[-1])


def test_common_ground_map_has_a_shape_per_municipality_and_legend_counts_match_the_report(
    page, independent
):
    page.goto("/rapportages/initiatieven/common-ground/")
    table, legend = _status_table(page), _legend(page, "#status-map-title ~ *")
    assert _shapes(page, "") == independent["municipalities"] == sum(table.values()) == 342
    assert legend == {entry: sum(table[row] for row in rows) for entry, rows in LEGEND_ROWS.items()}


def test_a_map_of_2019_draws_the_municipalities_of_that_day(page):
    page.goto("/rapportages/initiatieven/common-ground/?peildatum=2019-01-01")
    table = _status_table(page)
    assert _shapes(page, "") == sum(table.values()) == 355
    titles = page.locator("svg.report-map__svg title").all_text_contents()
    assert any(title.startswith("Weesp:") for title in titles)
    assert any(title.startswith("Haaren:") for title in titles)


def test_a_day_without_boundaries_says_so_instead_of_drawing_wrong_borders(page):
    page.goto("/rapportages/initiatieven/common-ground/?peildatum=2016-06-01")
    assert _shapes(page, "") == 0
    assert "Geen kaart" in page.locator(".report-map__missing").inner_text()
    # The numbers are still there, in the legend and the table.
    assert sum(_legend(page, "").values()) == sum(_status_table(page).values())


def test_enschede_scorecard_summary_equals_an_independent_count(page, independent):
    page.goto("/gemeenten/GM0153/")
    summary = page.locator(".summary").inner_text()
    figure = re.search(r"(\d+)\s+van (\d+) initiatieven geïmplementeerd", summary)
    assert (int(figure[1]), int(figure[2])) == (
        independent["implemented"],
        independent["applicable"],
    )
    medians = [float(m.replace(",", ".")) for m in re.findall(r"mediaan ([\d,]+)", summary)]
    assert medians == [independent["size_median"], independent["province_median"]]
    assert page.locator(".summary ol li a").count() == 3


def test_scorecard_map_outlines_the_municipality_and_marks_its_peers(page):
    page.goto("/gemeenten/GM0153/")
    assert page.locator("#peer-map-title ~ * .map-outline title").text_content() == "Enschede"
    legend = _legend(page, "")
    assert legend["Deze gemeente"] == 1
    assert sum(legend.values()) == 342


# The colour a reader sees: the fill of a map's group, the background of a matrix cell.
MAP_COLOURS = """() => Object.fromEntries(
    [...document.querySelectorAll(".report-map g[class^='m-']")]
    .map(g => [g.getAttribute("class").slice(2), getComputedStyle(g).fill]))"""
MATRIX_COLOURS = """() => Object.fromEntries(
    [...document.querySelectorAll("table.matrix td[class^='c-']")]
    .map(td => [td.className.slice(2), getComputedStyle(td).backgroundColor]))"""


def test_a_status_has_the_same_colour_on_the_map_and_in_the_matrix(page):
    page.goto("/rapportages/initiatieven/common-ground/")
    on_the_map = page.evaluate(MAP_COLOURS)
    page.goto("/rapportages/matrix/")
    in_the_matrix = page.evaluate(MATRIX_COLOURS)

    # "Onbekend" is hatched in both, drawn by a pattern and a gradient.
    shared = (set(on_the_map) & set(in_the_matrix)) - {"unknown"}
    assert shared >= {"implemented", "in_progress", "not_started", "stopped"}
    assert {group: on_the_map[group] for group in shared} == {
        group: in_the_matrix[group] for group in shared
    }
    assert len({on_the_map[group] for group in shared}) == len(shared)
