"""``manage.py export_articles``: every article as canonical JSON Lines, sorted by id."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from newsreader.models import Article
from newsreader.serializers import article_json, articles_for_json


class Command(BaseCommand):
    help = "Write every article as one line of canonical JSON, sorted by id (see README)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--base-url",
            default=settings.SITE_URL,
            help="Prefix for article URLs (default: NEWSREADER_SITE_URL).",
        )

    def handle(self, *args: Any, base_url: str, **options: Any) -> None:
        articles = articles_for_json(Article.objects.order_by("id"))
        for article in articles.iterator(chunk_size=500):
            self.stdout.write(json.dumps(article_json(article, base_url), ensure_ascii=False))
