"""Who may enter the staff area and what each user may see."""

from __future__ import annotations

import re
import time
from functools import wraps

from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from gongkai.core.params import referer_path

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
UNSAVED_KEY = "unsaved_text"  # the session's copy of what a refused POST carried
# On a shared office PC the text must not wait for the next person: kept 15 minutes at most.
UNSAVED_SECONDS = 15 * 60
# Values no one typed: tokens, keys, numbers, dates, choice codes (ASCII without spaces).
_NOT_TYPED = re.compile(r"[\w\-.:/+=]*", re.ASCII)


def login_required(view):
    """Django's login_required, except for a POST whose session has ended (登录超时): its
    action URL answers POST only, so after signing in the user goes back to the page the form
    was on (the Referer, if it is ours), and the login page shows the text that was not saved."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if request.method != "POST":
            return redirect_to_login(request.get_full_path())
        return _refused_post(request)

    return wrapped


def _refused_post(request):
    back = referer_path(request)
    if not back or back.startswith(reverse("core:login")):
        back = reverse("core:dashboard")
    typed = [
        value
        for key, values in request.POST.lists()
        if key != "csrfmiddlewaretoken" and "password" not in key
        for value in values
        if value.strip() and not _NOT_TYPED.fullmatch(value.strip())
    ]
    request.session[UNSAVED_KEY] = {"at": time.time(), "text": typed}
    return redirect(f"{reverse('core:login')}?{urlencode({REDIRECT_FIELD_NAME: back})}")


def unsaved_text(session, *, pop: bool = False) -> list[str] | None:
    """The text a refused POST carried (未保存的内容), or None: none kept, or kept longer
    than UNSAVED_SECONDS (then it is dropped from the session). `pop` takes it out."""
    kept = session.get(UNSAVED_KEY)
    if kept is None:
        return None
    fresh = isinstance(kept, dict) and 0 <= time.time() - kept.get("at", 0) <= UNSAVED_SECONDS
    if pop or not fresh:
        del session[UNSAVED_KEY]
    return kept["text"] if fresh else None


def staff_required(view):
    """Login, and any gongkai role; a logged-in user with no role gets 403."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_staff_member:
            raise PermissionDenied("您的账号尚未分配角色，请联系系统管理员")
        return view(request, *args, **kwargs)

    return wrapped


def role_required(*roles: str):
    """Login, and one of `roles`; a read-only role (审计查阅) may open every staff page, and
    its verbs are refused before any view (core.middleware.ReadOnlyRoles)."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            reading = request.method in SAFE_METHODS and request.user.is_read_only
            if not (request.user.has_role(*roles) or reading):
                raise PermissionDenied("您没有此项操作的权限")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
