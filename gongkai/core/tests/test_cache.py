"""The shared file cache: a crawler filling it must not make every write list the whole folder."""

from gongkai.core.cache import CULL_EVERY, FileCache


def _counting(cache):
    listings = []
    original = cache._list_cache_files

    def listing():
        listings.append(1)
        return original()

    cache._list_cache_files = listing
    return listings


def test_it_lists_its_folder_once_in_many_writes(tmp_path):
    cache = FileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 1000}})
    listings = _counting(cache)
    for i in range(150):
        cache.set(f"page-{i}", "<html>…</html>")
    assert len(listings) == 1
    assert cache.get("page-149") == "<html>…</html>"


def test_it_still_keeps_the_folder_near_its_limit(tmp_path):
    cache = FileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 30}})
    for i in range(3 * CULL_EVERY):
        cache.set(f"page-{i}", "x")
    assert len(list(tmp_path.glob("*.djcache"))) <= 30 + CULL_EVERY
