"""The date archive: years, months as calendars, days, and the undated stories."""

from __future__ import annotations

import calendar
import datetime

from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from newsreader.forms import StoryFilterForm
from newsreader.frontend_cache import (
    cache_publicly,
)
from newsreader.models import (
    Article,
)
from newsreader.paging import paginate
from newsreader.rendering import (
    bad_request,
    render_list,
)

# -- date archive --------------------------------------------------------------------


def _valid_date(year: int, month: int = 1, day: int = 1) -> datetime.date:
    # A month's calendar runs into the weeks around it, which must be dates too: the
    # first and last years a date can have are outside the archive.
    if not datetime.MINYEAR < year < datetime.MAXYEAR:
        raise Http404("No stories that year.")
    try:
        return datetime.date(year, month, day)
    except ValueError as error:
        raise Http404("No such date.") from error


@require_safe
@cache_publicly
def archive_index(request: HttpRequest) -> HttpResponse:
    years = Article.objects.published().count_per("year")[::-1]  # newest first
    undated = Article.objects.published().undated().count()
    return render(request, "newsreader/archive_index.html", {"years": years, "undated": undated})


@require_safe
@cache_publicly
def archive_year(request: HttpRequest, year: int) -> HttpResponse:
    start = _valid_date(year)
    months = Article.objects.published().filter(published_on__year=year).count_per("month")
    if not months:
        raise Http404("No stories that year.")
    previous_year, next_year = Article.objects.published().dates_around(
        start, start.replace(month=12, day=31)
    )
    context = {
        "year": start,
        "months": months,
        "previous_year": previous_year,
        "next_year": next_year,
    }
    return render(request, "newsreader/archive_year.html", context)


def _month_calendar(first: datetime.date) -> tuple[list, dict]:
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    counts = dict(
        Article.objects.published()
        .filter(published_on__range=(first, last))
        .values_list("published_on")
        .annotate(n=Count("id"))
    )
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    grid = [
        [
            {"date": day, "in_month": day.month == first.month, "count": counts.get(day, 0)}
            for day in week
        ]
        for week in weeks
    ]
    previous, following = Article.objects.published().dates_around(first, last)
    return grid, {"counts": counts, "previous_month": previous, "next_month": following}


@require_safe
@cache_publicly
def archive_month(request: HttpRequest, year: int, month: int) -> HttpResponse:
    first = _valid_date(year, month)
    grid, neighbours = _month_calendar(first)
    if not neighbours["counts"]:
        raise Http404("No stories that month.")
    form = StoryFilterForm(request.GET)
    if not form.is_valid():
        return bad_request(request, form.error_message())
    last = first.replace(day=calendar.monthrange(year, month)[1])
    page = paginate(
        Article.objects.published().published_within(first, last).with_listing(),
        **form.paging,
    )
    context = {"month": first, "weeks": grid, "page": page, **neighbours}
    return render_list(request, "newsreader/archive_month.html", context)


@require_safe
@cache_publicly
def archive_day(request: HttpRequest, year: int, month: int, day: int) -> HttpResponse:
    date = _valid_date(year, month, day)
    form = StoryFilterForm(request.GET)
    if not form.is_valid():
        return bad_request(request, form.error_message())
    page = paginate(
        Article.objects.published().published_within(date, date).with_listing(), **form.paging
    )
    if not page.items and not (form.cleaned_data["after"] or form.cleaned_data["before"]):
        raise Http404("No stories that day.")
    grid, neighbours = _month_calendar(date.replace(day=1))
    previous_day, next_day = Article.objects.published().dates_around(date)
    context = {
        "day": date,
        "month": date.replace(day=1),
        "weeks": grid,
        "page": page,
        "previous_day": previous_day,
        "next_day": next_day,
        **neighbours,
    }
    return render_list(request, "newsreader/archive_day.html", context)


@require_safe
@cache_publicly
def archive_undated(request: HttpRequest) -> HttpResponse:
    form = StoryFilterForm(request.GET)
    if not form.is_valid():
        return bad_request(request, form.error_message())
    page = paginate(Article.objects.published().undated().with_listing(), **form.paging)
    return render_list(request, "newsreader/archive_undated.html", {"page": page})
