"""Rendered portal pages, kept until anything that the portal shows changes.

Every cached page is filed under a generation token kept in the database; any save or delete
of a document, an attachment or a unit replaces the token in the same transaction, so a
withdrawn document can never be served from any machine's cache: each request reads the token
(one indexed row) before it looks in the cache. Page bodies live in Django's cache (a folder
under var/ by default) — nothing is kept in process memory.
"""

from __future__ import annotations

import functools
import hashlib
import uuid

from django.core.cache import cache
from django.db import connection

TIMEOUT = 24 * 3600


def generation(request=None) -> str:
    """The current token; read once per request when given one (the page cache, the search's
    cached query ids and the filter form's options all file their entries under it)."""
    if request is not None:
        if not hasattr(request, "_portal_generation"):
            request._portal_generation = generation()
        return request._portal_generation
    from gongkai.publications.models import PortalGeneration

    # Read on every portal request, hits included: plain SQL costs a fifth of the ORM query.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {PortalGeneration._meta.db_table} WHERE id = 1")  # noqa: S608
        row = cursor.fetchone()
    # The row is made by migration 0009; only a database emptied since (a flushing test) lacks it.
    return row[0] if row else invalidate()


def invalidate(**kwargs) -> str:
    """Signal receiver (and first use): a new token, written in the caller's transaction."""
    from gongkai.publications.models import PortalGeneration

    token = uuid.uuid4().hex
    PortalGeneration.objects.update_or_create(pk=1, defaults={"token": token})
    return token


def cached_page(view=None, *, first_page_only=False):
    """Cache a public GET page whole; the key is the generation and the full path (filters, page,
    large-text mode are all in the query string). `first_page_only`: cache a list's first page
    only (a search's later pages are mostly asked once, by crawlers: writing them to the cache
    cost more than reading them back ever saved)."""
    if view is None:
        return functools.partial(cached_page, first_page_only=first_page_only)

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method != "GET" or (first_page_only and request.GET.get("page", "1") != "1"):
            return view(request, *args, **kwargs)
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"portal:page:{generation(request)}:{path}"
        hit = cache.get(key)
        if hit is not None:
            content, content_type = hit
            from django.http import HttpResponse

            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        # A page that holds a CSRF token belongs to one visitor: served to the next, its form
        # would be refused as expired.
        personal = request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        if response.status_code == 200 and not response.streaming and not personal:
            cache.set(key, (response.content, response["Content-Type"]), TIMEOUT)
        return response

    return wrapped
