"""The portal under a crawler: pages nobody asked for before, beside the home page, same run.

Builds N published documents (default 100,000; some with attachments, interpretations and
replaced versions), starts the server as `make run` does (`gongkai serve`'s granian command and
worker count, GONGKAI_WORKERS or 2) on 127.0.0.1 only, and lets 16 keep-alive clients ask for
  - the home page (the baseline: a template with no database reads),
  - document pages in a random order, each id once (nothing comes from the page cache; each
    page was generated as publishing does, `gongkai pages generate` after the bulk load),
  - random two-word searches with a random page 1–10, each (query, page) once,
each phase for a fixed number of seconds (after one second of warm-up from the same stream),
printing req/s, median, p99 and the ratio to the home page, and the CPU the server's workers
spent per request (and on PostgreSQL on this machine, its backends' CPU for the run's
database), which other work on the machine hardly moves; the client's own CPU per request
(Python threads on the same cores: about 0.1-0.2 ms a request, a twentieth of a search's) and
the load average after each phase, since other work on the machine moves req/s and p99.
The goal (issue 15): a cold document page ≥ 0.5× the home page's req/s, search p99 < 100 ms.

Database: a throwaway SQLite file, or PostgreSQL when GONGKAI_DATABASE_URL names one (a fresh
database is created on that server and dropped afterwards), e.g.
    GONGKAI_TEST_PG_PORT=54334 scripts/with-postgres .venv/bin/python bench/bench_portal_crawl.py

Run: .venv/bin/python bench/bench_portal_crawl.py [--docs N] [--seconds S] [--data DIR]
(--data keeps the data set — the SQLite file in DIR, or on PostgreSQL a database named after
DIR — and reuses it next time.)
"""

import argparse
import datetime as dt
import functools
import itertools
import os
import random
import secrets
import shutil
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._load import Paths, free_port, load, start_server, stop_server, workers_cpu  # noqa: E402
from bench.bench_search import PHRASES, RARE  # noqa: E402

CLIENTS = 16
# A district and an industry per document: words found in ~9% and ~2.5% of documents, so that
# random pairs range from thousands of matches (listed newest first) to a few (ranked by bm25).
DISTRICTS = "越秀区 海珠区 荔湾区 天河区 白云区 黄埔区 番禺区 花都区 南沙区 从化区 增城区".split()
INDUSTRIES = (
    "化工 冶金 有色 建材 机械 轻工 纺织 烟草 商贸 仓储 港口 码头 燃气 加油站 矿山 "
    "隧道 桥梁 地铁 医院 学校 商场 酒店 工地 电厂 物流 冷库 粮库 印刷 家具 食品 "
    "塑料 橡胶 电镀 铸造 锅炉 电梯 游乐 景区 农贸 船舶"
).split()
FILLER = (
    "各有关单位要高度重视，结合实际制定具体措施，明确责任分工，确保各项工作落到实处，"
    "并于每季度末报送工作进展情况"
)


@functools.cache
def _segment(text):
    from gongkai.lib.search_text import segment

    return segment(text)


