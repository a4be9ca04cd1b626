"""Do two trees write the same search pages? Byte for byte, on the same data.

Runs this tree and OTHER (e.g. /work/main) one after the other against one database, each in
its own process with a cold page cache, through Django's WSGI handler (every middleware), for
the same list of query strings: random two-word searches of bench_portal_crawl's words with a
random page 1-10 (as that bench asks), single words on late pages, and filters, bad values,
large-text mode, pager counts (n) and hostile keywords. Prints how many pages differ and the
first differences. The data set is bench_portal_crawl's (--data: its SQLite folder, or on
PostgreSQL with GONGKAI_DATABASE_URL its database named after the folder).

Run: .venv/bin/python bench/search_pages_same.py OTHER_TREE --data DIR [--pairs 300]
"""

import argparse
import difflib
import io
import itertools
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parents[1]


def query_strings(words: list[str], pairs: int) -> list[str]:
    rng = random.Random(5)
    combos = list(itertools.combinations(words, 2))
    qs = [f"q={quote(a + ' ' + b)}&page={rng.randint(1, 10)}" for a, b in rng.sample(combos, pairs)]
    qs += [f"q={quote(w)}&page={rng.choice([1, 2, 50, 51, 60])}" for w in rng.sample(words, 30)]
    choices = {
        "category": ["", "plans", "statistics", "bogus", "emergencies"],
        "validity": ["", "current", "repealed", "nope"],
        "year": ["", "2026", "2022", "1999", "abc", "2026.0", " 2026", "２０２６", "9" * 20],
        "unit": ["", "1", "5", "18", "99", "x", "-1"],
        "page": ["1", "2", "3", "0", "-3", "x", "10"],
        "big": ["1", ""],
        "n": ["5", "37", "1000", "-1", "zz"],
    }
    chance = {"page": 0.6, "big": 0.2, "n": 0.2}
    for _ in range(120):
        a, b = rng.choice(combos)
        params = {"q": rng.choice([a, f"{a} {b}", f"  {a} ", ""])}
        for name, values in choices.items():
            if rng.random() < chance.get(name, 0.5):
                params[name] = rng.choice(values)
        qs.append(urlencode(params))
    keyword = quote("应急")
    return qs + [
        "",
        "q=",
        "q=%20%20",
        "page=2",
        "foo=bar",
        "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "q=a%00b",
        "q=" + quote("应急" * 60),
        "q=" + "x" * 101,
        "q=" + quote("应急 " * 40),
        "q=ABC%20Def",
        "q=%22%27%26",
        f"q={keyword}&q={quote('管理')}",
        f"q={keyword}&category=plans&category=",
        f"q={keyword}&big=1&page=2",
        f"q={keyword}&page=" + "9" * 23,
        f"q={keyword}&n=3&page=2",
        f"q={keyword}&unit=&category=&year=&validity=&page=3",
        "q=" + quote("测试　全角"),
        "q=" + quote("ｆｕｌｌ width"),
        "q=%0A%09x",
        "q=1+2",
    ]


def dump(out: str, pairs: int) -> None:
    """In a tree's process: each query string's status, headers and body, as JSON."""
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler

    from bench.bench_portal_crawl import query_words

    app = WSGIHandler()
    pages = []
    for qs in query_strings(query_words(), pairs):
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": "/gk/search/",
            "QUERY_STRING": qs,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_HOST": "127.0.0.1",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.url_scheme": "http",
            "wsgi.errors": sys.stderr,
            "SERVER_PROTOCOL": "HTTP/1.1",
        }
        answer = []
        body = b"".join(app(environ, lambda *status_headers, a=answer: a.append(status_headers)))
        status, headers = answer[0]
        pages.append([qs, status, sorted(headers), body.decode()])
    Path(out).write_text(json.dumps(pages, ensure_ascii=False))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", help="the other tree (its gongkai/ and bench/)")
    parser.add_argument("--data", required=True, help="bench_portal_crawl's --data folder")
    parser.add_argument("--pairs", type=int, default=300)
    parser.add_argument("--dump", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.dump:
        return dump(args.dump, args.pairs)
    data = Path(args.data)
    url = os.environ.get("GONGKAI_DATABASE_URL", "")
    if url.startswith("postgres"):
        name = "".join(c for c in data.name if c.isalnum())
        url = url.rsplit("/", 1)[0] + f"/gongkai_crawl_{name}"
    else:
        url = f"sqlite:///{data}/crawl.sqlite3"
    results = []
    with tempfile.TemporaryDirectory() as scratch:
        for tree in (ROOT, Path(args.other).resolve()):
            out = Path(scratch) / f"{len(results)}.json"
            env = {
                **os.environ,
                "PYTHONPATH": str(tree),
                "GONGKAI_DATABASE_URL": url,
                "GONGKAI_VAR_DIR": str(Path(scratch) / f"var{len(results)}"),  # cold page cache
                "GONGKAI_SECRET_KEY": "search-pages-same-" + "x" * 40,
                "GONGKAI_LOG_LEVEL": "ERROR",
                "GONGKAI_ALLOWED_HOSTS": "127.0.0.1",
                "DJANGO_SETTINGS_MODULE": "gongkai.settings",
            }
            command = [sys.executable, str(tree / "bench" / Path(__file__).name)]
            if not Path(command[1]).exists():  # the other tree may not have this script
                command[1] = __file__
            subprocess.run(  # noqa: S603 — this script, in the other tree's environment
                [
                    *command,
                    "x",
                    "--data",
                    str(data),
                    "--pairs",
                    str(args.pairs),
                    "--dump",
                    str(out),
                ],
                env=env,
                cwd=tree,
                check=True,
                stderr=subprocess.DEVNULL,
            )
            results.append(json.loads(out.read_text()))
    mine, other = results
    differ = [(a, b) for a, b in zip(mine, other, strict=True) if a != b]
    statuses = sorted({page[1] for page in mine})
    print(
        f"{url}: {len(mine)} search pages, {len(differ)} differ (statuses: {', '.join(statuses)})"
    )
    for a, b in differ[:3]:
        print(f"== ?{a[0]}: {a[1]} / {b[1]}")
        for line in difflib.unified_diff(b[3].splitlines(), a[3].splitlines(), lineterm="", n=0):
            print(line[:200])
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
