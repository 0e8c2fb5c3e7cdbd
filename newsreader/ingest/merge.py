"""A second copy of a stored story, folded into it: the better title and body, every
caption, and the date, regions, sources and publisher worked out again from the whole, so
that the result does not depend on which copy came first. A field an editor changed is
left as the editor left it."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count
from django.utils.text import slugify

from newsreader.ingest import bulk
from newsreader.models import (
    Article,
    ArticleRegion,
    ArticleSource,
    Author,
    Caption,
    IngestedFile,
    Provenance,
)
from newsreader.text.attribution import Attribution
from newsreader.text.dates import placed_by_page, publication_date, surer
from newsreader.text.parse import (
    ParsedCaption,
    ParsedStory,
    preferred_copy,
    text_key,
)
from newsreader.text.prepare import (
    StoredFile,
)


class Merging:
    """The merge, for the Ingester (whose gazetteer, outlets and source ids it uses)."""

    def _merge(self, article: Article, story: ParsedStory, file: IngestedFile) -> None:
        """Fold a second copy of a story into the stored article.

        What the copies hold is combined (a real title over a provisional one, the longer
        body, every caption), then dates, regions and sources are worked out again from the
        whole, so the result does not depend on which copy came first. A field an editor
        has changed is left as the editor left it.
        """
        self._merge_title(article, story)
        if not article.is_edited("body"):
            body = preferred_copy(article.body, story.body)
            if body != article.body:
                article.body = body
                article.body_fingerprint = story.body_fingerprint
        if not article.is_edited("captions"):
            self._add_captions(article, story)
        if not article.is_edited("authors"):
            add_authors(article, story.authors)
        if not (article.is_edited("published_on") or article.date_source == "editor"):
            self._date(article, story, file)
        if not article.is_edited("page_updated_on"):  # the latest either page says
            updates = [day for day in (article.page_updated_on, story.updated_on) if day]
            article.page_updated_on = max(updates, default=None)
        seen = file.fetched_at or file.ingested_at
        if seen and (article.first_seen is None or seen < article.first_seen):
            article.first_seen = seen
        if file.url or file.publisher_id:  # a file that says neither changes neither
            self._attribute(article)
        article.save()
        self._derive_links(article)

    @staticmethod
    def _merge_title(article: Article, story: ParsedStory) -> None:
        """A real title over one made from the body; of two real ones, the same choice
        whichever came first. An editor's title stays."""
        if article.title_is_provisional and story.has_title:
            article.title_key = story.title_key
            article.title_is_provisional = False
            if not article.is_edited("title"):
                article.title = story.title
                article.slug = slugify(story.title)[:100].strip("-") or "article"
        elif (
            story.has_title
            and story.title_key == article.title_key
            and not article.is_edited("title")
        ):
            # The same title, set another way ("Deal's", "Deal’s"): the slug is the same.
            article.title = preferred_copy(article.title, story.title)
        elif story.has_title and not article.is_edited("title"):
            # A copy whose title differs by a word: the same choice whichever came first.
            title = preferred_copy(article.title, story.title)
            if title != article.title:
                article.title, article.title_key = title, story.title_key
                article.slug = slugify(title)[:100].strip("-") or "article"

    def _add_captions(self, article: Article, story: ParsedStory) -> None:
        captions = list(article.captions.all())
        known = {text_key(c.text): c for c in captions} | {
            text_key(c.ingested_text): c for c in captions
        }
        position = len(captions)
        for caption in story.captions:
            if stored := known.get(text_key(caption.text)):
                self._complete_caption(stored, caption)
                continue
            known[text_key(caption.text)] = Caption.objects.create(
                article=article,
                position=position,
                text=caption.text,
                photo_credit_id=self._source_id(caption.credit),
                photographer=caption.photographer,
                ingested_text=caption.text,
            )
            position += 1

    def _complete_caption(self, stored: Caption, caption: ParsedCaption) -> None:
        """One caption in two copies: the better-set text, and a credit either gives."""
        text = preferred_copy(stored.ingested_text, caption.text)
        credit = not stored.photo_credit_id and caption.credit
        if text == stored.ingested_text and not credit:
            return
        stored.text = stored.ingested_text = text
        if credit:
            stored.photo_credit_id = self._source_id(caption.credit)
            stored.photographer = caption.photographer
        stored.save(update_fields=["text", "ingested_text", "photo_credit", "photographer"])

    def _attribute(self, article: Article) -> None:
        """The article's publisher and original address, from the files it came from.

        The best file is chosen by what it holds, not by when it came, so every order of
        arrival gives the same: a file with an address, then one holding this story alone
        (its own page, not a page of several), then one naming a publisher.
        """
        files = (
            IngestedFile.objects.filter(
                pk__in=Provenance.objects.filter(article=article).values("file_id")
            )
            .annotate(stories=Count("provenance"))
            .values("url", "publisher_id", "publisher__name", "name", "stories")
        )
        ranked = sorted(
            files,
            key=lambda f: (
                not f["url"],
                f["stories"] > 1,
                f["publisher_id"] is None,
                f["url"],
                f["publisher__name"] or "",
                f["name"],
            ),
        )
        if not article.is_edited("original_url"):
            article.original_url = next((f["url"] for f in ranked if f["url"]), "")
        if not article.is_edited("publisher"):
            article.publisher_id = next(
                (f["publisher_id"] for f in ranked if f["publisher_id"]), None
            )

    def _attribute_file(self, sha256: str, stored: StoredFile, attribution: Attribution) -> None:
        """A file ingested before, now with a publisher or address it lacked or that
        changed: the file and its articles take them. Otherwise nothing is written."""
        publisher_id = self._source_id(attribution.publisher)
        changed = {
            "url": attribution.url or stored.url,
            "publisher_id": publisher_id or stored.publisher_id,
            "fetched_at": attribution.fetched_at or stored.fetched_at,
        }
        if all(getattr(stored, name) == value for name, value in changed.items()):
            return
        with transaction.atomic():
            file = IngestedFile.objects.select_for_update().filter(sha256=sha256).first()
            if file is None:
                return
            for name, value in changed.items():
                setattr(file, name, value)
            file.save(update_fields=["url", "publisher", "fetched_at"])
            for article in Article.objects.filter(provenance__file=file).distinct():
                self._attribute(article)
                article.save(update_fields=["publisher", "original_url", "updated_at"])

    def _date(self, article: Article, story: ParsedStory, file: IngestedFile) -> None:
        """The date again from the whole. A printed dateline, the page's own, is kept over
        anything the text suggests; of two copies' datelines the earlier, whichever came
        first. What a page said of itself (its manifest's date, its address's) stands
        over what the text suggests, whichever copy brought it."""
        datelines = [story.dateline] if story.dateline else []
        if article.date_source == Article.DateSource.DATELINE:
            datelines.append(article.published_on)
        captions = article.captions.exclude(text__in=story.file_photos())
        found = placed_by_page(
            publication_date(
                list(captions.values_list("text", flat=True)),
                article.paragraphs,
                min(datelines, default=None),
            ),
            file.published_on,
            file.url,
        )
        if article.date_source in (Article.DateSource.MANIFEST, Article.DateSource.URL):
            found = surer(found, (article.published_on, article.date_source))
        article.published_on, article.date_source = found

    def _derive_links(self, article: Article) -> None:
        """Regions and sources again, from the merged article's title, captions and body.
        Either is left alone once an editor has changed it."""
        captions = list(article.captions.all())
        title = "" if article.title_is_provisional else article.title
        analysis = self.analyser.analyse_text(title, [c.text for c in captions], article.paragraphs)
        rows = bulk.Rows()
        self._add_links(rows, article.pk, analysis, [c.photo_credit_id for c in captions])
        # The old links' pages are purged by the deletes' signals.
        if article.is_edited("regions"):
            rows.regions = []
        else:
            ArticleRegion.objects.filter(article=article).delete()
        if article.is_edited("sources"):
            rows.sources = []
        else:
            ArticleSource.objects.filter(article=article).delete()
        bulk.write_links(rows)


# An author's name is cut to its column (a byline is a line: rarely longer).
MAX_AUTHOR_LENGTH = Author._meta.get_field("name").max_length


def add_authors(article: Article, names: list[str]) -> None:
    """The writers a copy's byline names that the article does not list yet, after those
    it does: every copy's writers, whichever came first."""
    if not names:  # most copies name no writer: no query for them
        return
    known = set(article.authors.values_list("name", flat=True))
    position = len(known)
    for name in names:
        name = name[:MAX_AUTHOR_LENGTH]
        if name not in known:
            Author.objects.create(article=article, name=name, position=position)
            known.add(name)
            position += 1
