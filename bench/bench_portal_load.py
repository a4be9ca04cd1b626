"""Portal under load on loopback: a document page and the catalogue page, 32 concurrent clients,
requests per second and p99, each beside the site's home page (a template with no database
reads) served by the same server in the same run.

The server is the one `gongkai serve` runs (gunicorn, --preload, same worker model) but bound
to 127.0.0.1 only, on a free port, against a throwaway SQLite database with the demo data.
Every phase stops after DURATION seconds; the server is stopped at the end.

Run: .venv/bin/python bench/bench_portal_load.py [seconds-per-page]
"""

import http.client
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLIENTS = 32
WORKERS = 4


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load(port: int, path: str, seconds: float):
    """CLIENTS threads, each with its own keep-alive connection, for `seconds`."""
    latencies, errors = [], [0]
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        while time.perf_counter() < stop:
            t = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Host": "127.0.0.1"})
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            if ok:
                mine.append(time.perf_counter() - t)
            else:
                with lock:
                    errors[0] += 1
        conn.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99) - 1] * 1000 if latencies else float("nan")
    return (
        len(latencies) / elapsed,
        p99,
        statistics.median(latencies) * 1000 if latencies else 0,
        errors[0],
    )


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
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "gongkai.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(WORKERS),
            "--preload",
            "--timeout",
            "120",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.time() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.time() > deadline:
                    raise SystemExit("server did not start") from None
                time.sleep(0.2)
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
            load(port, path, 1)  # warm up
        print(
            f"{CLIENTS} clients, {WORKERS} gunicorn workers, {seconds:.0f} s per page, "
            f"127.0.0.1:{port}"
        )
        base = None
        for label, path in pages:
            rps, p99, median, errors = load(port, path, seconds)
            base = base or (rps, p99)
            print(
                f"{label:<22} {rps:8.0f} req/s  median {median:6.1f} ms  p99 {p99:6.1f} ms  "
                f"({rps / base[0]:.2f}× baseline req/s, {p99 / base[1]:.1f}× p99)  errors {errors}"
            )
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
