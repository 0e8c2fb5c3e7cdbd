"""An article's region and source links, from what its text says and its captions'
credits: the one place links are derived, for new stories and merged ones alike. Pure: the
ingest resolves names to ids first (``Ingester._add_links``) and writes the rows after."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from newsreader.models import ArticleSource
from newsreader.text.prepare import Analysis

PHOTO_CREDIT = ArticleSource.Role.PHOTO_CREDIT.value
CITED = ArticleSource.Role.CITED.value


def article_links(
    article_id: int,
    analysis: Analysis,
    credit_ids: Iterable[int | None],
    region_ids: Mapping[str, int],
    source_ids: Mapping[str, int],
) -> tuple[list[tuple], list[tuple]]:
    """The article's region link rows (article, region, is primary, and the date and status
    its trigger copies from the article) and source link rows (article, source, role).

    ``region_ids`` maps region keys, ``source_ids`` outlet keys and the names of agencies
    the text cites that were not known, to ids. A source both credited and cited is linked
    once for each role; the rows come in a stable order."""
    finding = analysis.regions
    # published_on and is_published: set by the database (migration 0015).
    regions = [
        (article_id, region_ids[key], key == finding.primary, None, False) for key in finding.keys
    ]
    sources = {(credit, PHOTO_CREDIT) for credit in credit_ids if credit}
    sources |= {(source_ids[key], CITED) for key in [*analysis.cited, *analysis.new_agencies]}
    return regions, [(article_id, *link) for link in sorted(sources)]
