"""Portal under load on loopback: a document page and the catalogue page, 32 concurrent clients,
requests per second and p99, each beside the site's home page (a template with no database
reads) served by the same server in the same run.

The server is the one `gongkai serve` runs (granian, its worker count) but bound
to 127.0.0.1 only, on a free port, against a throwaway SQLite database with the demo data.
Every phase stops after DURATION seconds; the server is stopped at the end.

Run: .venv/bin/python bench/bench_portal_load.py [seconds-per-page]
"""

import http.client
import itertools
import os
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._load import Paths, free_port, load, start_server, stop_server  # noqa: E402

CLIENTS = 32


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 8
    tmp = tempfile.mkdtemp(prefix="gongkai-bench-portal-")
    env = {
        **os.environ,
        "GONGKAI_DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
        "GONGKAI_VAR_DIR": tmp,
        "GONGKAI_SECRET_KEY": secrets.token_urlsafe(40),
        "GONGKAI_ALLOWED_HOSTS": "127.0.0.1",
        "GONGKAI_LOG_LEVEL": "ERROR",
        "DJANGO_SETTINGS_MODULE": "gongkai.settings",
    }
    gk = [sys.executable, "-m", "gongkai"]
    subprocess.run([*gk, "migrate", "--noinput", "-v", "0"], env=env, cwd=ROOT, check=True)
    subprocess.run([*gk, "demo"], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    doc_id = subprocess.run(
        [
            *gk,
            "shell",
            "-c",
            "from gongkai.publications.models import Document; "
            "print(Document.public.order_by('pk').first().pk)",
        ],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()[-1]
    port = free_port()
    server = start_server(env, port)
    try:
        pages = [
            ("home page (baseline)", "/"),
            ("document page", f"/gk/doc/{doc_id}/"),
            ("catalogue page", "/gk/"),
            ("search page", "/gk/search/?q=%E7%BA%A6%E8%B0%88"),
        ]
        for label, path in pages:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("GET", path, headers={"Host": "127.0.0.1"})
            status = conn.getresponse().status
            conn.close()
            if status != 200:
                raise SystemExit(f"{label} {path}: HTTP {status}")
            load(port, Paths(itertools.repeat(path)), 1, CLIENTS)  # warm up
        print(
            f"{CLIENTS} clients, `gongkai serve`'s server (granian), {seconds:.0f} s per page, "
            f"127.0.0.1:{port}"
        )
        base = None
        for label, path in pages:
            r = load(port, Paths(itertools.repeat(path)), seconds, CLIENTS)
            base = base or (r.rps, r.p99)
            print(
                f"{label:<22} {r.rps:8.0f} req/s  median {r.median:6.1f} ms  p99 {r.p99:6.1f} ms  "
                f"({r.rps / base[0]:.2f}× baseline req/s, {r.p99 / base[1]:.1f}× p99)  "
                f"errors {len(r.errors)}"
            )
    finally:
        stop_server(server)


if __name__ == "__main__":
    main()
