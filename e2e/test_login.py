from playwright.sync_api import expect


def test_a_clerk_logs_in_and_sees_the_dashboard(page, live_server, e2e_cast, login):
    from gongkai.core.models import User

    login("fagui")
    expect(page.get_by_role("heading", name="工作台")).to_be_visible()
    expect(page.get_by_text("李晓梅").first).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    assert User.objects.get(username="fagui").last_login is not None


def test_a_wrong_password_gets_a_chinese_message_and_is_recorded(page, live_server, e2e_cast):
    from gongkai.core.models import AuditEntry, User

    page.goto(f"{live_server.url}/staff/login/")
    # A full-width, padded spelling of the name is the same account (one count, one lockout).
    page.get_by_label("用户名").fill(" ｆａｇｕｉ")
    page.get_by_label("密码").fill("not-it")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("alert")).to_contain_text("用户名或密码不正确")
    failures = AuditEntry.objects.filter(action="auth.login_failed")
    assert [entry.data.get("username") for entry in failures] == ["fagui"]
    assert User.objects.get(username="fagui").last_login is None
