"""Stories -> the people and organisations they name, and the threads they make.

``refresh(article_ids)`` is called for the stories an ingest created or merged and for
those an editor changed. For each, it finds the people and organisations named
(newsreader/ingest/people.py) and its profile (newsreader/ingest/topics.py), then
re-threads: a thread is a connected group of linked stories, so the threads depend only
on the set of stories, whatever the order they came in.

Re-threading costs in proportion to the stories changed: only the stories within
``topics.MAX_GAP_DAYS`` of a changed one are compared with it, and only the threads those
belong to are worked out again (they can grow, join or split).

Editors' decisions stand: an article an editor moved into a thread, or out of one, stays
there ("thread" in its ``edited_fields``), and other stories may still join it; people and
organisations an editor corrected on an article are left as they are ("people",
"organisations"); a person or an organisation an editor hid is never found again.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q

from newsreader.coverage import unique_slug
from newsreader.frontend_cache import keys_for_articles, purge, thread_key
from newsreader.ingest import topics
from newsreader.ingest.people import NameFinder, PersonMention, name_key
from newsreader.models import (
    Article,
    ArticleOrganisation,
    ArticlePerson,
    ArticleRegion,
    Caption,
    Organisation,
    Person,
    Region,
    Source,
    StoryProfile,
    Thread,
)

BATCH = 500


def refresh(article_ids: Iterable[int]) -> None:
    """Find the people, organisations and threads of these stories again."""
    ids = sorted(set(article_ids))
    for start in range(0, len(ids), BATCH):
        with transaction.atomic():
            chunk = ids[start : start + BATCH]
            Namer().name(chunk)
            rethread(chunk)


def not_names() -> list[str]:
    """Names that are places or news outlets, never people or organisations."""
    names = []
    for name, aliases in Region.objects.values_list("name", "aliases"):
        names += [name, *aliases]
    for name, short_name, aliases in Source.objects.values_list("name", "short_name", "aliases"):
        names += [name, short_name, *aliases]
    return [name for name in names if name]


class Namer:
    """Writes the people and organisations of stories, and their profiles."""

    def __init__(self) -> None:
        self.finder = NameFinder(not_names())
        self.people = Directory(Person)
        self.organisations = Directory(Organisation)

    def name(self, ids: list[int]) -> None:
        """Find the people and organisations of these stories and write them (all links
        in a few queries), then their profiles."""
        articles = list(
            Article.objects.filter(pk__in=ids).only(
                "id", "title", "title_is_provisional", "body", "edited_fields"
            )
        )
        captions = _grouped(Caption.objects.filter(article_id__in=ids), "text")
        places = _grouped(ArticleRegion.objects.filter(article_id__in=ids), "region__slug")
        people_links, organisation_links, profiles = [], [], []
        for article in articles:
            title = "" if article.title_is_provisional else article.title
            named = self.finder.find(title, article.paragraphs, captions[article.pk])
            if article.is_edited("people"):
                people = list(article.article_people.values_list("person__name", flat=True))
            else:
                links = self._people(article, named.people)
                people_links += links
                people = [link.person.name for link in links]
            if article.is_edited("organisations"):
                organisations = list(
                    article.article_organisations.values_list("organisation__name", flat=True)
                )
            else:
                links = self._organisations(article, named.organisations)
                organisation_links += links
                organisations = [link.organisation.name for link in links]
            terms = topics.profile(
                title, article.paragraphs, people, organisations, places[article.pk]
            )
            profiles.append(StoryProfile(article_id=article.pk, terms=terms))
        for model, links, edited in [
            (ArticlePerson, people_links, "people"),
            (ArticleOrganisation, organisation_links, "organisations"),
        ]:
            model.objects.filter(
                article__in=[a for a in articles if not a.is_edited(edited)]
            ).delete()
            model.objects.bulk_create(links)
        StoryProfile.objects.bulk_create(
            profiles, update_conflicts=True, unique_fields=["article"], update_fields=["terms"]
        )

    def _people(self, article: Article, mentions: list[PersonMention]) -> list[ArticlePerson]:
        links = {}
        for mention in mentions:
            person = self.people.get_or_create(mention.name, country=mention.country)
            if person is not None and person.pk not in links:
                links[person.pk] = ArticlePerson(
                    article=article, person=person, role=mention.role[:200], country=mention.country
                )
        return list(links.values())

    def _organisations(self, article: Article, names: list[str]) -> list[ArticleOrganisation]:
        links = {}
        for name in names:
            organisation = self.organisations.get_or_create(name)
            if organisation is not None:
                links[organisation.pk] = ArticleOrganisation(
                    article=article, organisation=organisation
                )
        return list(links.values())


def _grouped(queryset, field: str) -> dict[int, list[str]]:
    """Article id -> the values of ``field`` of its rows."""
    grouped = defaultdict(list)
    for article_id, value in queryset.values_list("article_id", field):
        grouped[article_id].append(value)
    return grouped


class Directory:
    """People (or organisations) by every name and alias, read once a batch."""

    def __init__(self, model: type[Person] | type[Organisation]) -> None:
        self.model = model
        self.by_key: dict[str, Person | Organisation] = {}
        self.by_id: dict[int, Person | Organisation] = {}
        for entity in model.objects.all():
            self._add(entity)

    def _add(self, entity: Person | Organisation) -> None:
        self.by_id[entity.pk] = entity
        for name in [entity.name, *entity.aliases]:
            self.by_key.setdefault(name_key(name), entity)

    def get_or_create(self, name: str, **details: str) -> Person | Organisation | None:
        """The entity of this name (None if hidden), created if new."""
        entity = self.by_key.get(name_key(name))
        if entity is None:
            entity = self.model.objects.create(
                name=name[:200], slug=unique_slug(self.model, name), **details
            )
            self._add(entity)
        elif details.get("country") and not entity.country:
            entity.country = details["country"]
            entity.save(update_fields=["country"])
        return None if entity.hidden else entity


# -- threads ---------------------------------------------------------------------------


@dataclass
class Story:
    pk: int
    published_on: datetime.date | None
    thread_id: int | None
    pinned: bool  # an editor set its thread
    terms: dict[str, float] = field(default_factory=dict)


def _stories(queryset) -> dict[int, Story]:
    rows = queryset.values_list(
        "id", "published_on", "thread_id", "edited_fields", "profile__terms"
    )
    return {
        pk: Story(pk, published_on, thread_id, "thread" in (edited or []), terms or {})
        for pk, published_on, thread_id, edited, terms in rows
    }


def _near(dates: list[datetime.date]) -> Q:
    """Stories within MAX_GAP_DAYS of any of these dates, as few date ranges as cover them."""
    gap = datetime.timedelta(days=topics.MAX_GAP_DAYS)
    ranges: list[list[datetime.date]] = []
    for date in sorted(set(dates)):
        if ranges and date - gap <= ranges[-1][1]:
            ranges[-1][1] = date + gap
        else:
            ranges.append([date - gap, date + gap])
    condition = Q(pk__in=[])
    for start, end in ranges:
        condition |= Q(published_on__range=(start, end))
    return condition


def _links(stories: dict[int, Story], among: Iterable[int], against: dict[int, Story]):
    """Pairs (a, b) of linked stories, a from ``among``, b from ``against``."""
    postings: dict[str, list[Story]] = defaultdict(list)
    for story in against.values():
        for term in story.terms:
            postings[term].append(story)
    for pk in among:
        story = stories[pk]
        if story.published_on is None or not story.terms:
            continue
        scores: Counter[int] = Counter()
        for term, weight in story.terms.items():
            for other in postings.get(term, ()):
                scores[other.pk] += weight * other.terms[term]
        for other_pk, score in scores.items():
            other = against[other_pk]
            if other_pk != pk and other.published_on is not None:
                gap = abs((story.published_on - other.published_on).days)
                if gap <= topics.MAX_GAP_DAYS and score >= (
                    topics.THRESHOLD + topics.THRESHOLD_PER_DAY * gap
                ):
                    yield pk, other_pk


def rethread(article_ids: Iterable[int]) -> None:
    """Work out again the threads of these stories and of the stories near them."""
    changed = _stories(Article.objects.filter(pk__in=list(article_ids)))
    dates = [s.published_on for s in changed.values() if s.published_on]
    near = _stories(Article.objects.filter(_near(dates))) if dates else {}
    near |= changed
    linked = {b for _, b in _links(near, changed, near)}
    threads = {s.thread_id for s in (*changed.values(), *(near[pk] for pk in linked))}
    threads.discard(None)
    affected = near | _stories(Article.objects.filter(thread_id__in=threads))
    members = set(changed) | linked | {pk for pk, s in affected.items() if s.thread_id in threads}
    parent = {pk: pk for pk in members}

    def root(pk: int) -> int:
        while parent[pk] != pk:
            parent[pk] = parent[parent[pk]]
            pk = parent[pk]
        return pk

    group = {pk: affected[pk] for pk in members}
    for a, b in _links(group, members, group):
        if group[a].pinned and group[a].thread_id is None:
            continue  # taken out of every thread by an editor
        if group[b].pinned and group[b].thread_id is None:
            continue
        parent[root(a)] = root(b)
    components: dict[int, list[Story]] = defaultdict(list)
    for pk in members:
        components[root(pk)].append(group[pk])
    _assign(components.values(), threads)


def _assign(components: Iterable[list[Story]], old_threads: set[int]) -> None:
    """Give each group of linked stories a thread, keeping the ids it had where it can."""
    moved: dict[int, int | None] = {}
    used: set[int] = set()
    # The largest groups choose first, and ids in order, so the outcome is the same
    # whichever story changed.
    for stories in sorted(components, key=lambda c: (-len(c), min(s.pk for s in c))):
        pinned = sorted({s.thread_id for s in stories if s.pinned and s.thread_id})
        free = [s for s in stories if not s.pinned]
        if pinned:
            thread_id = pinned[0]
        elif len(stories) < 2:
            thread_id = None
        else:
            counts = Counter(s.thread_id for s in free if s.thread_id and s.thread_id not in used)
            thread_id = min(counts, key=lambda t: (-counts[t], t)) if counts else None
            if thread_id is None:
                thread_id = Thread.objects.create().pk
        if thread_id:
            used.add(thread_id)
        for story in free:
            if story.thread_id != thread_id:
                moved[story.pk] = thread_id
    by_thread: dict[int | None, list[int]] = defaultdict(list)
    for pk, thread_id in moved.items():
        by_thread[thread_id].append(pk)
    previous = set(Article.objects.filter(pk__in=list(moved)).values_list("thread_id", flat=True))
    for thread_id, pks in by_thread.items():
        Article.objects.filter(pk__in=pks).update(thread_id=thread_id)
    emptied = Thread.objects.filter(pk__in=(old_threads | previous) - used - {None}).filter(
        articles__isnull=True
    )
    emptied.delete()
    if moved:
        purge(keys_for_articles(moved) | {thread_key(t) for t in old_threads | previous if t})


def rethread_all() -> int:
    """Name and thread every story again, oldest first; returns how many."""
    ids = list(Article.objects.order_by("published_on", "pk").values_list("pk", flat=True))
    refresh(ids)
    return len(ids)
