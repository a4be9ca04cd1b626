"""Disclosure applications: (1) public submission throughput on loopback with concurrent clients,
counting lost and duplicated applications afterwards; (2) the staff list of 100,000 applications
sorted by days left. Each beside a trivial page in the same run.

Run: .venv/bin/python bench/bench_requests.py   (temporary SQLite databases; loopback only)
"""

import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
CLIENTS, PER_CLIENT = 16, 12


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def env_for(db: Path) -> dict:
    return {
        **os.environ,
        "GONGKAI_DATABASE_URL": f"sqlite:///{db}",
        "GONGKAI_SECRET_KEY": "b" * 50,
        "GONGKAI_REQUEST_RATE_PER_HOUR": "100000",
        "GONGKAI_ALLOWED_HOSTS": "127.0.0.1,testserver",
    }


def submit_once(port, key, retry, latencies, errors):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/apply/")
    response = conn.getresponse()
    page = response.read().decode()
    cookie = response.getheader("Set-Cookie", "").split(";")[0]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urlencode(
        {
            "csrfmiddlewaretoken": token,
            "idempotency_key": key,
            "applicant_type": "natural_person",
            "applicant_name": "压测",
            "id_document": "11010519491231002X",
            "phone": "13800138000",
            "description": "压力测试申请内容描述",
            "delivery_form": "electronic",
            "delivery_method": "online",
            "agree": "on",
        }
    )
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": cookie,
        "Referer": f"http://127.0.0.1:{port}/apply/",
    }
    for _ in range(2 if retry else 1):  # a retry re-sends the same form: a double click
        started = time.perf_counter()
        conn.request("POST", "/apply/", body=body, headers=headers)
        reply = conn.getresponse()
        text = reply.read().decode()
        latencies.append(time.perf_counter() - started)
        if reply.status != 200 or "tracking-no" not in text:
            errors.append(reply.status)
    conn.close()


def trivial(port, count, latencies):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for _ in range(count):
        started = time.perf_counter()
        conn.request("GET", "/staff/login/")
        conn.getresponse().read()
        latencies.append(time.perf_counter() - started)
    conn.close()


def run_clients(target, args_for):
    threads = [threading.Thread(target=target, args=args_for(i)) for i in range(CLIENTS)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - started


def bench_submissions():
    db = Path(tempfile.mkdtemp()) / "submit.sqlite3"
    env, port = env_for(db), free_port()
    subprocess.run(
        [sys.executable, "-m", "gongkai", "migrate", "-v0"], env=env, check=True, cwd=ROOT
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "gongkai", "serve", "--port", str(port), "--ipv4-only"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        keys = [[uuid.uuid4().hex for _ in range(PER_CLIENT)] for _ in range(CLIENTS)]
        latencies, errors = [], []

        def client(i):
            for j, key in enumerate(keys[i]):
                submit_once(port, key, retry=(j % 4 == 0), latencies=latencies, errors=errors)

        elapsed = run_clients(client, lambda i: (i,))
        posts = len(latencies)
        base = []
        base_elapsed = run_clients(trivial, lambda i: (port, PER_CLIENT * 2, base))
    finally:
        server.terminate()
        server.wait(timeout=10)
    import sqlite3

    stored = (
        sqlite3.connect(db)
        .execute(
            "SELECT count(*), count(DISTINCT idempotency_key) FROM "
            "disclosure_requests_disclosurerequest"
        )
        .fetchone()
    )
    unique_keys = CLIENTS * PER_CLIENT
    print(
        f"submissions: {CLIENTS} clients, {posts} POSTs ({posts - unique_keys} of them "
        "retries of the same form)"
    )
    print(
        f"  {posts / elapsed:6.1f} POST/s (each a GET + POST round), p50 "
        f"{statistics.median(latencies) * 1000:.0f} ms, "
        f"p99 {sorted(latencies)[int(len(latencies) * 0.99) - 1] * 1000:.0f} ms, "
        f"errors {len(errors)}"
    )
    print(
        f"  stored {stored[0]} applications for {unique_keys} distinct forms: lost "
        f"{unique_keys - stored[1]}, duplicated {stored[0] - stored[1]}"
    )
    print(
        "  baseline trivial page, same server and clients: "
        f"{len(base) / base_elapsed:6.1f} req/s, "
        f"p50 {statistics.median(base) * 1000:.1f} ms"
    )


def bench_list():
    db = Path(tempfile.mkdtemp()) / "list.sqlite3"
    os.environ.update(env_for(db))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import datetime as dt
    import random

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from gongkai.core.bureau import ensure_people
    from gongkai.disclosure_requests.models import CaseStatus, DisclosureRequest

    call_command("migrate", verbosity=0)
    people = ensure_people()
    rng, today = random.Random(1), dt.date(2026, 11, 20)
    statuses = [CaseStatus.HANDLING] * 3 + [CaseStatus.REVIEWING]
    rows = []
    for i in range(100_000):
        received = today - dt.timedelta(days=rng.randint(0, 900))
        closed = received < today - dt.timedelta(days=40)
        rows.append(
            DisclosureRequest(
                tracking_no=f"GK{received.year}-{i:06d}",
                query_digest="x",
                applicant_type="natural_person",
                applicant_name="某",
                id_document="x",
                phone="1",
                description="某信息",
                delivery_form="electronic",
                delivery_method="online",
                channel="online",
                received_on=received,
                status=CaseStatus.ARCHIVED if closed else rng.choice(statuses),
                outcome="disclosed" if closed else "",
                due_date=received + dt.timedelta(days=28),
                replied_on=received if closed else None,
            )
        )
    started = time.perf_counter()
    DisclosureRequest.objects.bulk_create(rows, batch_size=5000)
    print(
        f"list: inserted 100,000 applications in {time.perf_counter() - started:.1f} s "
        f"({DisclosureRequest.objects.open().count()} open)"
    )
    client = Client()
    client.force_login(people["xinwen"])
    for label, url in [
        ("open, by days left", "/staff/requests/"),
        ("all, by days left", "/staff/requests/?state=all"),
        ("all, page 500", "/staff/requests/?state=all&page=500"),
        ("baseline login page", "/staff/login/"),
    ]:
        times = []
        for _ in range(15):
            with CaptureQueriesContext(connection) as ctx:
                t = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - t)
            assert response.status_code in (200, 302)
        print(
            f"  {label:<22} median {statistics.median(times) * 1000:6.1f} ms  p95 "
            f"{sorted(times)[13] * 1000:6.1f} ms  {len(ctx.captured_queries)} queries"
        )


if __name__ == "__main__":
    bench_submissions()
    bench_list()
