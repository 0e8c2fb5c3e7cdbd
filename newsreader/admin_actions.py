"""The article list's bulk actions: publish, unpublish, set the primary region or the date
of the selected articles, each change a revision and a log entry."""

from __future__ import annotations

from collections.abc import Callable

import reversion
from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminDateWidget
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from newsreader.models import (
    Article,
    ArticleRegion,
    Region,
)


class SetDateForm(forms.Form):
    published_on = forms.DateField(label="Publication date", widget=AdminDateWidget)


class SetPrimaryRegionForm(forms.Form):
    region = forms.ModelChoiceField(
        queryset=Region.objects.countries().order_by("name"), label="Primary region"
    )


class ArticleActions:
    """Bulk actions for ArticleAdmin (a ModelAdmin mixin)."""

    @admin.action(description="Publish the selected articles", permissions=["change"])
    def publish(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._set_status(request, queryset, Article.Status.PUBLISHED, "Published")

    @admin.action(
        description="Unpublish the selected articles (back to draft)", permissions=["change"]
    )
    def unpublish(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._set_status(request, queryset, Article.Status.DRAFT, "Unpublished")

    def _set_status(self, request: HttpRequest, queryset: QuerySet, status: str, verb: str) -> None:
        def change(article: Article) -> None:
            article.status = status
            article.save(update_fields=["status", "updated_at"])

        count = self._change_each(request, list(queryset.exclude(status=status)), change, verb)
        self.message_user(request, f"{verb} {count} article{'s' if count != 1 else ''}.")

    @admin.action(
        description="Set the primary region of the selected articles", permissions=["change"]
    )
    def set_primary_region(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        form = SetPrimaryRegionForm(request.POST if "apply" in request.POST else None)
        if not form.is_valid():
            return self._action_form(
                request, queryset, form, "set_primary_region", "Set the primary region"
            )
        region = form.cleaned_data["region"]

        def change(article: Article) -> None:
            ArticleRegion.objects.filter(article=article, is_primary=True).exclude(
                region=region
            ).update(is_primary=False)
            ArticleRegion.objects.update_or_create(
                article=article, region=region, defaults={"is_primary": True}
            )
            article.mark_edited("regions")
            article.save(update_fields=["edited_fields", "updated_at"])

        count = self._change_each(
            request, list(queryset), change, f"Primary region set to {region.name}"
        )
        self.message_user(request, f"Set the primary region of {count} articles to {region.name}.")
        return None

    @admin.action(description="Set the date of the selected articles", permissions=["change"])
    def set_date(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        form = SetDateForm(request.POST if "apply" in request.POST else None)
        if not form.is_valid():
            return self._action_form(
                request, queryset, form, "set_date", "Set the publication date"
            )
        date = form.cleaned_data["published_on"]

        def change(article: Article) -> None:
            article.published_on = date
            article.date_source = Article.DateSource.EDITOR
            article.mark_edited("published_on")
            article.save(
                update_fields=["published_on", "date_source", "edited_fields", "updated_at"]
            )

        count = self._change_each(request, list(queryset), change, f"Date set to {date:%d %B %Y}")
        self.message_user(request, f"Set the date of {count} articles to {date:%d %B %Y}.")
        return None

    def _change_each(
        self,
        request: HttpRequest,
        articles: list[Article],
        change: Callable[[Article], None],
        what: str,
    ) -> int:
        """Apply a change to each article: one transaction, one revision, one log entry each."""
        with transaction.atomic(), reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment(f"{what} (bulk action).")
            for article in articles:
                change(article)
                reversion.add_to_revision(article)
                self.log_change(request, article, f"{what}.")
        return len(articles)

    def _action_form(self, request, queryset, form, action: str, title: str) -> HttpResponse:
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "form": form,
            "action": action,
            "articles": queryset,
            "opts": self.model._meta,
            "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
            "media": self.media + form.media,
        }
        return render(request, "admin/newsreader/article/action_form.html", context)
