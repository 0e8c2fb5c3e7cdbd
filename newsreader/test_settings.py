"""The test suite's settings (pyproject's ``DJANGO_SETTINGS_MODULE`` for pytest): the
site's own, with ``NEWSREADER_TESTING`` on (a throwaway key, local hosts, no HTTPS
redirect, no search limit). The site's settings never look at which program runs them."""

import os

os.environ.setdefault("NEWSREADER_TESTING", "1")

from newsreader.settings import *  # noqa: F403
