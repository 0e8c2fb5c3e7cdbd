"""The editors' admin site: Django's own, with the one exception its pages need from the
site's Content-Security-Policy.

The admin's widgets (select2 for the autocomplete fields, Django's own scripts) set
``style`` attributes as they build themselves; under the site's ``style-src 'self'`` the
browser drops them, and the widgets lose their widths. Inline styles are allowed on the
admin's pages, never scripts; the readers' pages keep the whole policy.
"""

from __future__ import annotations

from csp.decorators import csp_update
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class EditorsAdminSite(admin.AdminSite):
    def admin_view(self, view, cacheable=False):
        return csp_update({"style-src": ["'unsafe-inline'"]})(super().admin_view(view, cacheable))


class EditorsAdminConfig(AdminConfig):
    default_site = "newsreader.admin_site.EditorsAdminSite"
