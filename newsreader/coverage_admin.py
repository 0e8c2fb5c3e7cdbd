"""The editors' desk for full coverage: threads, people and organisations.

Editors rename a thread, merge threads, move an article into or out of one (on the
article's own form), and correct, merge and hide people and organisations. Each decision
survives re-ingest and re-threading (see newsreader/threads.py).
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Count, Max, Min, QuerySet
from django.http import HttpRequest

from newsreader import threads
from newsreader.models import (
    Article,
    ArticleOrganisation,
    ArticlePerson,
    Organisation,
    Person,
    Thread,
)


class ArticlePersonInline(admin.TabularInline):
    model = ArticlePerson
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["person", "role", "country"]


class ArticleOrganisationInline(admin.TabularInline):
    model = ArticleOrganisation
    extra = 0
    autocomplete_fields = ["organisation"]


class ThreadArticleInline(admin.TabularInline):
    model = Article
    fields = ["title", "published_on", "status"]
    readonly_fields = fields
    extra = 0
    show_change_link = True
    ordering = ["-published_on", "-id"]
    verbose_name = "story"
    verbose_name_plural = "stories (move one on its own page)"

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


def merge_choice(model_admin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet):
    """(the one with most stories, the others) of an editor's selection to merge, or None
    (and a message saying why) for fewer than two."""
    chosen = sorted(queryset, key=lambda item: (-item.story_count, item.pk))
    if len(chosen) < 2:
        model_admin.message_user(request, "Select two or more to merge.", messages.WARNING)
        return None
    return chosen[0], chosen[1:]


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    list_display = ["display_title", "stories", "first", "last"]
    search_fields = ["title", "articles__title"]
    fields = ["title"]
    inlines = [ThreadArticleInline]
    actions = ["merge"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super()
            .get_queryset(request)
            .with_headline()
            .annotate(
                # distinct: a search on the stories' titles joins them once more
                story_count=Count("articles", distinct=True),
                first_on=Min("articles__published_on"),
                last_on=Max("articles__published_on"),
            )
        )

    @admin.display(description="title")
    def display_title(self, obj: Thread) -> str:
        return obj.display_title

    @admin.display(description="stories", ordering="story_count")
    def stories(self, obj: Thread) -> int:
        return obj.story_count

    @admin.display(description="first story", ordering="first_on")
    def first(self, obj: Thread):
        return obj.first_on

    @admin.display(description="latest story", ordering="last_on")
    def last(self, obj: Thread):
        return obj.last_on

    @admin.action(description="Merge the selected threads into one", permissions=["change"])
    def merge(self, request: HttpRequest, queryset: QuerySet) -> None:
        """Into the one with the most stories; every story moved is the editors' choice
        from then on, so re-threading never splits them again."""
        if not (chosen := merge_choice(self, request, queryset)):
            return
        target, others = chosen
        with transaction.atomic():
            for article in Article.objects.filter(thread__in=[target, *others]):
                article.thread = target
                article.mark_edited("thread")
                article.save(update_fields=["thread", "edited_fields", "updated_at"])
            if not target.title:
                target.title = next((t.title for t in others if t.title), "")
                target.save(update_fields=["title"])
            Thread.objects.filter(pk__in=[t.pk for t in others]).delete()
        self.message_user(request, f"Merged {len(others) + 1} threads into “{target}”.")


class EntityAdmin(admin.ModelAdmin):
    """People and organisations: search, correct, merge, hide."""

    list_display = ["name", "stories", "hidden"]
    list_filter = ["hidden"]
    search_fields = ["name", "aliases"]
    actions = ["merge", "hide"]
    link_model: type[ArticlePerson] | type[ArticleOrganisation]
    link_field: str

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(story_count=Count("article_links"))

    @admin.display(description="stories", ordering="story_count")
    def stories(self, obj) -> int:
        return obj.story_count

    @admin.action(description="Merge the selected into one (the one with most stories)")
    def merge(self, request: HttpRequest, queryset: QuerySet) -> None:
        if not (chosen := merge_choice(self, request, queryset)):
            return
        target, others = chosen
        with transaction.atomic():
            names = [*target.aliases]
            for other in others:
                names += [other.name, *other.aliases]
                links = self.link_model.objects.filter(**{self.link_field: other})
                # An article that names both keeps one link, the target's.
                links.filter(
                    article__in=self.link_model.objects.filter(**{self.link_field: target}).values(
                        "article"
                    )
                ).delete()
                links.update(**{self.link_field: target})
                other.delete()
            target.aliases = sorted({n for n in names if n != target.name})
            target.save(update_fields=["aliases"])
        self.message_user(request, f"Merged {len(others) + 1} into “{target}”.")

    @admin.action(description="Hide the selected: not a real name, never found again")
    def hide(self, request: HttpRequest, queryset: QuerySet) -> None:
        with transaction.atomic():
            for entity in queryset:
                entity.hidden = True
                entity.save(update_fields=["hidden"])
                self.link_model.objects.filter(**{self.link_field: entity}).delete()
        self.message_user(request, f"Hid {queryset.count()}.")


@admin.register(Person)
class PersonAdmin(EntityAdmin):
    list_display = ["name", "country", "stories", "hidden"]
    list_filter = ["hidden", "country"]
    fields = ["name", "slug", "country", "aliases", "hidden"]
    link_model = ArticlePerson
    link_field = "person"


@admin.register(Organisation)
class OrganisationAdmin(EntityAdmin):
    fields = ["name", "slug", "aliases", "hidden"]
    link_model = ArticleOrganisation
    link_field = "organisation"


def rethread_after_edit(article: Article, old_thread_id: int | None) -> None:
    """After an editor's change to a story: its people and threads again, and the
    stories of the thread it left, which may now fall apart."""
    left = []
    if old_thread_id and old_thread_id != article.thread_id:
        left = list(Article.objects.filter(thread_id=old_thread_id).values_list("pk", flat=True))
    threads.refresh([article.pk, *left])
