"""Per-request context for the audit log: the client address and one id per request."""

import ipaddress

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

from gongkai.core.access import SAFE_METHODS
from gongkai.core.audit import reset_request_context, set_request_context


def client_ip(request) -> str | None:
    """The client's address: the peer's, unless the peer is one of TRUSTED_PROXIES, in which
    case the last address in X-Forwarded-For that is not a trusted proxy. A header from anyone
    else is ignored, so a client cannot pick its own address (and a fresh rate-limit quota)."""
    ip = _plain(request.META.get("REMOTE_ADDR"))
    if ip is None or not _is_trusted_proxy(ip):
        return ip
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed([part.strip() for part in forwarded.split(",")]):
        hop = _plain(hop)
        if hop is None:
            break  # a malformed entry: trust nothing to the left of it
        ip = hop
        if not _is_trusted_proxy(hop):
            break
    return ip


def _plain(ip: str | None) -> str | None:
    """A valid address in its plain form: servers on [::] report IPv4 peers as ::ffff:a.b.c.d."""
    try:
        address = ipaddress.ip_address((ip or "").strip())
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped:
        address = address.ipv4_mapped
    return str(address)


def _is_trusted_proxy(ip: str) -> bool:
    address = ipaddress.ip_address(ip)
    return any(
        address in ipaddress.ip_network(net, strict=False) for net in settings.TRUSTED_PROXIES
    )


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = set_request_context(client_ip(request))
        try:
            return self.get_response(request)
        finally:
            reset_request_context(token)


class SecurityHeadersMiddleware:
    """The Content-Security-Policy on every response (Django 5.2 has none of its own); the
    other security headers come from Django's SecurityMiddleware and settings."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response


class PasswordChangeRequired:
    """A user whose password the administrator set (User.must_change_password) can open
    nothing but 修改密码 and 退出 until they choose their own: no staff page, no admin, no
    draft's file. Every other request, GET or POST, is sent to 修改密码 with nothing done."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.must_change_password:
            allowed = {reverse("core:password_change"), reverse("core:logout")}
            if request.path not in allowed:
                return redirect("core:password_change")
        return self.get_response(request)


class ReadOnlyRoles:
    """审计查阅: a read-only account's verbs (every method but GET/HEAD/OPTIONS, on every URL,
    staff or public) are refused with 403 before any view runs, so none can write, whatever
    the view checks; only signing in and out and its own password are left to it."""

    ALLOWED = frozenset({"core:login", "core:logout", "core:password_change", "admin:logout"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if request.method in SAFE_METHODS or user is None or not user.is_authenticated:
            return None
        if not user.is_read_only or request.resolver_match.view_name in self.ALLOWED:
            return None
        raise PermissionDenied("审计查阅账号只能查阅，不能办理或修改任何事项")
