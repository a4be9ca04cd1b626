"""Per-request context for the audit log: the client address and one id per request."""

from gongkai.core.audit import reset_request_context, set_request_context


def client_ip(request) -> str | None:
    ip = request.META.get("REMOTE_ADDR") or None
    # granian/gunicorn on [::] report IPv4 peers as IPv4-mapped IPv6; store the plain form.
    if ip and ip.startswith("::ffff:") and "." in ip:
        ip = ip.removeprefix("::ffff:")
    return ip


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = set_request_context(client_ip(request))
        try:
            return self.get_response(request)
        finally:
            reset_request_context(token)
