"""Consultations (issue 12): (1) comments submitted by concurrent citizens while the closing
moment passes — accepted before, refused after, 0 lost, 0 duplicated; (2) the feedback note
for a consultation with 10,000 comments: time, queries and peak memory, beside 100 comments in
the same run.

(1) runs CLIENTS threads that each submit comments through the service the public form uses
(a form bound to the posted data, the idempotency key, the row lock on the consultation), and
retry every tenth one with the same key (a double click). Midway the consultation's closing day
is moved into the past — the clock passing midnight of the closing day — in its own committed
transaction. Afterwards: every acknowledged comment is stored exactly once, nothing refused is
stored, and no submission that began after the closing moment was accepted.

Run: .venv/bin/python bench/bench_consultations.py   (a temporary SQLite database)
     BENCH_DATABASE_URL=postgres://… for PostgreSQL.
"""

import datetime as dt
import os
import sys
import tempfile
import threading
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["GONGKAI_DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/consultations.sqlite3"
)
os.environ.setdefault("GONGKAI_SECRET_KEY", "c" * 50)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

CLIENTS, SECONDS_BEFORE, SECONDS_AFTER = 8, 3.0, 2.0


def _consultation(people, title):
    from gongkai.consultations import services

    today = timezone.localdate()
    c = services.create(
        by=people["fagui"],
        draft_title=title,
        draft_text="第一条 总则。\n第二条 管理。\n第三条 附则。",
        explanation="起草说明",
        decision_type="other",
        opens_on=today,
        closes_on=today + dt.timedelta(days=30),
        category="regulations_normative_docs",
    )
    c.document.submit(by=people["fagui"])
    for who in ("fagui_head", "baomi", "lingdao"):
        c.document.approve(by=people[who])
    c.refresh_from_db()
    return c


def near_closing(people):
    from gongkai.consultations import services
    from gongkai.consultations.forms import CommentForm
    from gongkai.consultations.models import Comment, Consultation
    from gongkai.core.errors import DomainError

    consultation = _consultation(people, "临近截止的意见征集")
    closed_at = [None]
    results, lock, stop = [], threading.Lock(), threading.Event()

    def citizen(n):
        sent = 0
        while not stop.is_set():
            key = f"c{n}-{sent}"
            began = time.perf_counter()
            for attempt in range(2 if sent % 10 == 0 else 1):
                form = CommentForm(
                    {"text": f"第{n}位市民的第{sent}条意见"}, consultation=consultation
                )
                assert form.is_valid(), form.errors
                try:
                    comment, created = services.submit_comment(
                        consultation, form=form, idempotency_key=key, ip="127.0.0.1"
                    )
                    outcome = ("accepted", comment.number, created)
                except DomainError:
                    outcome = ("refused", None, False)
                with lock:
                    results.append((key, began, attempt, *outcome))
            sent += 1
        connections.close_all()

    threads = [threading.Thread(target=citizen, args=(n,)) for n in range(CLIENTS)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    time.sleep(SECONDS_BEFORE)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_on=yesterday - dt.timedelta(days=1), closes_on=yesterday
    )
    closed_at[0] = time.perf_counter()
    time.sleep(SECONDS_AFTER)
    stop.set()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started

    firsts = [r for r in results if r[2] == 0]
    acknowledged = {r[0]: r[4] for r in firsts if r[3] == "accepted"}
    refused = {r[0] for r in firsts if r[3] == "refused"}
    stored = dict(
        Comment.objects.filter(consultation=consultation).values_list("idempotency_key", "number")
    )
    retries_same = all(
        r[4] == acknowledged.get(r[0]) for r in results if r[2] == 1 and r[3] == "accepted"
    )
    late = [r for r in firsts if r[3] == "accepted" and r[1] > closed_at[0]]
    print(f"(1) {CLIENTS} concurrent citizens, {len(firsts)} comments in {elapsed:.1f} s")
    print(f"    acknowledged {len(acknowledged)}, refused after closing {len(refused)}")
    print(
        f"    stored {len(stored)}, lost {len(set(acknowledged) - set(stored))}, "
        f"stored though refused {len(refused & set(stored))}, "
        f"duplicated {Comment.objects.filter(consultation=consultation).count() - len(stored)}"
    )
    print(
        f"    accepted after the closing moment: {len(late)}; retries got the same number: "
        f"{retries_same}"
    )
    print(
        f"    numbers as acknowledged: {all(stored.get(k) == v for k, v in acknowledged.items())}"
    )


def feedback_note(people, comments: int):
    from gongkai.consultations.feedback import compose
    from gongkai.consultations.models import Comment, Consultation, Disposition

    consultation = _consultation(people, f"{comments}条意见的征集")
    articles = list(consultation.articles.all())
    verdicts = [Disposition.ADOPTED, Disposition.PARTLY, Disposition.NOT_ADOPTED, Disposition.OTHER]
    Comment.objects.bulk_create(
        Comment(
            consultation=consultation,
            article=articles[n % len(articles)] if n % 4 else None,
            number=f"B{comments}-{n:06d}",
            text=f"关于第{n % 37}项的意见：建议进一步明确相关要求，联系电话13912345678。",
            sent_on=timezone.localdate(),
            disposition=verdicts[n % 4],
            reason="" if n % 4 == 0 else "已在相关条款中予以考虑。",
        )
        for n in range(comments)
    )
    Consultation.objects.filter(pk=consultation.pk).update(
        closes_on=timezone.localdate() - dt.timedelta(days=1),
        opens_on=timezone.localdate() - dt.timedelta(days=30),
    )
    consultation.refresh_from_db()
    tracemalloc.start()
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        title, body = compose(consultation)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return seconds, len(queries), peak, len(body)


def main():
    from gongkai.core.bureau import ensure_people

    call_command("migrate", verbosity=0)
    people = ensure_people()
    near_closing(people)
    small = feedback_note(people, 100)
    large = feedback_note(people, 10_000)
    print("(2) feedback note: comments, seconds, queries, peak MiB, characters")
    for n, (seconds, queries, peak, size) in ((100, small), (10_000, large)):
        print(f"    {n:>6}  {seconds:7.3f}  {queries:3d}  {peak:7.1f}  {size:,}")
    print(f"    10,000 / 100: time {large[0] / small[0]:.0f}x, memory {large[2] / small[2]:.0f}x")


if __name__ == "__main__":
    main()
