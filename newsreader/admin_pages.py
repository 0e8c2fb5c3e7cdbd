"""The article admin's own pages (a draft's preview, uploading scraped files and following
an upload) and the list of uploads."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse

from newsreader.models import (
    Article,
    Upload,
)
from newsreader.tasks import enqueue_upload
from newsreader.text.attribution import (
    MAX_PUBLISHER_LENGTH,
    MAX_URL_LENGTH,
    validate_address_characters,
)
from newsreader.views import article_context

# How often an upload's page reloads itself while the upload is under way.
UPLOAD_REFRESH_SECONDS = 2


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Scraped text file",
        help_text="A .txt file as scraped: one or several stories, or the body of one.",
    )
    draft = forms.BooleanField(
        required=False,
        label="Keep new articles as drafts",
        help_text="Otherwise they are published.",
    )
    publisher = forms.CharField(
        required=False,
        max_length=MAX_PUBLISHER_LENGTH,
        help_text="The news organisation that published the page, if known.",
    )
    url = forms.URLField(
        required=False,
        max_length=MAX_URL_LENGTH,
        validators=[validate_address_characters],
        label="Address",
        assume_scheme="https",
        help_text="The address the page was fetched from, if known.",
    )

    def clean_file(self):
        """The file, if it is within the ingest's limit: its size is known before it is
        read, so a file far over the limit is never read into memory (a 200 MB one grew
        a web worker to 1.9 GB)."""
        file = self.cleaned_data["file"]
        limit = settings.NEWSREADER_MAX_FILE_BYTES
        if file.size > limit:
            raise forms.ValidationError(
                f"{file.name} is {file.size:,} bytes, over the {limit:,}-byte limit; "
                "split it into smaller files."
            )
        return file


class ArticlePages:
    """The preview and upload pages of ArticleAdmin (a ModelAdmin mixin)."""

    def get_urls(self):
        return [
            path(
                "upload/",
                self.admin_site.admin_view(self.upload_view),
                name="newsreader_article_upload",
            ),
            path(
                "upload/<int:pk>/",
                self.admin_site.admin_view(self.upload_status_view),
                name="newsreader_article_upload_status",
            ),
            path(
                "<path:object_id>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="newsreader_article_preview",
            ),
            *super().get_urls(),
        ]

    def view_on_site(self, obj: Article) -> str:
        # Readers' pages are the same for everyone and never show drafts (the cache in front
        # of them keeps no cookies): editors read a draft in the admin's preview.
        if obj.status == Article.Status.PUBLISHED:
            return obj.get_absolute_url()
        return reverse("admin:newsreader_article_preview", args=[obj.pk])

    def preview_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The article as readers will see it, whether published or not."""
        article = get_object_or_404(Article.objects.for_reading(), pk=object_id)
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        context = {**article_context(article), "preview": True}
        return render(request, "newsreader/article_detail.html", context)

    def upload_view(self, request: HttpRequest) -> HttpResponse:
        """Take the file and hand it to the background worker (newsreader.tasks); its page
        shows how far it has got."""
        if not self.has_add_permission(request):
            return HttpResponseRedirect(reverse("admin:index"))
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            with transaction.atomic():
                upload = Upload.objects.create(
                    name=data["file"].name[:255],
                    size=data["file"].size,
                    content=data["file"].read(),
                    draft=data["draft"],
                    publisher=data["publisher"].strip(),
                    url=data["url"],
                    uploaded_by=request.user,
                )
                enqueue_upload(upload)
            return HttpResponseRedirect(
                reverse("admin:newsreader_article_upload_status", args=[upload.pk])
            )
        context = {
            **self.admin_site.each_context(request),
            "title": "Upload a scraped file",
            "form": form,
            "uploads": Upload.objects.select_related("uploaded_by").defer("content")[:10],
            "opts": self.model._meta,
        }
        return render(request, "admin/newsreader/article/upload.html", context)

    def upload_status_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not self.has_add_permission(request):
            return HttpResponseRedirect(reverse("admin:index"))
        upload = get_object_or_404(Upload.objects.defer("content"), pk=pk)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Upload: {upload.name}",
            "upload": upload,
            "opts": self.model._meta,
        }
        response = render(request, "admin/newsreader/article/upload_status.html", context)
        if not upload.is_finished:
            # The page follows the work without JavaScript.
            response.headers["Refresh"] = str(UPLOAD_REFRESH_SECONDS)
        return response


@admin.register(Upload)
class UploadAdmin(admin.ModelAdmin):
    """Uploads and how each went; made by the upload page, never by hand."""

    list_display = ["name", "status", "uploaded_by", "uploaded_at", "created", "merged"]
    list_filter = ["status"]
    list_select_related = ["uploaded_by"]
    search_fields = ["name"]
    exclude = ["content"]
    readonly_fields = [f.name for f in Upload._meta.fields if f.name != "content"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).defer("content")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
