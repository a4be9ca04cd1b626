"""修改密码 (probe10 finding 2): staff set their own password, and one the administrator set
must be replaced before anything else, so that an audit row under a name was that person."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.management.commands import changepassword
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from gongkai.core.bureau import DEMO_PASSWORD, ensure_people
from gongkai.core.models import AuditEntry, Notification, User
from gongkai.testing import TEST_PASSWORD

NEW = "Qing-shui-he-2026"
PAGE = reverse("core:password_change")


def _signed_in(username, password=TEST_PASSWORD) -> Client:
    client = Client()
    response = client.post(reverse("core:login"), {"username": username, "password": password})
    assert response.status_code == 302, response.content.decode()[:300]
    return client


def _change(client, old, new1, new2=None):
    data = {"old_password": old, "new_password1": new1, "new_password2": new2 or new1}
    return client.post(PAGE, data)


def _password_rows():
    return list(AuditEntry.objects.filter(action__startswith="user.").values_list("action", "id"))


def test_a_clerk_changes_their_password_and_their_other_sessions_end(cast):
    desk, laptop = _signed_in("fagui"), _signed_in("fagui")
    response = _change(desk, TEST_PASSWORD, NEW)
    assert response.status_code == 302 and response.url == reverse("core:dashboard")
    cast.clerk.refresh_from_db()
    assert cast.clerk.check_password(NEW) and not cast.clerk.must_change_password
    entry = AuditEntry.objects.get(action="user.change_password")
    assert entry.actor == cast.clerk and entry.target_id == str(cast.clerk.pk)
    assert entry.before is None and entry.after is None  # nothing forced: nothing to show
    row = str(AuditEntry.objects.filter(pk=entry.pk).values().get())
    assert NEW not in row and TEST_PASSWORD not in row and cast.clerk.password not in row
    assert desk.get(reverse("core:dashboard")).status_code == 200  # this session stays
    gone = laptop.get(reverse("core:dashboard"))  # the other one has ended
    assert gone.status_code == 302 and gone.url.startswith(reverse("core:login"))


def test_a_wrong_old_password_changes_nothing(cast):
    desk, laptop = _signed_in("fagui"), _signed_in("fagui")
    before = cast.clerk.password
    response = _change(desk, "not-my-password", NEW)
    assert response.status_code == 200
    assert "原密码不正确，请重新输入。" in response.content.decode()
    cast.clerk.refresh_from_db()
    assert cast.clerk.password == before and cast.clerk.check_password(TEST_PASSWORD)
    assert _password_rows() == []
    assert laptop.get(reverse("core:dashboard")).status_code == 200  # no session ended


def test_guessing_the_old_password_meets_the_sign_in_lockout(cast, settings):
    settings.LOGIN_MAX_FAILURES = 2
    desk = _signed_in("fagui")
    for _ in range(2):
        assert "原密码不正确" in _change(desk, "guess", NEW).content.decode()
    response = _change(desk, TEST_PASSWORD, NEW)  # the right one, too late
    assert "登录失败次数过多" in response.content.decode()
    cast.clerk.refresh_from_db()
    assert cast.clerk.check_password(TEST_PASSWORD) and _password_rows() == []


def test_mismatched_weak_or_unchanged_new_passwords_are_refused_in_chinese(cast):
    desk = _signed_in("fagui")
    cases = [
        (NEW, NEW + "x", "两次输入的新密码不一致，请重新输入。"),
        ("password123", None, "这个密码太常见了。"),  # Django's validators, in Chinese
        ("1234567890123", None, "密码只包含数字。"),
        ("Qsh-7", None, "密码太短，至少需要10个字符。"),
        (TEST_PASSWORD, None, "新密码不能与原密码相同。"),
    ]
    for new1, new2, said in cases:
        page = _change(desk, TEST_PASSWORD, new1, new2).content.decode()
        assert said in page, said
        assert 'class="field has-error"' in page  # at the field
    cast.clerk.refresh_from_db()
    assert cast.clerk.check_password(TEST_PASSWORD) and _password_rows() == []


def _admin_saves(cast, user, password):
    """The administrator saves `user` on the user page, as they are, with `password`."""
    admin = Client()
    admin.force_login(cast.admin)
    data = {
        "username": user.username,
        "full_name": user.full_name,
        "unit": user.unit_id,
        "roles": sorted(user.roles),
        "is_active": "on",
        "password": password,
    }
    assert admin.post(reverse("core:user_edit", args=[user.pk]), data).status_code == 302
    return admin


def test_a_password_the_admin_sets_must_be_changed_before_anything_else(cast):
    admin = _admin_saves(cast, cast.leader, "Admin-knows-this-1")
    cast.leader.refresh_from_db()
    assert cast.leader.must_change_password
    reset = AuditEntry.objects.get(action="user.set_password")
    assert reset.actor == cast.admin and reset.data == {"must_change_password": True}
    # the administrator's page never shows a password or its hash
    page = admin.get(reverse("core:user_edit", args=[cast.leader.pk])).content.decode()
    assert "Admin-knows-this-1" not in page and cast.leader.password not in page

    lingdao = _signed_in("lingdao", "Admin-knows-this-1")
    Notification.objects.create(user=cast.leader, key="k", text="待签发")
    rows = AuditEntry.objects.count()
    for url in [
        reverse("core:dashboard"),
        reverse("disclosure_requests:list"),
        reverse("core:deadline"),
        "/admin/",
        reverse("home"),
    ]:
        response = lingdao.get(url)
        assert response.status_code == 302 and response.url == PAGE, url
    refused = lingdao.post(reverse("core:notifications_read"))
    assert refused.status_code == 302 and refused.url == PAGE
    assert Notification.objects.get(key="k").read_at is None  # the POST did nothing
    assert AuditEntry.objects.count() == rows
    page = lingdao.get(PAGE).content.decode()
    assert "请先设置一个只有您自己知道的新密码" in page
    assert reverse("disclosure_requests:list") not in page  # the menu offers nothing else
    # the administrator's password typed again is not a new one
    assert (
        "新密码不能与原密码相同"
        in _change(lingdao, "Admin-knows-this-1", "Admin-knows-this-1").content.decode()
    )
    assert lingdao.get(reverse("core:dashboard")).url == PAGE

    assert _change(lingdao, "Admin-knows-this-1", NEW).status_code == 302
    cast.leader.refresh_from_db()
    assert not cast.leader.must_change_password and cast.leader.check_password(NEW)
    changed = AuditEntry.objects.get(action="user.change_password")
    assert changed.actor == cast.leader
    assert (changed.before, changed.after) == (
        {"must_change_password": True},
        {"must_change_password": False},
    )
    assert lingdao.get(reverse("core:dashboard")).status_code == 200


def test_a_forced_user_may_still_sign_out(cast):
    _admin_saves(cast, cast.clerk, "Admin-knows-this-1")
    fagui = _signed_in("fagui", "Admin-knows-this-1")
    response = fagui.post(reverse("core:logout"))
    assert response.status_code == 302 and "_auth_user_id" not in fagui.session


def test_an_edit_without_a_password_forces_nothing(cast):
    _admin_saves(cast, cast.clerk, "")
    cast.clerk.refresh_from_db()
    assert not cast.clerk.must_change_password


def test_the_command_line_reset_forces_a_change_too(cast, monkeypatch):
    monkeypatch.setattr(changepassword.Command, "_get_pass", lambda self, prompt=None: NEW)
    call_command("changepassword", "fagui", stdout=open("/dev/null", "w"))  # noqa: SIM115
    cast.clerk.refresh_from_db()
    assert cast.clerk.check_password(NEW) and cast.clerk.must_change_password
    entry = AuditEntry.objects.get(action="user.set_password")
    assert entry.actor is None and entry.data == {"must_change_password": True}


def test_the_command_line_and_the_user_page_write_the_same_reset(cast, monkeypatch):
    """One service (force_password_change) for every password set by another: the row of
    the command line and of the user page differ only in who acted."""
    monkeypatch.setattr(changepassword.Command, "_get_pass", lambda self, prompt=None: NEW)
    call_command("changepassword", "fagui", stdout=open("/dev/null", "w"))  # noqa: SIM115
    _admin_saves(cast, cast.leader, "Admin-knows-this-1")
    by_command, by_page = AuditEntry.objects.filter(action="user.set_password").order_by("id")
    assert (by_command.actor_name, by_page.actor) == ("命令行（changepassword）", cast.admin)
    for entry, user in [(by_command, cast.clerk), (by_page, cast.leader)]:
        assert entry.data == {"must_change_password": True} and entry.unit == user.unit
        assert entry.target_id == str(user.pk) and (entry.before, entry.after) == (None, None)


def test_a_new_user_s_password_is_a_reset_in_the_log(client, cast):
    """The administrator chose it: the log says so as for any reset, and the user must change it."""
    client.force_login(cast.admin)
    data = {
        "username": "tongji",
        "unit": cast.clerk.unit_id,
        "roles": sorted(cast.clerk.roles),
        "password": "Tongji-2022-secret",
        "is_active": "on",
    }
    assert client.post(reverse("core:user_create"), data).status_code == 302
    user = User.objects.get(username="tongji")
    assert user.check_password("Tongji-2022-secret") and user.must_change_password
    entry = AuditEntry.objects.get(action="user.set_password")
    assert entry.actor == cast.admin and entry.target_id == str(user.pk)
    assert entry.data == {"must_change_password": True}
    assert "Tongji-2022-secret" not in str(AuditEntry.objects.values().get(pk=entry.pk))


def test_an_admin_setting_their_own_password_is_not_forced(cast):
    _admin_saves(cast, cast.admin, "Admin-knows-this-1")
    cast.admin.refresh_from_db()
    assert cast.admin.check_password("Admin-knows-this-1") and not cast.admin.must_change_password
    entry = AuditEntry.objects.get(action="user.set_password")
    assert entry.data == {"must_change_password": False}


def test_a_command_line_reset_that_fails_writes_nothing(cast, monkeypatch):
    typed = iter(["Qing-shui-he-2026", "something-else-1"] * 3)  # never the same twice
    monkeypatch.setattr(changepassword.Command, "_get_pass", lambda self, prompt=None: next(typed))
    before = cast.clerk.password
    with pytest.raises(CommandError):
        call_command("changepassword", "fagui", stdout=open("/dev/null", "w"))  # noqa: SIM115
    cast.clerk.refresh_from_db()
    assert cast.clerk.password == before and not cast.clerk.must_change_password
    assert _password_rows() == []


def test_the_demo_logins_are_not_forced(db):
    people = ensure_people()
    assert not any(user.must_change_password for user in people.values())
    client = _signed_in("fagui", DEMO_PASSWORD)
    assert client.get(reverse("core:dashboard")).status_code == 200


def test_the_migration_forces_those_whose_password_the_admin_set(cast):
    _admin_saves(cast, cast.clerk, "Admin-knows-this-1")
    User.objects.update(must_change_password=False)
    migration = importlib.import_module("gongkai.core.migrations.0010_user_must_change_password")
    migration.force_passwords_the_admin_set(apps, None)
    forced = set(User.objects.filter(must_change_password=True).values_list("username", flat=True))
    assert forced == {"fagui"}


def test_the_user_list_and_page_show_who_must_change_the_password(client, cast):
    _admin_saves(cast, cast.leader, "Admin-knows-this-1")
    client.force_login(cast.admin)
    rows = client.get(reverse("core:user_list")).content.decode().split("<tr>")
    marked = [row for row in rows if "须修改密码</span>" in row]
    assert len(marked) == 1 and f">{cast.leader.username}</td>" in marked[0]
    page = client.get(reverse("core:user_edit", args=[cast.leader.pk])).content.decode()
    assert "须修改密码：该用户的密码由管理员设置" in page
    other = client.get(reverse("core:user_edit", args=[cast.clerk.pk])).content.decode()
    assert "须修改密码" not in other
