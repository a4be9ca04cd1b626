"""Sign-ups for a decision meeting under concurrency around its closing time (issue 12).

The real server (gunicorn, 2 workers, --preload, bound to 127.0.0.1) serves one published
meeting whose sign-up closes CLOSE_IN seconds after the load starts. CLIENTS concurrent
citizens behave like the form in a browser: GET the sign-up page (CSRF cookie, token, the
form's idempotency key), POST it with their own phone number, and some press 提交 twice (the
same form again). The load runs until AFTER seconds past the closing time. Then the database
is checked against what each citizen was told:

  accepted        answers that showed a receipt number
  lost            accepted but not stored under that number (must be 0)
  duplicated      one citizen (phone) stored more than once, or two answers with different
                  numbers for one form (must be 0)
  late accepted   stored sign-ups whose time is at or after the closing time, or accepted
                  answers to a form first sent after it (must be 0; a double click's second
                  POST sent after it gets the first one's number back, as a retry should)
  early refused   "报名已于…截止" answers received before the closing time (must be 0)
  refused         answers that said sign-up had closed (after the closing time)

Database: a throwaway SQLite file, or PostgreSQL when GONGKAI_DATABASE_URL names one (a fresh
database on that server, dropped afterwards), e.g.
    GONGKAI_TEST_PG_PORT=5445 scripts/with-postgres .venv/bin/python bench/bench_meetings.py

Run: .venv/bin/python bench/bench_meetings.py [--clients 16] [--close-in 6] [--after 3]
Bounded: well under a minute plus start-up.
"""

import argparse
import http.client
import random
import re
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_durability import Server, setup_database  # noqa: E402
from bench.bench_portal_load import free_port  # noqa: E402

FORM = {
    "name": "压测报名",
    "email": "",
    "district": "天河区",
    "occupation": "工程师",
    "statement": "并发报名测试：关注危化品仓储安全。",
    "conflicts": "无",
    "publish_consent": "on",
    "eligible": "on",
}
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
KEY = re.compile(r'name="idempotency_key" value="([^"]+)"')
RECEIPT = re.compile(r'id="receipt-no">([^<]+)<')
CLOSED = "截止，不再接受报名"


def make_meeting(close_in: float):
    """A 法规处 meeting, published, whose sign-up closes `close_in` seconds from now."""
    import datetime as dt

    import django

    django.setup()
    from django.utils import timezone

    from gongkai.core.bureau import ensure_units
    from gongkai.core.models import User
    from gongkai.core.roles import Role
    from gongkai.meetings.services import meeting_create

    units = ensure_units()
    clerk = User.objects.create(username="bench_clerk", unit=units["法规处"])
    clerk.set_roles([Role.CLERK])
    head = User.objects.create(username="bench_head", unit=units["法规处"])
    head.set_roles([Role.UNIT_HEAD])
    now = timezone.now()
    meeting = meeting_create(
        by=clerk,
        unit=units["法规处"],
        title="并发报名压测会议",
        topics="压测",
        starts_at=now + dt.timedelta(days=5),
        place="会议室",
        public_seats=10,
        selection="lottery",
        signup_opens=now - dt.timedelta(minutes=1),
        signup_closes=now + dt.timedelta(seconds=close_in),
        seed_source="福彩3D开奖号码",
        seed_date=timezone.localdate() + dt.timedelta(days=2),
    )
    meeting.submit(by=clerk)
    meeting.publish(by=head)
    return meeting.pk, meeting.signup_closes.timestamp()


def citizen(port, pk, closes, stop_at, serial, results, errors, lock):
    """One citizen after another: open the form, send it (sometimes twice), note the answer."""
    path = f"/hudong/meetings/{pk}/signup/"
    rng = random.Random()
    while time.time() < stop_at:
        with lock:
            serial[0] += 1
            phone = f"137{serial[0]:08d}"
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
            conn.request("GET", path)
            response = conn.getresponse()
            page = response.read().decode()
            cookie = response.getheader("Set-Cookie", "").split(";")[0]
            token, key = TOKEN.search(page).group(1), KEY.search(page).group(1)
        except (OSError, http.client.HTTPException, AttributeError):
            with lock:  # after the closing time the page shows no form: expected
                errors["no form, after closing" if time.time() >= closes else "GET failed"] += 1
            continue
        body = urlencode(
            {"csrfmiddlewaretoken": token, "idempotency_key": key, "phone": phone, **FORM}
        )
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": cookie,
            "Referer": f"http://127.0.0.1:{port}{path}",
        }
        for _ in range(2 if rng.random() < 0.3 else 1):  # a double click sends the form twice
            sent = time.time()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
                conn.request("POST", path, body=body, headers=headers)
                reply = conn.getresponse()
                text = reply.read().decode()
            except (OSError, http.client.HTTPException) as exc:
                with lock:
                    errors[type(exc).__name__] += 1
                continue
            answered = time.time()
            found = RECEIPT.search(text)
            outcome = (
                found.group(1)
                if found
                else ("closed" if CLOSED in text else f"HTTP {reply.status}")
            )
            with lock:
                results.append((phone, key, sent, answered, outcome))


