"""The reply chain as the staff pages take it: 拟稿 → 处室审核 → 签发, each check by another
person (先审后发, participation.md §12.3, as meetings and 政策问答 refuse too); what a merged
duplicate's writer is told; what the public page shows after the writer reopens a message."""

import pytest
from django.urls import reverse

from gongkai.core.roles import Role
from gongkai.mailbox.models import Message, MessageStatus, Satisfaction
from gongkai.testing import seen_on_page, written_message


def _step(client, user, message, verb, data=None):
    """The step as the user's page sends it: a review step with the draft it shows (seen)."""
    client.force_login(user)
    data = dict(data or {})
    if verb in Message.SEEN_STEPS:
        data["seen"] = seen_on_page(client, reverse("mailbox:detail", args=[message.pk]))
    return client.post(reverse("mailbox:step", args=[message.pk, verb]), data)


@pytest.mark.django_db
def test_it_refuses_a_head_approving_the_draft_he_wrote_himself(client, cast):
    message = written_message()
    message.assign(by=cast.press, unit=cast.units["新闻处"])
    head = cast.press_head  # 新闻处's head, also press office (the probe's xinwen_head)
    assert _step(client, head, message, "draft", {"text": "答复如下。"}).status_code == 302
    response = _step(client, head, message, "approve", {"note": "同意"})
    assert response.status_code == 400
    assert "不能由您本人审核" in response.content.decode()
    message.refresh_from_db()
    assert message.status == MessageStatus.DRAFTED
    assert not message.events.filter(kind="approve").exists()


@pytest.mark.django_db
def test_it_refuses_the_approver_releasing_the_reply_alone(client, cast):
    message = written_message()
    message.assign(by=cast.press, unit=cast.units["新闻处"])
    head = cast.press_head  # 新闻处's head, also press office (the probe's xinwen_head)
    assert _step(client, cast.press, message, "draft", {"text": "答复如下。"}).status_code == 302
    assert _step(client, head, message, "approve", {"note": "同意"}).status_code == 302
    response = _step(client, head, message, "release", {"note": "签发"})
    assert response.status_code == 400
    assert "不能再由您本人签发" in response.content.decode()
    message.refresh_from_db()
    assert message.status == MessageStatus.APPROVED and message.reply_text == ""
    # Nor does its drafter; a third member of the press office signs it off.
    assert _step(client, cast.press, message, "release", {"note": "签发"}).status_code == 400
    third = type(cast.press).objects.create(
        username="xinwen2", full_name="新闻处干部", unit=cast.units["新闻处"]
    )
    third.set_roles([Role.PRESS_OFFICE, Role.CLERK])
    assert _step(client, third, message, "release", {"note": "签发"}).status_code == 302
    message.refresh_from_db()
    assert message.status == MessageStatus.REPLIED and message.reply_text == "答复如下。"
    assert message.events.get(kind="release").actor == third


@pytest.mark.django_db
def test_it_refuses_the_drafter_releasing_his_own_reply_after_a_leader_approves_it(client, cast):
    """Probe 2, finding 10: xinwen_head drafted, lingdao approved, xinwen_head released."""
    message = written_message()
    message.assign(by=cast.press, unit=cast.units["新闻处"])
    head = cast.press_head  # 新闻处's head, also press office
    assert _step(client, head, message, "draft", {"text": "答复如下。"}).status_code == 302
    assert _step(client, cast.leader, message, "approve", {"note": "同意"}).status_code == 302
    response = _step(client, head, message, "release", {"note": "签发"})
    assert response.status_code == 400
    assert "答复稿由您本人拟写，不能由您本人签发" in response.content.decode()
    message.refresh_from_db()
    assert message.status == MessageStatus.APPROVED and message.reply_text == ""
    assert not message.events.filter(kind="release").exists()
    # Another member of the press office signs it off.
    assert _step(client, cast.press, message, "release", {"note": "签发"}).status_code == 302
    message.refresh_from_db()
    assert message.status == MessageStatus.REPLIED and message.reply_text == "答复如下。"
    assert message.events.get(kind="release").actor == cast.press


