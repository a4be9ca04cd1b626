"""One sign-in page, one lockout: name variants, the admin's door, proxies and IPv6 networks."""

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from gongkai.core import throttle
from gongkai.core.models import AuditEntry, Throttle
from gongkai.testing import TEST_PASSWORD

ROOT = Path(__file__).resolve().parents[3]


def _login(client, username, password, **meta):
    return client.post(reverse("core:login"), {"username": username, "password": password}, **meta)


def _locked(response) -> bool:
    return "登录失败次数过多" in response.content.decode()


def test_spelling_variants_of_a_name_count_against_one_account(client, cast, settings):
    settings.LOGIN_MAX_FAILURES = 3
    for variant in [" fagui", "ＦＡＧＵＩ", "Fagui "]:  # leading space, full-width, capital
        assert not _locked(_login(client, variant, "wrong-guess"))
    response = _login(client, "fagui", TEST_PASSWORD)
    assert _locked(response)
    assert "_auth_user_id" not in client.session


def test_a_variant_spelling_signs_in_to_the_same_account(client, cast):
    response = _login(client, " ＦＡＧＵＩ ", TEST_PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(cast.clerk.pk)


def test_names_are_stored_in_their_one_spelling(db):
    from gongkai.core.models import User

    user = User.objects.create_user(" ＺｈａｎｇＳａｎ", password="Long-enough-pass-2022")
    assert user.username == "zhangsan"


def test_each_failed_sign_in_is_in_the_audit_log(client, cast):
    _login(client, "Admin", "wrong-guess", REMOTE_ADDR="203.0.113.9")
    entry = AuditEntry.objects.get(action="auth.login_failed")
    assert entry.data == {"username": "admin"} and entry.ip == "203.0.113.9"
    assert entry.actor is None


def test_the_admin_has_no_sign_in_page_of_its_own(client, cast):
    response = client.post(
        "/admin/login/?next=/admin/core/auditentry/",
        {"username": "admin", "password": TEST_PASSWORD},
    )
    assert response.status_code == 302
    assert response.url == "/staff/login/?next=%2Fadmin%2Fcore%2Fauditentry%2F"
    assert "_auth_user_id" not in client.session  # the password was never tried there


def test_the_admin_signs_in_through_the_staff_login_and_comes_back(client, cast):
    cast.admin.is_staff = True
    cast.admin.save()
    response = client.post(
        "/staff/login/?next=/admin/",
        {"username": "admin", "password": TEST_PASSWORD, "next": "/admin/"},
    )
    assert response.status_code == 302 and response.url == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert AuditEntry.objects.filter(action="auth.login", actor=cast.admin).count() == 1


def test_guessing_at_the_admin_is_locked_out_like_any_sign_in(client, cast, settings):
    settings.LOGIN_MAX_FAILURES = 2
    for _ in range(2):
        client.post("/admin/login/", {"username": "admin", "password": "guess"}, follow=True)
        _login(client, "admin", "guess")
    assert _locked(_login(client, "admin", TEST_PASSWORD))
    assert AuditEntry.objects.filter(action="auth.login_failed").count() == 2


def test_the_address_lockout_keys_on_the_client_a_trusted_proxy_names(client, cast, settings):
    settings.LOGIN_MAX_FAILURES = 1  # 4 failures per address
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    via_proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for name in ["a1", "a2", "a3", "a4"]:
        _login(client, name, "guess", HTTP_X_FORWARDED_FOR="203.0.113.5", **via_proxy)
    assert _locked(_login(client, "a5", "guess", HTTP_X_FORWARDED_FOR="203.0.113.5", **via_proxy))
    # another citizen behind the same proxy is not locked out by the first one's guesses
    other = _login(
        client, "fagui", TEST_PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.2, 10.0.0.7", **via_proxy
    )
    assert other.status_code == 302


def test_a_forwarded_header_from_an_untrusted_peer_is_ignored(client, cast, settings):
    settings.LOGIN_MAX_FAILURES = 1
    settings.TRUSTED_PROXIES = []
    for i in range(4):
        _login(
            client,
            f"a{i}",
            "guess",
            REMOTE_ADDR="203.0.113.5",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{i}",
        )
    response = _login(
        client, "a9", "guess", REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="198.51.100.99"
    )
    assert _locked(response)


def test_ipv6_addresses_in_one_64_share_one_quota(client, cast, settings):
    settings.LOGIN_MAX_FAILURES = 1
    for i in range(4):
        _login(client, f"a{i}", "guess", REMOTE_ADDR=f"2001:db8:1:2::{i + 1:x}")
    assert _locked(_login(client, "a9", "guess", REMOTE_ADDR="2001:db8:1:2:ffff::1"))
    assert not _locked(_login(client, "a9", "guess", REMOTE_ADDR="2001:db8:1:3::1"))


def test_ipv4_mapped_peers_count_as_their_ipv4_address(client, cast, settings):
    settings.LOGIN_MAX_FAILURES = 1
    for i in range(2):
        _login(client, f"a{i}", "guess", REMOTE_ADDR="::ffff:203.0.113.5")
        _login(client, f"b{i}", "guess", REMOTE_ADDR="203.0.113.5")
    assert _locked(_login(client, "a9", "guess", REMOTE_ADDR="203.0.113.5"))


def test_a_right_password_does_not_use_up_the_accounts_tries(client, cast, settings):
    settings.LOGIN_MAX_FAILURES = 2
    for _ in range(3):
        assert _login(Client(), "fagui", TEST_PASSWORD).status_code == 302
    assert _login(client, "fagui", "wrong-guess").status_code == 200
    assert _login(client, "fagui", TEST_PASSWORD).status_code == 302


RACE = """
import os
import subprocess
import sys
import threading
from pathlib import Path
import django
django.setup()
from django.core.management import call_command
from django.db import connection
call_command("migrate", "core", verbosity=0)
from gongkai.core import throttle
results, barrier = [], threading.Barrier(20)
def attempt():
    barrier.wait()
    try:
        results.append(throttle.take("race", limit=10, seconds=3600))
    finally:
        connection.close()
threads = [threading.Thread(target=attempt) for _ in range(20)]
for t in threads:
    t.start()
for t in threads:
    t.join(timeout=60)
print(results.count(True), results.count(False))
"""


def _race_in_threads():
    results, barrier = [], threading.Barrier(20)

    def attempt():
        barrier.wait()
        try:
            results.append(throttle.take("race", limit=10, seconds=3600))
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return results.count(True), results.count(False)


@pytest.mark.django_db(transaction=True)
def test_concurrent_attempts_never_get_past_the_limit(tmp_path):
    """20 requests at once against a limit of 10, each on its own connection (as in separate
    workers): exactly 10 get through. SQLite runs it on a file database in a child process,
    because the suite's in-memory one reports "table is locked" instead of waiting."""
    if connection.vendor == "sqlite":
        env = {
            **os.environ,
            "GONGKAI_DATABASE_URL": f"sqlite:///{tmp_path}/race.sqlite3",
            "GONGKAI_VAR_DIR": str(tmp_path),
            "DJANGO_SETTINGS_MODULE": "gongkai.settings",
            "GONGKAI_DEBUG": "true",
            "PYTHONPATH": str(ROOT),
        }
        run = subprocess.run(
            [sys.executable, "-c", RACE],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        granted, refused = map(int, run.stdout.split())
    else:
        granted, refused = _race_in_threads()
        assert Throttle.objects.get(key="race").count == 10
    assert (granted, refused) == (10, 10)


# ---- probe10 finding 1: a stranger's guesses lock out the stranger, not the owner ----

STRANGER = {"REMOTE_ADDR": "203.0.113.66"}
OWNER = {"REMOTE_ADDR": "198.51.100.7"}


def test_a_strangers_failures_do_not_lock_the_owner_out_from_another_address(client, cast):
    for _ in range(7):  # more than LOGIN_MAX_FAILURES (5), as the probe did
        _login(Client(), "shenpi", "wrong-guess", **STRANGER)
    response = _login(client, "shenpi", TEST_PASSWORD, **OWNER)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(cast.other_clerk.pk)


def test_the_strangers_own_address_stays_locked_and_nothing_else_is_written(client, cast):
    for _ in range(5):
        assert not _locked(_login(client, "shenpi", "wrong-guess", **STRANGER))
    before = (AuditEntry.objects.count(), sorted(Throttle.objects.values_list("key", "count")))
    response = _login(client, "shenpi", TEST_PASSWORD, **STRANGER)  # the right one, too late
    assert _locked(response) and "_auth_user_id" not in client.session
    assert (AuditEntry.objects.count(), sorted(Throttle.objects.values_list("key", "count"))) == (
        before
    )
    assert not AuditEntry.objects.filter(action="auth.login").exists()
    assert AuditEntry.objects.filter(action="auth.login_failed").count() == 5


def test_spelling_variants_from_one_address_share_its_count(client, cast):
    for variant in ["SHENPI", " shenpi", "ｓｈｅｎｐｉ", "shenpi\t", "Shenpi"]:
        assert not _locked(_login(client, variant, "wrong-guess", **STRANGER))
    assert _locked(_login(client, "ｓｈｅｎｐｉ", TEST_PASSWORD, **STRANGER))
    assert _login(Client(), " SHENPI ", TEST_PASSWORD, **OWNER).status_code == 302


def test_beyond_the_days_cap_an_address_that_failed_may_not_try_but_a_clean_one_may(
    client, cast, settings
):
    """The slow per-account cap: 6 failures from 3 addresses fill it; then the addresses that
    failed are refused (even after their 15 minutes), the owner's clean address is not."""
    import datetime as dt

    import time_machine

    settings.LOGIN_MAX_FAILURES, settings.LOGIN_ACCOUNT_MAX_FAILURES = 2, 6
    bots = [{"REMOTE_ADDR": f"203.0.113.{i}"} for i in (1, 2, 3)]
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        for bot in bots:
            for _ in range(2):
                _login(Client(), "lingdao", "wrong-guess", **bot)
    with time_machine.travel(start + dt.timedelta(minutes=30), tick=False):  # pair windows over
        failed = AuditEntry.objects.filter(action="auth.login_failed").count()
        refused = _login(Client(), "lingdao", TEST_PASSWORD, **bots[0])
        assert "该账号今天登录失败次数过多" in refused.content.decode()
        assert AuditEntry.objects.filter(action="auth.login_failed").count() == failed
        # a fresh address still gets a first guess; its failure then shuts it too
        fresh = {"REMOTE_ADDR": "203.0.113.99"}
        assert (
            "用户名或密码不正确" in _login(Client(), "lingdao", "x-guess", **fresh).content.decode()
        )
        assert "该账号今天" in _login(Client(), "lingdao", "y-guess", **fresh).content.decode()
        assert _login(client, "lingdao", TEST_PASSWORD, **OWNER).status_code == 302
    with time_machine.travel(start + dt.timedelta(hours=25), tick=False):  # the day is over
        assert _login(Client(), "lingdao", TEST_PASSWORD, **bots[0]).status_code == 302


def test_the_owner_is_told_of_the_failures_since_their_last_sign_in(client, cast):
    from gongkai.core.models import Notification

    assert _login(Client(), "lingdao", TEST_PASSWORD, **OWNER).status_code == 302
    for _ in range(3):
        _login(Client(), "LINGDAO", "wrong-guess", **STRANGER)
    _login(Client(), "fagui", "wrong-guess", **STRANGER)  # someone else's: not counted
    assert _login(client, "lingdao", TEST_PASSWORD, **OWNER).status_code == 302
    login = AuditEntry.objects.filter(action="auth.login", actor=cast.leader).first()
    assert login.data == {"failed_since_last": 3}
    notice = Notification.objects.get(user=cast.leader)
    assert "3次登录失败" in notice.text and "203.0.113.66" in notice.text
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "3次登录失败" in page
    # told once: the next sign-in has nothing new to say
    assert _login(Client(), "lingdao", TEST_PASSWORD, **OWNER).status_code == 302
    assert AuditEntry.objects.filter(action="auth.login", actor=cast.leader).first().data == {}
    assert Notification.objects.filter(user=cast.leader).count() == 1
