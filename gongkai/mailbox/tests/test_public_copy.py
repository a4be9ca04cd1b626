"""The public copy of a message (participation.md §9.3: name, phone, ID number, address and
e-mail stripped): probe finding 1 — an address in the text and a mobile typed in full-width
digits were kept by the suggested copy, passed the 公开答复 re-check and were published."""

import html
import re

import pytest
from django.urls import reverse

from gongkai.core.models import AuditEntry
from gongkai.mailbox.models import Message, MessageTopic
from gongkai.testing import written_message

BODY = (
    "我叫欧阳娜娜，住在天河区体育西路123号3栋1201房，楼下有一个危化品仓库，"
    "每晚22点后还在装卸，气味很重。请尽快派人检查。白天可打我电话１３９２２２２３３３３联系，"
    "或者加微信13922223333。谢谢！"
)
REPLY = (
    "欧阳娜娜女士：您好！来信收悉。我局已于11月25日派员对体育西路123号附近仓库进行检查，"
    "责令其停止夜间装卸。如有问题请拨打020-83330000。"
)
WRITER = {
    "subject": "体育西路危化品仓库夜间装卸噪音及安全隐患",
    "body": BODY,
    "name": "欧阳娜娜",
    "phone": "020-83331234",
    "email": "ouyang.nana@example.com",
    "address": "广东省广州市天河区体育西路123号3栋1201房",
}
LEAKS = ["体育西路123号", "3栋1201", "１３９２２２２３３３３", "13922223333", "欧阳"]


def _released(cast, reply=REPLY, **writer):
    message = written_message(**{**WRITER, **writer})
    message.assign(by=cast.press, unit=cast.units["法规处"])
    message.draft(by=cast.clerk, text=reply)
    message.approve(by=cast.head)
    message.release(by=cast.press)
    return message


