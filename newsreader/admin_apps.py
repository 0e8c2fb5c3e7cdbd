"""django.contrib.admin as the editors' site (newsreader/admin_site.py), named here rather
than in that module, which the app registry imports only once the apps are loaded."""

from django.contrib.admin.apps import AdminConfig


class EditorsAdminConfig(AdminConfig):
    default_site = "newsreader.admin_site.EditorsAdminSite"
