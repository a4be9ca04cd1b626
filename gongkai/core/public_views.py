"""The public portal's shell: the home page that later apps fill with their columns."""

from django.shortcuts import render

from gongkai.core.params import BadParameter


def home(request):
    return render(request, "public/home.html")


def bad_request(request, exception=None):
    """400 in the site's layout; a BadParameter says what was wrong (other causes stay generic)."""
    message = str(exception) if isinstance(exception, BadParameter) else ""
    return render(request, "400.html", {"message": message}, status=400)