def build(n: int) -> None:
    """N published documents and their search index, written in bulk (no review chain)."""
    from django.db import connection, transaction
    from django.utils import timezone

    from gongkai.core.bureau import ensure_people
    from gongkai.publications.models import (
        Attachment,
        Category,
        Document,
        DocumentStatus,
        Kind,
        Validity,
    )

    people = ensure_people(password="bench-only-password")  # noqa: S106
    clerks = [p for p in people.values() if p.unit_id]
    rng = random.Random(2022)
    now = timezone.now()
    pg = connection.vendor == "postgresql"
    insert = (
        "INSERT INTO publications_search (rowid, words) VALUES (%s, to_tsvector('simple', %s))"
        if pg
        else "INSERT INTO publications_search (rowid, words) VALUES (%s, %s)"
    )
    started = time.perf_counter()
    for start in range(0, n, 5000):
        rows, words, chosen_of = [], [], []
        for i in range(start, min(n, start + 5000)):
            chosen = rng.sample(PHRASES, 6)
            if i % 1000 == 7:
                chosen.insert(3, f"对相关企业开展{RARE[(i // 1000) % 3]}专项治理")
            kind, validity = Kind.GENERAL, ""
            if i % 20 == 19:
                kind = Kind.INTERPRETATION
            elif i % 25 == 0:
                kind, validity = (
                    Kind.NORMATIVE,
                    Validity.REPEALED if i % 100 == 0 else Validity.CURRENT,
                )
            chosen.append(f"{rng.choice(DISTRICTS)}{rng.choice(INDUSTRIES)}企业检查")
            title = f"广州市应急管理局关于{chosen[0]}的通知（第{i}号）"
            paragraphs = [f"{k + 1}、{c}。{FILLER}。" for k, c in enumerate(chosen)]
            body_text = "\n".join(paragraphs)
            clerk = rng.choice(clerks)
            rows.append(
                Document(
                    title=title,
                    doc_no=f"穗应急〔2022〕{i}号",
                    summary=f"关于{chosen[1]}的安排",
                    unit=clerk.unit,
                    created_by=clerk,
                    body="".join(f"<p>{p}</p>" for p in paragraphs),
                    body_text=body_text,
                    category=rng.choice(Category.values),
                    kind=kind,
                    validity=validity,
                    written_on=dt.date(2022, 1, 1) + dt.timedelta(days=i % 360),
                    expires_on=dt.date(2022, 12, 31) if validity == Validity.REPEALED else None,
                    status=DocumentStatus.PUBLISHED,
                    published_at=now - dt.timedelta(minutes=n - i),
                    index_no=f"BENCH/2022-{i:06d}",
                )
            )
            chosen_of.append(chosen)
            words.append(
                " ".join(
                    [_segment(title), _segment(f"穗应急〔2022〕{i}号")]
                    + [_segment(c) for c in chosen]
                    + [_segment(FILLER)]
                )
            )
        with transaction.atomic():
            created = Document.objects.bulk_create(rows)
            attachments = [
                Attachment(
                    document=d,
                    file=f"bench/{d.pk}.docx",
                    original_name=f"附件{d.pk}.docx",
                    kind="docx",
                    size=20480,
                    sha256="0" * 64,
                    text=chosen[-1],
                )
                for d, chosen in zip(created, chosen_of, strict=True)
                if d.pk % 5 == 0
            ]
            Attachment.objects.bulk_create(attachments)
            for d in created:
                if d.kind == Kind.INTERPRETATION:
                    d.interprets_id = d.pk - 1
                elif d.validity == Validity.REPEALED:
                    d.replaced_by_id = d.pk + 25
            Document.objects.bulk_update(
                [d for d in created if d.interprets_id or d.replaced_by_id],
                ["interprets", "replaced_by"],
            )
            with connection.cursor() as cursor:
                cursor.executemany(insert, [(d.pk, w) for d, w in zip(created, words, strict=True)])
    if pg:  # what autovacuum does soon after a bulk load (SQLite keeps no statistics unless asked)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"built {n:,} documents and their search index in {time.perf_counter() - started:.0f} s")


def query_words() -> list[str]:
    words = {w for phrase in PHRASES for w in _segment(phrase).split() if len(w) >= 2}
    return sorted(words | set(RARE) | set(DISTRICTS) | set(INDUSTRIES) | {"通知", "广州市"})


def setup_database(args):
    """Environment for Django and the server; a fresh database (or the kept SQLite one)."""
    url = os.environ.get("GONGKAI_DATABASE_URL", "")
    data = Path(args.data) if args.data else Path(tempfile.mkdtemp(prefix="gongkai-bench-crawl-"))
    data.mkdir(parents=True, exist_ok=True)
    drop = None
    if url.startswith("postgres"):
        import psycopg

        keep = "".join(c for c in data.name if c.isalnum()) if args.data else ""
        name = f"gongkai_crawl_{keep or secrets.token_hex(4)}"
        admin = url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                conn.execute(f"CREATE DATABASE {name}")
        url = url.rsplit("/", 1)[0] + "/" + name

        def drop():
            if not keep:
                with psycopg.connect(admin, autocommit=True) as conn:
                    conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    else:
        url = f"sqlite:///{data}/crawl.sqlite3"
    shutil.rmtree(data / "cache", ignore_errors=True)  # every run starts with a cold page cache
    env = {
        "GONGKAI_DATABASE_URL": url,
        "GONGKAI_VAR_DIR": str(data),
        "GONGKAI_SECRET_KEY": secrets.token_urlsafe(40),
        "GONGKAI_ALLOWED_HOSTS": "127.0.0.1",
        "GONGKAI_LOG_LEVEL": "ERROR",
        "DJANGO_SETTINGS_MODULE": "gongkai.settings",
    }
    os.environ.update(env)
    return env, drop


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--data", help="keep the data set (SQLite: in this folder) and reuse it")
    args = parser.parse_args()
    env, drop = setup_database(args)
    try:
        run(args, env)
    finally:
        if drop:
            drop()


