"""A mail the platform could not send is said where staff look (probe: fail_silently hid it):
the clerk's dashboard marks the notification whose e-mail copy failed, and a case's timeline
shows the 送达 letter that never left. Screenshots at 390 px and 1280 px."""

import os

from playwright.sync_api import expect

SHOTS = os.environ.get("GONGKAI_SHOTS", "")


def _shot(page, name):
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_failed_mail_is_said_on_the_dashboard_and_the_timeline(
    page, live_server, e2e_cast, login, smtp_refused
):
    import datetime as dt

    from django.urls import reverse

    from gongkai.core.models import Notification
    from gongkai.core.notifications import notify
    from gongkai.disclosure_requests.taxonomy import Outcome
    from gongkai.testing import a_pdf, registered_case

    clerk = e2e_cast.press
    clerk.email = "press@example.gov.cn"
    clerk.save(update_fields=["email"])
    notify(user=clerk, key="e2e:1", text="新交办：依申请公开 测试", link="/staff/")
    assert "ConnectionRefusedError" in Notification.objects.get(key="e2e:1").mail_error

    case = registered_case(e2e_cast, description="2022年安全生产执法检查计划。")[0]
    case.reply(
        by=clerk,
        outcome=Outcome.DISCLOSED,
        text="现提供。",
        on=dt.date(2022, 10, 20),
        files=[a_pdf("检查计划.pdf")],
    )
    case.serve(by=clerk, method="email", on=dt.date(2022, 10, 21))  # no atomic block here
    assert case.events.filter(kind="serve_mail_failed").count() == 1

    login(clerk.username)
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/staff/")
        row = page.locator(".notifications li", has_text="新交办：依申请公开 测试")
        expect(row.locator(".tag.warn")).to_have_text("邮件未发出")
        _shot(page, f"dashboard-{width}")
        page.goto(live_server.url + reverse("disclosure_requests:detail", args=[case.pk]))
        expect(page.locator(".timeline")).to_contain_text("答复告知书邮件送达失败")
        page.locator(".timeline").scroll_into_view_if_needed()
        _shot(page, f"case-{width}")


def test_the_clerk_resends_a_failed_reminder_from_the_dashboard(
    page, live_server, e2e_cast, login, smtp_refused, settings
):
    """重新发送 (review of stop 28): the failed copy is sent again from where it is shown; the
    row's outcome and the audit entry are what the click leaves behind."""
    from django.core import mail

    from gongkai.core.models import AuditEntry, Notification
    from gongkai.core.notifications import notify

    clerk = e2e_cast.press
    clerk.email = "press@example.gov.cn"
    clerk.save(update_fields=["email"])
    notify(user=clerk, key="e2e:2", text="新交办：依申请公开 测试二", link="/staff/")
    failure = Notification.objects.get(key="e2e:2").mail_error
    assert "ConnectionRefusedError" in failure

    login(clerk.username)
    page.set_viewport_size({"width": 390, "height": 900})
    row = page.locator(".notifications li", has_text="新交办：依申请公开 测试二")
    expect(row.get_by_role("button", name="重新发送")).to_be_visible()
    _shot(page, "dashboard-resend-390")
    page.set_viewport_size({"width": 1280, "height": 900})
    _shot(page, "dashboard-resend-1280")

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # the server is back
    mail.outbox = []
    row.get_by_role("button", name="重新发送").click()
    expect(page.locator(".messages")).to_contain_text("提醒邮件已重新发送")
    expect(page.locator(".notifications li", has_text="测试二").locator(".tag.warn")).to_have_count(
        0
    )
    assert [m.to for m in mail.outbox] == [["press@example.gov.cn"]]
    assert Notification.objects.get(key="e2e:2").mail_error == ""
    entry = AuditEntry.objects.get(action="notification.resend_mail")
    assert entry.actor == clerk and entry.before == {"mail_error": failure}
    _shot(page, "dashboard-resent-1280")
