from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, register_converter
from django.views.decorators.http import require_safe

from newsreader import (
    api,
    archive_views,
    coverage_views,
    feeds,
    region_views,
    site_views,
    views,
)
from newsreader.frontend_cache import cache_publicly
from newsreader.sitemaps import SITEMAPS


class IdConverter:
    """A database id: at most 18 digits, so no number overflows a 64-bit column."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


class NumberConverter(IdConverter):
    """A year, month or day: at most 4 digits."""

    regex = "[0-9]{1,4}"


register_converter(IdConverter, "id")
register_converter(NumberConverter, "number")


def feed(route: str, feed_class: type, name: str):
    """An Atom feed: GET and HEAD only, cached publicly like the pages it follows."""
    return path(route, require_safe(cache_publicly(feed_class())), name=name)


reader_patterns = [
    path("", views.home, name="home"),
    path("articles/<id:pk>/<slug:slug>/", views.article_detail, name="article-detail"),
    path("articles/<id:pk>/", views.article_detail, name="article-detail-short"),
    path("regions/", region_views.region_index, name="region-index"),
    path("regions/<slug:slug>/", region_views.region_detail, name="region-detail"),
    path("sources/", views.source_index, name="source-index"),
    path("sources/<slug:slug>/", views.source_detail, name="source-detail"),
    path("archive/", archive_views.archive_index, name="archive-index"),
    path("archive/undated/", archive_views.archive_undated, name="archive-undated"),
    path("archive/<number:year>/", archive_views.archive_year, name="archive-year"),
    path(
        "archive/<number:year>/<number:month>/", archive_views.archive_month, name="archive-month"
    ),
    path(
        "archive/<number:year>/<number:month>/<number:day>/",
        archive_views.archive_day,
        name="archive-day",
    ),
    path("search/", views.search_view, name="search"),
    path("threads/<id:pk>/", coverage_views.thread_detail, name="thread-detail"),
    path("people/<slug:slug>/", coverage_views.person_detail, name="person-detail"),
    path(
        "organisations/<slug:slug>/",
        coverage_views.organisation_detail,
        name="organisation-detail",
    ),
    path("feeds/", feeds.feed_index, name="feed-index"),
    feed("feeds/latest/", feeds.LatestStoriesFeed, "latest-feed"),
    feed("feeds/regions/<slug:slug>/", feeds.RegionFeed, "region-feed"),
    feed("feeds/threads/<id:pk>/", feeds.ThreadFeed, "thread-feed"),
    feed("feeds/people/<slug:slug>/", feeds.PersonFeed, "person-feed"),
    feed("feeds/organisations/<slug:slug>/", feeds.OrganisationFeed, "organisation-feed"),
    feed("feeds/sources/<slug:slug>/", feeds.SourceFeed, "source-feed"),
]

urlpatterns = [
    path("", include((reader_patterns, "newsreader"))),
    path("api/articles/", api.api_articles, name="api-articles"),
    path("api/articles/<id:pk>/", api.api_article, name="api-article"),
    path("api/regions/", api.api_regions, name="api-regions"),
    path("api/openapi.json", api.api_openapi, name="api-openapi"),
    path(
        "sitemap.xml",
        require_safe(cache_publicly(sitemap_views.index)),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        require_safe(cache_publicly(sitemap_views.sitemap)),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("robots.txt", site_views.robots_txt, name="robots-txt"),
    path("healthz", site_views.healthz, name="healthz"),
    path("healthz/ready", site_views.ready, name="healthz-ready"),
    path("favicon.ico", site_views.favicon, name="favicon"),
    path("admin/", admin.site.urls),
]

handler404 = "newsreader.site_views.not_found"
handler500 = "newsreader.site_views.server_error"
