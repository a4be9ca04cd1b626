"""WSGI entry point for the server (`gongkai serve`: granian, each worker imports this)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
application = get_wsgi_application()

# jieba's dictionary takes a second or more to read: read it as the worker starts, not on its
# first search (every search arriving meanwhile waited for it: 2.6 s for the first 16).
from gongkai.lib.search_text import load_dictionary  # noqa: E402 — needs Django set up

load_dictionary()