def run(args, env):
    import django

    django.setup()
    from django.core.management import call_command

    from gongkai.publications import pages
    from gongkai.publications.models import Document, DocumentPage

    call_command("migrate", verbosity=0)
    if Document.public.count() != args.docs:
        if Document.objects.exists():
            raise SystemExit(f"{env['GONGKAI_DATABASE_URL']} holds another data set: remove it")
        build(args.docs)
    if DocumentPage.objects.filter(version=pages.version()).count() != args.docs:
        started = time.perf_counter()
        count = pages.generate_all(missing_only=True)
        print(f"generated {count:,} document pages in {time.perf_counter() - started:.0f} s")
    ids = list(Document.public.values_list("pk", flat=True))
    vendor = django.db.connection.vendor
    django.db.connections.close_all()

    rng = random.Random()
    rng.shuffle(ids)
    words = query_words()
    queries = [(a, b, page) for a, b in itertools.combinations(words, 2) for page in range(1, 11)]
    rng.shuffle(queries)
    port = free_port()
    server = start_server(env, port)
    workers = server_workers(server.pid)
    try:
        phases = [
            ("home page (baseline)", Paths(itertools.repeat("/"))),
            ("document, random id", Paths(itertools.cycle(f"/gk/doc/{pk}/" for pk in ids))),
            (
                "search, 2 words + page",
                Paths(
                    itertools.cycle(
                        f"/gk/search/?q={quote(a + ' ' + b)}&page={p}" for a, b, p in queries
                    )
                ),
            ),
        ]
        print(
            f"{vendor}, {args.docs:,} documents, {CLIENTS} clients, "
            f"`gongkai serve`'s server ({workers} granian workers), "
            f"{args.seconds:.0f} s per phase, 127.0.0.1:{port}, load average "
            + " ".join(f"{x:.2f}" for x in os.getloadavg())
        )
        base = None
        database = env["GONGKAI_DATABASE_URL"].rsplit("/", 1)[1] if vendor == "postgresql" else ""
        for label, paths in phases:
            # One second not counted, from the same stream: a server that has been running has
            # compiled its templates and opened its connections in every thread.
            load(port, paths, 1, CLIENTS)
            cpu, db_cpu = workers_cpu(server.pid), database_cpu(database)
            r = load(port, paths, args.seconds, CLIENTS)
            requests = max(1, r.rps * args.seconds)
            cpu = (workers_cpu(server.pid) - cpu) * 1000 / requests
            db_cpu = (database_cpu(database) - db_cpu) * 1000 / requests
            base = base or (r.rps, cpu)
            print(
                f"  {label:<24} {r.rps:7.0f} req/s  median {r.median:6.1f} ms  "
                f"p99 {r.p99:6.1f} ms  {r.rps / base[0]:5.2f}× home  "
                f"server CPU {cpu:5.2f} ms/req ({base[1] / cpu:4.2f}× home)"
                + (f" + database {db_cpu:5.2f} ms/req" if database else "")
                + f"  client CPU {r.client_cpu:4.2f} ms/req  load {os.getloadavg()[0]:.2f}"
                + f"  errors {len(r.errors)}{' e.g. ' + str(r.errors[0]) if r.errors else ''}"
            )
    finally:
        stop_server(server)


def database_cpu(name: str) -> float:
    """Seconds of CPU used so far by this machine's PostgreSQL backends serving database `name`
    (0 on SQLite, or when the server runs elsewhere)."""
    ticks = 0
    if name:
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    title = (entry / "cmdline").read_bytes().split(b"\0")[0].decode()
                    if title.startswith("postgres: ") and f" {name} " in title:
                        fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                        ticks += int(fields[11]) + int(fields[12])
                except (OSError, UnicodeDecodeError):
                    continue
    return ticks / os.sysconf("SC_CLK_TCK")


def server_workers(master: int) -> int:
    """How many worker processes the server started (its children)."""
    count = 0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == master:
                    count += 1
            except OSError:
                continue
    return count


if __name__ == "__main__":
    main()
