"""Municipal boundaries as SVG paths, drawn on the server from CBS/PDOK TopoJSON.

The files in `website/boundaries/` are CBS/PDOK "gebiedsindelingen" of 1 January of each
year, generalised for national maps by the cartomap/nl repository (WGS84, quantised). A year
without a file has no map: borders of another year would be wrong.
"""

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

BOUNDARIES = Path(__file__).parent / "boundaries"
# Map units: the Netherlands is about 640 units tall; one unit is roughly 500 m.
UNITS_PER_DEGREE = 350
# Longitude shrinks by cos(latitude); the middle of the country is a good enough parallel.
LONGITUDE_FACTOR = math.cos(math.radians(52.2))


@dataclass(frozen=True)
class Boundaries:
    """One year's shapes: {code: SVG path data} in a box of width × height units."""

    year: int
    width: int
    height: int
    shapes: dict[str, str]
    names: dict[str, str]


def available_years() -> list[int]:
    """The years with a municipality boundary file, oldest first."""
    files = BOUNDARIES.glob("gemeente_*.topojson")
    return sorted(int(path.stem.rsplit("_", 1)[1]) for path in files)


@lru_cache(maxsize=16)
def municipality_boundaries(year: int) -> Boundaries | None:
    """The municipalities of 1 January `year` as SVG paths, or None without a file."""
    path = BOUNDARIES / f"gemeente_{year}.topojson"
    if not path.exists():
        return None
    topology = json.loads(path.read_text(encoding="utf-8"))
    (collection,) = topology["objects"].values()
    return _draw(year, topology, collection["geometries"])


def _draw(year: int, topology: dict, geometries: list[dict]) -> Boundaries:
    scale_x, scale_y = topology["transform"]["scale"]
    origin_x, origin_y = topology["transform"]["translate"]
    arcs = [_absolute(arc) for arc in topology["arcs"]]
    all_points = [point for arc in arcs for point in arc]
    west = min(x for x, _y in all_points)
    north = max(y for _x, y in all_points)

    def project(point: tuple[int, int]) -> tuple[int, int]:
        lon = origin_x + point[0] * scale_x
        lat = origin_y + point[1] * scale_y
        west_lon = origin_x + west * scale_x
        north_lat = origin_y + north * scale_y
        return (
            round((lon - west_lon) * LONGITUDE_FACTOR * UNITS_PER_DEGREE),
            round((north_lat - lat) * UNITS_PER_DEGREE),
        )

    projected = [[project(point) for point in arc] for arc in arcs]
    width = max(x for arc in projected for x, _y in arc) + 1
    height = max(y for arc in projected for _x, y in arc) + 1
    shapes, names = {}, {}
    for geometry in geometries:
        properties = geometry["properties"]
        polygons = {"Polygon": [geometry.get("arcs", [])], "MultiPolygon": geometry.get("arcs", [])}
        rings = [ring for polygon in polygons.get(geometry["type"], []) for ring in polygon]
        shapes[properties["statcode"]] = "".join(_ring_path(ring, projected) for ring in rings)
        names[properties["statcode"]] = properties["statnaam"]
    return Boundaries(year, width, height, shapes, names)


def _absolute(arc: list[list[int]]) -> list[tuple[int, int]]:
    """Undo TopoJSON's delta encoding of one arc."""
    x = y = 0
    points = []
    for dx, dy in arc:
        x, y = x + dx, y + dy
        points.append((x, y))
    return points


def _ring_path(ring: list[int], arcs: list[list[tuple[int, int]]]) -> str:
    """One closed ring as "M x y l dx dy … z" with repeated points left out."""
    points: list[tuple[int, int]] = []
    for index in ring:
        # A negative index (~i) is arc i walked backwards.
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        for point in arc[1:] if points else arc:
            if not points or point != points[-1]:
                points.append(point)
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    if not points:
        return ""
    (x, y), steps = points[0], []
    for point in points[1:]:
        steps.append(f"{point[0] - x} {point[1] - y}")
        x, y = point
    path = f"M{points[0][0]} {points[0][1]}"
    if steps:
        path += "l" + " ".join(steps)
    return (path + "z").replace(" -", "-")
