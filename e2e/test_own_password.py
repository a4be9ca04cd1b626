"""修改密码 in Chromium (probe10 finding 2): the administrator resets a clerk's password; the
clerk, signing in with it, can do nothing but choose their own; the records say who did what."""

from playwright.sync_api import expect

from e2e.test_mailbox_reports_names import _shoot  # both widths, into GONGKAI_SHOTS

ADMINS_CHOICE = "Admin-set-2026-x"
OWN = "Qing-shui-he-2026"


def _sign_in(page, live_server, username, password):
    page.goto(f"{live_server.url}/staff/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()


def test_a_reset_password_is_replaced_before_anything_else(page, live_server, e2e_cast, login):
    from gongkai.core.models import AuditEntry, User

    clerk = e2e_cast.clerk
    for guess in ("guess-one", "guess-two"):  # someone tries fagui's account first
        _sign_in(page, live_server, "fagui", guess)
        expect(page.get_by_role("alert")).to_contain_text("用户名或密码不正确")
    login("admin")
    page.goto(f"{live_server.url}/staff/users/{clerk.pk}/")
    page.get_by_label("新密码").fill(ADMINS_CHOICE)
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("已保存用户")).to_be_visible()
    page.get_by_role("button", name="退出").click()

    _sign_in(page, live_server, "fagui", ADMINS_CHOICE)
    page.wait_for_url(f"{live_server.url}/staff/password/")
    expect(page.get_by_role("alert")).to_contain_text("只有您自己知道的新密码")
    page.goto(f"{live_server.url}/staff/requests/")  # anything else leads back here
    page.wait_for_url(f"{live_server.url}/staff/password/")

    page.get_by_label("原密码").fill("not-what-the-admin-set")
    page.locator("#id_new_password1").fill(OWN)
    page.get_by_label("再次输入新密码").fill(OWN)
    page.get_by_role("button", name="保存新密码").click()
    expect(page.locator(".field.has-error .error")).to_have_text("原密码不正确，请重新输入。")
    _shoot(page, "password-forced-error")
    assert User.objects.get(pk=clerk.pk).check_password(ADMINS_CHOICE)
    assert not AuditEntry.objects.filter(action="user.change_password").exists()

    page.get_by_label("原密码").fill(ADMINS_CHOICE)
    page.locator("#id_new_password1").fill(OWN)
    page.get_by_label("再次输入新密码").fill(OWN)
    page.get_by_role("button", name="保存新密码").click()
    page.wait_for_url(f"{live_server.url}/staff/")
    expect(page.get_by_text("密码已修改")).to_be_visible()
    # and is told of the two failed sign-ins since the last one (probe10 finding 1)
    expect(page.get_by_text("您的账号有2次登录失败")).to_be_visible()
    _shoot(page, "dashboard-failed-logins")

    clerk = User.objects.get(pk=clerk.pk)
    assert clerk.check_password(OWN) and not clerk.must_change_password
    reset = AuditEntry.objects.get(action="user.set_password")
    changed = AuditEntry.objects.get(action="user.change_password")
    assert reset.actor == e2e_cast.admin and reset.data == {"must_change_password": True}
    assert changed.actor == clerk and changed.after == {"must_change_password": False}
    signed_in = AuditEntry.objects.get(action="auth.login", actor=clerk)
    assert signed_in.data == {"failed_since_last": 2}

    page.get_by_role("link", name="修改密码", exact=True).click()  # the menu's link, now unforced
    page.wait_for_url(f"{live_server.url}/staff/password/")
    expect(page.get_by_text("其他电脑或浏览器上的登录将全部退出")).to_be_visible()
    _shoot(page, "password-change")
