"""Full-text search: PostgreSQL's weighted tsvector, or SQLite's FTS5 index.

Both read the same query language: words (all must match), "quoted phrases", -exclusions
and OR between alternatives. Titles weigh more than captions, captions more than bodies.
"""

from __future__ import annotations

import functools
import operator
import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from newsreader.models import Article

MAX_QUERY_LENGTH = 300
RESULTS_PER_PAGE = 20
MAX_PAGES = 50
# The search page ranks the newest matches only, as many as it can show: a word found in
# half the archive would otherwise have every one of its matches scored on each search.
RANKED_CANDIDATES = RESULTS_PER_PAGE * MAX_PAGES
# Snippet highlight markers: private-use characters that no scraped text carries.
MARK_START, MARK_END = "\ue000", "\ue001"
FTS_TABLE = "newsreader_article_fts"
# bm25 column weights for (title, captions, body); PostgreSQL's A/B/C weights mirror them.
# Which column is which is set where the index is made: migration 0004 (tsvector setweight
# A title, B captions, C body; FTS5 columns title, captions, body).
FTS_WEIGHTS = (10.0, 4.0, 1.0)
PG_WEIGHTS = [0.05, 0.1, 0.4, 1.0]  # D (unused), C (body), B (captions), A (title)

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


# The shortest last word read as the start of a word: "phosph" finds "phosphate", but
# "ga" would match a tenth of the archive.
MIN_PREFIX = 3


@dataclass(frozen=True)
class Term:
    text: str
    phrase: bool = False
    prefix: bool = False  # the word the reader is still typing: any word it starts


@dataclass(frozen=True)
class ParsedQuery:
    groups: tuple[tuple[Term, ...], ...]  # all groups must match; any term of a group
    excluded: tuple[Term, ...]

    @property
    def is_empty(self) -> bool:
        return not self.groups

    @property
    def prefixes(self) -> tuple[Term, ...]:
        return tuple(term for group in self.groups for term in group if term.prefix)

    def to_fts5(self) -> str:
        def quoted(term: Term) -> str:
            return '"' + term.text.replace('"', '""') + '"' + ("*" if term.prefix else "")

        parts = []
        for group in self.groups:
            inner = " OR ".join(quoted(t) for t in group)
            parts.append(f"({inner})" if len(group) > 1 else inner)
        match = " AND ".join(parts)
        for term in self.excluded:
            match = f"({match}) NOT {quoted(term)}"
        return match

    def to_websearch(self) -> str:
        """The query for PostgreSQL's websearch_to_tsquery, less the word being typed,
        which websearch syntax cannot say (``to_tsquery``, below)."""

        def written(term: Term) -> str:
            return f'"{term.text}"' if term.phrase else term.text

        parts = [" or ".join(written(t) for t in g) for g in self.groups if not g[0].prefix]
        parts += [f"-{written(t)}" for t in self.excluded]
        return " ".join(parts)

    def tsquery_parts(self) -> list[tuple[str, str]]:
        """The query for PostgreSQL as (kind, text) pairs, all of which must match:
        websearch syntax for the finished words, and a raw ``'word':*`` for a word being
        typed (a term is only \\w characters, so it cannot break out of its quotes)."""
        parts = [("websearch", rest)] if (rest := self.to_websearch()) else []
        return parts + [("raw", f"'{term.text}':*") for term in self.prefixes]

    def to_tsquery_sql(self) -> tuple[str, list[str]]:
        """The query as SQL and its parameters, for raw queries (ranking, snippets)."""
        parts = self.tsquery_parts()
        sql = " && ".join(f"{TSQUERY_FUNCTIONS[kind]}('english', %s)" for kind, _ in parts)
        return f"({sql})", [text for _, text in parts]

    def to_search_query(self) -> SearchQuery:
        """The same query as Django's SearchQuery, for filtering and ranking."""
        queries = [
            SearchQuery(text, search_type=kind, config="english")
            for kind, text in self.tsquery_parts()
        ]
        return functools.reduce(operator.and_, queries)


# PostgreSQL's function for each kind of SearchQuery text.
TSQUERY_FUNCTIONS = {"websearch": "websearch_to_tsquery", "raw": "to_tsquery"}


