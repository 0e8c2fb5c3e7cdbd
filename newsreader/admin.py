"""The editors' desk: correct, enrich and publish articles; upload scraped files."""

from __future__ import annotations

from collections.abc import Callable

import reversion
from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminDateWidget
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from reversion.admin import VersionAdmin

from newsreader.coverage_admin import (
    ArticleOrganisationInline,
    ArticlePersonInline,
    rethread_after_edit,
)
from newsreader.ingest.attribution import MAX_PUBLISHER_LENGTH, MAX_URL_LENGTH
from newsreader.models import (
    Article,
    ArticleOrganisation,
    ArticlePerson,
    ArticleRegion,
    ArticleSource,
    Caption,
    IngestedFile,
    Provenance,
    Region,
    Source,
    Upload,
)
from newsreader.tasks import enqueue_upload
from newsreader.views import article_context

# How often an upload's page reloads itself while the upload is under way.
UPLOAD_REFRESH_SECONDS = 2

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


class CaptionInline(admin.StackedInline):
    model = Caption
    extra = 0
    fields = [("text",), ("photo_credit", "photographer"), "position"]
    autocomplete_fields = ["photo_credit"]


class ArticleRegionInline(admin.TabularInline):
    model = ArticleRegion
    extra = 0
    autocomplete_fields = ["region"]
    verbose_name = "region"
    verbose_name_plural = "regions (exactly one primary: the country the story is about)"


class ArticleSourceInline(admin.TabularInline):
    model = ArticleSource
    extra = 0
    autocomplete_fields = ["source"]
    verbose_name = "source"


class ProvenanceInline(admin.TabularInline):
    model = Provenance
    extra = 0
    can_delete = False
    fields = ["file", "story_index", "ingested_at", "file_sha256"]
    readonly_fields = fields
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