@pytest.mark.django_db
def test_a_leader_signs_off_a_reply_when_both_press_office_staff_took_part(client, cast):
    """新闻处 handling a message itself with two people: one drafts, the other approves, and
    neither may 签发; a 签发领导 does (engineer E's note after probe 2, finding 10)."""
    message = written_message()
    message.assign(by=cast.press, unit=cast.units["新闻处"])
    assert _step(client, cast.press, message, "draft", {"text": "答复如下。"}).status_code == 302
    assert _step(client, cast.press_head, message, "approve").status_code == 302
    for took_part in (cast.press, cast.press_head):
        assert _step(client, took_part, message, "release").status_code == 400
    assert Message.objects.get(pk=message.pk).status == MessageStatus.APPROVED
    assert _step(client, cast.leader, message, "release", {"note": "签发"}).status_code == 302
    message.refresh_from_db()
    assert message.status == MessageStatus.REPLIED and message.reply_text == "答复如下。"
    assert message.events.get(kind="release").actor == cast.leader


@pytest.mark.django_db
def test_it_lets_a_second_head_approve_a_draft_the_first_head_wrote(client, cast):
    # A unit with two heads: the one who did not write the draft approves it.
    deputy = type(cast.head).objects.create(
        username="fagui_deputy", full_name="副处长", unit=cast.units["法规处"]
    )
    deputy.set_roles([Role.UNIT_HEAD])
    message = written_message()
    message.assign(by=cast.press, unit=cast.units["法规处"])
    assert _step(client, cast.head, message, "draft", {"text": "答复。"}).status_code == 302
    assert _step(client, cast.head, message, "approve").status_code == 400
    assert _step(client, deputy, message, "approve").status_code == 302
    assert Message.objects.get(pk=message.pk).status == MessageStatus.APPROVED


@pytest.mark.django_db
def test_it_judges_the_latest_draft_after_a_return(client, cast):
    # The clerk's draft is returned, the head rewrites it: he may not approve his own text.
    message = written_message()
    message.assign(by=cast.press, unit=cast.units["法规处"])
    message.draft(by=cast.clerk, text="初稿")
    message.return_draft(by=cast.head, comment="补充依据")
    message.draft(by=cast.head, text="二稿")
    assert _step(client, cast.head, message, "approve").status_code == 400
    assert Message.objects.get(pk=message.pk).status == MessageStatus.DRAFTED


def _release(cast, message, text):
    message.draft(by=cast.clerk, text=text)
    message.approve(by=cast.head)
    message.release(by=cast.press)


@pytest.mark.django_db
def test_a_merged_duplicates_writer_gets_a_reply_addressed_to_them(client, cast):
    first = written_message(
        name="李雷",
        phone="13800138001",
        address="广州市天河区体育西路1号",
        body="我住在体育西路1号，楼下加油站离住宅很近，请问安全距离有什么规定？",
    )
    first.assign(by=cast.press, unit=cast.units["法规处"])
    _release(
        cast,
        first,
        "李雷先生：您好！您反映的广州市天河区体育西路1号附近加油站问题，经核查，"
        "该站符合安全间距要求。如有疑问请致电13800138001以外的本局电话020-83108000。",
    )
    duplicate = written_message(name="韩梅梅", phone="13900139002")
    response = _step(client, cast.press, duplicate, "merge", {"into": first.tracking_no})
    assert response.status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.status == MessageStatus.MERGED
    assert duplicate.reply_text.startswith("韩梅梅：您好！")
    assert first.tracking_no in duplicate.reply_text and "合并" in duplicate.reply_text
    assert "经核查，该站符合安全间距要求" in duplicate.reply_text
    for other in ("李雷", "体育西路1号", "13800138001"):
        assert other not in duplicate.reply_text
    # The status page the writer reads shows the same, nothing of the other writer.
    client.logout()
    session = client.session
    session["gongkai_message_access"] = [duplicate.tracking_no]
    session.save()
    page = client.get(reverse("mailbox_public:status", args=[duplicate.tracking_no]))
    shown = page.content.decode().split('id="reply">')[1].split("</td>")[0]
    assert shown.startswith("韩梅梅：您好！") and "李雷" not in shown


@pytest.mark.django_db
def test_a_duplicate_merged_before_the_reply_gets_its_own_salutation_on_release(cast):
    first = written_message(name="李雷", phone="13800138001")
    duplicate = written_message(name="韩梅梅", phone="13900139002")
    duplicate.merge(by=cast.press, into=first)
    first.assign(by=cast.press, unit=cast.units["法规处"])
    _release(cast, first, "尊敬的李雷先生：\n您好！加油站符合安全间距要求。")
    duplicate.refresh_from_db()
    first.refresh_from_db()
    assert first.reply_text == "尊敬的李雷先生：\n您好！加油站符合安全间距要求。"
    assert duplicate.reply_text.startswith("韩梅梅：您好！")
    assert duplicate.reply_text.endswith("加油站符合安全间距要求。")
    assert "李雷" not in duplicate.reply_text


