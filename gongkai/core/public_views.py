"""Public pages of the core: the 400 page (the portal itself lives in publications)."""

from django.shortcuts import render

from gongkai.core.params import BadParameter


def bad_request(request, exception=None):
    """400 in the site's layout; a BadParameter says what was wrong (other causes stay generic)."""
    message = str(exception) if isinstance(exception, BadParameter) else ""
    return render(request, "400.html", {"message": message}, status=400)
