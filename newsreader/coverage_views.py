"""Full coverage pages: a developing story (thread), a person, an organisation."""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.db.models import Count, F, Max, Min
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_safe

from newsreader.forms import StoryFilterForm
from newsreader.frontend_cache import (
    View,
    add_keys,
    cache_publicly,
    organisation_key,
    person_key,
    source_key,
    story_keys,
    thread_key,
)
from newsreader.models import (
    Article,
    ArticlePerson,
    ArticleRegion,
    ArticleSource,
    Organisation,
    Person,
    Thread,
)
from newsreader.outlet_coverage import outlets_covering, outlets_silent
from newsreader.paging import paginate
from newsreader.rendering import (
    STORY_FRAGMENTS,
    fragment_for,
    refuse_form,
    render_list,
)

# How many people, organisations, places and outlets a thread's page names at most.
NAMED = 12


def follows_merges(model: type[Thread | Person | Organisation], key: Callable[[int], str]):
    """A page or feed of a thread, person or organisation whose address an editor merged
    away (coverage.MergedAddress) answers 301 to the same page of the one it was merged
    into, with the query it was asked with. The redirect carries the survivor's key
    (``key``): whatever changes or merges the survivor purges it. An address that was
    never merged, or whose survivor readers may not see, stays 404."""

    def decorator(view: View) -> View:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, **kwargs) -> HttpResponse:
            try:
                return view(request, **kwargs)
            except Http404:
                # The page's one identifier: a thread's pk or a name's slug.
                [(name, old)] = kwargs.items()
                survivor = model.objects.public().filter(merged_addresses__old=str(old)).first()
                if survivor is None:
                    raise
            address = reverse(
                request.resolver_match.view_name, kwargs={name: getattr(survivor, name)}
            )
            if request.GET:
                address += f"?{request.GET.urlencode()}"
            return add_keys(HttpResponsePermanentRedirect(address), {key(survivor.pk)})

        return wrapper

    return decorator


@require_safe
@cache_publicly
@follows_merges(Thread, thread_key)
def thread_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Full coverage of one developing story: its stories newest first, the outlets that
    covered it, and the places, people and organisations in it."""
    # A thread readers can see has a published story (its headline).
    thread = get_object_or_404(Thread.objects.public(), pk=pk)
    stories = Article.objects.published().filter(thread=thread)
    form = StoryFilterForm(request.GET)
    context = {"thread": thread, "form": form, "feed_url": thread.feed_url()}
    if not form.is_valid():
        return refuse_form(request, "newsreader/thread_detail.html", context)
    page = paginate(form.filter(stories).with_listing(), **form.paging)
    context["page"] = page
    keys = {thread_key(thread.pk), *story_keys(page.items)}
    if fragment_for(request, STORY_FRAGMENTS) is None:
        context |= thread_summary(stories)
        # The outlets it names, and the first story of each.
        keys |= {source_key(outlet.source.pk) for outlet in context["outlets"]}
        keys |= {source_key(source.pk) for source in context["silent"]}
        keys |= story_keys([outlet.first for outlet in context["outlets"]], regions=False)
    response = render_list(request, "newsreader/thread_detail.html", context)
    return add_keys(response, keys)


def thread_summary(stories) -> dict:
    """A thread's span, and who and what its published stories name, most often first."""
    ids = stories.values("id")
    span = stories.aggregate(first=Min("published_on"), last=Max("published_on"), count=Count("id"))
    covering = outlets_covering(stories)
    # Outlets cited in it or whose photos it carries: the wires that covered it too.
    cited = (
        ArticleSource.objects.filter(article__in=ids)
        .values("source__name", "source__slug", "role")
        .annotate(stories=Count("article", distinct=True))
        .order_by("-stories", "source__name", "role")[:NAMED]
    )
    places = (
        ArticleRegion.objects.filter(article__in=ids)
        .values("region__name", "region__slug")
        .annotate(stories=Count("article"))
        .order_by("-stories", "region__name")[:NAMED]
    )
    return {
        "span": span,
        "outlets": covering[:NAMED],
        "silent": outlets_silent(stories, covering),
        "cited": list(cited),
        "places": list(places),
        "people": list(named_people(ids)[:NAMED]),
        "organisations": list(named_organisations(ids)[:NAMED]),
    }


def named_people(article_ids):
    return (
        Person.objects.filter(hidden=False, article_links__article__in=article_ids)
        .annotate(stories=Count("article_links"))
        .order_by("-stories", "name")
    )


def named_organisations(article_ids):
    return (
        Organisation.objects.filter(hidden=False, article_links__article__in=article_ids)
        .annotate(stories=Count("article_links"))
        .order_by("-stories", "name")
    )


@require_safe
@cache_publicly
@follows_merges(Person, person_key)
def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A person's stories, newest first, each with the role and country it gave them."""
    person = get_object_or_404(Person.objects.public(), slug=slug)
    links = ArticlePerson.objects.filter(person=person, article__status=Article.Status.PUBLISHED)
    roles = (
        links.exclude(role="", country="")
        .values("role", "country")
        .annotate(stories=Count("id"), last=Max("article__placed_on"))
        .order_by(F("last").desc(nulls_last=True), "role")
    )
    stories = Article.objects.published().filter(article_people__person=person)
    return _entity_page(
        request,
        "newsreader/person_detail.html",
        {"person": person, "roles": roles, "feed_url": person.feed_url()},
        stories.annotate(
            reported_role=F("article_people__role"), reported_country=F("article_people__country")
        ),
        person_key(person.pk),
    )


@require_safe
@cache_publicly
@follows_merges(Organisation, organisation_key)
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.public(), slug=slug)
    stories = Article.objects.published().filter(article_organisations__organisation=organisation)
    context = {"organisation": organisation, "feed_url": organisation.feed_url()}
    return _entity_page(
        request,
        "newsreader/organisation_detail.html",
        context,
        stories,
        organisation_key(organisation.pk),
    )


def _entity_page(request, template: str, context: dict, stories, key: str) -> HttpResponse:
    form = StoryFilterForm(request.GET)
    context["form"] = form
    if not form.is_valid():
        return refuse_form(request, template, context)
    page = paginate(form.filter(stories).with_listing(), **form.paging)
    context["page"] = page
    response = render_list(request, template, context)
    return add_keys(response, {key, *story_keys(page.items)})
