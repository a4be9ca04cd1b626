"""Reading query parameters a person can mistype: a bad value is a 400 that says what is wrong."""

from urllib.parse import urlsplit

from django.core.exceptions import BadRequest
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme


class BadParameter(BadRequest):
    """A query parameter that cannot be used; the message is Chinese and shown on the 400 page."""


def year_param(request, name: str = "year") -> int:
    """?year=2022, or this year when absent."""
    raw = request.GET.get(name, "").strip()
    if not raw:
        return timezone.localdate().year
    if not raw.isdigit() or not 2000 <= int(raw) <= 2100:
        raise BadParameter(f"年份“{raw}”不正确，请填写2000至2100之间的四位数年份，如 2022")
    return int(raw)


def referer_path(request) -> str:
    """The path (and query) of the page that sent this request when it is one of ours, else ""."""
    referer = request.headers.get("referer", "")
    if not url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return ""
    parts = urlsplit(referer)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return path if path.startswith("/") else ""
