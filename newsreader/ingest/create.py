"""New stories, written in bulk: those of a file that match nothing stored (nor each other)
are created with a few queries for the lot; the rest go one by one through the merge
(merge.py). A mixin of the Ingester (load.py), whose gazetteer, outlets and source ids it
uses."""

from __future__ import annotations

from django.utils.text import slugify

from newsreader.ingest import bulk
from newsreader.ingest.links import article_links
from newsreader.ingest.merge import MAX_AUTHOR_LENGTH
from newsreader.models import Article, IngestedFile, Provenance
from newsreader.text.dates import placed_by_page
from newsreader.text.parse import ParsedStory, provisional_title
from newsreader.text.prepare import Analysis

# A story of a file: its position in the file, the story, and what it says of itself.
Entry = tuple[int, ParsedStory, Analysis]


class Creating:
    """The bulk creation of new stories, for the Ingester."""

    def _split_fresh(
        self, stories: list[tuple[ParsedStory, Analysis]]
    ) -> tuple[list[Entry], list[Entry]]:
        """Stories that match nothing stored (nor each other) are created in bulk, with a
        few queries per file; the rest go one by one through the merge."""
        fingerprints = {story.body_fingerprint for story, _ in stories}
        title_keys = {story.title_key for story, _ in stories if story.has_title}
        known_fingerprints = set(
            Article.objects.filter(body_fingerprint__in=fingerprints).values_list(
                "body_fingerprint", flat=True
            )
        ) | set(
            Provenance.objects.filter(body_fingerprint__in=fingerprints).values_list(
                "body_fingerprint", flat=True
            )
        )
        known_titles = set(
            Article.objects.filter(title_key__in=title_keys).values_list("title_key", flat=True)
        )
        known_ends = self._known_copy_keys([story for story, _ in stories])
        fresh, others = [], []
        for index, (story, analysis) in enumerate(stories):
            title = story.title_key if story.has_title else None
            ends = {key for key in story.copy_keys if key}
            if (
                story.body_fingerprint in known_fingerprints
                or (title and title in known_titles)
                or ends & known_ends
            ):
                # A possible copy: the merge decides, one by one (_write_story).
                others.append((index, story, analysis))
            else:
                fresh.append((index, story, analysis))
            # A story that repeats an earlier one in the same file merges into it.
            known_fingerprints.add(story.body_fingerprint)
            known_ends |= ends
            if title:
                known_titles.add(title)
        return fresh, others

    @staticmethod
    def _known_copy_keys(stories: list[ParsedStory]) -> set[str]:
        """The stories' lead and tail keys that stored copies have: one indexed query each."""
        known: set[str] = set()
        for position, field in enumerate(("lead_key", "tail_key")):
            keys = {story.copy_keys[position] for story in stories} - {""}
            if keys:
                known |= set(
                    Provenance.objects.filter(**{f"{field}__in": keys}).values_list(
                        field, flat=True
                    )
                )
        return known

    def _create_many(self, entries: list[Entry], file: IngestedFile) -> set[int]:
        """New stories, with a few queries for the lot; their ids."""
        articles = [self._new_article(story, analysis, file) for _, story, analysis in entries]
        if not articles:
            return set()
        bulk.give_ids(articles)
        rows = bulk.Rows()
        for (index, story, analysis), article in zip(entries, articles, strict=True):
            credits = [self._source_id(caption.credit) for caption in story.captions]
            rows.captions += [
                (article.id, position, caption.text, credit, caption.photographer, caption.text)
                for position, (caption, credit) in enumerate(
                    zip(story.captions, credits, strict=True)
                )
            ]
            self._add_links(rows, article.id, analysis, credits)
            if analysis.named is not None:
                self.found.by_article[article.id] = analysis.named
            rows.provenance.append(
                (article.id, file.id, index, story.body_fingerprint, *story.copy_keys)
            )
            rows.authors += [
                (article.id, name[:MAX_AUTHOR_LENGTH], position)
                for position, name in enumerate(story.authors)
            ]
        bulk.write_articles(articles, rows)
        return {article.id for article in articles}

    def _new_article(self, story: ParsedStory, analysis: Analysis, file: IngestedFile) -> Article:
        title = story.title or provisional_title(story.paragraphs)
        published_on, date_source = placed_by_page(
            (analysis.published_on, analysis.date_source), file.published_on, file.url
        )
        return Article(
            title=title,
            slug=slugify(title)[:100].strip("-") or "article",
            title_key=story.title_key or None,
            title_is_provisional=not story.has_title,
            body=story.body,
            body_fingerprint=story.body_fingerprint,
            status=self.status,
            published_on=published_on,
            date_source=date_source,
            first_seen=file.fetched_at or file.ingested_at,
            page_updated_on=story.updated_on,
            publisher_id=file.publisher_id,
            original_url=file.url,
        )

    def _add_links(
        self, rows: bulk.Rows, article_id: int, analysis: Analysis, credit_ids: list[int | None]
    ) -> None:
        """The article's links (``links.article_links``), once any agency its text cites
        that is not known yet has its Source."""
        source_ids = self.source_ids
        if analysis.new_agencies:
            new = {name: self._source_id(name) for name in analysis.new_agencies}
            source_ids = source_ids | new
        regions, sources = article_links(
            article_id, analysis, credit_ids, self.region_ids, source_ids
        )
        rows.regions += regions
        rows.sources += sources

    # -- stories ----------------------------------------------------------------------
