"""Settings shared by every environment; the environment is read through django-environ."""

from pathlib import Path

import environ
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

INSTALLED_APPS = [
    "labregister",
    "website",
    "initiatives",
    "labs",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "ninja",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "website.csp.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "labregister.middleware.api_version_header",
    "labregister.middleware.api_refuses_nul_characters",
]

# What pages may load and run: only this site's own files. The public pages have no inline
# script at all; the admin and the API docs get inline scripts (see website/csp.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        # Charts size themselves with style attributes.
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}

ROOT_URLCONF = "labregister.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "labregister.wsgi.application"

# SQLite in the project folder unless DATABASE_URL points elsewhere (PostgreSQL in production).
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers wait for each other instead of failing with "database is locked":
    # a write transaction takes its lock when it begins (IMMEDIATE) and waits up to 20 s for
    # it; WAL lets readers go on while someone writes.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# "default" keeps what Wagtail caches per process, which a database cache would make slower,
# not faster. Rate limits are counted in the database (website/attempts.py): race-free in
# every worker without another service.
CACHES = {
    "default": env.cache("CACHE_URL", default="locmemcache://"),
    # Public pages and API answers by data version (website/http_cache.py): per process by
    # default; PAGE_CACHE_URL=redis://127.0.0.1:6379/2 shares them between processes.
    "pages": env.cache("PAGE_CACHE_URL", default="locmemcache://pages"),
}

# Where the client's address is read for rate limits. Behind a reverse proxy that appends
# the client to X-Forwarded-For, set CLIENT_ADDRESS_HEADER=HTTP_X_FORWARDED_FOR: the last
# entry, the one the proxy wrote, is used (earlier entries come from the client).
CLIENT_ADDRESS_HEADER = env("CLIENT_ADDRESS_HEADER", default="REMOTE_ADDR")

# People mailed about server errors: ADMINS="Naam <naam@example.nl>,Ander <ander@example.nl>".
ADMINS = [
    (name.strip(), address.strip(" >"))
    for name, _, address in (entry.partition("<") for entry in env.list("ADMINS", default=[]))
]

# Refused API tokens, failed imports and indexing errors go to the log (stderr, which
# gunicorn and systemd collect), as do unhandled errors of requests.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "labregister": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.request": {
            "handlers": ["console", "mail_admins"],
            "level": "ERROR",
            "propagate": False,
        },
    },
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"

# Open data (`publish_open_data`, daily from cron): a directory per day under OPEN_DATA_ROOT,
# the newest OPEN_DATA_KEEP kept.
OPEN_DATA_ROOT = Path(env("OPEN_DATA_ROOT", default=str(BASE_DIR / "var" / "open-data")))
OPEN_DATA_KEEP = env.int("OPEN_DATA_KEEP", default=14)
# Who publishes the register and whom to ask: the DCAT catalogue and the API's contact.
PUBLISHER_NAME = env("PUBLISHER_NAME", default="Vereniging van Nederlandse Gemeenten")
PUBLISHER_URL = env("PUBLISHER_URL", default="https://vng.nl/")
PUBLISHER_EMAIL = env("PUBLISHER_EMAIL", default="labregister@vng.nl")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Wagtail's page editor posts many fields for pages with StreamFields and inline panels.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Labregister"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://localhost:8000")
WAGTAIL_I18N_ENABLED = False
# The admin must work on a closed network: no avatars from gravatar.com, no release feed.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024

# An API write is a few hundred bytes; anything near a megabyte is refused (413).
DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000_000

# Search: the database backend unless ELASTICSEARCH_URL is set.
# Harvesting public sources (publiccode.yml, OpenCatalogi, registers): per file.
HARVEST_TIMEOUT = env.float("HARVEST_TIMEOUT", default=10.0)
HARVEST_MAX_BYTES = env.int("HARVEST_MAX_BYTES", default=1024 * 1024)
# Everything the server fetches goes to public addresses only (website/fetching.py). The
# project's own tests serve files on loopback and switch this on for themselves; never in
# a deployment.
FETCH_ALLOW_LOOPBACK = False

# Mail (SMTP; EMAIL_HOST, EMAIL_PORT, … from the environment). Reminders to editors name a
# stale record at most once per period; their re-confirm links hold for REMINDER_LINK_DAYS.
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Labregister <noreply@labregister.nl>")
REMINDER_PERIOD_DAYS = env.int("REMINDER_PERIOD_DAYS", default=30)
REMINDER_LINK_DAYS = env.int("REMINDER_LINK_DAYS", default=14)

# "Klopt dit niet?" requests per client address per hour.
CORRECTION_LIMIT_PER_HOUR = env.int("CORRECTION_LIMIT_PER_HOUR", default=5)
# Subscription requests per client address per hour.
SUBSCRIBE_LIMIT = env.int("SUBSCRIBE_LIMIT", default=10)
# Subscription requests for one address per day (whoever asks), and how many digests in a
# row the mail server may refuse for an address before its subscription is paused.
SUBSCRIBE_LIMIT_PER_ADDRESS = env.int("SUBSCRIBE_LIMIT_PER_ADDRESS", default=3)
SUBSCRIPTION_REFUSALS = env.int("SUBSCRIPTION_REFUSALS", default=3)

# Checking evidence links (`check_evidence_links`): per link, at once, per host.
LINK_CHECK_TIMEOUT = env.float("LINK_CHECK_TIMEOUT", default=10.0)
LINK_CHECK_CONCURRENCY = env.int("LINK_CHECK_CONCURRENCY", default=20)
LINK_CHECK_PER_HOST = env.int("LINK_CHECK_PER_HOST", default=2)

ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", default="")
ELASTICSEARCH_TIMEOUT = env.float("ELASTICSEARCH_TIMEOUT", default=1.0)
ELASTICSEARCH_INDEX_TIMEOUT = env.float("ELASTICSEARCH_INDEX_TIMEOUT", default=60.0)
SEARCH_BACKEND = env("SEARCH_BACKEND", default="elasticsearch" if ELASTICSEARCH_URL else "database")
SEARCH_INDEX_PREFIX = env("SEARCH_INDEX_PREFIX", default="labregister-dev")
