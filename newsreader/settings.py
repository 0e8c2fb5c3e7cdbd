"""Settings for newsreader, read from the environment.

Development defaults are safe to run locally; with ``DJANGO_DEBUG`` off (the default)
a secret key must be given and the production protections are on.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_flag("DJANGO_DEBUG")
# The test suite's settings (newsreader/test_settings.py turns this on): a throwaway key,
# local hosts, no HTTPS redirect, no search limit.
TESTING = env_flag("NEWSREADER_TESTING")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set; set it to a long random string, "
            "or set DJANGO_DEBUG=1 for local development."
        )
    SECRET_KEY = "django-insecure-development-only-key"

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if (DEBUG or TESTING) else ""
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

# Absolute address of the site, for links written outside a request (exports, feeds).
SITE_URL = os.environ.get("NEWSREADER_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "newsreader.admin_apps.EditorsAdminConfig",  # django.contrib.admin, see its module
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_htmx",
    "template_partials",
    "reversion",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "newsreader",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "newsreader.security.CrossOriginResourcePolicyMiddleware",
    "newsreader.security.ReadOnlyPublicSiteMiddleware",
    "newsreader.security.NulParameterMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETag on every page; a matching If-None-Match gets 304 Not Modified.
    "django.middleware.http.ConditionalGetMiddleware",
    "newsreader.routing.PinPrimaryMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # No reversion middleware: the admin's views open their own revisions, after keeping a
    # story's first version, which a revision open around the request would swallow
    # (ingest/history.py).
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five failed logins for the same account from the same address lock it out for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("NEWSREADER_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(
    minutes=int(os.environ.get("NEWSREADER_LOGIN_COOLOFF_MINUTES", "15"))
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
# The lockout counts the same client address as the search limit, proxies considered.
AXES_CLIENT_IP_CALLABLE = "newsreader.security.client_address"


ROOT_URLCONF = "newsreader.urls"
WSGI_APPLICATION = "newsreader.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsreader.sharing.canonical_url",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_flag(
    "DJANGO_DB_POOL", True
):
    # psycopg's pool. With CONN_HEALTH_CHECKS on, Django has the pool check a connection
    # before each use, so a restarted database heals without restarting the app. A sync
    # worker uses one connection at a time: keeping one open means that after a restart
    # a single broken connection is found and replaced (the pool waits 1 s before
    # checking the next), well within the timeout.
    POOL_OPTIONS = {
        "min_size": int(os.environ.get("DJANGO_DB_POOL_MIN", "1")),
        "max_size": int(os.environ.get("DJANGO_DB_POOL_MAX", "10")),
        # A request waits this long for a connection before the site answers 503; with
        # sync workers the pool is only ever short of one when the database is down.
        # Raise it for threaded workers.
        "timeout": float(os.environ.get("DJANGO_DB_POOL_TIMEOUT", "2")),
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = POOL_OPTIONS
    if os.environ.get("DATABASE_REPLICA_URL"):
        DATABASES["replica"] = dj_database_url.parse(
            os.environ["DATABASE_REPLICA_URL"], conn_max_age=0, conn_health_checks=True
        )
        DATABASES["replica"]["OPTIONS"] = {"pool": dict(POOL_OPTIONS)}
        # In tests there is no replication: the replica alias points at the test primary.
        DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
        DATABASE_ROUTERS = ["newsreader.routing.PrimaryReplicaRouter"]
# The longest a statement may run, in seconds (0: no limit). Set it for the web servers
# only (docs/deploy.md): a statement that waits on a stuck lock or a stalled database ends
# with an error, and the reader gets the site's 503 instead of waiting for gunicorn to
# kill the worker. The ingest's and the migrations' statements can take longer.
DB_STATEMENT_TIMEOUT = float(os.environ.get("DJANGO_DB_STATEMENT_TIMEOUT", "0"))
for database in DATABASES.values():
    if database["ENGINE"] == "django.db.backends.postgresql":
        # A database that accepts connections but never answers: a new connection gives up
        # after 2 s (libpq's connect_timeout), so the pool's workers, which make them, are
        # free again when it is back (tests/test_drills.py). A database host or network
        # that stops acknowledging ends a connection already made after 10 s
        # (tcp_user_timeout) rather than the kernel's quarter of an hour. (A server whose
        # processes stop while its host still answers is bounded by gunicorn's worker
        # timeout: Django 5.2 lets no other pool check be set, and psycopg has no
        # client-side query timeout; docs/deploy.md.)
        options = database.setdefault("OPTIONS", {})
        options.setdefault("connect_timeout", 2)
        options.setdefault("tcp_user_timeout", 10_000)
        if DB_STATEMENT_TIMEOUT:
            options["options"] = f"-c statement_timeout={int(DB_STATEMENT_TIMEOUT * 1000)}"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Opening SQLite and setting its pragmas on every request costs more than most pages.
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DJANGO_CONN_MAX_AGE", "600"))
    # IMMEDIATE transactions make concurrent ingests queue for the write lock instead of
    # failing half-way; WAL lets readers carry on while a file is being written.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

# Redis keeps only what the app servers must share: the search limit's counts.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "newsreader",
            # A Redis that is down or paused costs a request at most this long; what uses
            # the cache then carries on without it (see newsreader.security.rate_limited).
            "OPTIONS": {
                "socket_connect_timeout": float(os.environ.get("NEWSREADER_REDIS_TIMEOUT", "0.25")),
                "socket_timeout": float(os.environ.get("NEWSREADER_REDIS_TIMEOUT", "0.25")),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
# The site and the admin are in English only; Django's docs advise turning translation
# off then, and every date on every page formats faster without it.
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# In development and tests whitenoise serves straight from the source folders.
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
# Hashed names may be cached for a year: they change whenever the file does.
WHITENOISE_MAX_AGE = 31536000

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Readers' pages are cached by Varnish in front of the app (deploy/varnish.vcl), which a
# change purges by surrogate keys (newsreader/frontend_cache.py). How long a shared cache
# may keep a page (s-maxage): the bound on staleness if a purge cannot be delivered.
NEWSREADER_CACHE_SECONDS = int(os.environ.get("NEWSREADER_CACHE_SECONDS", "300"))
# How long past that a cache may serve a page while it fetches a new one, and while the
# app or its database is down.
NEWSREADER_STALE_SECONDS = int(os.environ.get("NEWSREADER_STALE_SECONDS", "30"))
NEWSREADER_STALE_IF_ERROR_SECONDS = int(
    os.environ.get("NEWSREADER_STALE_IF_ERROR_SECONDS", "86400")
)
# Every Varnish to purge, comma-separated (e.g. http://127.0.0.1:6081); none: no purging.
NEWSREADER_VARNISH_URLS = env_list("NEWSREADER_VARNISH_URLS", "")
# Seconds a purge request may take before it is given up (and logged).
NEWSREADER_PURGE_TIMEOUT = float(os.environ.get("NEWSREADER_PURGE_TIMEOUT", "2"))
# Sent with every purge (X-Purge-Secret); each Varnish admits only purges that carry it,
# from an address it trusts (deploy/varnish.vcl): an address alone is not proof.
NEWSREADER_PURGE_SECRET = os.environ.get("NEWSREADER_PURGE_SECRET", "")

# Background work (admin uploads) is stored in the database and run by
# `manage.py db_worker` (django-tasks-db), on SQLite and PostgreSQL alike.
# Purges go through it too, on their own queue (newsreader/frontend_cache.py): one worker
# runs both (`db_worker --queue-name '*'`).
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "purges"],
    }
}
# The task backend purges are queued on.
NEWSREADER_PURGE_TASKS = "default"

# Ingest refuses files above this size before reading them.
NEWSREADER_MAX_FILE_BYTES = int(os.environ.get("NEWSREADER_MAX_FILE_BYTES", str(10 * 1024 * 1024)))

# How long a background worker holds an upload without a sign of life (it gives one at each
# step); past it, the worker is taken for dead and the upload queued again (newsreader.tasks).
# The longest step measured: storing a 10 MiB file of 7,159 stories that all merge, 187 s on
# SQLite (reading it: 29 s). Too short a lease costs only work done twice, never a duplicate.
NEWSREADER_UPLOAD_LEASE_SECONDS = int(os.environ.get("NEWSREADER_UPLOAD_LEASE_SECONDS", "600"))

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_flag("DJANGO_SECURE_SSL_REDIRECT", not TESTING)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Only newsreader's own files run or style a page: no inline script or style, no eval
# (htmx is configured for this in _base.html), no frames, forms post only to the site.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "manifest-src": ["'self'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Searches each client may make ("count/seconds", or django-ratelimit's "60/m"; "0/60" turns
# the limit off). Counted in the shared cache, so the limit holds across workers and servers.
NEWSREADER_SEARCH_RATE = os.environ.get("NEWSREADER_SEARCH_RATE", "0/60" if TESTING else "60/60")
# Behind a proxy (Varnish, a load balancer): the header it appends the client's address to
# (X-Forwarded-For), and the addresses of the proxies trusted to set it. The search limit
# and the login lockout both count the address this gives (newsreader.security).
NEWSREADER_CLIENT_IP_HEADER = os.environ.get("NEWSREADER_CLIENT_IP_HEADER", "")
NEWSREADER_TRUSTED_PROXIES = env_list("NEWSREADER_TRUSTED_PROXIES", "127.0.0.1,::1")
# django-ratelimit counts the searches: in the cache above (Redis when REDIS_URL is set), per
# client address as newsreader.security finds it, each address apart as django-axes counts
# them (its default /64 would put every IPv4-mapped ::ffff:a.b.c.d in one count). A search
# the cache cannot count goes through (a Redis that is down raises instead, and
# security.count_request lets it through too). Not in INSTALLED_APPS: it needs none, and its
# checks would refuse the local-memory cache and warn on Django's own Redis cache (its list
# predates it: django-ratelimit#283).
RATELIMIT_USE_CACHE = "default"
RATELIMIT_IP_META_KEY = "newsreader.security.client_address"
RATELIMIT_IPV6_MASK = 128
RATELIMIT_FAIL_OPEN = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
