"""audit.record_read's question — "did this person already read this record within half an
hour?" — asked on every view of a case page, over 200,000 audit entries: its query plan and
its time, for the repeat read (an entry exists) and the first read (none does).

Run: .venv/bin/python bench/bench_audit_reads.py  (a throwaway SQLite database), or against a
throwaway PostgreSQL (its database made first):
  GONGKAI_TEST_PG_PORT=55463 scripts/with-postgres bash -c \
    'createdb -h 127.0.0.1 -p 55463 -U postgres gongkai &&
     .venv/bin/python bench/bench_audit_reads.py'
"""

import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
if "GONGKAI_DATABASE_URL" not in os.environ:
    os.environ["GONGKAI_DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
os.environ["GONGKAI_DEBUG"] = "false"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, models  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

ROWS = 200_000
TARGETS = 20_000  # cases and messages: ten entries each on average
ACTIONS = ["request.read", "request.download", "request.accept", "request.assign", "message.read"]


class Target:
    """Stands for a case: record_read needs only its label and primary key."""

    class _meta:  # noqa: N801 — shaped like a model's _meta
        label_lower = "disclosure_requests.requestcase"

    def __init__(self, pk):
        self.pk = pk


def fill(people) -> None:
    from gongkai.core.models import AuditEntry

    rng = random.Random(7)
    now = timezone.now()
    batch = []
    for _ in range(ROWS):
        actor = rng.choice(people)
        batch.append(
            AuditEntry(
                at=now - dt.timedelta(seconds=rng.randrange(2 * 365 * 86400)),
                actor=actor,
                actor_name=str(actor),
                action=rng.choice(ACTIONS),
                target_type="disclosure_requests.requestcase",
                target_id=str(rng.randrange(TARGETS)),
                target_repr="依申请-2022-000001",
                data={"what": rng.choice(["", "", "身份证明.pdf"])},
                request_id=uuid.uuid4(),
            )
        )
        if len(batch) == 5000:
            AuditEntry.objects.bulk_create(batch)  # bench data: bypasses the append-only save
            batch = []
    AuditEntry.objects.bulk_create(batch)


def timed(function, rounds: int = 2000) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


# The index the audit table had before migration core 0008, for the figures "before".
OLD_INDEX = models.Index(fields=["target_type", "target_id"], name="core_audite_target__f1cadb_idx")


def measure(label, people, reader, case) -> None:
    from gongkai.core import audit

    query = audit.read_logged(reader, "request.read", case)
    with CaptureQueriesContext(connection) as asked:
        query.exists()
    sql = asked.captured_queries[0]["sql"]  # the statement exists() sends, parameters inlined
    explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN ANALYZE "
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "postgresql" else "SELECT 1")
        cursor.execute(explain + sql)
        plan = "\n  ".join(" ".join(map(str, row)) for row in cursor.fetchall())
    repeat = timed(lambda: query.exists())
    first = timed(lambda: audit.read_logged(people[2], "request.read", Target(pk=1)).exists())
    print(f"== {label}\nplan:\n  {plan}")
    print(f"repeat read (entry found)   median {repeat * 1000:6.3f} ms")
    print(f"first read (none found)     median {first * 1000:6.3f} ms")


def main():
    call_command("migrate", verbosity=0)
    from gongkai.core import audit
    from gongkai.core.bureau import ensure_people
    from gongkai.core.models import AuditEntry

    people = list(ensure_people().values())
    fill(people)
    reader, case = people[1], Target(pk=TARGETS // 2)
    audit.record_read(reader, "request.read", case)  # the repeat read finds this one
    print(f"{connection.vendor}, {AuditEntry.objects.count()} audit entries")
    (new_index,) = AuditEntry._meta.indexes
    for label, drop, add in [
        (f"index {new_index.name} (now)", None, None),
        (f"index {OLD_INDEX.name} (before core 0008)", new_index, OLD_INDEX),
    ]:
        if drop is not None:
            with connection.schema_editor() as editor:
                editor.remove_index(AuditEntry, drop)
                editor.add_index(AuditEntry, add)
        measure(label, people, reader, case)


if __name__ == "__main__":
    main()
