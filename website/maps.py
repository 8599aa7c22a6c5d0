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


@lru_cache(maxsize=1)
def available_years() -> list[int]:
    """The years with a municipality boundary file, oldest first (read once per process)."""
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
    arcs = [_absolute(arc) for arc in topology["arcs"]]
    all_points = [point for arc in arcs for point in arc]
    # The file's quantised units are degrees × scale, so only the corner needs the transform.
    west = min(x for x, _y in all_points)
    north = max(y for _x, y in all_points)
    unit_x = scale_x * LONGITUDE_FACTOR * UNITS_PER_DEGREE
    unit_y = scale_y * UNITS_PER_DEGREE

    def project(point: tuple[int, int]) -> tuple[int, int]:
        return round((point[0] - west) * unit_x), round((north - point[1]) * unit_y)

    projected = [[project(point) for point in arc] for arc in arcs]
    width = max(x for arc in projected for x, _y in arc) + 1
    height = max(y for arc in projected for _x, y in arc) + 1
    shapes = {}
    for geometry in geometries:
        polygons = geometry.get("arcs", [])
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        rings = [ring for polygon in polygons for ring in polygon]
        shapes[geometry["properties"]["statcode"]] = "".join(
            _ring_path(ring, projected) for ring in rings
        )
    return Boundaries(year, width, height, shapes)


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
