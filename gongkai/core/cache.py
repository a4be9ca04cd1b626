"""The shared cache: Django's file cache, without listing the whole folder on every write."""

import random

from django.core.cache.backends.filebased import FileBasedCache

# Check the folder's size on one write in CULL_EVERY. Django's file cache lists the whole
# folder on every write to count its entries: with thousands of portal pages in it (a crawler
# fills it in minutes) that listing costs more than rendering the page. Between checks the
# folder can pass MAX_ENTRIES by at most CULL_EVERY entries per process.
CULL_EVERY = 200


class FileCache(FileBasedCache):
    def __init__(self, dir, params):
        super().__init__(dir, params)
        self._writes = 0

    def _cull(self):
        self._writes += 1
        if self._writes % CULL_EVERY != 1:  # the first write of a process checks too
            return
        if self._cull_frequency == 0:
            self.clear()
            return
        files = self._list_cache_files()
        excess = len(files) - self._max_entries
        if excess < 0:
            return
        # Back under the limit, then a further share as Django does (1/CULL_FREQUENCY).
        doomed = min(len(files), excess + self._max_entries // self._cull_frequency)
        for name in random.sample(files, doomed):
            self._delete(name)
