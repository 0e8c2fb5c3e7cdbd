from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from newsreader.models import (
    Article,
    ArticleRegion,
    ArticleSource,
    Caption,
    IngestedFile,
    Provenance,
    Region,
    Source,
)


class CaptionInline(admin.TabularInline):
    model = Caption
    extra = 0
    fields = ["position", "text", "photo_credit", "photographer"]
    autocomplete_fields = ["photo_credit"]


class ArticleRegionInline(admin.TabularInline):
    model = ArticleRegion
    extra = 0
    autocomplete_fields = ["region"]
    verbose_name = "region"


class ArticleSourceInline(admin.TabularInline):
    model = ArticleSource
    extra = 0
    autocomplete_fields = ["source"]
    verbose_name = "source"


class ProvenanceInline(admin.TabularInline):
    model = Provenance
    extra = 0
    can_delete = False
    fields = ["file", "story_index", "ingested_at"]
    readonly_fields = fields

    @admin.display(description="ingested")
    def ingested_at(self, obj: Provenance):
        return obj.file.ingested_at

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class CountryFilter(admin.SimpleListFilter):
    """Regions by country: the place list would be thousands long."""

    title = "region"
    parameter_name = "region"

    def lookups(self, request, model_admin):
        return [(r.code, r.name) for r in Region.objects.countries().order_by("name")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value():
            return queryset.filter(article_regions__region__code=self.value()).distinct()
        return queryset


class SourceFilter(admin.SimpleListFilter):
    title = "source"
    parameter_name = "source"

    def lookups(self, request, model_admin):
        return [
            (s.slug, str(s)) for s in Source.objects.filter(article_links__isnull=False).distinct()
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value():
            return queryset.filter(article_sources__source__slug=self.value()).distinct()
        return queryset


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "published_on", "primary_region_name", "credit", "status"]
    list_filter = [
        "status",
        CountryFilter,
        SourceFilter,
        ("published_on", admin.EmptyFieldListFilter),
        "date_source",
    ]
    search_fields = ["title", "body"]
    date_hierarchy = "published_on"
    readonly_fields = ["created_at", "updated_at"]
    fields = [
        "title",
        "slug",
        "status",
        ("published_on", "date_source"),
        "body",
        ("created_at", "updated_at"),
    ]
    inlines = [CaptionInline, ArticleRegionInline, ArticleSourceInline, ProvenanceInline]
    list_per_page = 50

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).with_listing()

    @admin.display(description="primary region")
    def primary_region_name(self, obj: Article) -> str:
        region = obj.primary_region
        return region.name if region else "—"

    @admin.display(description="photo credit")
    def credit(self, obj: Article) -> str:
        credits = {str(c.photo_credit) for c in obj.captions.all() if c.photo_credit}
        return ", ".join(sorted(credits)) or "—"


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "code", "parent", "population"]
    list_filter = ["kind", ("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "code", "slug"]
    list_select_related = ["parent__parent"]
    autocomplete_fields = ["parent"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
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


@admin.register(IngestedFile)
class IngestedFileAdmin(admin.ModelAdmin):
    list_display = ["name", "size", "ingested_at", "sha256"]
    search_fields = ["name", "sha256"]
    readonly_fields = ["name", "size", "ingested_at", "sha256"]
    date_hierarchy = "ingested_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
