"""Annual report over 1,000,000 applications and 200,000 documents: time, queries, peak memory.

Run: .venv/bin/python bench/bench_annual_report.py   (a temporary SQLite database; ~3 min to fill)
Target: under 2 s, counting in the database.
"""

import datetime as dt
import os
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["GONGKAI_DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/report.sqlite3"
)
os.environ.setdefault("GONGKAI_SECRET_KEY", "r" * 50)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

APPLICATIONS, DOCUMENTS = 1_000_000, 200_000


def fill():
    from gongkai.core.bureau import ensure_people
    from gongkai.disclosure_requests.models import (
        ApplicantType,
        CaseStatus,
        DisclosureRequest,
        Remedy,
    )
    from gongkai.disclosure_requests.taxonomy import DEFAULT_REPORT_ROW
    from gongkai.publications.models import Attribute, Category, Document, DocumentStatus, Kind

    people = ensure_people()
    rng = random.Random(7)
    types, outcomes = [t.value for t in ApplicantType], list(DEFAULT_REPORT_ROW)
    started = time.perf_counter()
    batch = []
    for i in range(APPLICATIONS):
        received = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randint(0, 3 * 365))
        replied = received + dt.timedelta(days=rng.randint(1, 40))
        closed = replied <= dt.date(2022, 12, 31) or rng.random() < 0.5
        batch.append(
            DisclosureRequest(
                tracking_no=f"B{i:08d}",
                query_digest="x",
                applicant_type=rng.choice(types),
                applicant_name="某",
                id_document="x",
                phone="1",
                description="某信息",
                delivery_form="electronic",
                delivery_method="online",
                channel="online",
                received_on=received,
                status=CaseStatus.ARCHIVED if closed else CaseStatus.HANDLING,
                outcome=rng.choice(outcomes) if closed else "",
                replied_on=replied if closed else None,
            )
        )
        if len(batch) == 20_000:
            DisclosureRequest.objects.bulk_create(batch)
            batch = []
    DisclosureRequest.objects.bulk_create(batch)
    first = DisclosureRequest.objects.order_by("pk").first()
    Remedy.objects.bulk_create(
        [
            Remedy(
                case=first,
                kind=rng.choice(["reconsideration", "litigation_direct", "litigation_after"]),
                filed_on=dt.date(2022, 1, 1) + dt.timedelta(days=rng.randint(0, 360)),
                body="某",
                result="pending",
            )
            for _ in range(2000)
        ]
    )
    print(f"filled {APPLICATIONS:,} applications in {time.perf_counter() - started:.0f} s")
    started, unit, docs = time.perf_counter(), people["fagui"].unit, []
    for i in range(DOCUMENTS):
        written = dt.date(2018, 1, 1) + dt.timedelta(days=rng.randint(0, 5 * 365))
        kind = rng.choice([Kind.GENERAL] * 6 + [Kind.NORMATIVE, Kind.RULE])
        docs.append(
            Document(
                title=f"文件{i}",
                written_on=written,
                category=rng.choice(Category.values),
                kind=kind,
                attribute=Attribute.PROACTIVE,
                validity="current" if kind != Kind.GENERAL else "",
                status=DocumentStatus.PUBLISHED,
                index_no=f"X/{i:07d}",
                published_at=timezone.make_aware(dt.datetime.combine(written, dt.time(9))),
                unit=unit,
                created_by=people["fagui"],
                publish_due=written,
            )
        )
        if len(docs) == 20_000:
            Document.objects.bulk_create(docs)
            docs = []
    Document.objects.bulk_create(docs)
    print(f"filled {DOCUMENTS:,} documents in {time.perf_counter() - started:.0f} s")


def main():
    call_command("migrate", verbosity=0)
    fill()
    if connection.vendor == "sqlite":
        # A database that has been running is checkpointed: reading through a freshly written
        # 400 MB write-ahead log would triple the time and say nothing about production.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.close()
    from gongkai.reports.report import build

    for run in range(3):  # timed without tracemalloc, which slows allocation-heavy code ~3×
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            data = build(2022)
            elapsed = time.perf_counter() - started
        total = data["tables"]["applications"]["rows"][0]["values"][-1]
        print(
            f"run {run + 1}: report 2022 in {elapsed:.2f} s, {len(ctx.captured_queries)} queries; "
            f"new applications {total:,}; checks "
            f"{'pass' if not data['problems'] else data['problems']}"
        )
    tracemalloc.start()
    build(2022)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"peak Python memory while building (separate traced run): {peak / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