def _suggested(page: str) -> dict:
    """The publish form's fields as the office sees them."""
    fields = {}
    for name in ("public_subject", "public_body", "public_reply"):
        textarea = re.search(rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', page, re.S)
        if textarea:
            fields[name] = html.unescape(textarea.group(1)).strip()
        else:
            tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', page).group()
            fields[name] = html.unescape(re.search(r'value="([^"]*)"', tag).group(1))
    return fields


def _publish(client, message, copy):
    return client.post(
        reverse("mailbox:step", args=[message.pk, "publish"]), {**copy, "names_checked": "on"}
    )


@pytest.mark.django_db
def test_the_suggested_copy_masks_the_address_and_full_width_digits_and_keeps_the_rest(
    client, cast
):
    message = _released(cast)
    client.force_login(cast.press)
    page = client.get(reverse("mailbox:detail", args=[message.pk])).content.decode()
    copy = _suggested(page)
    assert copy["public_body"] == (
        "我叫××，住在××，楼下有一个危化品仓库，"
        "每晚22点后还在装卸，气味很重。请尽快派人检查。白天可打我电话139****3333联系，"
        "或者加微信139****3333。谢谢！"
    )
    assert copy["public_reply"] == (
        "××女士：您好！来信收悉。我局已于11月25日派员对××附近仓库进行检查，"
        "责令其停止夜间装卸。如有问题请拨打020-83330000。"
    )
    assert _publish(client, message, copy).status_code == 302
    message.refresh_from_db()
    assert message.published_at is not None and message.public_body == copy["public_body"]
    public = client.get(reverse("mailbox_public:reply", args=[message.pk])).content.decode()
    assert "危化品仓库" in public and "020-83330000" in public
    assert [leak for leak in LEAKS if leak in public] == []


@pytest.mark.django_db
def test_publishing_refuses_a_copy_that_keeps_the_address_or_a_full_width_mobile(client, cast):
    """What the old suggestion offered and the re-check let through."""
    message = _released(cast)
    client.force_login(cast.press)
    kept = {
        "public_subject": WRITER["subject"],
        "public_body": "我叫××，住在天河区体育西路123号3栋1201房，楼下有仓库。",
        "public_reply": "××女士：您好！已派员对体育西路123号附近仓库进行检查。",
    }
    for body in (kept["public_body"], "楼下有仓库，白天可打我电话１３９２２２２３３３３联系。"):
        response = _publish(client, message, {**kept, "public_body": body})
        assert response.status_code == 400
        assert "公开内容仍含个人信息" in response.content.decode()
        assert Message.objects.get(pk=message.pk).published_at is None
    clean = {**kept, "public_body": "楼下有仓库。", "public_reply": "已派员进行检查。"}
    assert _publish(client, message, clean).status_code == 302
    assert Message.objects.get(pk=message.pk).public_body == "楼下有仓库。"


@pytest.mark.django_db
def test_a_landline_in_the_writers_text_is_masked_and_the_offices_number_in_the_reply_stays(
    client, cast
):
    """Re-probe: a home landline in the message (座机020-83331234, 家里电话 (020)8333 1234)
    reached the public copy and passed the re-check, the writer's phone field being a mobile.
    What the writer typed is theirs (participation.md §9.3); the office's 咨询电话 in the reply
    is published on purpose."""
    message = _released(
        cast,
        reply="已派员检查。如有问题请拨打咨询电话：020-83330000。",
        phone="13912345678",
        body="楼下仓库夜间装卸，请派人检查。座机020-83331234，家里电话 (020)8333 1234。",
    )
    client.force_login(cast.press)
    page = client.get(reverse("mailbox:detail", args=[message.pk])).content.decode()
    copy = _suggested(page)
    assert copy["public_body"] == (
        "楼下仓库夜间装卸，请派人检查。座机020-****1234，家里电话 020-****1234。"
    )
    assert copy["public_reply"] == "已派员检查。如有问题请拨打咨询电话：020-83330000。"
    kept = {**copy, "public_body": "请派人检查。家里电话 (020)8333 1234。"}
    response = _publish(client, message, kept)
    assert response.status_code == 400
    assert "公开内容仍含个人信息：固定电话" in response.content.decode()
    assert Message.objects.get(pk=message.pk).published_at is None
    assert _publish(client, message, copy).status_code == 302
    message.refresh_from_db()
    assert message.published_at is not None
    assert message.public_body == copy["public_body"]
    assert message.public_reply == "已派员检查。如有问题请拨打咨询电话：020-83330000。"


NEIGHBOUR = "我的邻居李大明在体育西路100号3栋201房堆放十几瓶液化气，非常危险，请尽快处理。"
NEIGHBOUR_REPLY = "已派员现场核查，李大明已清理液化气。"


@pytest.mark.django_db
def test_a_neighbours_name_is_masked_and_the_clerk_confirms_he_read_for_names(client, cast):
    """Probe 8 M4 (LY2026-00301): 李大明 was published twice under “已去除个人信息”."""
    message = _released(cast, reply=NEIGHBOUR_REPLY, body=NEIGHBOUR)
    client.force_login(cast.press)
    page = client.get(reverse("mailbox:detail", args=[message.pk])).content.decode()
    copy = _suggested(page)
    assert "李大明" not in copy["public_body"] + copy["public_reply"]
    assert copy["public_body"].startswith("我的邻居李某在")
    assert copy["public_reply"] == "已派员现场核查，李某已清理液化气。"
    assert "系统不能可靠识别" in page

    # Forbidden: the name typed back, or no confirmation that the copy was read for names.
    back = {**copy, "public_body": NEIGHBOUR.replace("体育西路100号3栋201房", "小区")}
    response = _publish(client, message, back)
    assert response.status_code == 400 and "他人姓名" in response.content.decode()
    unconfirmed = client.post(reverse("mailbox:step", args=[message.pk, "publish"]), copy)
    assert unconfirmed.status_code == 400
    assert "系统不能可靠识别他人姓名" in unconfirmed.content.decode()
    assert Message.objects.get(pk=message.pk).published_at is None
    assert not AuditEntry.objects.filter(action="message.publish").exists()

    assert _publish(client, message, copy).status_code == 302
    entry = AuditEntry.objects.get(action="message.publish")
    assert entry.data["names_checked"] is True
    public = client.get(reverse("mailbox_public:reply", args=[message.pk])).content.decode()
    assert "李大明" not in public and "李某" in public


@pytest.mark.django_db
def test_no_piece_of_a_neighbours_name_becomes_a_topic():
    """fix-AA's note: the 主题词 of the neighbour's message read 液化气、西路、体育、大明 — part of
    a name, counted on the signals page and offered to 政策解读 drafts. Topics are drawn from
    the masked text."""
    message = written_message(body=NEIGHBOUR, name="王五")
    assert "液化气" in message.topics
    assert not any(piece in word for word in message.topics for piece in ("大明", "李某", "王五"))
    assert not MessageTopic.objects.filter(word__contains="大明").exists()
