"""Full coverage: developing stories (threads), and the people and organisations in them.

The models; newsreader/threads.py fills them from the stories, and editors correct them in
the admin. Imported by newsreader/models.py.
"""

from __future__ import annotations

from anyascii import anyascii
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.text import slugify


class ThreadQuerySet(models.QuerySet):
    def with_headline(self) -> ThreadQuerySet:
        """Each thread's newest published headline (``headline``), read in the same query;
        of stories of the same day, the first by title, so that two databases that hold the
        same stories agree whatever order they came in."""
        # Articles by their relation: models.py imports this module, not the reverse.
        article_model = self.model._meta.get_field("articles").related_model
        newest = (
            article_model.objects.published()
            .filter(thread=OuterRef("pk"))
            .order_by(models.F("placed_on").desc(nulls_last=True), "title", "-id")
            .values("title")[:1]
        )
        return self.annotate(headline=Subquery(newest))

    def public(self) -> ThreadQuerySet:
        """The threads readers may see: those with a published story (their headline)."""
        return self.with_headline().exclude(headline=None)


class Thread(models.Model):
    """Stories about one developing event, from different days, angles and outlets."""

    title = models.CharField(
        max_length=300,
        blank=True,
        help_text="Leave empty to show the newest story's headline.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ThreadQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.display_title

    def get_absolute_url(self) -> str:
        return reverse("newsreader:thread-detail", args=[self.pk])

    def feed_url(self) -> str:
        return reverse("newsreader:thread-feed", args=[self.pk])

    @property
    def display_title(self) -> str:
        """The editors' title, or the newest headline (``with_headline()``, or read here)."""
        if self.title:
            return self.title
        if "headline" not in self.__dict__:
            newest = self.articles.published().order_by(
                models.F("placed_on").desc(nulls_last=True), "title", "-id"
            )
            self.headline = newest.values_list("title", flat=True).first()
        return self.headline or f"Thread {self.pk}"


class NamedQuerySet(models.QuerySet):
    def public(self) -> NamedQuerySet:
        """The names readers may see, on every channel: not hidden, and named by a
        published story. A name only drafts hold stays unknown, so guessing its address
        tells nothing (Article.Status.PUBLISHED is "published")."""
        return self.filter(hidden=False, article_links__article__status="published").distinct()


class NamedInStories(models.Model):
    """A person or an organisation the stories name."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    aliases = models.JSONField(
        default=list, blank=True, help_text="Other names and spellings that mean this one."
    )
    hidden = models.BooleanField(
        default=False, help_text="Not a real name: shown nowhere, and never found again."
    )

    objects = NamedQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(f"newsreader:{self._meta.model_name}-detail", args=[self.slug])

    def feed_url(self) -> str:
        return reverse(f"newsreader:{self._meta.model_name}-feed", args=[self.slug])


class Person(NamedInStories):
    country = models.CharField(
        max_length=2, blank=True, help_text="ISO 3166-1 alpha-2 code, as the stories report it."
    )

    class Meta(NamedInStories.Meta):
        verbose_name_plural = "people"


class Organisation(NamedInStories):
    pass


def unique_slug(model: type[models.Model], name: str) -> str:
    """A new name's slug, in one query: its letters in any script, transliterated
    ("Иван Петров" -> "ivan-petrov"), then the first "-N" no other name has taken."""
    base = slugify(anyascii(name))[:200].strip("-") or model._meta.model_name
    # "base" and every "base-N" sort between "base" and "base." ("." follows "-"): one
    # range of the slug's unique index.
    in_range = Q(slug=base) | Q(slug__gte=f"{base}-", slug__lt=f"{base}.")
    # A slug merged away still answers for the name it was merged into (MergedAddress):
    # a new name never takes it.
    merged_away = MergedAddress.objects.filter(
        Q(old=base) | Q(old__gte=f"{base}-", old__lt=f"{base}."),
        **{f"{model._meta.model_name}__isnull": False},
    )
    taken = set(
        model.objects.filter(in_range)
        .order_by()
        .values_list("slug", flat=True)
        .union(merged_away.values_list("old", flat=True))
    )
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


class ArticlePerson(models.Model):
    """A person a story names, with the role and country it gives them."""

    article = models.ForeignKey(
        "Article", on_delete=models.CASCADE, related_name="article_people", db_index=False
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="article_links")
    role = models.CharField(max_length=200, blank=True)
    country = models.CharField(max_length=2, blank=True)

    class Meta:
        verbose_name = "person named"
        verbose_name_plural = "people named"
        constraints = [
            models.UniqueConstraint(fields=["article", "person"], name="unique_article_person")
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.role})" if self.role else str(self.person)


class ArticleOrganisation(models.Model):
    article = models.ForeignKey(
        "Article", on_delete=models.CASCADE, related_name="article_organisations", db_index=False
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="article_links"
    )

    class Meta:
        verbose_name = "organisation named"
        verbose_name_plural = "organisations named"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "organisation"], name="unique_article_organisation"
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class StoryProfile(models.Model):
    """What a story is about, as weighted terms (newsreader/text/topics.py), kept so a
    new story is compared with its neighbours in time without reading their text again."""

    article = models.OneToOneField(
        "Article", on_delete=models.CASCADE, primary_key=True, related_name="profile"
    )
    terms = models.JSONField(default=dict)

    def __str__(self) -> str:
        return f"Profile of article {self.article_id}"


class MergedAddress(models.Model):
    """The address of a thread, person or organisation an editor merged into another (the
    survivor, the one link set): its page and feed answer 301 to the survivor's. A later
    merge of the survivor moves these rows on to the next one, so a chain of merges is one
    hop; a survivor deleted takes them with it, and its old addresses answer 404."""

    old = models.CharField(
        max_length=220, help_text="The slug of a person or organisation, or a thread's id."
    )
    thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.CASCADE, related_name="merged_addresses"
    )
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="merged_addresses"
    )
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="merged_addresses",
    )
    merged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "merged addresses"
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(thread__isnull=False, person=None, organisation=None)
                    | Q(thread=None, person__isnull=False, organisation=None)
                    | Q(thread=None, person=None, organisation__isnull=False)
                ),
                name="merged_address_has_one_survivor",
            ),
            *(
                models.UniqueConstraint(
                    fields=["old"],
                    condition=Q(**{f"{kind}__isnull": False}),
                    name=f"unique_merged_{kind}_address",
                )
                for kind in ("thread", "person", "organisation")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.old} → {self.thread or self.person or self.organisation}"

    @staticmethod
    def old_key(merged: Thread | Person | Organisation) -> str:
        """What a merged thread or name's addresses were made of: its slug, or its id."""
        return str(merged.pk) if isinstance(merged, Thread) else merged.slug


def record_merge(
    survivor: Thread | Person | Organisation, merged: list[Thread | Person | Organisation]
) -> None:
    """Keep the addresses of ``merged`` (and of whatever was merged into them before)
    answering for ``survivor``. Called before they are deleted, in the merge's transaction."""
    kind = survivor._meta.model_name
    MergedAddress.objects.filter(**{f"{kind}__in": merged}).update(**{kind: survivor})
    MergedAddress.objects.bulk_create(
        MergedAddress(old=MergedAddress.old_key(item), **{kind: survivor}) for item in merged
    )


__all__ = [
    "ArticleOrganisation",
    "ArticlePerson",
    "MergedAddress",
    "Organisation",
    "Person",
    "StoryProfile",
    "Thread",
]
