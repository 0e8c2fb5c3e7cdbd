from django.contrib.sitemaps import Sitemap
from django.db.models import Count, Q
from django.urls import reverse

from newsreader.models import Article, Organisation, Person, Region, Source, Thread
from newsreader.paging import newest_first


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return (
            Article.objects.published()
            .only("id", "slug", "updated_at", "placed_on")
            .order_by(*newest_first())
        )

    def lastmod(self, item: Article):
        return item.updated_at


class RegionSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return (
            Region.objects.annotate(
                n=Count("article_links", filter=Q(article_links__article__status="published"))
            )
            .filter(Q(n__gt=0) | Q(kind=Region.Kind.SUBREGION))
            .order_by("id")
        )


class SourceSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        # The sources with a page: a published story names them (drafts' never show).
        return (
            Source.objects.filter(
                Q(article_links__article__status="published")
                | Q(published_articles__status="published")
            )
            .distinct()
            .order_by("id")
        )


class ThreadSitemap(Sitemap):
    changefreq = "daily"
    limit = 5000

    def items(self):
        return Thread.objects.filter(articles__status="published").distinct().order_by("id")


class PersonSitemap(Sitemap):
    changefreq = "daily"
    limit = 5000

    def items(self):
        return Person.objects.public().order_by("id")


class OrganisationSitemap(PersonSitemap):
    def items(self):
        return Organisation.objects.public().order_by("id")


class PageSitemap(Sitemap):
    changefreq = "hourly"

    def items(self):
        return [
            "newsreader:home",
            "newsreader:region-index",
            "newsreader:archive-index",
            "newsreader:source-index",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS = {
    "pages": PageSitemap,
    "regions": RegionSitemap,
    "sources": SourceSitemap,
    "threads": ThreadSitemap,
    "people": PersonSitemap,
    "organisations": OrganisationSitemap,
    "articles": ArticleSitemap,
}
