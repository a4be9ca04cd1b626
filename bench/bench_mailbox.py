"""Leader mailbox: (1) submissions from concurrent clients, each sent twice (a double click),
counting lost and duplicated messages afterwards; (2) the public list of published replies,
its search and the yearly statistics over 100,000 messages, beside the portal's home page in
the same run.

(1) goes through `services.submit` (the code path behind the public form) from threads, each
with its own database connection: the public form itself is being written in parallel. Once it
is merged, the HTTP version is bench_requests.py's submit_once against `/hudong/`.
(2) measures the queries the public list and its search run (`Message.objects.published()`,
`search.matching_ids`), and the home page through the test client, in one process.

Run: .venv/bin/python bench/bench_mailbox.py   (temporary SQLite database; nothing networked)
"""

import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
THREADS, PER_THREAD = 8, 25
MESSAGES = 100_000


def setup():
    db = Path(tempfile.mkdtemp()) / "mailbox.sqlite3"
    os.environ.update(
        {
            "GONGKAI_DATABASE_URL": f"sqlite:///{db}",
            "GONGKAI_SECRET_KEY": "b" * 50,
            "GONGKAI_MESSAGE_RATE_PER_HOUR": "100000",
            "GONGKAI_ALLOWED_HOSTS": "127.0.0.1,testserver",
            "GONGKAI_CACHE_DIR": str(db.parent / "cache"),
        }
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def bench_submissions():
    from django import forms
    from django.db import connection

    from gongkai.mailbox.models import Message
    from gongkai.mailbox.services import submit
    from gongkai.testing import MESSAGE_FORM

    class Form(forms.ModelForm):
        class Meta:
            model = Message
            fields = ["category", "subject", "body", "name", "phone", "email", "publish_consent"]

    latencies, errors, keys = [], [], []
    lock = threading.Lock()

    def client(i):
        try:
            for j in range(PER_THREAD):
                key = uuid.uuid4().hex
                with lock:
                    keys.append(key)
                for _ in range(2):  # the same form twice: a double click
                    form = Form({**MESSAGE_FORM, "subject": f"压测留言 {i}-{j}"})
                    assert form.is_valid(), form.errors
                    started = time.perf_counter()
                    submit(form=form, files=(), idempotency_key=key, ip="127.0.0.1")
                    with lock:
                        latencies.append(time.perf_counter() - started)
        except Exception as error:  # counted, and the run goes on
            with lock:
                errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(THREADS)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    stored = Message.objects.filter(idempotency_key__in=keys).count()
    numbers = Message.objects.values_list("tracking_no", flat=True)
    print(
        f"submit: {THREADS} threads × {PER_THREAD} messages, each sent twice: "
        f"{len(latencies)} calls in {elapsed:.1f} s ({len(latencies) / elapsed:.0f}/s), "
        f"median {statistics.median(latencies) * 1000:.0f} ms, "
        f"p95 {sorted(latencies)[int(len(latencies) * 0.95)] * 1000:.0f} ms; "
        f"errors {len(errors)} {errors[:2]}"
    )
    print(
        f"submit: {len(keys)} distinct messages sent, {stored} stored: "
        f"lost {len(keys) - stored}, duplicated {Message.objects.count() - len(set(keys))}, "
        f"tracking numbers unique: {len(set(numbers)) == len(numbers)}"
    )


TEXTS = [
    ("加油站旁边小区的安全距离", "小区旁边新建加油站，离住宅楼很近，安全距离怎么规定？"),
    ("楼道电动自行车充电", "楼道里有人给电动自行车充电，飞线充电很危险，物业不管。"),
    ("消防通道被占用", "小区消防通道长期停满车，消防车进不来。"),
    ("燃气管道老化", "老旧小区燃气管道生锈，闻到煤气味。"),
    ("台风预警信息", "台风来之前很多老人不知道要转移，建议多渠道发布预警。"),
    ("特种作业操作证复审", "低压电工作业证快到期了，复审在哪里办？"),
    ("应急避难场所在哪里", "附近有没有应急避难场所，地图上查不到。"),
    ("企业复工安全检查", "节后复工前要做哪些安全检查？"),
]


def bench_list():
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from gongkai.lib.search_text import segment
    from gongkai.mailbox import search
    from gongkai.mailbox import statistics as statistics_page
    from gongkai.mailbox.models import Message

    rng = random.Random(1)
    now = timezone.now()
    words = {subject: segment(f"{subject}\n{body}\n依法答复如下") for subject, body in TEXTS}
    rows = []
    for i in range(MESSAGES):
        subject, body = rng.choice(TEXTS)
        at = now - dt.timedelta(minutes=5 * i + rng.randint(0, 4))
        published = rng.random() < 0.6
        rows.append(
            Message(
                tracking_no=f"LB{i:07d}", query_digest="x", category="consult",
                subject=subject, body=body, name="某", phone="1", submitted_at=at,
                submitted_on=timezone.localtime(at).date(),
                status="replied", reply_text="依法答复如下", replied_on=at.date(),
                publish_consent=published, published_at=at if published else None,
                public_subject=subject if published else "", public_body=body if published else "",
                public_reply="依法答复如下" if published else "",
            )
        )  # fmt: skip
    started = time.perf_counter()
    Message.objects.bulk_create(rows, batch_size=5000)
    with transaction.atomic():
        for pk, subject in Message.objects.published().values_list("pk", "public_subject"):
            search.words_index.put(pk, words[subject])
    took = time.perf_counter() - started
    published = Message.objects.published().count()
    print(f"list: inserted {MESSAGES:,} messages, indexed {published:,} published in {took:.1f} s")

    def page(offset):
        published = Message.objects.published().order_by("-published_at", "-pk")
        return published.count(), list(published[offset : offset + 20])

    def find(q):
        total, ids = search.matching_ids(q, limit=20)
        found = {m.pk: m for m in Message.objects.published().filter(pk__in=ids)}
        return total, [found[pk] for pk in ids if pk in found]

    client = Client()
    cases = [
        ("published list, page 1", lambda: page(0)),
        ("published list, page 500", lambda: page(10_000)),
        ("search 加油站", lambda: find("加油站")),
        ("search 电动自行车 充电", lambda: find("电动自行车 充电")),
        ("search 无此词语", lambda: find("无此词语")),
        ("statistics of the year", lambda: statistics_page.year_table(now.year)),
        ("statistics page (GET)", lambda: client.get(f"/hudong/statistics/?year={now.year}")),
        ("home page (GET /)", lambda: client.get("/")),
    ]
    for label, run in cases:
        times = []
        for _ in range(15):
            with CaptureQueriesContext(connection) as ctx:
                t = time.perf_counter()
                run()
                times.append(time.perf_counter() - t)
        print(
            f"list: {label:28} median {statistics.median(times) * 1000:7.1f} ms, "
            f"max {max(times) * 1000:7.1f} ms, {len(ctx.captured_queries)} queries"
        )


if __name__ == "__main__":
    setup()
    bench_submissions()
    bench_list()
