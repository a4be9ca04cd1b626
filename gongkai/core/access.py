"""Who may enter the staff area and what each user may see."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


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
    """Login, and one of `roles`."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.has_role(*roles):
                raise PermissionDenied("您没有此项操作的权限")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
