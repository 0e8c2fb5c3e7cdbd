"""Stories -> the people and organisations they name, and the threads they make.

``refresh(article_ids)`` is called for the stories an ingest created or merged and for
those an editor changed. For each, it finds the people and organisations named
(newsreader/text/people.py) and its profile (newsreader/text/topics.py), then
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
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import Count, Q

from newsreader.coverage import unique_slug
from newsreader.frontend_cache import keys_for_articles, purge, thread_key
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
from newsreader.text import topics
from newsreader.text.people import (
    Named,
    NamedText,
    NameFinder,
    PersonMention,
    name_key,
    naming_key,
)
from newsreader.text.thread_links import (
    Groups,
    NewThread,
    Story,
    choose_threads,
    linked,
    node,
    out_of_threads,
)

BATCH = 500
# An ingest finds the threads of its stories once for this many (and once at its end),
# in batches of BATCH by day, so that a batch's stories share the neighbours it reads.
# Measured: 5,000 stories of 11,000 spread over four months, 4.5 ms a story in batches
# by id, 2.2 by day; an import spread over years read most of the archive a batch.
REFRESH_EVERY = 20_000
ATTEMPTS = 3
# The PostgreSQL advisory lock that lets one refresh run at a time ("thrd" in ASCII).
REFRESH_LOCK = 0x74687264


@dataclass
class FoundNames:
    """Names found while the stories were parsed (text/prepare.py, in the ingest's
    workers), by article id, with the names set aside as places and outlets then."""

    not_names: frozenset[str]
    by_article: dict[int, NamedText] = field(default_factory=dict)


def refresh(article_ids: Iterable[int], found: FoundNames | None = None) -> None:
    """Find the people, organisations and threads of these stories again. ``found``:
    names found already, taken for a story whose stored text is still the one read."""
    ids = by_day(set(article_ids))
    for start in range(0, len(ids), BATCH):
        _refresh_batch(sorted(ids[start : start + BATCH]), found)


def by_day(article_ids: set[int]) -> list[int]:
    """The stories in the order of their days (published, else first seen), then by id."""
    ids = sorted(article_ids)
    days = {}
    for start in range(0, len(ids), BATCH):
        rows = Article.objects.filter(pk__in=ids[start : start + BATCH]).values_list(
            "pk", "published_on", "first_seen"
        )
        days |= {pk: day or _day(seen) or datetime.date.min for pk, day, seen in rows}
    return sorted(days, key=lambda pk: (days[pk], pk))


def _refresh_batch(ids: list[int], found: FoundNames | None = None) -> None:
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with transaction.atomic():
                _one_refresh_at_a_time()
                Namer(found).name(ids)
                rethread(ids)
            return
        except (IntegrityError, OperationalError):
            # A deadlock with an ingest merging into these stories, or a person named by
            # an editor at the same moment: the next attempt reads their rows.
            if attempt == ATTEMPTS:
                raise


def _one_refresh_at_a_time() -> None:
    """Each refresh must see the profiles and threads of those before it, or two ingests
    at once could each thread its stories without the other's. SQLite's IMMEDIATE
    transactions already run one at a time; PostgreSQL waits here until the transaction
    holding the lock ends."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [REFRESH_LOCK])


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

    def __init__(self, found: FoundNames | None = None) -> None:
        names = not_names()
        self.finder = NameFinder(names)
        # Names found before hold while the places and outlets set aside are the same.
        self.found = found.by_article if found and found.not_names == frozenset(names) else {}
        self.people = Directory(Person)
        self.organisations = Directory(Organisation)

    def find(self, article: Article, title: str, captions: list[str]) -> Named:
        """The story's names: those found before if its text is the one they were found
        in (the key of title, paragraphs and captions), else found now."""
        found = self.found.get(article.pk)
        if found is not None and found.key == naming_key(title, article.paragraphs, captions):
            return found.named
        return self.finder.find(title, article.paragraphs, captions)

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
            named = self.find(article, title, captions[article.pk])
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


def _stories(queryset) -> dict[int, Story]:
    rows = queryset.values_list(
        "id", "published_on", "first_seen", "thread_id", "edited_fields", "profile__terms"
    )
    return {
        pk: Story(pk, day or _day(seen), thread_id, "thread" in (edited or []), terms or {})
        for pk, day, seen, thread_id, edited, terms in rows
    }


