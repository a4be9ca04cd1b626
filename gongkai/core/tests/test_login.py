from django.urls import reverse

from gongkai.core.models import AuditEntry
from gongkai.testing import TEST_PASSWORD


def _login(client, username, password):
    return client.post(reverse("core:login"), {"username": username, "password": password})


def test_it_logs_a_clerk_in_and_shows_the_dashboard(client, cast):
    response = _login(client, "fagui", TEST_PASSWORD)
    assert response.status_code == 302 and response.url == reverse("core:dashboard")
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "工作台" in page and "李晓梅" in page
    assert AuditEntry.objects.filter(action="auth.login", actor=cast.clerk).exists()


def test_it_says_in_chinese_when_the_password_is_wrong(client, cast):
    response = _login(client, "fagui", "wrong")
    assert "用户名或密码不正确" in response.content.decode()


def test_it_locks_an_account_after_repeated_failures(client, cast, settings):
    settings.LOGIN_MAX_FAILURES = 3
    for _ in range(3):
        _login(client, "fagui", "wrong")
    response = _login(client, "fagui", TEST_PASSWORD)  # right password, but locked
    assert response.status_code == 200
    assert "登录失败次数过多" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lockout_is_per_account(client, cast, settings):
    settings.LOGIN_MAX_FAILURES = 3
    for _ in range(3):
        _login(client, "fagui", "wrong")
    assert _login(client, "shenpi", TEST_PASSWORD).status_code == 302


def test_staff_pages_send_anonymous_visitors_to_login(client, db):
    for name in [
        "core:dashboard",
        "core:unit_list",
        "core:user_list",
        "core:audit_list",
        "core:deadline",
    ]:
        response = client.get(reverse(name))
        assert response.status_code == 302 and response.url.startswith(reverse("core:login")), name


def test_a_user_without_a_role_is_refused(client, cast):
    from gongkai.core.models import User

    User.objects.create_user("nobody", password="x-Long-password-1")
    client.login(username="nobody", password="x-Long-password-1")
    assert client.get(reverse("core:dashboard")).status_code == 403


def test_sessions_expire(settings):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE and settings.SESSION_COOKIE_AGE <= 12 * 3600


def test_the_dashboard_shows_unread_notifications_until_read(client, cast):
    from gongkai.core.notifications import notify

    assert (
        notify(user=cast.clerk, key="k1", text="第12项任务即将到期", link="/staff/plans/") is True
    )
    assert notify(user=cast.clerk, key="k1", text="第12项任务即将到期") is False  # once per key
    client.force_login(cast.clerk)
    assert "第12项任务即将到期" in client.get(reverse("core:dashboard")).content.decode()
    client.post(reverse("core:notifications_read"))
    assert "第12项任务即将到期" not in client.get(reverse("core:dashboard")).content.decode()
