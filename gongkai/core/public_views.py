"""Public pages of the core: the 400 page (the portal itself lives in publications)."""

from django.shortcuts import render

from gongkai.core.params import BadParameter, referer_path


def bad_request(request, exception=None):
    """400 in the site's layout; a BadParameter says what was wrong (other causes stay generic)."""
    message = str(exception) if isinstance(exception, BadParameter) else ""
    return render(request, "400.html", {"message": message}, status=400)


def csrf_failure(request, reason=""):
    """页面已过期 (CSRF_FAILURE_VIEW). Going back keeps what was typed; reloading the form empties
    it, so the page says to go back and submit again, and its link goes back."""
    return render(request, "403_csrf.html", {"back": referer_path(request) or "/"}, status=403)
