"""Search over 100,000 synthetic Chinese documents: the FTS index (jieba words in SQLite FTS5,
bm25) against a plain LIKE '%…%' scan of title and body, same database, same run.

Run: .venv/bin/python bench/bench_search.py [N]   (a throwaway SQLite database in /tmp)
"""

import datetime as dt
import os
import random
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PHRASES = [
    "加强危险化学品安全生产监督管理",
    "做好台风防御和防汛防旱工作",
    "落实企业安全生产主体责任",
    "开展重大事故隐患排查整治",
    "规范行政处罚自由裁量权",
    "推进应急救援队伍建设",
    "完善应急预案管理体系",
    "强化有限空间作业安全管理",
    "组织森林防火专项检查",
    "提升基层应急管理能力",
    "做好烟花爆竹经营许可审批",
    "开展安全生产宣传教育培训",
    "加强应急物资储备和调配",
    "推动安全生产标准化建设",
    "健全生产安全事故调查处理机制",
    "开展防灾减灾宣传周活动",
    "落实政务公开工作要点",
    "加强重大危险源监测预警",
    "做好汛期地质灾害防范",
    "严格建设项目安全设施三同时",
    "推进安全生产执法信息化",
    "督促企业落实隐患整改",
    "完善自然灾害救助政策",
]
RARE = ["约谈", "尾矿库", "粉尘涉爆"]  # each in 0.1% of documents
QUERIES = [
    "台风",
    "隐患",
    "预案",
    "约谈",
    "尾矿库",
    "危险化学品",
    "应急救援",
    "森林防火",
    "执法",
    "安全生产",
]


def setup():
    """A throwaway SQLite database in /tmp, and Django set up on it."""
    tmp = tempfile.mkdtemp(prefix="gongkai-bench-search-")
    os.environ["GONGKAI_DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ["GONGKAI_VAR_DIR"] = tmp
    os.environ["GONGKAI_SECRET_KEY"] = secrets.token_urlsafe(40)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()


def build(n: int):
    from django.db import connection, transaction
    from django.utils import timezone

    from gongkai.core.bureau import ensure_people
    from gongkai.lib.search_text import segment
    from gongkai.publications.models import Category, Document, DocumentStatus

    people = ensure_people(password="bench-only-password")  # noqa: S106
    clerk = people["fagui"]
    rng = random.Random(2022)
    now = timezone.now()
    started = time.perf_counter()
    for start in range(0, n, 5000):
        rows, words = [], []
        for i in range(start, min(n, start + 5000)):
            chosen = rng.sample(PHRASES, 6)
            if i % 1000 == 7:
                chosen.insert(3, f"对相关企业开展{RARE[(i // 1000) % 3]}专项治理")
            title = f"广州市应急管理局关于{chosen[0]}的通知（第{i}号）"
            body = "。".join(f"{k + 1}、{c}" for k, c in enumerate(chosen)) + "。"
            rows.append(
                Document(
                    title=title,
                    body=f"<p>{body}</p>",
                    body_text=body,
                    unit=clerk.unit,
                    created_by=clerk,
                    category=rng.choice(Category.values),
                    written_on=dt.date(2022, 1, 1) + dt.timedelta(days=i % 360),
                    status=DocumentStatus.PUBLISHED,
                    published_at=now - dt.timedelta(minutes=i),
                    index_no=f"BENCH/2022-{i:06d}",
                )
            )
            words.append(segment(title) + " " + " ".join(segment(c) for c in chosen))
        with transaction.atomic():
            created = Document.objects.bulk_create(rows)
            with connection.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO publications_search (rowid, words) VALUES (%s, %s)",
                    [(d.pk, w) for d, w in zip(created, words, strict=True)],
                )
    print(f"built {n:,} documents and their index in {time.perf_counter() - started:.1f} s")


def timed(fn, rounds=7):
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return times


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    setup()
    from django.core.management import call_command
    from django.db.models import Q

    call_command("migrate", verbosity=0, skip_checks=True)
    build(n)
    from gongkai.publications import search
    from gongkai.publications.models import Document

    search.search("预热")  # load jieba once, outside the timings

    def like(q):
        hits = Document.public.filter(Q(title__contains=q) | Q(body_text__contains=q))
        return hits.count(), list(hits.order_by("-published_at")[:20])

    fts_all, like_all = [], []
    print(f"{'query':<8} {'hits':>7}   FTS median/p95 ms   LIKE median/p95 ms")
    for q in QUERIES:
        total = search.search(q).total
        f = timed(lambda q=q: search.search(q, limit=20))
        l = timed(lambda q=q: like(q))  # noqa: E741
        fts_all += f
        like_all += l
        print(
            f"{q:<8} {total:>7}   {statistics.median(f):7.1f} / {max(f):7.1f}     "
            f"{statistics.median(l):7.1f} / {max(l):7.1f}"
        )
    p95 = lambda xs: sorted(xs)[int(len(xs) * 0.95) - 1]  # noqa: E731
    print(
        f"ALL queries: FTS median {statistics.median(fts_all):.1f} ms, p95 {p95(fts_all):.1f} ms; "
        f"LIKE median {statistics.median(like_all):.1f} ms, p95 {p95(like_all):.1f} ms"
    )


if __name__ == "__main__":
    main()
