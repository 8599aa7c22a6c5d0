"""Test run: fast password hashing, no debug, database from DATABASE_URL or SQLite."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "django-insecure-labregister-tests-only"  # noqa: S105 - the tests' own key
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# No page cache between tests: a rolled-back database can repeat a data version. The caching
# tests switch it on for themselves.
CACHES["pages"] = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}  # noqa: F405
# One Elasticsearch index per xdist worker: two workers never rebuild each other's index.
SEARCH_INDEX_PREFIX = f"labregister-test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not memory: concurrency tests need writers on separate connections that wait
    # for each other as they do on the embedded default (WAL, busy timeout).
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"labregister-test-{os.getpid()}.sqlite3")
    }