def check(pk, closes, results):
    import datetime as dt

    from django.db import connection
    from django.db.models import Count

    from gongkai.meetings.models import SignUp

    stored = SignUp.objects.filter(meeting_id=pk)
    by_phone = dict(stored.values_list("phone", "receipt_no"))
    accepted = [r for r in results if r[4].startswith("LX")]
    lost = sum(1 for phone, _, _, _, receipt in accepted if by_phone.get(phone) != receipt)
    per_phone = stored.values("phone").annotate(n=Count("id")).filter(n__gt=1).count()
    per_form = {}
    for _, key, _, _, receipt in accepted:
        per_form.setdefault(key, set()).add(receipt)
    duplicated = per_phone + sum(1 for receipts in per_form.values() if len(receipts) > 1)
    close_at = dt.datetime.fromtimestamp(closes, tz=dt.UTC)
    late_stored = stored.filter(submitted_at__gte=close_at).count()
    # A double click's second POST may leave after the closing time and rightly get the first
    # one's number back: a form is late when its first POST left after the closing time.
    first_sent = {}
    for _, key, sent, _, _ in results:
        first_sent[key] = min(sent, first_sent.get(key, sent))
    late_answers = sum(1 for _, key, _, _, _ in accepted if first_sent[key] >= closes)
    retries_after = sum(1 for _, key, sent, _, _ in accepted if sent >= closes > first_sent[key])
    refused = [r for r in results if r[4] == "closed"]
    early_refused = sum(1 for _, _, _, answered, _ in refused if answered < closes)
    acknowledged_phones = {phone for phone, *_ in accepted}
    return {
        "vendor": connection.vendor,
        "answers": len(results),
        "accepted": len(accepted),
        "accepted_forms": len(acknowledged_phones),
        "stored": stored.count(),
        "stored_unacknowledged": len(set(by_phone) - acknowledged_phones),
        "lost": lost,
        "duplicated": duplicated,
        "late_accepted": late_stored + late_answers,
        "refused": len(refused),
        "retries_after": retries_after,
        "early_refused": early_refused,
        "other": Counter(r[4] for r in results if not r[4].startswith("LX") and r[4] != "closed"),
        "last_accepted_before_close": min(
            (closes - first_sent[key] for _, key, _, _, _ in accepted), default=None
        ),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--close-in", type=float, default=6, help="seconds from start to closing")
    parser.add_argument("--after", type=float, default=3, help="seconds of load after closing")
    args = parser.parse_args()
    env, url, drop = setup_database()
    env["GONGKAI_MEETING_SIGNUP_RATE_PER_HOUR"] = "1000000"  # one loopback address sends all
    server = None
    try:
        gk = [sys.executable, "-m", "gongkai"]
        subprocess.run([*gk, "migrate", "--noinput", "-v", "0"], env=env, cwd=ROOT, check=True)
        server = Server(env, free_port())
        server.start()
        pk, closes = make_meeting(args.close_in)
        results, errors, lock, serial = [], Counter(), threading.Lock(), [0]
        stop_at = closes + args.after
        threads = [
            threading.Thread(
                target=citizen,
                args=(server.port, pk, closes, stop_at, serial, results, errors, lock),
            )
            for _ in range(args.clients)
        ]
        started = time.time()
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        elapsed = time.time() - started
        server.stop()
        result = check(pk, closes, results)
    finally:
        if server:
            server.stop()
        if drop:
            from django.db import connections

            connections.close_all()
            drop()
    print(
        f"{result['vendor']}: {args.clients} citizens, gunicorn 2 workers, sign-up closing "
        f"{args.close_in:.0f} s into the load, load until {args.after:.0f} s after "
        f"({elapsed:.1f} s)"
    )
    print(
        f"  answers {result['answers']}  accepted {result['accepted']} "
        f"({result['accepted_forms']} citizens, the rest double clicks)  "
        f"stored {result['stored']}  refused after closing {result['refused']}"
    )
    print(
        f"  lost {result['lost']}  duplicated {result['duplicated']}  late accepted "
        f"{result['late_accepted']}  early refused {result['early_refused']}  stored but never "
        f"acknowledged {result['stored_unacknowledged']}; second clicks sent after the closing "
        f"time that got the first click's number {result['retries_after']}"
    )
    gap = result["last_accepted_before_close"]
    print(
        f"  the last accepted form was first sent {gap * 1000:.0f} ms before the closing time; "
        f"sign-ups/s before closing: {result['accepted_forms'] / args.close_in:.0f}; "
        f"other answers {dict(result['other'])}; failed tries {dict(errors)}"
    )
    if result["lost"] or result["duplicated"] or result["late_accepted"] or result["early_refused"]:
        raise SystemExit("FAILED: a sign-up was lost, duplicated, accepted late or refused early")


if __name__ == "__main__":
    main()
