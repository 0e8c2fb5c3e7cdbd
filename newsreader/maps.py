"""Pictures drawn on the server as SVG: the regions map and a region's stories per week.

No tiles and no script: the outlines come from the countryinfo package (world.geo.json,
drawn from Natural Earth's public-domain data), projected here once per process.
"""

from __future__ import annotations

import datetime
import functools
import math
from dataclasses import dataclass

from countryinfo import CountryInfo, CountryNotFoundError

# The map's frame, in degrees: Mauritania to Iran, Sudan to Türkiye.
WEST, EAST, SOUTH, NORTH = -18.0, 64.0, 8.0, 43.0
# Degrees of longitude are shorter than of latitude this far north (equirectangular).
STRETCH = math.cos(math.radians((SOUTH + NORTH) / 2))
SCALE = 10.0  # SVG units per degree of latitude
WIDTH = round((EAST - WEST) * STRETCH * SCALE)
HEIGHT = round((NORTH - SOUTH) * SCALE)
DOT_RADIUS = 6.0  # a country too small for the outlines (Bahrain) is a dot
SHADES = 5  # 0: no stories, then four steps up to the region with the most


def project(longitude: float, latitude: float) -> tuple[float, float]:
    return (
        round((longitude - WEST) * STRETCH * SCALE, 1),
        round((NORTH - latitude) * SCALE, 1),
    )


def _rings(geometry: dict) -> list[list]:
    if geometry["type"] == "Polygon":
        return geometry["coordinates"]
    return [ring for polygon in geometry["coordinates"] for ring in polygon]


@dataclass(frozen=True)
class Outline:
    path: str = ""  # SVG path data, or
    dot: tuple[float, float] | None = None  # the centre of a dot


@functools.cache
def outline(code: str, name: str) -> Outline | None:
    """A country's outline in the map's coordinates, by ISO code or else by name; a dot
    where the package has no outline; None where it knows nothing of the country."""
    for key in (name, code):
        try:
            country = CountryInfo(key)
            features = country.geo_json().get("features") or []
            centre = country.latlng()
        except CountryNotFoundError:
            continue
        if features:
            parts = []
            for feature in features:
                for ring in _rings(feature["geometry"]):
                    points = [project(lon, lat) for lon, lat in ring]
                    parts.append("M" + " L".join(f"{x} {y}" for x, y in points) + " Z")
            return Outline(path=" ".join(parts))
        if centre:
            return Outline(dot=project(centre[1], centre[0]))
    return None


def shade(count: int, most: int) -> int:
    """0 for none, then 1 to SHADES - 1 in equal steps of the largest count."""
    if count <= 0 or most <= 0:
        return 0
    return min(SHADES - 1, 1 + (SHADES - 2) * count // most)


@dataclass(frozen=True)
class Week:
    start: datetime.date
    count: int
    x: float = 0
    height: float = 0

    @property
    def y(self) -> float:
        return round(CHART_HEIGHT - self.height, 1)


CHART_WEEKS = 12
CHART_WIDTH, CHART_HEIGHT, BAR_GAP = 240, 60, 2
BAR_WIDTH = CHART_WIDTH / CHART_WEEKS - BAR_GAP


def monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def chart_start(last_day: datetime.date) -> datetime.date:
    """The first day the chart to ``last_day`` counts: a Monday, CHART_WEEKS weeks back."""
    return monday(last_day) - datetime.timedelta(weeks=CHART_WEEKS - 1)


def weekly(counts_by_day: dict[datetime.date, int], last_day: datetime.date) -> list[Week]:
    """Stories per week for the CHART_WEEKS weeks (Monday to Sunday) to ``last_day``,
    with each bar's place and height in the chart."""
    first = chart_start(last_day)
    totals = {first + datetime.timedelta(weeks=n): 0 for n in range(CHART_WEEKS)}
    for day, count in counts_by_day.items():
        if (week := monday(day)) in totals:
            totals[week] += count
    most = max(totals.values()) or 1
    step = CHART_WIDTH / CHART_WEEKS
    return [
        Week(
            start=start,
            count=count,
            x=round(n * step + BAR_GAP / 2, 1),
            height=round(CHART_HEIGHT * count / most, 1),
        )
        for n, (start, count) in enumerate(totals.items())
    ]
