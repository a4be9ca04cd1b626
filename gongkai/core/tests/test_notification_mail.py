"""A notification's e-mail copy: sent with no SMTP host set (the console in production, as the
README says; it was skipped on main), and a copy that fails is recorded on the row and said on
the dashboard instead of swallowed (fail_silently=True on main)."""

import pytest
from django.urls import reverse

from gongkai.core.models import Notification
from gongkai.core.notifications import notify

pytestmark = pytest.mark.django_db


def test_without_an_smtp_host_the_copy_still_goes_out(cast, settings, mailoutbox):
    settings.EMAIL_HOST = ""
    cast.clerk.email = "clerk@example.gov.cn"
    cast.clerk.save(update_fields=["email"])
    assert notify(user=cast.clerk, key="t:1", text="新交办：依申请公开 2022-001", link="/x/")
    assert [m.to for m in mailoutbox] == [["clerk@example.gov.cn"]]
    assert "新交办" in mailoutbox[0].body
    assert Notification.objects.get().mail_error == ""
    assert not notify(user=cast.clerk, key="t:1", text="again")  # once per key: no second mail
    assert len(mailoutbox) == 1


def test_a_copy_that_fails_is_recorded_and_shown(cast, client, smtp_refused):
    cast.clerk.email = "clerk@example.gov.cn"
    cast.clerk.save(update_fields=["email"])
    assert notify(user=cast.clerk, key="t:2", text="新交办：依申请公开 2022-002")  # no raise
    row = Notification.objects.get()
    assert "ConnectionRefusedError" in row.mail_error
    client.force_login(cast.clerk)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "新交办：依申请公开 2022-002" in page and "邮件未发出" in page


def test_no_address_no_mail_and_nothing_recorded(cast, smtp_refused):
    cast.clerk.email = ""
    cast.clerk.save(update_fields=["email"])
    notify(user=cast.clerk, key="t:3", text="提醒")
    assert Notification.objects.get().mail_error == ""  # a tried mail would have failed
