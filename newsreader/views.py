from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from newsreader.models import Article, Region, Source

LIST_SIZE = 20


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    articles = Article.objects.published().with_listing()[:LIST_SIZE]
    return render(request, "newsreader/home.html", {"articles": articles})


@require_GET
def article_detail(request: HttpRequest, pk: int, slug: str = "") -> HttpResponse:
    article = get_object_or_404(
        Article.objects.published()
        .with_listing()
        .prefetch_related("article_sources__source", "files"),
        pk=pk,
    )
    if slug != article.slug:
        return redirect(article, permanent=True)
    return render(request, "newsreader/article_detail.html", {"article": article})


@require_GET
def region_detail(request: HttpRequest, slug: str) -> HttpResponse:
    region = get_object_or_404(Region.objects.select_related("parent"), slug=slug)
    articles = Article.objects.published().in_region(region).with_listing()[:LIST_SIZE]
    return render(
        request, "newsreader/region_detail.html", {"region": region, "articles": articles}
    )


@require_GET
def source_detail(request: HttpRequest, slug: str) -> HttpResponse:
    source = get_object_or_404(Source, slug=slug)
    articles = (
        Article.objects.published().filter(article_sources__source=source).distinct().with_listing()
    )[:LIST_SIZE]
    return render(
        request, "newsreader/source_detail.html", {"source": source, "articles": articles}
    )
