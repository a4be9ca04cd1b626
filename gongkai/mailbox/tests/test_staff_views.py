"""The staff pages: each step posted as a form, with the database checked afterwards."""

import pytest
from django.urls import reverse

from gongkai.mailbox.models import Category, Message, MessageStatus
from gongkai.testing import written_message


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
    page = client.get(reverse("mailbox:detail", args=[ordinary.pk])).content.decode()
    assert 'name="named_unit"' not in page
    page = client.get(reverse("mailbox:detail", args=[report.pk])).content.decode()
    assert 'name="named_unit"' in page


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
