"""Cached reads: whole anonymous pages and API answers, keyed by the content version.

A cached read is found under (namespace, content token, today, language, viewer, full path). The content
token (core.models.ContentVersion, one row) gets a new random value after every committed change to the
apps readers see, through model signals (core.apps) and, for bulk loads that send none, an explicit
`content_changed()`. So a cache entry is never served after the data behind it changed; `today` is in the key
because a partnership's health depends on the date. Entries also expire after PAGE_CACHE_SECONDS as a last
guard against a write that bypasses both (raw SQL, queryset.update()).

Cost of a hit: with Redis, two lookups there (the token, the entry); otherwise one one-row query and a
lookup in local memory. The cache is the "pages" alias: Redis in production (shared by the web processes),
local memory otherwise, a dummy cache in the test suite unless a test turns it on.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.redis import RedisCache
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.translation import get_language

from .models import ContentVersion

CACHE_ALIAS = "pages"
CONTENT_VERSION_PK = 1
# Stands in for the CSRF token in a cached page; each reader gets their own token in its place.
CSRF_PLACEHOLDER = "urafiki-csrf-token-placeholder-3f9c2a"
VERSION_KEY = "content-version"


def content_token() -> str:
    """The current content version. From the shared cache when there is one (a Redis lookup is cheaper than
    a database query), else from the database."""
    cache = caches[CACHE_ALIAS]
    shared = _is_shared(cache)
    if shared and (token := cache.get(VERSION_KEY)) is not None:
        return token
    with connection.cursor() as cursor:  # the ORM's compile costs more than the query, on every cached read
        cursor.execute("SELECT token FROM core_contentversion WHERE id = %s", [CONTENT_VERSION_PK])
        row = cursor.fetchone()
    token = row[0] if row else "none"
    if shared:
        # add(), not set(): if a writer has meanwhile put a newer token there, keep the writer's.
        cache.add(VERSION_KEY, token, None)
    return token


def _is_shared(cache) -> bool:
    """Is the cache one store for every web process (Redis), not one per process (local memory)?"""
    return isinstance(cache, RedisCache)


def content_changed() -> None:
    """Make every cached read stale once the current transaction commits (at once outside a transaction).

    After the commit, not before: a reader that saw the old token and then the new data stores the new data
    under a key nobody asks for any more; the reverse order could keep old data under the new token.
    """
    db = transaction.get_connection()
    # Many saves in one atomic block (a partnership with its parties, sectors, history): one bump. Django
    # drops a rolled-back savepoint's callbacks, so a bump registered at the same savepoint still stands.
    if db.in_atomic_block:
        here = set(db.savepoint_ids)
        if any(callback is _bump and ids == here for ids, callback, _robust in db.run_on_commit):
            return
    transaction.on_commit(_bump)


def _bump() -> None:
    token = uuid.uuid4().hex
    updated = ContentVersion.objects.filter(pk=CONTENT_VERSION_PK).update(token=token, changed_at=timezone.now())
    if not updated:
        ContentVersion.objects.update_or_create(
            pk=CONTENT_VERSION_PK, defaults={"token": token, "changed_at": timezone.now()}
        )
    cache = caches[CACHE_ALIAS]
    if _is_shared(cache):
        cache.set(VERSION_KEY, token, None)  # after the database: a reader that misses finds this token there


def cache_key(request: HttpRequest, *, namespace: str, token: str, viewer: str = "public") -> str:
    path = hashlib.sha1(request.get_full_path().encode(), usedforsecurity=False).hexdigest()
    return ":".join((namespace, token, timezone.localdate().isoformat(), get_language() or "", viewer, path))


def caching_on() -> bool:
    """False with PAGE_CACHE=0 and in the test suite (a dummy cache): then nothing reads the content version."""
    return not isinstance(caches[CACHE_ALIAS], DummyCache)


def cached_read(request: HttpRequest, build: Callable[[], bytes], *, namespace: str,
                viewer: Callable[[], str] = lambda: "public") -> bytes:
    """The cached answer to this request, built and kept when missing.

    `viewer()` names the class of readers who get the same answer (depending on request.user only); it is
    remembered per user and content version, so a signed-in read costs no query beyond authentication.
    """
    if not caching_on():
        return build()
    cache = caches[CACHE_ALIAS]
    token = content_token()
    user = request.user
    viewer_key = cache.get_or_set(f"viewer:{token}:{user.pk}", viewer) if user.is_authenticated else viewer()
    key = cache_key(request, namespace=namespace, token=token, viewer=viewer_key)
    content = cache.get(key)
    if content is None:
        content = build()
        cache.set(key, content, settings.PAGE_CACHE_SECONDS)
    return content


def _cacheable(request: HttpRequest) -> bool:
    """An anonymous GET with nothing personal pending: no session (its messages, its forms) and no messages."""
    return (
        caching_on()
        and request.method == "GET"
        and not request.user.is_authenticated
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def anonymous_page_cache(namespace: str):
    """Serve the page to anonymous readers from the cache; signed-in users always get it rendered.

    The page is rendered with a placeholder in place of the CSRF token (context_processors.csrf_placeholder)
    and every reader's own token is put back in, so the forms of a cached page (the language switch) work.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs):
            if not _cacheable(request):
                return view(request, *args, **kwargs)
            cache = caches[CACHE_ALIAS]
            key = cache_key(request, namespace=namespace, token=content_token())
            content = cache.get(key)
            if content is None:
                request.renders_for_cache = True
                try:
                    response = view(request, *args, **kwargs)
                finally:
                    request.renders_for_cache = False
                if response.streaming:
                    return response  # an export: answered as it is, never kept
                if response.status_code != 200:
                    # A 400 (bad filters) or a redirect is answered, never kept, with this reader's token.
                    response.content = response.content.replace(
                        CSRF_PLACEHOLDER.encode(), get_token(request).encode())
                    return response
                content = response.content
                cache.set(key, content, settings.PAGE_CACHE_SECONDS)
            return HttpResponse(content.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode()))

        return wrapped

    return decorator
