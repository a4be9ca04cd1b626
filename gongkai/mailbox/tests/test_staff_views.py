"""The staff pages: each step posted as a form, with the database checked afterwards."""

import pytest
from django.urls import reverse

from gongkai.core.models import AuditEntry
from gongkai.mailbox.models import Category, Message, MessageStatus
from gongkai.testing import seen_on_page, written_message


def _step(client, message, verb, data):
    return client.post(reverse("mailbox:step", args=[message.pk, verb]), data)


@pytest.mark.django_db
def test_the_office_assigns_and_the_unit_sees_it_in_its_list(client, cast):
    message = written_message()
    client.force_login(cast.press)
    response = _step(client, message, "assign", {"unit": cast.units["法规处"].pk, "note": "请办理"})
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.status == MessageStatus.ASSIGNED and message.handling_unit.name == "法规处"
    client.force_login(cast.clerk)
    assert message.tracking_no in client.get(reverse("mailbox:list")).content.decode()
    client.force_login(cast.other_clerk)
    assert message.tracking_no not in client.get(reverse("mailbox:list")).content.decode()


@pytest.mark.django_db
def test_the_publish_form_starts_masked_and_refuses_the_phone_put_back(client, cast):
    message = written_message()
    message.assign(by=cast.press, unit=cast.units["法规处"])
    message.draft(by=cast.clerk, text="答复")
    message.approve(by=cast.head)
    message.release(by=cast.press)
    client.force_login(cast.press)
    page = client.get(reverse("mailbox:detail", args=[message.pk])).content.decode()
    form_part = page.split('name="public_body"')[1][:400]
    assert "13912345678" not in form_part and "××" in form_part
    response = _step(
        client,
        message,
        "publish",
        {"public_subject": "加油站", "public_body": "电话13912345678", "public_reply": "答复"},
    )
    assert response.status_code == 400
    assert "仍含个人信息" in response.content.decode()
    assert Message.objects.get(pk=message.pk).published_at is None


@pytest.mark.django_db
def test_the_reported_unit_field_appears_only_for_a_report(client, cast):
    client.force_login(cast.press)
    ordinary = written_message()
    report = written_message(category=Category.REPORT)
    for message, shown in ((ordinary, False), (report, True)):
        page = client.get(reverse("mailbox:detail", args=[message.pk])).content.decode()
        assign_form = page.split(reverse("mailbox:step", args=[message.pk, "assign"]))[1]
        assign_form = assign_form.split("</form>")[0]
        assert ('name="named_unit"' in assign_form) is shown


@pytest.mark.django_db
def test_a_hotline_order_is_registered_as_its_own_channel_and_never_published(client, cast):
    client.force_login(cast.press)
    response = client.post(
        reverse("mailbox:hotline"),
        {
            "hotline_order_no": "GZ12345-2022-0001",
            "submitted_at": "2022-09-26T09:30",
            "category": "complain",
            "subject": "工地夜间施工",
            "body": "工地晚上施工，存在安全隐患。",
            "name": "市民",
            "phone": "13800138000",
        },
    )
    assert response.status_code == 302
    order = Message.objects.get()
    assert order.channel == "hotline" and order.hotline_order_no == "GZ12345-2022-0001"
    assert order.publish_consent is False and not order.may_be_published
    assert order.tracking_no.startswith("LY2022-")


@pytest.mark.django_db
def test_an_approval_sent_after_the_office_reassigned_the_message_says_so(client, cast):
    """Probe 2, finding 11: the head's approval, made before the office gave the message to
    another unit, got 404 "页面不存在"."""
    message = written_message()
    message.assign(by=cast.press, unit=cast.units["法规处"])
    message.draft(by=cast.clerk, text="答复如下。")
    client.force_login(cast.head)
    seen = seen_on_page(client, reverse("mailbox:detail", args=[message.pk]))  # the head's tab
    message.assign(by=cast.press, unit=cast.units["执法支队"], note="改由执法支队办理")
    before = (AuditEntry.objects.count(), message.events.count())
    response = client.post(
        reverse("mailbox:step", args=[message.pk, "approve"]),
        {"note": "同意", "seen": seen},
        follow=True,
    )
    page = response.content.decode()
    assert response.status_code == 200 and response.redirect_chain[-1][0] == reverse("mailbox:list")
    # Worded as every workflow's stale step (core.workflow.step_not_taken); the page is the list,
    # so nothing points at "the latest state below".
    assert "该留言已由新闻处改交其他单位办理，您提交的“处室审核同意”未办理。" in page
    assert "未再办理" not in page and "以下是留言的最新情况" not in page
    assert "页面不存在" not in page and "答复如下。" not in page  # the message stays unseen
    message.refresh_from_db()
    assert message.status == MessageStatus.ASSIGNED
    assert message.handling_unit.name == "执法支队"
    assert not message.events.filter(kind="approve").exists()
    assert (AuditEntry.objects.count(), message.events.count()) == before  # nothing written


@pytest.mark.django_db
def test_a_step_sent_from_a_stale_tab_says_the_message_moved_on(client, cast):
    message = written_message()
    message.assign(by=cast.press, unit=cast.units["法规处"])
    message.draft(by=cast.clerk, text="答复如下。")
    client.force_login(cast.head)
    seen = seen_on_page(client, reverse("mailbox:detail", args=[message.pk]))  # two tabs
    step = reverse("mailbox:step", args=[message.pk, "approve"])
    assert client.post(step, {"note": "同意", "seen": seen}).status_code == 302  # the first tab
    response = client.post(step, {"note": "同意。", "seen": seen}, follow=True)  # the stale one
    page = response.content.decode()
    assert response.status_code == 200 and response.context["message"].pk == message.pk
    # The first tab did it: said, by whom and when (probe 12).
    assert f"已由{cast.head}于" in page and "办理完成，本次提交未重复办理" in page
    assert "页面不存在" not in page
    assert list(message.events.filter(kind="approve").values_list("note", flat=True)) == ["同意"]


@pytest.mark.django_db
def test_a_unit_that_never_had_the_message_still_gets_404_for_its_steps(client, cast):
    message = written_message()
    message.assign(by=cast.press, unit=cast.units["法规处"])
    message.draft(by=cast.clerk, text="答复如下。")
    client.force_login(cast.other_clerk)  # 审批处: never assigned this message
    for verb in ("approve", "draft"):
        step = reverse("mailbox:step", args=[message.pk, verb])
        assert client.post(step, {"note": "同意", "text": "越权"}).status_code == 404
    message.refresh_from_db()
    assert message.status == MessageStatus.DRAFTED and message.draft_text == "答复如下。"
