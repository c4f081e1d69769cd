"""Development on one machine: `make run`."""

from .base import *  # noqa: F403
from .base import STORAGES

DEBUG = True
# Serve static files straight from the app folders, so no collectstatic is needed while developing.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
