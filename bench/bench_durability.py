"""Crash durability: public applications while the server is killed with SIGKILL at random moments.

The real server (gunicorn, 2 workers, --preload, as `make run` starts it, but bound to
127.0.0.1 only) takes applications from CLIENTS concurrent submitters that behave like the
form in a browser: GET /apply/ (CSRF cookie, token and the form's idempotency key), POST, and
on a dropped connection or an error page POST the same form again (same key) a few times.
Meanwhile a killer sends `kill -9` at random moments either to one worker (the master starts
another) or to the master and every worker at once (then the server is started again). After
CHAOS_SECONDS the submitters stop, the server is stopped, and the database is checked:

  acknowledged  submissions whose answer page showed a tracking number
  found         acknowledged submissions stored, with that tracking number
  lost          acknowledged but not stored (must be 0)
  duplicated    one form (idempotency key) stored more than once (must be 0)
  half-written  applications without their 登记 timeline event or audit entry (must be 0)
  and on SQLite, PRAGMA integrity_check (must be ok).

Database: a throwaway SQLite file, or PostgreSQL when GONGKAI_DATABASE_URL names one (a fresh
database is created on that server and dropped afterwards), e.g.
    GONGKAI_TEST_PG_PORT=54334 scripts/with-postgres .venv/bin/python bench/bench_durability.py

Run: .venv/bin/python bench/bench_durability.py [--seconds 60] [--clients 8]
Bounded: CHAOS_SECONDS of load plus start-up and checks, well under 3 minutes.
"""

import argparse
import http.client
import os
import random
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._load import free_port  # noqa: E402

WORKERS = 2
TRIES = 4  # a citizen re-sends the same form this many times at most
FORM = {
    "applicant_type": "natural_person",
    "applicant_name": "压测",
    "id_document": "11010519491231002X",
    "phone": "13800138000",
    "description": "崩溃耐久测试：申请公开某项政府信息",
    "delivery_form": "electronic",
    "delivery_method": "online",
    "agree": "on",
}
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
KEY = re.compile(r'name="idempotency_key" value="([^"]+)"')
TRACKING = re.compile(r'id="tracking-no">([^<]+)<')


class Server:
    """gunicorn on 127.0.0.1:port; kill -9 of a worker or of everything; start again."""

    def __init__(self, env, port):
        self.env, self.port, self.process = env, port, None
        self.kills = Counter()

    def start(self):
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "gongkai.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(WORKERS),
                "--preload",
                "--timeout",
                "30",
                "--graceful-timeout",
                "5",
            ],
            env=self.env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", "/staff/login/")
                if conn.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.1)
        raise SystemExit("server did not start")

    def workers(self) -> list[int]:
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(fields[1]) == self.process.pid:  # its parent is our master
                    found.append(int(entry.name))
        return found

    def kill_worker(self):
        workers = self.workers()
        if workers:
            os.kill(random.choice(workers), signal.SIGKILL)
            self.kills["one worker"] += 1

    def kill_all(self):
        workers = self.workers()
        self.process.send_signal(signal.SIGKILL)
        for pid in workers:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.process.wait()
        self.kills["master and workers"] += 1
        self._wait_for_port_free()
        self.start()

    def _wait_for_port_free(self):
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                http.client.HTTPConnection("127.0.0.1", self.port, timeout=0.5).connect()
                time.sleep(0.05)  # an orphaned worker still holds the socket
            except OSError:
                return

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def submitter(port, stop_at, acknowledged, unanswered, errors, lock):
    """One citizen after another: open the form, submit it, re-send it on failure."""
    while time.time() < stop_at:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("GET", "/apply/")
            response = conn.getresponse()
            page = response.read().decode()
            cookie = response.getheader("Set-Cookie", "").split(";")[0]
            token, key = TOKEN.search(page).group(1), KEY.search(page).group(1)
        except (OSError, http.client.HTTPException, AttributeError):
            time.sleep(0.05)  # the server is down: open the form again
            continue
        body = urlencode({"csrfmiddlewaretoken": token, "idempotency_key": key, **FORM})
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": cookie,
            "Referer": f"http://127.0.0.1:{port}/apply/",
        }
        tracking = None
        for attempt in range(TRIES):
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                conn.request("POST", "/apply/", body=body, headers=headers)
                reply = conn.getresponse()
                text = reply.read().decode()
                found = TRACKING.search(text)
                if reply.status == 200 and found:
                    tracking = found.group(1)
                    break
                with lock:
                    errors[f"HTTP {reply.status}"] += 1
            except (OSError, http.client.HTTPException) as exc:
                with lock:
                    errors[type(exc).__name__] += 1
            time.sleep(0.2 * (attempt + 1))  # the citizen waits, then presses 提交 again
        with lock:
            if tracking:
                acknowledged.append((key, tracking))
            else:
                unanswered.append(key)


