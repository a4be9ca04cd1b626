"""WSGI entry point for the server (`gongkai serve`: granian, each worker imports this)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
application = get_wsgi_application()

# jieba's dictionary takes a second or more to read: read it as the worker starts, not on its
# first search (every search arriving meanwhile waited for it: 2.6 s for the first 16).
from gongkai.lib.search_text import load_dictionary  # noqa: E402 — needs Django set up

load_dictionary()

# What the worker holds from here on (Django, the URL and template machinery, the dictionary)
# lives as long as the worker: left out of the garbage collector's full passes, which
# otherwise walk all of it (about 20 ms a pass over 100,000 objects, every thread of the worker
# waiting meanwhile).
import gc  # noqa: E402

gc.freeze()
