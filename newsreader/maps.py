"""Pictures drawn on the server as SVG: the regions map and a region's stories per week.

No tiles and no script: the outlines come from the countryinfo package (world.geo.json,
drawn from Natural Earth's public-domain data), projected here once per process.
"""

from __future__ import annotations

import datetime
import functools
import math
from collections.abc import Iterable
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
SHADES = 5  # 0: no stories, then four ranges of counts (bands)


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


@dataclass(frozen=True)
class Band:
    """One shade of the map and the story counts it stands for, ``low`` to ``high``."""

    shade: int
    low: int
    high: int

    @property
    def label(self) -> str:
        return f"{self.low:,}" if self.low == self.high else f"{self.low:,}–{self.high:,}"


def bands(counts: Iterable[int]) -> list[Band]:
    """The map's shades for these story counts: up to SHADES - 1 ranges, each holding about
    as many of the different counts, which together run from 1 to the largest.

    Ranges by quantile, not equal steps of the largest: in an archive where Lebanon has
    1,658 stories and most countries fewer than 50, equal steps gave 20 of 22 countries
    the lightest shade. Quantiles of the different counts, not of the countries, so that
    many countries with one story each fill one range and leave the others to tell the
    rest apart.
    """
    values = sorted({count for count in counts if count > 0})
    if not values:
        return []
    steps = min(SHADES - 1, len(values))
    tops = [values[math.ceil(len(values) * n / steps) - 1] for n in range(1, steps + 1)]
    lows = [1, *(top + 1 for top in tops[:-1])]
    # Fewer ranges than shades keep them far apart, and the most stories the darkest.
    return [
        Band(shade=round(n * (SHADES - 1) / steps), low=low, high=high)
        for n, (low, high) in enumerate(zip(lows, tops, strict=True), start=1)
    ]


def shade(count: int, ranges: list[Band]) -> int:
    """0 for no stories, else the shade of the range ``count`` falls in."""
    return next((band.shade for band in ranges if count > 0 and count <= band.high), 0)


# The weekly chart, in SVG units: the bars' plot, with room to its left for the story
# counts (up) and below it for the weeks (along).
CHART_WEEKS = 12  # the weeks shown when the reader gave no "from" date
MAX_CHART_WEEKS = 53  # a year, the longest range drawn week by week
CHART_LEFT, CHART_TOP = 40, 18
CHART_WIDTH, CHART_HEIGHT = 240, 60
CHART_VIEW_WIDTH = CHART_LEFT + CHART_WIDTH + 6
CHART_VIEW_HEIGHT = CHART_TOP + CHART_HEIGHT + 34
CHART_BASELINE = CHART_TOP + CHART_HEIGHT


@dataclass(frozen=True)
class Week:
    start: datetime.date
    count: int
    x: float = 0
    height: float = 0

    @property
    def y(self) -> float:
        return round(CHART_BASELINE - self.height, 1)


@dataclass(frozen=True)
class WeekChart:
    """Stories per week, each bar placed, and what its axes say."""

    weeks: list[Week]
    last_day: datetime.date  # the newest story's
    bar: float  # a bar's width
    most: int  # the count at the top of the counts' axis

    left, top, baseline = CHART_LEFT, CHART_TOP, CHART_BASELINE
    right = CHART_LEFT + CHART_WIDTH
    width, height = CHART_VIEW_WIDTH, CHART_VIEW_HEIGHT

    @property
    def total(self) -> int:
        return sum(week.count for week in self.weeks)

    @property
    def last_bar_end(self) -> float:
        return round(self.weeks[-1].x + self.bar, 1)

    # Where the axes' labels go: the counts to the left of the plot, the weeks below it.
    count_x = CHART_LEFT - 4
    most_y = CHART_TOP + 4
    week_y = CHART_BASELINE + 14
    title_y = CHART_VIEW_HEIGHT - 3
    centre = CHART_LEFT + CHART_WIDTH / 2


def monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def chart_start(last_day: datetime.date, first_day: datetime.date | None = None) -> datetime.date:
    """The first day the chart to ``last_day`` counts: the Monday of the week of
    ``first_day``, or CHART_WEEKS weeks back without one; never more than
    MAX_CHART_WEEKS weeks back."""
    earliest = monday(last_day) - datetime.timedelta(weeks=MAX_CHART_WEEKS - 1)
    if first_day is None:
        return monday(last_day) - datetime.timedelta(weeks=CHART_WEEKS - 1)
    return max(monday(min(first_day, last_day)), earliest)


def weekly(
    counts_by_day: dict[datetime.date, int],
    last_day: datetime.date,
    first_day: datetime.date | None = None,
) -> WeekChart:
    """Stories per week (Monday to Sunday) from the week of ``first_day`` (chart_start)
    to that of ``last_day``, with each bar's place and height in the chart."""
    first = chart_start(last_day, first_day)
    count = (monday(last_day) - first).days // 7 + 1
    totals = {first + datetime.timedelta(weeks=n): 0 for n in range(count)}
    for day, stories in counts_by_day.items():
        if (week := monday(day)) in totals:
            totals[week] += stories
    most = max(totals.values())
    step = CHART_WIDTH / count
    gap = min(2.0, step / 4)
    return WeekChart(
        weeks=[
            Week(
                start=start,
                count=stories,
                x=round(CHART_LEFT + n * step + gap / 2, 1),
                height=round(CHART_HEIGHT * stories / (most or 1), 1),
            )
            for n, (start, stories) in enumerate(totals.items())
        ],
        last_day=last_day,
        bar=round(step - gap, 1),
        most=most,
    )