def _day(moment: datetime.datetime | None) -> datetime.date | None:
    return moment.astimezone(datetime.UTC).date() if moment else None


def _near(dates: list[datetime.date]) -> Q:
    """Stories within MAX_GAP_DAYS of any of these days, as few ranges as cover them: by
    publication date, or for undated stories by the day they were first seen."""
    gap = datetime.timedelta(days=topics.MAX_GAP_DAYS)
    ranges: list[list[datetime.date]] = []
    for date in sorted(set(dates)):
        if ranges and date - gap <= ranges[-1][1]:
            ranges[-1][1] = date + gap
        else:
            ranges.append([date - gap, date + gap])
    condition = Q(pk__in=[])
    for start, end in ranges:
        since = datetime.datetime.combine(start, datetime.time(), datetime.UTC)
        until = datetime.datetime.combine(
            end + datetime.timedelta(days=1), datetime.time(), datetime.UTC
        )
        condition |= Q(published_on__range=(start, end))
        condition |= Q(published_on=None, first_seen__gte=since, first_seen__lt=until)
    return condition


def rethread(article_ids: Iterable[int]) -> None:
    """Work out again the threads of these stories and of the stories near them.

    A new story can only join threads: it and the threads of the stories it is linked to
    become one. A story that changed may also have held its thread together, so the
    threads of changed stories are worked out again from all their stories' links (the
    one step that reads a whole thread; merges of copies and editors' edits are rare).
    """
    changed = _stories(Article.objects.filter(pk__in=list(article_ids)))
    splitting = {s.thread_id for s in changed.values() if s.thread_id and not s.pinned}
    members = _stories(Article.objects.filter(thread_id__in=splitting)) if splitting else {}
    groups = Groups()
    _join(groups, members, members, splitting)
    for story in members.values():
        groups.root(node(story, splitting))
    dates = [s.published_on for s in changed.values() if s.published_on]
    near = (_stories(Article.objects.filter(_near(dates))) if dates else {}) | changed | members
    _join(groups, near, changed, splitting)
    for story in changed.values():
        groups.root(node(story, splitting))
    stories = near | members
    _assign(groups.groups(), stories, splitting)


def _join(groups: Groups, stories: dict[int, Story], among: Iterable[int], splitting: set[int]):
    """Join each story of ``among`` with what it is linked to: each thread or loose story
    once, however many of its stories link (a story may link to hundreds of one thread's)."""
    nodes = {pk: node(story, splitting) for pk, story in stories.items()}
    outside = {pk for pk, story in stories.items() if out_of_threads(story)}
    for pk, others in linked(stories, among, stories):
        if pk not in outside:
            for other in {nodes[other] for other in others if other not in outside}:
                groups.join(nodes[pk], other)


def _assign(groups: list[list[tuple]], stories: dict[int, Story], splitting: set[int]) -> None:
    """Give each group the thread ``choose_threads`` picks, and move its stories there:
    new threads made, joined threads emptied into the one they join, empty ones deleted,
    and the pages of every story moved purged."""
    whole = {node[1] for group in groups for node in group if node[0] == "thread"}
    sizes = dict(
        Article.objects.filter(thread_id__in=whole | splitting)
        .values("thread_id")
        .annotate(n=Count("id"))
        .values_list("thread_id", "n")
    )
    choice = choose_threads(groups, stories, sizes)
    touched = set()
    for target, pks in choice.moves.items():
        thread_id = Thread.objects.create().pk if isinstance(target, NewThread) else target
        Article.objects.filter(pk__in=pks).update(thread_id=thread_id)
        touched |= pks
    for thread_id, target in choice.joined.items():
        leaving = [
            pk
            for pk, edited in Article.objects.filter(thread_id=thread_id).values_list(
                "pk", "edited_fields"
            )
            if "thread" not in (edited or [])
        ]
        Article.objects.filter(pk__in=leaving).update(thread_id=target)
        touched |= set(leaving)
    old = {s.thread_id for s in stories.values() if s.pk in touched} | set(choice.joined)
    old |= splitting
    Thread.objects.filter(pk__in=old - {None}, articles__isnull=True).delete()
    if touched:
        purge(keys_for_articles(touched) | {thread_key(t) for t in old if t})


def rethread_all() -> int:
    """Name and thread every story again, oldest first; returns how many."""
    ids = list(Article.objects.order_by("published_on", "pk").values_list("pk", flat=True))
    refresh(ids)
    return len(ids)
