"""The test suite's settings (pyproject's ``DJANGO_SETTINGS_MODULE`` for pytest): the
site's own, with ``NEWSREADER_TESTING`` on (a throwaway key, local hosts, no HTTPS
redirect, no search limit). The site's settings never look at which program runs them."""

import os

os.environ.setdefault("NEWSREADER_TESTING", "1")

from newsreader.settings import *  # noqa: F403

# Purges run as soon as they are queued (after the change commits), so a test reads the
# purged page at once; tests/test_purge_tasks.py runs them through the queue and a worker.
TASKS = {
    **TASKS,  # noqa: F405
    "purges": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["purges"]},
}
NEWSREADER_PURGE_TASKS = "purges"
