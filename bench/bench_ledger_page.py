"""Ledger page for a 2,000-task plan: server time and query count, beside a trivial page.

Run: .venv/bin/python bench/bench_ledger_page.py  (uses a throwaway SQLite database)
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ["GONGKAI_DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
os.environ["GONGKAI_DEBUG"] = "false"
os.environ["GONGKAI_ALLOWED_HOSTS"] = "testserver"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.bench_plan_parse import synthetic_plan  # noqa: E402


def main():
    call_command("migrate", verbosity=0)
    from gongkai.core.bureau import ensure_people
    from gongkai.plans import services

    people = ensure_people()
    started = time.perf_counter()
    plan = services.plan_import(
        by=people["xinwen"], data=synthetic_plan(2000), filename="big.txt", year=2022
    ).plan
    print(f"import of {plan.tasks.count()} tasks: {time.perf_counter() - started:.2f} s")
    client = Client()
    for who in ("xinwen", "fagui"):
        client.force_login(people[who])
        for label, url in [
            ("ledger page", f"/staff/plans/{plan.pk}/"),
            ("ledger, filtered", f"/staff/plans/{plan.pk}/?status=overdue"),
            ("login page (baseline)", "/staff/login/"),
        ]:
            times, queries = [], 0
            for _ in range(15):
                with CaptureQueriesContext(connection) as ctx:
                    t = time.perf_counter()
                    response = client.get(url)
                    times.append(time.perf_counter() - t)
                assert response.status_code in (200, 302), response.status_code
                queries = len(ctx.captured_queries)
            print(
                f"{who:>7} {label:<22} median {statistics.median(times) * 1000:6.1f} ms  "
                f"p95 {sorted(times)[13] * 1000:6.1f} ms  {queries} queries"
            )


if __name__ == "__main__":
    main()
