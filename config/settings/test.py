"""The test suite: `make test`. Same database choice as everywhere (DATABASE_URL or SQLite)."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import STORAGES

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Jobs run in-process unless a test starts the real consumer (urafiki/notifications/tests).
HUEY = {**HUEY, "immediate": os.environ.get("HUEY_IMMEDIATE", "1") == "1"}  # noqa: F405
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="urafiki-test-media-"))
ALLOWED_HOSTS = ["*"]
WHITENOISE_USE_FINDERS = True
