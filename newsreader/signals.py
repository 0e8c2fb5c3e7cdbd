"""Whatever changes what a reader can see purges the cached pages that show it.

A model save or delete, from the admin, the ingest, a shell or a script, purges the keys
``newsreader.frontend_cache`` computes for it, after its transaction commits. A region's
or a source's keys are taken before the change as well as after, so the pages of a
region's old parent are purged too.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from newsreader import threads
from newsreader.frontend_cache import (
    FRONT,
    keys_for_articles,
    keys_for_regions,
    keys_for_sources,
    organisation_key,
    person_key,
    purge,
    region_key,
    thread_key,
)
from newsreader.models import (
    Article,
    ArticleRegion,
    ArticleSource,
    Caption,
    Organisation,
    Person,
    Region,
    Source,
    Thread,
)


@receiver(post_save, sender=Article)
@receiver(pre_delete, sender=Article)
def article_changed(sender, instance: Article, **kwargs) -> None:
    purge(keys_for_articles([instance.pk]))


@receiver(post_delete, sender=Article)
def article_deleted(sender, instance: Article, **kwargs) -> None:
    """A thread may have been held together by the story deleted: its other stories are
    threaded again (an emptied thread goes)."""
    if instance.thread_id:
        remaining = list(
            Article.objects.filter(thread_id=instance.thread_id).values_list("pk", flat=True)
        )
        if remaining:
            threads.rethread(remaining)
        else:
            Thread.objects.filter(pk=instance.thread_id).delete()


@receiver(post_save, sender=Thread)
@receiver(pre_delete, sender=Thread)
def thread_changed(sender, instance: Thread, **kwargs) -> None:
    """A renamed or merged thread: its page, and its stories' (they print its title)."""
    stories = Article.objects.filter(thread=instance).values_list("pk", flat=True)
    purge({thread_key(instance.pk)} | keys_for_articles(stories))


@receiver(post_save, sender=Person)
@receiver(pre_delete, sender=Person)
@receiver(post_save, sender=Organisation)
@receiver(pre_delete, sender=Organisation)
def name_changed(sender, instance: Person | Organisation, **kwargs) -> None:
    """A corrected, hidden or merged name: its page, and the stories that print it."""
    key = person_key if sender is Person else organisation_key
    stories = instance.article_links.values_list("article_id", flat=True)
    purge({key(instance.pk)} | keys_for_articles(stories))


@receiver(pre_save, sender=Article)
def article_publisher_changing(sender, instance: Article, **kwargs) -> None:
    """The publisher it had until now shows it too."""
    if instance.pk is not None:
        old = Article.objects.filter(pk=instance.pk).exclude(publisher_id=instance.publisher_id)
        purge(keys_for_sources(old.exclude(publisher=None).values_list("publisher_id", flat=True)))


@receiver(post_save, sender=ArticleRegion)
@receiver(post_delete, sender=ArticleRegion)
def article_region_changed(sender, instance: ArticleRegion, **kwargs) -> None:
    # A deleted link is gone from the table: its region is named here.
    purge(
        keys_for_articles([instance.article_id])
        | keys_for_regions([instance.region_id], with_children=False)
    )


@receiver(post_save, sender=ArticleSource)
@receiver(post_delete, sender=ArticleSource)
def article_source_changed(sender, instance: ArticleSource, **kwargs) -> None:
    purge(keys_for_articles([instance.article_id]) | keys_for_sources([instance.source_id]))


@receiver(post_save, sender=Caption)
@receiver(post_delete, sender=Caption)
def caption_changed(sender, instance: Caption, **kwargs) -> None:
    purge(keys_for_articles([instance.article_id]))


@receiver(pre_save, sender=Region)
@receiver(post_save, sender=Region)
@receiver(pre_delete, sender=Region)
def region_changed(sender, instance: Region, raw: bool = False, **kwargs) -> None:
    if instance.pk is None:
        return
    if raw:
        # loaddata saves every region it names (2,500 of them for the reference data):
        # its own page and its parent's, from the row itself, rather than two queries
        # each (10 s of a 10.4 s load).
        purge({FRONT, *(region_key(pk) for pk in (instance.pk, instance.parent_id) if pk)})
        return
    purge(keys_for_regions([instance.pk]))


@receiver(post_save, sender=Source)
@receiver(pre_delete, sender=Source)
def source_changed(sender, instance: Source, **kwargs) -> None:
    purge(keys_for_sources([instance.pk]))
