"""Cache invalidation: whatever writes a story, the pages that show it are refreshed."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from newsreader.caching import FRONT, article_tags, invalidate
from newsreader.models import Article, ArticleRegion, ArticleSource, Caption, Region, Source


def _links(article_id: int) -> tuple[list[int], list[str]]:
    regions = list(
        ArticleRegion.objects.filter(article_id=article_id).values_list("region_id", flat=True)
    )
    sources = list(
        ArticleSource.objects.filter(article_id=article_id).values_list("source__slug", flat=True)
    )
    return regions, sources


@receiver(post_save, sender=Article)
@receiver(pre_delete, sender=Article)
def article_changed(sender, instance: Article, **kwargs) -> None:
    if kwargs.get("created"):
        invalidate(article_tags(instance.pk))  # a new article has no links yet
        return
    invalidate(article_tags(instance.pk, *_links(instance.pk)))


@receiver(post_save, sender=ArticleRegion)
@receiver(post_delete, sender=ArticleRegion)
def article_region_changed(sender, instance: ArticleRegion, **kwargs) -> None:
    invalidate(article_tags(instance.article_id, [instance.region_id]))


@receiver(post_save, sender=ArticleSource)
@receiver(post_delete, sender=ArticleSource)
def article_source_changed(sender, instance: ArticleSource, **kwargs) -> None:
    slug = Source.objects.filter(pk=instance.source_id).values_list("slug", flat=True).first()
    invalidate(article_tags(instance.article_id, source_slugs=[slug] if slug else []))


@receiver(post_save, sender=Caption)
@receiver(post_delete, sender=Caption)
def caption_changed(sender, instance: Caption, **kwargs) -> None:
    invalidate(article_tags(instance.article_id))


@receiver(post_save, sender=Region)
@receiver(post_delete, sender=Region)
def region_changed(sender, instance: Region, **kwargs) -> None:
    Region.forget_tree()
    invalidate({FRONT, f"region:{instance.slug}"})


@receiver(post_save, sender=Source)
@receiver(post_delete, sender=Source)
def source_changed(sender, instance: Source, **kwargs) -> None:
    invalidate({FRONT, f"source:{instance.slug}"})
