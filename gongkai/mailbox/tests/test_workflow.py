"""The closed loop of a message (participation.md §9), each step and the steps it forbids."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.core.errors import DomainError
from gongkai.core.models import AuditEntry
from gongkai.disclosure_requests.models import DisclosureRequest
from gongkai.mailbox.models import Category, Message, MessageStatus, Route, Satisfaction
from gongkai.testing import on_day, replied_message, written_message

PUBLIC_FIELDS = ("public_subject", "public_body", "public_reply")


def _replied(cast, **fields):
    return replied_message(cast, "根据《汽车加油加气加氢站技术标准》，安全间距另有规定。", **fields)


@pytest.mark.django_db
def test_a_consultation_is_due_five_working_days_after_acceptance(cast):
    # Accepted Wednesday 2022-09-28; 国庆 10/1–10/7 off, 10/8 (Sat) a workday: 9/29, 9/30,
    # 10/8, 10/9, 10/10 → due 2022-10-10.
    with on_day(2022, 9, 28):
        message = written_message()
        message.assign(by=cast.press, unit=cast.units["法规处"])
    message.refresh_from_db()
    assert message.status == MessageStatus.ASSIGNED
    assert message.accepted_on == dt.date(2022, 9, 28)
    assert message.due_date == dt.date(2022, 10, 10)


@pytest.mark.django_db
def test_a_suggestion_is_due_fifteen_working_days_after_acceptance(cast):
    # From Monday 2022-11-07: 15 working days → Monday 2022-11-28.
    with on_day(2022, 11, 7):
        message = written_message(category=Category.SUGGEST)
        message.assign(by=cast.press, unit=cast.units["法规处"])
    assert Message.objects.get(pk=message.pk).due_date == dt.date(2022, 11, 28)


@pytest.mark.django_db
def test_the_loop_from_draft_to_release_records_each_step(cast):
    message = _replied(cast)
    message.refresh_from_db()
    assert message.status == MessageStatus.REPLIED
    assert message.reply_unit_name == "法规处"
    assert message.reply_text.startswith("根据")
    kinds = list(message.events.values_list("kind", flat=True))
    assert kinds == ["submit", "assign", "draft", "approve", "release"]
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"message.assign", "message.draft", "message.approve", "message.release"} <= actions


@pytest.mark.django_db
def test_a_clerk_cannot_approve_and_another_unit_cannot_draft(cast):
    message = written_message()
    message.assign(by=cast.press, unit=cast.units["法规处"])
    with pytest.raises(DomainError, match="无权"):
        message.draft(by=cast.other_clerk, text="别的处室")
    message.draft(by=cast.clerk, text="答复")
    with pytest.raises(DomainError, match="无权"):
        message.approve(by=cast.clerk)
    with pytest.raises(DomainError, match="不能签发"):
        message.release(by=cast.press)
    assert Message.objects.get(pk=message.pk).status == MessageStatus.DRAFTED


@pytest.mark.django_db
def test_a_report_is_never_assigned_to_the_unit_it_names(cast):
    message = written_message(category=Category.REPORT, publish_consent=True)
    with pytest.raises(DomainError, match="第三十条"):
        message.assign(by=cast.press, unit=cast.units["法规处"], named_unit=cast.units["法规处"])
    assert Message.objects.get(pk=message.pk).status == MessageStatus.RECEIVED
    message.assign(by=cast.press, unit=cast.units["审批处"], named_unit=cast.units["法规处"])
    with pytest.raises(DomainError, match="第三十条"):
        message.assign(by=cast.press, unit=cast.units["法规处"])


@pytest.mark.django_db
def test_a_report_is_never_published_even_with_consent(cast):
    message = _replied(cast, category=Category.REPORT)
    assert not message.may(cast.press, "publish")
    with pytest.raises(DomainError, match="检举"):
        message.publish(
            by=cast.press, public_subject="标题", public_body="内容", public_reply="答复"
        )
    assert not Message.objects.published().filter(pk=message.pk).exists()


@pytest.mark.django_db
def test_publishing_refuses_a_copy_that_still_holds_the_writers_phone(cast):
    message = _replied(cast)
    with pytest.raises(DomainError, match="联系电话"):
        message.publish(
            by=cast.press,
            public_subject="安全距离",
            public_body="我的电话13912345678",
            public_reply="答复",
        )
    assert Message.objects.get(pk=message.pk).published_at is None
    copy = {"public_subject": "安全距离", "public_body": "我的电话××", "public_reply": "答复"}
    message.publish(by=cast.press, **copy, names_checked=True)
    assert Message.objects.published().filter(pk=message.pk).exists()


@pytest.mark.django_db
def test_without_consent_a_reply_is_never_published(cast):
    message = _replied(cast, publish_consent=False)
    with pytest.raises(DomainError, match="未同意"):
        message.publish(by=cast.press, **dict.fromkeys(PUBLIC_FIELDS, "a"), names_checked=True)


@pytest.mark.django_db
def test_an_unsatisfied_writer_may_reopen_once(cast):
    message = _replied(cast)
    with pytest.raises(DomainError, match="不满意的答复"):
        message.reopen(reason="没有回答我的问题")
    message.rate(satisfaction=Satisfaction.UNSATISFIED)
    with pytest.raises(DomainError, match="已经评价"):
        message.rate(satisfaction=Satisfaction.SATISFIED)
    message.reopen(reason="没有回答我的问题")
    message.refresh_from_db()
    assert message.status == MessageStatus.ASSIGNED
    message.draft(by=cast.clerk, text="补充答复")
    message.approve(by=cast.head)
    message.release(by=cast.press)
    message.rate(satisfaction=Satisfaction.UNSATISFIED)
    with pytest.raises(DomainError, match="一次"):
        message.reopen(reason="还是不满意")
    assert Message.objects.get(pk=message.pk).status == MessageStatus.REPLIED


@pytest.mark.django_db
def test_a_merged_duplicate_gets_the_reply_of_the_message_it_repeats(cast):
    first = written_message()
    duplicate = written_message(name="赵六", phone="13700001111")
    duplicate.merge(by=cast.press, into=first)
    first.assign(by=cast.press, unit=cast.units["法规处"])
    first.draft(by=cast.clerk, text="统一答复")
    first.approve(by=cast.head)
    first.release(by=cast.press)
    duplicate.refresh_from_db()
    assert duplicate.status == MessageStatus.MERGED
    assert duplicate.reply_text == (
        f"赵六：您好！您的留言（{duplicate.tracking_no}）与留言 {first.tracking_no} "
        "反映的是同一问题，本局已合并办理，答复如下：\n统一答复"
    )
    third = written_message()
    with pytest.raises(DomainError, match="本条"):
        third.merge(by=cast.press, into=third)
    assert Message.objects.get(pk=third.pk).status == MessageStatus.RECEIVED


@pytest.mark.django_db
def test_an_information_request_becomes_an_application_received_the_day_it_is_confirmed(cast):
    with on_day(2022, 9, 26):
        message = written_message(subject="申请公开执法检查计划", body="请公开2022年执法检查计划。")
    with on_day(2022, 9, 28):
        message.route(
            by=cast.press,
            channel=Route.GOV_INFO,
            notice="您的留言属于政府信息公开申请，已转为申请办理。",
            applicant_type="natural_person",
            delivery_form="electronic",
            delivery_method="email",
            id_document="11010519491231002X",  # without it the applicant is asked first
        )
    message.refresh_from_db()
    case = DisclosureRequest.objects.get(pk=message.routed_request_id)
    assert message.status == MessageStatus.ROUTED
    assert case.received_on == dt.date(2022, 9, 28)  # 第三十一条（三）: 双方确认之日
    assert case.due_date == dt.date(2022, 10, 31)
    assert case.applicant_name == "王五"


@pytest.mark.django_db
def test_two_stale_copies_cannot_both_release(cast):
    message = written_message()
    message.assign(by=cast.press, unit=cast.units["法规处"])
    message.draft(by=cast.clerk, text="答复")
    message.approve(by=cast.head)
    stale = Message.objects.get(pk=message.pk)
    message.release(by=cast.press)
    with pytest.raises(DomainError, match="已答复"):
        stale.release(by=cast.press)
    assert message.events.filter(kind="release").count() == 1


@pytest.mark.django_db
def test_the_writer_is_told_by_e_mail_when_the_reply_is_released(
    cast, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.EMAIL_HOST = ""  # no SMTP host: the mail still goes out (the console in production)
    with django_capture_on_commit_callbacks(execute=True):
        message = _replied(cast)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["wangwu@example.com"]
    assert message.tracking_no in mailoutbox[0].body and "已答复" in mailoutbox[0].subject


@pytest.mark.django_db
def test_the_office_sees_earlier_messages_from_the_same_phone_as_possible_duplicates(cast):
    from gongkai.mailbox.selectors import possible_duplicates

    earlier = written_message()
    stranger = written_message(phone="13600001111", subject="另一件事")
    later = written_message(subject="再问加油站")
    assert possible_duplicates(later, user=cast.press) == [earlier]
    assert possible_duplicates(later, user=cast.clerk) == []  # not 法规处's messages
    assert stranger not in possible_duplicates(later, user=cast.press)


@pytest.mark.django_db
def test_the_same_phone_typed_another_way_still_finds_the_earlier_message(cast):
    # Found by the fix of the meetings' duplicate sign-ups: the mailbox compared raw phone text.
    from gongkai.mailbox.selectors import possible_duplicates

    earlier = written_message()
    later = written_message(
        phone=f"+86 {earlier.phone[:3]}-{earlier.phone[3:7]}-{earlier.phone[7:]}",
        subject="再问加油站",
    )
    assert later.phone != earlier.phone
    assert possible_duplicates(later, user=cast.press) == [earlier]


@pytest.mark.django_db
def test_a_reply_mail_that_fails_is_on_the_timeline_and_in_the_audit(
    cast, client, smtp_refused, django_capture_on_commit_callbacks
):
    """Was fail_silently=True: a refused SMTP connection left no trace and the office believed
    the writer told. Now the release stands and the failure is recorded for staff to see."""
    with django_capture_on_commit_callbacks(execute=True):
        message = _replied(cast)  # nothing raised
    message.refresh_from_db()
    assert message.events.filter(kind="release").count() == 1
    failed = message.events.get(kind="tell_failed")
    assert failed.data["verb"] == "release" and "ConnectionRefusedError" in failed.data["error"]
    entry = AuditEntry.objects.get(action="message.tell_failed")
    assert entry.target_id == str(message.pk) and entry.actor == failed.actor
    client.force_login(cast.press)
    page = client.get(reverse("mailbox:detail", args=[message.pk])).content.decode()
    assert "邮件告知留言人失败" in page and "您的留言已答复" in page


@pytest.mark.django_db
def test_a_writer_without_an_address_gets_no_mail_and_no_failure(
    cast, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.EMAIL_HOST = ""
    with django_capture_on_commit_callbacks(execute=True):
        message = _replied(cast, email="")
    assert not [m for m in mailoutbox if message.tracking_no in m.body]
    assert not message.events.filter(kind="tell_failed").exists()
