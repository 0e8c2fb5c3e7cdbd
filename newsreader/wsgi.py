"""WSGI entry point, for gunicorn: ``gunicorn newsreader.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsreader.settings")

application = get_wsgi_application()