class CountryFilter(admin.SimpleListFilter):
    """Regions by country: the place list would be thousands long."""

    title = "region"
    parameter_name = "region"

    def lookups(self, request, model_admin):
        return [(r.code, r.name) for r in Region.objects.countries().order_by("name")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value():
            return queryset.filter(
                id__in=ArticleRegion.objects.filter(region__code=self.value()).values("article_id")
            )
        return queryset


class SourceFilter(admin.SimpleListFilter):
    title = "source"
    parameter_name = "source"

    def lookups(self, request, model_admin):
        return [
            (s.slug, str(s))
            for s in Source.objects.filter(article_links__isnull=False).distinct().order_by("name")
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value():
            return queryset.filter(
                id__in=ArticleSource.objects.filter(source__slug=self.value()).values("article_id")
            )
        return queryset


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


# -- bulk action forms ---------------------------------------------------------------


class SetDateForm(forms.Form):
    published_on = forms.DateField(label="Publication date", widget=AdminDateWidget)


class SetPrimaryRegionForm(forms.Form):
    region = forms.ModelChoiceField(
        queryset=Region.objects.countries().order_by("name"), label="Primary region"
    )


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Scraped text file",
        help_text="A .txt file as scraped: one or several stories, or the body of one.",
    )
    draft = forms.BooleanField(
        required=False,
        label="Keep new articles as drafts",
        help_text="Otherwise they are published.",
    )
    publisher = forms.CharField(
        required=False,
        max_length=MAX_PUBLISHER_LENGTH,
        help_text="The news organisation that published the page, if known.",
    )
    url = forms.URLField(
        required=False,
        max_length=MAX_URL_LENGTH,
        label="Address",
        assume_scheme="https",
        help_text="The address the page was fetched from, if known.",
    )


# -- articles ------------------------------------------------------------------------

TRACKED_FIELDS = {"title", "body", "published_on", "publisher", "original_url", "thread"}
TRACKED_INLINES = {
    Caption: "captions",
    ArticleRegion: "regions",
    ArticleSource: "sources",
    ArticlePerson: "people",
    ArticleOrganisation: "organisations",
}


@admin.register(Article)
class ArticleAdmin(VersionAdmin):
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
        (None, {"fields": ["title", "slug", "status", ("published_on", "date_source"), "body"]}),
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
        if db_field.name in ("title", "slug"):
            kwargs["widget"] = forms.TextInput(attrs={"class": "vLargeTextField"})
        if db_field.name == "original_url":
            kwargs["widget"] = forms.URLInput(attrs={"class": "vLargeTextField"})
            kwargs["assume_scheme"] = "https"  # Django 6's default; an address typed bare
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

    @admin.action(description="Publish the selected articles", permissions=["change"])
    def publish(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._set_status(request, queryset, Article.Status.PUBLISHED, "Published")

    @admin.action(
        description="Unpublish the selected articles (back to draft)", permissions=["change"]
    )
    def unpublish(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._set_status(request, queryset, Article.Status.DRAFT, "Unpublished")

    def _set_status(self, request: HttpRequest, queryset: QuerySet, status: str, verb: str) -> None:
        def change(article: Article) -> None:
            article.status = status
            article.save(update_fields=["status", "updated_at"])

        count = self._change_each(request, list(queryset.exclude(status=status)), change, verb)
        self.message_user(request, f"{verb} {count} article{'s' if count != 1 else ''}.")

    @admin.action(
        description="Set the primary region of the selected articles", permissions=["change"]
    )
    def set_primary_region(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        form = SetPrimaryRegionForm(request.POST if "apply" in request.POST else None)
        if not form.is_valid():
            return self._action_form(
                request, queryset, form, "set_primary_region", "Set the primary region"
            )
        region = form.cleaned_data["region"]

        def change(article: Article) -> None:
            ArticleRegion.objects.filter(article=article, is_primary=True).exclude(
                region=region
            ).update(is_primary=False)
            ArticleRegion.objects.update_or_create(
                article=article, region=region, defaults={"is_primary": True}
            )
            article.mark_edited("regions")
            article.save(update_fields=["edited_fields", "updated_at"])

        count = self._change_each(
            request, list(queryset), change, f"Primary region set to {region.name}"
        )
        self.message_user(request, f"Set the primary region of {count} articles to {region.name}.")
        return None

    @admin.action(description="Set the date of the selected articles", permissions=["change"])
    def set_date(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        form = SetDateForm(request.POST if "apply" in request.POST else None)
        if not form.is_valid():
            return self._action_form(
                request, queryset, form, "set_date", "Set the publication date"
            )
        date = form.cleaned_data["published_on"]

        def change(article: Article) -> None:
            article.published_on = date
            article.date_source = Article.DateSource.EDITOR
            article.mark_edited("published_on")
            article.save(
                update_fields=["published_on", "date_source", "edited_fields", "updated_at"]
            )

        count = self._change_each(request, list(queryset), change, f"Date set to {date:%d %B %Y}")
        self.message_user(request, f"Set the date of {count} articles to {date:%d %B %Y}.")
        return None

    def _change_each(
        self,
        request: HttpRequest,
        articles: list[Article],
        change: Callable[[Article], None],
        what: str,
    ) -> int:
        """Apply a change to each article: one transaction, one revision, one log entry each."""
        with transaction.atomic(), reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment(f"{what} (bulk action).")
            for article in articles:
                change(article)
                reversion.add_to_revision(article)
                self.log_change(request, article, f"{what}.")
        return len(articles)

    def _action_form(self, request, queryset, form, action: str, title: str) -> HttpResponse:
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "form": form,
            "action": action,
            "articles": queryset,
            "opts": self.model._meta,
            "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
            "media": self.media + form.media,
        }
        return render(request, "admin/newsreader/article/action_form.html", context)

    # Upload.

    def get_urls(self):
        return [
            path(
                "upload/",
                self.admin_site.admin_view(self.upload_view),
                name="newsreader_article_upload",
            ),
            path(
                "upload/<int:pk>/",
                self.admin_site.admin_view(self.upload_status_view),
                name="newsreader_article_upload_status",
            ),
            path(
                "<path:object_id>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="newsreader_article_preview",
            ),
            *super().get_urls(),
        ]

    def view_on_site(self, obj: Article) -> str:
        # Readers' pages are the same for everyone and never show drafts (the cache in front
        # of them keeps no cookies): editors read a draft in the admin's preview.
        if obj.status == Article.Status.PUBLISHED:
            return obj.get_absolute_url()
        return reverse("admin:newsreader_article_preview", args=[obj.pk])

    def preview_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The article as readers will see it, whether published or not."""
        article = get_object_or_404(Article.objects.for_reading(), pk=object_id)
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        context = {**article_context(article), "preview": True}
        return render(request, "newsreader/article_detail.html", context)

    def upload_view(self, request: HttpRequest) -> HttpResponse:
        """Take the file and hand it to the background worker (newsreader.tasks); its page
        shows how far it has got."""
        if not self.has_add_permission(request):
            return HttpResponseRedirect(reverse("admin:index"))
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            with transaction.atomic():
                upload = Upload.objects.create(
                    name=data["file"].name[:255],
                    size=data["file"].size,
                    content=data["file"].read(),
                    draft=data["draft"],
                    publisher=data["publisher"].strip(),
                    url=data["url"],
                    uploaded_by=request.user,
                )
                enqueue_upload(upload)
            return HttpResponseRedirect(
                reverse("admin:newsreader_article_upload_status", args=[upload.pk])
            )
        context = {
            **self.admin_site.each_context(request),
            "title": "Upload a scraped file",
            "form": form,
            "uploads": Upload.objects.select_related("uploaded_by").defer("content")[:10],
            "opts": self.model._meta,
        }
        return render(request, "admin/newsreader/article/upload.html", context)

    def upload_status_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not self.has_add_permission(request):
            return HttpResponseRedirect(reverse("admin:index"))
        upload = get_object_or_404(Upload.objects.defer("content"), pk=pk)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Upload: {upload.name}",
            "upload": upload,
            "opts": self.model._meta,
        }
        response = render(request, "admin/newsreader/article/upload_status.html", context)
        if not upload.is_finished:
            # The page follows the work without JavaScript.
            response.headers["Refresh"] = str(UPLOAD_REFRESH_SECONDS)
        return response


# -- reference data ------------------------------------------------------------------


@admin.register(Region)
class RegionAdmin(VersionAdmin):
    list_display = ["name", "kind", "code", "parent", "population"]
    list_filter = ["kind", ("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "code", "slug"]
    list_select_related = ["parent__parent"]
    autocomplete_fields = ["parent"]
    show_full_result_count = False


@admin.register(Source)
class SourceAdmin(VersionAdmin):
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


@admin.register(IngestedFile)
class IngestedFileAdmin(admin.ModelAdmin):
    list_display = ["name", "size", "publisher", "ingested_at", "sha256"]
    list_select_related = ["publisher"]
    search_fields = ["name", "sha256", "url"]
    readonly_fields = ["name", "size", "ingested_at", "sha256", "url", "publisher", "fetched_at"]
    date_hierarchy = "ingested_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Upload)
class UploadAdmin(admin.ModelAdmin):
    """Uploads and how each went; made by the upload page, never by hand."""

    list_display = ["name", "status", "uploaded_by", "uploaded_at", "created", "merged"]
    list_filter = ["status"]
    list_select_related = ["uploaded_by"]
    search_fields = ["name"]
    exclude = ["content"]
    readonly_fields = [f.name for f in Upload._meta.fields if f.name != "content"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).defer("content")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
