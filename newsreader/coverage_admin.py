"""The editors' desk for full coverage: threads, people and organisations.

Editors rename a thread, merge threads, move an article into or out of one (on the
article's own form), and correct, merge and hide people and organisations. Each decision
survives re-ingest and re-threading (see newsreader/threads.py).

Here too, the inlines that grow with the data (BoundedInline): a thread of 2,680 stories or
a story naming 5,000 people must still open and save.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

import reversion
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db import transaction
from django.db.models import Count, Max, Min, QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property

from newsreader.coverage import record_merge
from newsreader.ingest.history import keep_first_versions
from newsreader.models import (
    Article,
    ArticleOrganisation,
    ArticlePerson,
    Organisation,
    Person,
    Thread,
)
from newsreader.tasks import refresh_stories

# -- inlines that grow with the data ---------------------------------------------------

# Rows of one inline put on a page as forms. A thread of 2,680 stories (two hidden fields
# each) or a story naming 5,000 people (five each) went far over Django's limit of 1,000
# fields a request (DATA_UPLOAD_MAX_NUMBER_FIELDS) and could not be saved. With 20, an
# article with more than 20 of everything sends 511 fields (611 with every row ticked for
# deletion); its page reads 136 queries, most of them the autocomplete fields' names.
ROWS_ON_THE_PAGE = 20


class BoundedInlineFormSet(BaseInlineFormSet):
    """The first ``rows_shown`` of the parent's rows, as forms. The others are neither on
    the page nor in the save, which leaves them as they are; the page counts them and
    links to the list that holds them all (``all_rows_url``)."""

    rows_shown = ROWS_ON_THE_PAGE
    all_rows_url = ""

    @cached_property
    def shown(self) -> QuerySet:
        # Sliced here, after the formset has filtered the rows by the parent: a slice in
        # the inline's get_queryset() comes before that filter, which then fails. Kept, so
        # that the forms read the rows from one query.
        return super().get_queryset()[: self.rows_shown]

    def get_queryset(self) -> QuerySet:
        return self.shown

    @cached_property
    def row_count(self) -> int:
        shown = len(self.shown)
        return shown if shown < self.rows_shown else super().get_queryset().count()

    @property
    def rows_not_shown(self) -> int:
        return self.row_count - len(self.shown)


class BoundedInline:
    """An inline whose rows grow with the data: at most ROWS_ON_THE_PAGE of them on the
    page (BoundedInlineFormSet), then a count and a link to the admin list of them all,
    ``listed_in``: (that list's URL name, its lookup for the parent's id)."""

    formset = BoundedInlineFormSet
    extra = 0
    listed_in: tuple[str, str]
    rows_select_related: tuple[str, ...] = ()

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request)
        if self.rows_select_related:  # each row's name, read with the row
            queryset = queryset.select_related(*self.rows_select_related)
        return queryset

    def get_formset(self, request: HttpRequest, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None:
            url_name, lookup = self.listed_in
            formset.all_rows_url = f"{reverse(url_name)}?{urlencode({lookup: obj.pk})}"
        return formset


class BoundedTabularInline(BoundedInline, admin.TabularInline):
    template = "admin/newsreader/edit_inline/bounded_tabular.html"


class BoundedStackedInline(BoundedInline, admin.StackedInline):
    template = "admin/newsreader/edit_inline/bounded_stacked.html"


class ListedForAnArticle:
    """A list an article's form links to, filtered to that article's rows (``?<lookup>=
    <id>``): the lookup goes back through a link table, which the admin refuses unless
    the list allows it."""

    article_lookup = "articles__id__exact"

    def lookup_allowed(self, lookup: str, value: str, request: HttpRequest | None = None) -> bool:
        return lookup == self.article_lookup or super().lookup_allowed(lookup, value, request)


class ArticlePersonInline(BoundedTabularInline):
    model = ArticlePerson
    autocomplete_fields = ["person"]
    fields = ["person", "role", "country"]
    rows_select_related = ("person",)
    listed_in = ("admin:newsreader_person_changelist", "article_links__article__id__exact")


class ArticleOrganisationInline(BoundedTabularInline):
    model = ArticleOrganisation
    autocomplete_fields = ["organisation"]
    rows_select_related = ("organisation",)
    listed_in = (
        "admin:newsreader_organisation_changelist",
        "article_links__article__id__exact",
    )


class ThreadArticleInline(BoundedTabularInline):
    model = Article
    fields = ["title", "published_on", "status"]
    readonly_fields = fields
    show_change_link = True
    ordering = ["-published_on", "-id"]
    verbose_name = "story"
    verbose_name_plural = "stories (move one on its own page)"
    listed_in = ("admin:newsreader_article_changelist", "thread__id__exact")

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


def merge_choice(model_admin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet):
    """(the one to keep, the others) of an editor's selection to merge, or None (and a
    message saying why). The one to keep is the one the confirmation page showed (its
    ``survivor`` field), and on that page the one with most stories."""
    chosen = sorted(queryset, key=lambda item: (-item.story_count, item.pk))
    if len(chosen) < 2:
        model_admin.message_user(request, "Select two or more to merge.", messages.WARNING)
        return None
    if shown := request.POST.get("survivor"):
        kept = [item for item in chosen if str(item.pk) == shown]
        if not kept:
            model_admin.message_user(
                request,
                "The one to merge into is no longer among those selected; select them again.",
                messages.WARNING,
            )
            return None
        chosen.remove(kept[0])
        chosen.insert(0, kept[0])
    return chosen[0], chosen[1:]


def merge_once_confirmed(
    model_admin: admin.ModelAdmin,
    request: HttpRequest,
    queryset: QuerySet,
    merge: Callable[[object, list], None],
) -> TemplateResponse | None:
    """Django's pattern for an action with an intermediate page, as delete_selected: first
    a page that shows the one kept and the ones merged into it, with their story counts;
    ``merge(kept, others)`` only when that page's form comes back confirmed (``post``)."""
    if not (chosen := merge_choice(model_admin, request, queryset)):
        return None
    survivor, others = chosen
    opts = model_admin.model._meta
    if request.POST.get("post"):
        merge(survivor, others)
        model_admin.message_user(
            request, f"Merged {len(others) + 1} {opts.verbose_name_plural} into “{survivor}”."
        )
        return None
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"Merge {len(others) + 1} {opts.verbose_name_plural}?",
        "opts": opts,
        "survivor": survivor,
        "others": others,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "cancel_url": request.get_full_path(),  # the list, as it was filtered
    }
    request.current_app = model_admin.admin_site.name
    return TemplateResponse(request, "admin/newsreader/merge_confirmation.html", context)


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
    def merge(self, request: HttpRequest, queryset: QuerySet) -> TemplateResponse | None:
        """Into the one with the most stories, once confirmed; every story moved is the
        editors' choice from then on, so re-threading never splits them again."""
        return merge_once_confirmed(self, request, queryset, self.merge_into)

    def merge_into(self, target: Thread, others: list[Thread]) -> None:
        """Each story moved gets a version (its first kept before: ingest/history.py)."""
        with transaction.atomic():
            moved = list(Article.objects.filter(thread__in=[target, *others]))
            keep_first_versions(article.pk for article in moved)
            with reversion.create_revision(atomic=False):
                reversion.set_comment("Threads merged.")
                for article in moved:
                    article.thread = target
                    article.mark_edited("thread")
                    article.save(update_fields=["thread", "edited_fields", "updated_at"])
            if not target.title:
                target.title = next((t.title for t in others if t.title), "")
                target.save(update_fields=["title"])
            record_merge(target, others)
            Thread.objects.filter(pk__in=[t.pk for t in others]).delete()


