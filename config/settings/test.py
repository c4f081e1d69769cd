"""The test suite: `make test`. Same database choice as everywhere (DATABASE_URL or SQLite)."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES, STORAGES

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
# pytest itself always collects e-mails in mail.outbox (Django's test environment forces the locmem backend);
# the consumer started by the worker tests is told to write them to files instead.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
if os.environ.get("EMAIL_FILE_PATH"):
    EMAIL_FILE_PATH = os.environ["EMAIL_FILE_PATH"]
# Jobs run in-process unless a test starts the real consumer (urafiki/notifications/tests), which gets a
# queue name of its own (HUEY_NAME): test runs sharing one Redis must not take each other's tasks.
HUEY = {
    **HUEY,  # noqa: F405
    "name": os.environ.get("HUEY_NAME", HUEY["name"]),  # noqa: F405
    "immediate": os.environ.get("HUEY_IMMEDIATE", "1") == "1",
}
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="urafiki-test-media-"))
ALLOWED_HOSTS = ["*"]
# No cached pages unless a test turns them on (urafiki/core/tests): tests roll back the content version,
# so a cache kept between tests could answer with another test's data.
CACHES = {**CACHES, "pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}  # noqa: F405
WHITENOISE_USE_FINDERS = True

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not SQLite's in-memory default, so that a second process (the huey consumer started by the
    # worker tests) reads the same test database; one per pytest process, so parallel runs never share one.
    # Django deletes it when the run ends.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"urafiki-test-{os.getpid()}.sqlite3")
    }
