"""Reading query parameters a person can mistype: a bad value is a 400 that says what is wrong."""

from django.core.exceptions import BadRequest
from django.utils import timezone


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