def setup_database():
    url = os.environ.get("GONGKAI_DATABASE_URL", "")
    tmp = Path(tempfile.mkdtemp(prefix="gongkai-bench-durability-"))
    drop = None
    if url.startswith("postgres"):
        import psycopg

        name = f"gongkai_durability_{secrets.token_hex(4)}"
        admin = url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        url = url.rsplit("/", 1)[0] + "/" + name

        def drop():
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    else:
        url = f"sqlite:///{tmp}/durability.sqlite3"
    env = {
        "GONGKAI_DATABASE_URL": url,
        "GONGKAI_VAR_DIR": str(tmp),
        "GONGKAI_SECRET_KEY": secrets.token_urlsafe(40),
        "GONGKAI_ALLOWED_HOSTS": "127.0.0.1",
        "GONGKAI_LOG_LEVEL": "CRITICAL",
        "DJANGO_SETTINGS_MODULE": "gongkai.settings",
        # one loopback address submits everything: lift the per-address hourly limit
        "GONGKAI_REQUEST_RATE_PER_HOUR": "1000000",
    }
    os.environ.update(env)
    return {**os.environ, **env}, url, drop


def check(url, acknowledged, unanswered):
    import django

    django.setup()
    from django.db import connection
    from django.db.models import Count

    from gongkai.core.models import AuditEntry
    from gongkai.disclosure_requests.models import DisclosureRequest, RequestEvent

    stored = dict(DisclosureRequest.objects.values_list("idempotency_key", "tracking_no"))
    per_key = DisclosureRequest.objects.values("idempotency_key").annotate(n=Count("id"))
    duplicated = sum(row["n"] - 1 for row in per_key if row["n"] > 1)
    duplicated += sum(n - 1 for n in Counter(t for _, t in acknowledged).values() if n > 1)
    found = sum(1 for key, tracking in acknowledged if stored.get(key) == tracking)
    ids = set(DisclosureRequest.objects.values_list("pk", flat=True))
    with_event = set(RequestEvent.objects.filter(kind="register").values_list("case_id", flat=True))
    audited = {
        int(pk)
        for pk in AuditEntry.objects.filter(
            action="request.register", target_type="disclosure_requests.disclosurerequest"
        ).values_list("target_id", flat=True)
    }
    half = len(ids - with_event) + len(ids - audited)
    stored_unacknowledged = len(set(stored) & set(unanswered))
    integrity = "n/a"
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA integrity_check")
            integrity = ", ".join(row[0] for row in cursor.fetchall())
    return {
        "vendor": connection.vendor,
        "acknowledged": len(acknowledged),
        "found": found,
        "lost": len(acknowledged) - found,
        "duplicated": duplicated,
        "half_written": half,
        "stored": len(ids),
        "stored_unacknowledged": stored_unacknowledged,
        "unanswered": len(unanswered),
        "integrity": integrity,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60, help="of submissions and kills")
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    env, url, drop = setup_database()
    started = time.time()
    server = None
    try:
        gk = [sys.executable, "-m", "gongkai"]
        subprocess.run([*gk, "migrate", "--noinput", "-v", "0"], env=env, cwd=ROOT, check=True)
        server = Server(env, free_port())
        server.start()
        acknowledged, unanswered, errors, lock = [], [], Counter(), threading.Lock()
        stop_at = time.time() + args.seconds
        threads = [
            threading.Thread(
                target=submitter,
                args=(server.port, stop_at, acknowledged, unanswered, errors, lock),
            )
            for _ in range(args.clients)
        ]
        for t in threads:
            t.start()
        rng = random.Random()
        while time.time() < stop_at - 1:
            time.sleep(rng.uniform(0.3, 3))
            if rng.random() < 0.6:
                server.kill_worker()
            else:
                server.kill_all()
        for t in threads:
            t.join(timeout=120)
        server.stop()
        result = check(url, acknowledged, unanswered)
    finally:
        if server:
            server.stop()
        if drop:
            from django.db import connections

            connections.close_all()
            drop()
    print(
        f"{result['vendor']}: {args.clients} submitters, {args.seconds:.0f} s, kill -9: "
        f"{server.kills['one worker']} × one worker, {server.kills['master and workers']} "
        "× master and workers "
        f"({time.time() - started:.0f} s in all)"
    )
    print(
        f"  acknowledged {result['acknowledged']}  found {result['found']}  lost {result['lost']}  "
        f"duplicated {result['duplicated']}  half-written {result['half_written']}  "
        f"integrity_check {result['integrity']}"
    )
    print(
        f"  stored {result['stored']} applications; {result['unanswered']} forms never got "
        "an answer "
        f"({result['stored_unacknowledged']} of them stored: the answer was lost in the crash, a "
        f"retry would show it); failed tries: {dict(errors)}"
    )
    bad = result["lost"] or result["duplicated"] or result["half_written"]
    if bad or result["integrity"] not in ("ok", "n/a"):
        raise SystemExit("FAILED: a submission was lost, duplicated or half-written")


if __name__ == "__main__":
    main()
