from __future__ import annotations

import datetime
import json

from django import template
from django.http import QueryDict
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from newsreader.front import ago
from newsreader.models import Article, Region
from newsreader.text.countries import country_names

register = template.Library()

PAGING_PARAMS = {"after", "before", "page", "shown"}


@register.simple_tag(takes_context=True)
def page_url(context: template.Context, **changes: object) -> str:
    """This page's URL with its filters kept and the paging parameters replaced."""
    request = context["request"]
    params: QueryDict = request.GET.copy()
    for name in PAGING_PARAMS:
        params.pop(name, None)
    for name, value in changes.items():
        if value not in (None, ""):
            params[name] = str(value)
    query = urlencode(sorted(params.lists()), doseq=True)
    return f"{request.path}?{query}" if query else request.path


@register.filter
def reading_time(minutes: int) -> str:
    return f"{minutes} min read"


@register.filter
def dateline(value: datetime.date, style: str = "long") -> str:
    """ "3 June 2025" ("long") or "3 Jun 2025" ("short"): the dates lists print, dozens a page.

    Django's ``date`` filter gives the same words by a longer road (a formatter object and
    a regular expression per date): with it the home page took 14% more CPU and a region's
    10% more (bench/pages.py, 5,000 stories, cold). Python never sets a locale unless
    asked, so ``%B`` and ``%b`` are the English names.
    """
    return f"{value.day} {value:%B %Y}" if style == "long" else f"{value.day} {value:%b %Y}"


def time_tag(value: datetime.date, style: str = "long") -> SafeString:
    return format_html('<time datetime="{}">{}</time>', value.isoformat(), dateline(value, style))


@register.filter
def story_time(article: Article, style: str = "long") -> SafeString:
    """Which time places the story: its date ("3 June 2025"), or, for a story that states
    none, the day it was first seen, said as such ("Seen 6 Dec 2026, no date given"), so
    a story is never shown as published on a day it was only seen."""
    if article.published_on:
        return time_tag(article.published_on, style)
    if not article.first_seen:
        return mark_safe('<span class="undated">Undated</span>')
    seen = article.first_seen.astimezone(datetime.UTC).date()
    return format_html(
        '<span class="undated">Seen {}{}</span>',
        time_tag(seen, style),
        ", no date given" if style == "long" else "",
    )


# JSON inside a <script> element: nothing in it may close the element or open a comment.
JSON_IN_HTML = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


@register.filter
def json_ld(data: dict | None) -> SafeString:
    """Structured data (schema.org) for search engines; a data block, which the page's
    Content-Security-Policy does not govern because browsers never run it."""
    if not data:
        return mark_safe("")
    text = json.dumps(data, ensure_ascii=False).translate(JSON_IN_HTML)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


STORY_HEADINGS = {"h2", "h3"}
LEDE_WORDS = 36


@register.simple_tag
def story_card(article: Article, heading: str = "h2", here: Region | None = None) -> SafeString:
    """One story in a list: headline, date, primary region, publisher and opening words.

    ``here`` is the region whose list this is: a story about another country that only
    mentions it says so ("Also mentions Lebanon"), so the list never seems to mislabel.

    Built in Python, as Django's admin builds its change-list rows, because a list page
    shows dozens of these: as an included template, a region's page took 13% more CPU, a
    subregion's 16% and an htmx page of results 21% (bench/pages.py, 5,000 stories, cold).
    Every value goes through format_html's escaping; a search snippet is already safe
    (search.highlight escaped it and added only <mark>).
    """
    if heading not in STORY_HEADINGS:
        raise ValueError(f"story_card heading must be one of {sorted(STORY_HEADINGS)}.")
    when = story_time(article)
    where = _where(article, here)
    snippet = getattr(article, "snippet", None)
    if snippet:
        lede = format_html('<p class="story-lede snippet" dir="auto">{}</p>', snippet)
    else:
        paragraphs = article.paragraphs
        opening = Truncator(paragraphs[0]).words(LEDE_WORDS, truncate=" …") if paragraphs else ""
        lede = format_html('<p class="story-lede" dir="auto">{}</p>', opening)
    return format_html(
        '<li class="story" id="story-{6}">\n  <article>\n'
        '    <{0} class="story-title" dir="auto"><a href="{1}">{2}</a></{0}>\n'
        '    <p class="story-meta">\n      {3}\n      {4}{5}\n    </p>\n'
        "    {7}{8}\n  </article>\n</li>",
        heading,
        article.get_absolute_url(),
        article.title,
        when,
        where,
        attribution(article),
        article.pk,
        lede,
        coverage(article),
    )


def coverage(article: Article) -> SafeString:
    """The developing story a front-page card leads (newsreader/front.py): its size, when it
    last grew, and a few of its other headlines; nothing for a story that stands alone."""
    found = getattr(article, "coverage", None)
    if not found:
        return mark_safe("")
    size = format_html(
        '<a href="{}">{} stories · {} outlet{}</a>',
        found.url,
        found.stories,
        found.outlets,
        "" if found.outlets == 1 else "s",
    )
    if found.updated:
        size += format_html(
            '<span aria-hidden="true"> · </span>updated <time datetime="{}">{}</time>',
            found.updated.isoformat(),
            ago(found.updated),
        )
    others = format_html_join("", "{}", ((compact_story(other),) for other in found.others))
    return format_html(
        '\n    <div class="coverage"><p class="story-meta">Developing story: {}</p>'
        '<ul class="compact-list">{}</ul></div>',
        size,
        others,
    )


SEPARATOR = '<span aria-hidden="true"> · </span>'


def _where(article: Article, here: Region | None) -> SafeString:
    """A story card's region, what a person's page's story called them, and whether the
    story is only mentioning the region whose list this is."""
    region = article.primary_region
    where = (
        format_html(SEPARATOR + '<a href="{}">{}</a>', region.get_absolute_url(), region.name)
        if region
        else mark_safe("")
    )
    reported = ", ".join(
        filter(
            None,
            [
                getattr(article, "reported_role", ""),
                country_name(getattr(article, "reported_country", "")),
            ],
        )
    )
    if reported:
        # On a person's page: what this story called them.
        where += format_html(SEPARATOR + '<span class="reported-as">As {}</span>', reported)
    if here and region and here.pk not in (region.pk, region.parent_id):
        where += format_html(SEPARATOR + '<span class="also">Also mentions {}</span>', here.name)
    return where


@register.filter
def country_name(code: str) -> str:
    """An ISO 3166-1 alpha-2 code's country ("EG" -> "Egypt"); the code if unknown."""
    return country_names().get(code, code) if code else ""


def attribution(article: Article) -> SafeString:
    """The outlet that published the story, and a link to the original when its address is
    known, as Google News shows them."""
    parts = []
    if article.publisher_id:
        parts.append(format_html('<span class="publisher">{}</span>', article.publisher.name))
    if article.original_url:
        parts.append(
            format_html(
                '<a href="{}" rel="external noopener" class="original">Read the original'
                '<span class="visually-hidden"> of {}</span></a>',
                article.original_url,
                article.title,
            )
        )
    return format_html_join("", SEPARATOR + "{}", ((part,) for part in parts))


@register.simple_tag
def compact_story(article: Article) -> SafeString:
    """One story in a short list (a region's section on the home page, an article's related
    stories): headline and short date. Built in Python as story_card is; the home page
    prints sixty of these."""
    when = story_time(article, "short")
    return format_html(
        '<li dir="auto"><a href="{}">{}</a> <span class="story-meta">{}</span></li>',
        article.get_absolute_url(),
        article.title,
        when,
    )
