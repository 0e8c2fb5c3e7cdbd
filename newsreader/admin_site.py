"""The editors' admin site: Django's own, with the one exception its pages need from the
site's Content-Security-Policy, and a login form that checks a username's length.

The admin's widgets (select2 for the autocomplete fields, Django's own scripts) set
``style`` attributes as they build themselves; under the site's ``style-src 'self'`` the
browser drops them, and the widgets lose their widths. Inline styles are allowed on the
admin's pages, never scripts; the readers' pages keep the whole policy.
"""

from __future__ import annotations

from csp.decorators import csp_update
from django import forms
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import UsernameField

USERNAME_MAX_LENGTH = 150  # Django's User.username


class EditorsLoginForm(AdminAuthenticationForm):
    """Django's admin login, with the username's length checked before anyone looks it up.

    Django's form sets the field's length after building it, so nothing checks it; a
    longer name reached django-axes, whose record of the failed login holds 255
    characters, and the login answered 500 (bench/fuzz.py)."""

    username = UsernameField(
        max_length=USERNAME_MAX_LENGTH, widget=forms.TextInput(attrs={"autofocus": True})
    )


class EditorsAdminSite(admin.AdminSite):
    login_form = EditorsLoginForm

    def admin_view(self, view, cacheable=False):
        return csp_update({"style-src": ["'unsafe-inline'"]})(super().admin_view(view, cacheable))