def _published(cast, client):
    message = written_message()
    message.assign(by=cast.press, unit=cast.units["法规处"])
    _release(cast, message, "旧答复：安全间距符合规定。")
    message.publish(
        by=cast.press,
        public_subject="加油站安全距离",
        public_body="小区旁加油站离住宅楼很近。",
        public_reply="旧答复：安全间距符合规定。",
        names_checked=True,
    )
    assert client.get(reverse("mailbox_public:reply", args=[message.pk])).status_code == 200
    return message


@pytest.mark.django_db
def test_reopening_takes_the_rejected_public_reply_off_the_public_page(client, cast):
    message = _published(cast, client)
    message.rate(satisfaction=Satisfaction.UNSATISFIED)
    message.reopen(reason="没有回答具体距离")
    message.refresh_from_db()
    assert message.published_at is None and message.public_reply == ""
    # The new reply is released: the old one must not come back with it.
    message.draft(by=cast.clerk, text="新答复：依标准，间距不少于50米。")
    message.approve(by=cast.head)
    message.release(by=cast.press)
    assert client.get(reverse("mailbox_public:reply", args=[message.pk])).status_code == 404
    listing = client.get(reverse("mailbox_public:replies")).content.decode()
    assert "旧答复" not in listing and "加油站安全距离" not in listing
    message.refresh_from_db()
    assert message.status == MessageStatus.REPLIED and message.published_at is None
    # Until the office publishes the new one.
    message.publish(
        by=cast.press,
        public_subject="加油站安全距离",
        public_body="小区旁加油站离住宅楼很近。",
        public_reply="新答复：依标准，间距不少于50米。",
        names_checked=True,
    )
    page = client.get(reverse("mailbox_public:reply", args=[message.pk])).content.decode()
    assert "新答复" in page and "旧答复" not in page


@pytest.mark.django_db
def test_a_draft_by_the_only_head_of_a_unit_is_approved_by_a_leader(
    client, cast, django_capture_on_commit_callbacks
):
    """Re-probe: 法规处 has one head (core.bureau); when he writes the draft himself, the
    refusal used to send him to "本处室另一位负责人", who does not exist, and the message
    stayed 待处室审核 for good. A 局领导 approves it instead, told of it and shown the step."""
    from gongkai.core.models import AuditEntry, Notification

    message = written_message()
    unit = cast.units["法规处"]
    assert _step(client, cast.press, message, "assign", {"unit": unit.pk}).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = _step(client, cast.head, message, "draft", {"text": "答复如下。"})
    assert response.status_code == 302
    response = _step(client, cast.head, message, "approve", {"note": "同意"})
    assert response.status_code == 400
    refusal = response.content.decode()
    assert "不能由您本人审核" in refusal and "由局领导（签发领导）审核" in refusal
    assert "另一位负责人" not in refusal
    assert Notification.objects.filter(user=cast.leader, link__contains=str(message.pk)).exists()
    client.force_login(cast.leader)
    page = client.get(reverse("mailbox:detail", args=[message.pk])).content.decode()
    assert "处室审核同意" in page
    assert _step(client, cast.leader, message, "approve", {"note": "同意"}).status_code == 302
    message.refresh_from_db()
    assert message.status == MessageStatus.APPROVED
    assert message.events.get(kind="approve").actor == cast.leader
    assert AuditEntry.objects.filter(action="message.approve", actor=cast.leader).exists()
    assert _step(client, cast.press, message, "release", {"note": "签发"}).status_code == 302
    message.refresh_from_db()
    assert message.status == MessageStatus.REPLIED and message.reply_text == "答复如下。"


@pytest.mark.django_db
def test_a_leader_does_not_take_the_heads_place_for_a_clerks_draft(client, cast):
    message = written_message()
    message.assign(by=cast.press, unit=cast.units["法规处"])
    assert _step(client, cast.clerk, message, "draft", {"text": "答复。"}).status_code == 302
    client.force_login(cast.leader)
    page = client.get(reverse("mailbox:detail", args=[message.pk])).content.decode()
    assert "处室审核同意" not in page and 'name="seen"' not in page  # nothing to approve
    step = reverse("mailbox:step", args=[message.pk, "approve"])
    assert client.post(step, {"note": "同意"}).status_code == 404
    assert Message.objects.get(pk=message.pk).status == MessageStatus.DRAFTED