def parse_query(text: str) -> ParsedQuery:
    """Words, "phrases", -exclusions and OR; punctuation-only words are dropped.

    The last word, unless a space follows it, may be unfinished (search as you type):
    it matches any word it begins, as "phosph" does "phosphate".
    """
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = False
    for match in _TOKEN.finditer(text):
        negated, phrase, word = match.group(1), match.group(2), match.group(3)
        if word == "OR":
            join_next = bool(groups)
            continue
        if phrase is not None:
            term = Term(" ".join(re.findall(r"\w+", phrase)), phrase=True)
        else:
            negated = "-" if word.startswith("-") and len(word) > 1 else ""
            term = Term(" ".join(re.findall(r"\w+", word.lstrip("-"))))
            term = Term(term.text, phrase=" " in term.text)
        if not term.text:
            continue
        if negated:
            excluded.append(term)
            join_next = False
        elif join_next:
            groups[-1].append(term)
            join_next = False
        else:
            groups.append([term])
    last = groups[-1][-1] if groups else None
    typing = last and len(groups[-1]) == 1 and not last.phrase and not text[-1:].isspace()
    if typing and len(last.text) >= MIN_PREFIX and text.rstrip().endswith(last.text):
        groups[-1] = [Term(last.text, prefix=True)]
    return ParsedQuery(tuple(tuple(g) for g in groups), tuple(excluded))


def matching(queryset: QuerySet[Article], query: ParsedQuery) -> QuerySet[Article]:
    """The articles that match, with a ``score`` annotation (higher is better)."""
    if query.is_empty:
        return queryset.none()
    if connection.vendor == "postgresql":
        search = query.to_search_query()
        return queryset.filter(search_vector=search).annotate(
            score=SearchRank(F("search_vector"), search, weights=PG_WEIGHTS)
        )
    weights = ", ".join(str(w) for w in FTS_WEIGHTS)
    return queryset.extra(
        tables=[FTS_TABLE],
        where=[f"{FTS_TABLE}.rowid = newsreader_article.id", f"{FTS_TABLE} MATCH %s"],
        params=[query.to_fts5()],
        # bm25 is lower for better matches; negate it so that higher is better everywhere.
        select={"score": f"-bm25({FTS_TABLE}, {weights})"},
    )


def ranked(queryset: QuerySet[Article], query: ParsedQuery) -> QuerySet[Article]:
    """Best match first among the newest ``RANKED_CANDIDATES`` matches (by id, the order
    they were added); ties newest first, then by id, so pages are stable."""
    matches = matching(queryset, query)
    offset = RANKED_CANDIDATES - 1
    if connection.vendor == "postgresql":
        # The candidates by id, not "id >= the oldest's": with fewer matches than that (a
        # phrase of two common words), the range was every story, each matched again.
        # Measured at 100,000 stories: '"civil groups"' 77 -> 49 ms.
        tsquery, params = query.to_tsquery_sql()
        matches = matches.filter(
            id__in=RawSQL(
                f"SELECT id FROM newsreader_article WHERE search_vector @@ {tsquery}"
                f" ORDER BY id DESC LIMIT {RANKED_CANDIDATES}",
                params,
            )
        )
    else:
        # On the FTS table's rowid, so that FTS5 itself skips the older matches.
        matches = matches.extra(
            where=[
                f"{FTS_TABLE}.rowid >= COALESCE((SELECT rowid FROM {FTS_TABLE} WHERE "
                f"{FTS_TABLE} MATCH %s ORDER BY rowid DESC LIMIT 1 OFFSET {offset}), 0)"
            ],
            params=[query.to_fts5()],
        )
    return matches.order_by("-score", F("placed_on").desc(nulls_last=True), "-id")


def snippets(articles: list[Article], query: ParsedQuery) -> dict[int, SafeString]:
    """Highlighted extracts for the articles shown (and only those), keyed by id."""
    ids = [article.pk for article in articles]
    if not ids or query.is_empty:
        return {}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            tsquery, params = query.to_tsquery_sql()
            cursor.execute(
                f"SELECT id, ts_headline('english', body, {tsquery}, %s)"
                " FROM newsreader_article WHERE id = ANY(%s)",
                [
                    *params,
                    f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=35, MinWords=15,"
                    ' MaxFragments=2, FragmentDelimiter=" … "',
                    ids,
                ],
            )
        else:
            placeholders = ", ".join(["%s"] * len(ids))
            cursor.execute(
                f"SELECT rowid, snippet({FTS_TABLE}, -1, %s, %s, '…', 32) FROM {FTS_TABLE}"
                f" WHERE {FTS_TABLE} MATCH %s AND rowid IN ({placeholders})",
                [MARK_START, MARK_END, query.to_fts5(), *ids],
            )
        return {row[0]: highlight(row[1]) for row in cursor.fetchall()}


def highlight(marked: str) -> SafeString:
    """Escape the text, then turn the match markers into <mark> elements."""
    html = str(escape(marked))
    html = html.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    # Safe: every character of the text was escaped above; only the markers became tags.
    return mark_safe(html)
