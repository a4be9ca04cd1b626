"""Rendered portal pages, kept until anything that the portal shows changes.

Every cached page is filed under a generation token; any save or delete of a document, an
attachment or a unit replaces the token (at once, and again when the transaction commits), so
a withdrawn document can never be served from the cache. The cache is Django's (a folder under
var/ by default, shared by all workers; point CACHES at a shared server when running several
machines) — nothing is kept in process memory.
"""

from __future__ import annotations

import functools
import hashlib
import uuid

from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "portal:generation"
TIMEOUT = 24 * 3600


def _generation() -> str:
    token = cache.get(GENERATION_KEY)
    if token is None:
        token = uuid.uuid4().hex
        cache.add(GENERATION_KEY, token, None)
        token = cache.get(GENERATION_KEY, token)
    return token


def invalidate(**kwargs) -> None:
    """Signal receiver: a new token now, and another once the change is committed."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
    transaction.on_commit(lambda: cache.set(GENERATION_KEY, uuid.uuid4().hex, None))


def cached_page(view):
    """Cache a public GET page whole; the key is the generation and the full path (filters, page,
    large-text mode are all in the query string)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method != "GET":
            return view(request, *args, **kwargs)
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"portal:page:{_generation()}:{path}"
        hit = cache.get(key)
        if hit is not None:
            content, content_type = hit
            from django.http import HttpResponse

            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            cache.set(key, (response.content, response["Content-Type"]), TIMEOUT)
        return response

    return wrapped
