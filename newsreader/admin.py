"""The editors' desk: correct, enrich and publish articles; upload scraped files."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.paginator import Paginator
from django.db import connection, models
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.utils.functional import cached_property
from django.utils.html import format_html
from reversion.admin import VersionAdmin

from newsreader.admin_actions import ArticleActions
from newsreader.admin_pages import ArticlePages
from newsreader.coverage_admin import (
    ArticleOrganisationInline,
    ArticlePersonInline,
    BoundedStackedInline,
    BoundedTabularInline,
    ListedForAnArticle,
    rethread_after_edit,
)
from newsreader.ingest.history import keep_first_versions
from newsreader.models import (
    Article,
    ArticleOrganisation,
    ArticlePerson,
    ArticleRegion,
    ArticleSource,
    Author,
    Caption,
    IngestedFile,
    Provenance,
    Region,
    Source,
)
from newsreader.text.attribution import validate_address_characters
from newsreader.text.parse import normalise_body, normalise_line

admin.site.site_header = "newsreader editors"
admin.site.site_title = "newsreader editors"
admin.site.index_title = "Editorial desk"


class EstimatedCountPaginator(Paginator):
    """On PostgreSQL, an unfiltered list takes the planner's row estimate for its count,
    which costs nothing, instead of counting 100,000 rows on every page view."""

    @cached_property
    def count(self) -> int:
        query = self.object_list.query
        if connection.vendor == "postgresql" and not query.where and not query.distinct:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT reltuples::bigint FROM pg_class WHERE relname = %s",
                    [self.object_list.model._meta.db_table],
                )
                row = cursor.fetchone()
            if row and row[0] > 10_000:
                return int(row[0])
        return super().count


# -- inlines -------------------------------------------------------------------------
# Each puts at most ROWS_ON_THE_PAGE of an article's rows on its form, then links to the
# list of them all (coverage_admin.BoundedInline): a form with thousands failed to save.


class BodyField(forms.CharField):
    """A body as the ingest stores it: a browser sends "\r\n" between lines, which is
    not an edit. A save that only sends it back changes nothing, and is not marked."""

    def to_python(self, value):
        return normalise_body(super().to_python(value))


class LineField(forms.CharField):
    """A caption's or a title's line, as the ingest stores it."""

    def to_python(self, value):
        return normalise_line(super().to_python(value))


class CaptionInline(BoundedStackedInline):
    model = Caption
    fields = [("text",), ("photo_credit", "photographer"), "position"]
    autocomplete_fields = ["photo_credit"]
    rows_select_related = ("photo_credit",)
    listed_in = ("admin:newsreader_caption_changelist", "article__id__exact")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "text":
            kwargs["form_class"] = LineField
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class AuthorInline(admin.TabularInline):
    model = Author
    fields = ["name", "position"]
    extra = 0
    verbose_name = "author (byline)"


class ArticleRegionInline(BoundedTabularInline):
    model = ArticleRegion
    autocomplete_fields = ["region"]
    ordering = ["-is_primary", "id"]  # the primary first, whatever the number of places
    rows_select_related = ("region",)
    listed_in = ("admin:newsreader_region_changelist", "articles__id__exact")
    verbose_name = "region"
    verbose_name_plural = "regions (exactly one primary: the country the story is about)"


class ArticleSourceInline(BoundedTabularInline):
    model = ArticleSource
    autocomplete_fields = ["source"]
    rows_select_related = ("source",)
    listed_in = ("admin:newsreader_source_changelist", "articles__id__exact")
    verbose_name = "source"


class ProvenanceInline(BoundedTabularInline):
    model = Provenance
    can_delete = False
    fields = ["file", "story_index", "ingested_at", "file_sha256"]
    readonly_fields = fields
    rows_select_related = ("file",)
    listed_in = ("admin:newsreader_ingestedfile_changelist", "articles__id__exact")
    verbose_name_plural = "provenance: the files this article came from"

    @admin.display(description="ingested")
    def ingested_at(self, obj: Provenance):
        return obj.file.ingested_at

    @admin.display(description="content hash (SHA-256)")
    def file_sha256(self, obj: Provenance) -> str:
        # The first 12 characters tell files apart; all 64 made the form wider than a
        # 1280-pixel screen. The whole hash is the tooltip.
        return format_html('<code title="{}">{}…</code>', obj.file.sha256, obj.file.sha256[:12])

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


# -- list filters --------------------------------------------------------------------


class LinkFilter(admin.SimpleListFilter):
    """Articles linked to the chosen region or source, through a subquery on the link
    table: a join would list an article once for each of its links."""

    link_model: type[models.Model]
    link_lookup: str

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value():
            links = self.link_model.objects.filter(**{self.link_lookup: self.value()})
            return queryset.filter(id__in=links.values("article_id"))
        return queryset


class CountryFilter(LinkFilter):
    """Regions by country: the place list would be thousands long."""

    title = "region"
    parameter_name = "region"
    link_model = ArticleRegion
    link_lookup = "region__code"

    def lookups(self, request, model_admin):
        return [(r.code, r.name) for r in Region.objects.countries().order_by("name")]


class SourceFilter(LinkFilter):
    title = "source"
    parameter_name = "source"
    link_model = ArticleSource
    link_lookup = "source__slug"

    def lookups(self, request, model_admin):
        return [
            (s.slug, str(s))
            for s in Source.objects.filter(article_links__isnull=False).distinct().order_by("name")
        ]


class CaptionFilter(admin.SimpleListFilter):
    title = "caption"
    parameter_name = "caption"

    def lookups(self, request, model_admin):
        return [("none", "No caption"), ("some", "Has a caption")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        with_caption = Caption.objects.values("article_id")
        if self.value() == "none":
            return queryset.exclude(id__in=with_caption)
        if self.value() == "some":
            return queryset.filter(id__in=with_caption)
        return queryset


# -- articles ------------------------------------------------------------------------

TRACKED_FIELDS = {
    "title",
    "body",
    "published_on",
    "page_updated_on",
    "publisher",
    "original_url",
    "thread",
}
TRACKED_INLINES = {
    Author: "authors",
    Caption: "captions",
    ArticleRegion: "regions",
    ArticleSource: "sources",
    ArticlePerson: "people",
    ArticleOrganisation: "organisations",
}


@admin.register(Article)
class ArticleAdmin(ArticleActions, ArticlePages, VersionAdmin):
    list_display = ["title", "published_on", "primary_region_name", "credit", "status"]
    list_display_links = ["title"]
    list_filter = [
        "status",
        CountryFilter,
        SourceFilter,
        ("published_on", admin.EmptyFieldListFilter),
        CaptionFilter,
        "date_source",
    ]
    search_fields = ["title", "body"]
    autocomplete_fields = ["publisher", "thread"]
    date_hierarchy = "published_on"
    readonly_fields = ["date_source", "edited_fields_display", "created_at", "updated_at"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "status",
                    ("published_on", "date_source", "page_updated_on"),
                    "body",
                ]
            },
        ),
        ("Attribution", {"fields": ["publisher", "original_url"]}),
        (
            "Developing story",
            {
                "fields": ["thread"],
                "description": "Move the story into another thread, or empty the field to "
                "take it out of any; re-threading leaves your choice alone.",
            },
        ),
        (
            "Record",
            {
                "fields": ["edited_fields_display", ("created_at", "updated_at")],
                "classes": ["collapse"],
            },
        ),
    ]
    inlines = [
        AuthorInline,
        CaptionInline,
        ArticleRegionInline,
        ArticleSourceInline,
        ArticlePersonInline,
        ArticleOrganisationInline,
        ProvenanceInline,
    ]
    actions = ["publish", "unpublish", "set_primary_region", "set_date"]
    list_per_page = 50
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    change_list_template = "admin/newsreader/article/change_list.html"

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        captions = Caption.objects.select_related("photo_credit")
        return (
            super()
            .get_queryset(request)
            .with_primary_region()
            .prefetch_related(Prefetch("captions", queryset=captions))
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "body":
            kwargs["form_class"] = BodyField
        if db_field.name == "title":
            kwargs["form_class"] = LineField
        if db_field.name in ("title", "slug"):
            kwargs["widget"] = forms.TextInput(attrs={"class": "vLargeTextField"})
        if db_field.name == "original_url":
            kwargs["widget"] = forms.URLInput(attrs={"class": "vLargeTextField"})
            kwargs["assume_scheme"] = "https"  # Django 6's default; an address typed bare
            kwargs["validators"] = [validate_address_characters]
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description="primary region")
    def primary_region_name(self, obj: Article) -> str:
        region = obj.primary_region
        return region.name if region else "—"

    @admin.display(description="photo credit")
    def credit(self, obj: Article) -> str:
        credits = {str(c.photo_credit) for c in obj.captions.all() if c.photo_credit}
        return ", ".join(sorted(credits)) or "—"

    @admin.display(description="edited by hand")
    def edited_fields_display(self, obj: Article) -> str:
        return ", ".join(obj.edited_fields) or "nothing yet"

    def reversion_register(self, model, **options) -> None:
        """A story's versions leave its thread out: threads are the site's to work out
        again, and a version's thread may be gone (a thread goes with its last stories), so
        that going back to that version, or recovering a deleted story, would fail."""
        if model is Article:
            options["exclude"] = ("thread",)
        super().reversion_register(model, **options)

    # Before a story first changes, its history keeps it as it came in (ingest/history.py).
    # Here, before VersionAdmin opens the request's revision around the change.

    def change_view(self, request: HttpRequest, object_id, form_url="", extra_context=None):
        if request.method == "POST" and str(object_id).isdigit():
            keep_first_versions([int(object_id)])
        return super().change_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request: HttpRequest, extra_context=None):
        if request.method == "POST" and request.POST.get("action"):
            keep_first_versions(self.action_targets(request))
        return super().changelist_view(request, extra_context)

    def action_targets(self, request: HttpRequest) -> list[int]:
        """The ids of the stories a bulk action posted would change: those ticked, or all
        the list shows when "select all" was taken."""
        if request.POST.get("select_across") == "1":
            listed = self.get_changelist_instance(request).get_queryset(request)
            return list(listed.values_list("pk", flat=True))
        ticked = request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME)
        return [int(pk) for pk in ticked if pk.isdigit()]

    def delete_model(self, request: HttpRequest, obj: Article) -> None:
        keep_first_versions([obj.pk])  # so that "Recover deleted articles" lists it
        super().delete_model(request, obj)

    # Edits are remembered, so that ingesting the same story again leaves them alone.

    def save_model(self, request: HttpRequest, obj: Article, form, change: bool) -> None:
        edited = TRACKED_FIELDS & set(form.changed_data)
        if change and edited:
            obj.mark_edited(*edited)
        if "published_on" in form.changed_data:
            obj.date_source = Article.DateSource.EDITOR if obj.published_on else ""
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        if change:
            rethread_after_edit(form.instance, form.initial.get("thread"))

    def save_formset(self, request: HttpRequest, form, formset, change: bool) -> None:
        super().save_formset(request, form, formset, change)
        name = TRACKED_INLINES.get(formset.model)
        if change and name and formset.has_changed():
            article = form.instance
            article.mark_edited(name)
            Article.objects.filter(pk=article.pk).update(edited_fields=article.edited_fields)

    # Bulk actions.


# -- reference data ------------------------------------------------------------------


@admin.register(Region)
class RegionAdmin(ListedForAnArticle, VersionAdmin):
    list_display = ["name", "kind", "code", "parent", "population"]
    list_filter = ["kind", ("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "code", "slug"]
    list_select_related = ["parent__parent"]
    autocomplete_fields = ["parent"]
    show_full_result_count = False


@admin.register(Source)
class SourceAdmin(ListedForAnArticle, VersionAdmin):
    list_display = ["name", "short_name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "slug"]
    prepopulated_fields = {"slug": ["short_name"]}


@admin.register(Caption)
class CaptionAdmin(admin.ModelAdmin):
    list_display = ["text", "article", "photo_credit", "photographer"]
    list_filter = [("photo_credit", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["text", "photographer"]
    list_select_related = ["article", "photo_credit"]
    autocomplete_fields = ["photo_credit"]
    raw_id_fields = ["article"]
    show_full_result_count = False

    # A caption is part of its story: the story's first version is kept before it changes
    # (ingest/history.py). No revision is open here: this is no VersionAdmin.

    def save_model(self, request: HttpRequest, obj: Caption, form, change: bool) -> None:
        moved_from = form.initial.get("article")  # the story it was on, if it moves
        keep_first_versions({pk for pk in (obj.article_id, moved_from) if pk})
        super().save_model(request, obj, form, change)

    def delete_model(self, request: HttpRequest, obj: Caption) -> None:
        keep_first_versions([obj.article_id])
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        keep_first_versions(queryset.values_list("article_id", flat=True))
        super().delete_queryset(request, queryset)


@admin.register(IngestedFile)
class IngestedFileAdmin(ListedForAnArticle, admin.ModelAdmin):
    list_display = ["name", "size", "publisher", "ingested_at", "sha256"]
    list_select_related = ["publisher"]
    search_fields = ["name", "sha256", "url"]
    readonly_fields = ["name", "size", "ingested_at", "sha256", "url", "publisher", "fetched_at"]
    date_hierarchy = "ingested_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
