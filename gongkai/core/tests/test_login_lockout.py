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