class EntityAdmin(ListedForAnArticle, admin.ModelAdmin):
    """People and organisations: search, correct, merge, hide."""

    list_display = ["name", "stories", "hidden"]
    list_filter = ["hidden"]
    search_fields = ["name", "aliases"]
    actions = ["merge", "hide"]
    link_model: type[ArticlePerson] | type[ArticleOrganisation]
    link_field: str
    article_lookup = "article_links__article__id__exact"

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(story_count=Count("article_links"))

    @admin.display(description="stories", ordering="story_count")
    def stories(self, obj) -> int:
        return obj.story_count

    @admin.action(
        description="Merge the selected into one (the one with most stories)",
        permissions=["change"],
    )
    def merge(self, request: HttpRequest, queryset: QuerySet) -> TemplateResponse | None:
        return merge_once_confirmed(self, request, queryset, self.merge_into)

    def merge_into(self, target: Person | Organisation, others: list) -> None:
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
            record_merge(target, others)
            for other in others:
                other.delete()
            target.aliases = sorted({n for n in names if n != target.name})
            target.save(update_fields=["aliases"])

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
    stories of the thread it left, which may now fall apart.

    Queued, not done in the save (``tasks.refresh_stories``): the save holds the story's
    row, and a refresh must first wait for the one an ingest may be running, which holds
    that lock while it updates the same rows. Inside the save the two deadlocked."""
    left = []
    if old_thread_id and old_thread_id != article.thread_id:
        left = list(Article.objects.filter(thread_id=old_thread_id).values_list("pk", flat=True))
    refresh_stories.enqueue([article.pk, *left])
