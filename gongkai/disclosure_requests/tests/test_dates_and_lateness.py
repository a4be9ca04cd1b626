"""Dates, the clock and lateness (second outside probe, findings 1, 2, 5, 6, 9, 11, 13).

A step the law does not allow on the date typed is refused and nothing is written; a step done
earlier on paper and entered later (补录) keeps both dates; lateness stays on the record.

The 2022 calendar the dates rest on: 国庆 10/1–10/7 off; Saturday 10/8 and Sunday 10/9 are
调休 workdays. A case received 2022-09-28 is due 2022-10-31 (9/29, 9/30, 10/8, 10/9,
10/10–14, 10/17–21, 10/24–28, 10/31). The default 补正 period of a notice sent 9/30 ends 10/26.
"""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.core import audit
from gongkai.core.errors import DomainError
from gongkai.core.models import AuditEntry
from gongkai.disclosure_requests import reminders
from gongkai.disclosure_requests.models import (
    DisclosureRequest,
    FeeNotice,
    Reply,
    RequestEvent,
)
from gongkai.disclosure_requests.taxonomy import Outcome
from gongkai.testing import (
    a_case,
    a_pdf,
    follow_application,
    handling_case,
    on_day,
    registered_case,
)

D = dt.date


def _snapshot(case) -> tuple:
    """What a refused step must leave as it was: the case row, its timeline and its audit."""
    fresh = DisclosureRequest.objects.get(pk=case.pk)
    return (
        fresh.status,
        fresh.due_date,
        fresh.extension_workdays,
        fresh.override_due,
        fresh.supplement_requested_on,
        fresh.supplement_received_on,
        fresh.replied_on,
        fresh.handling_unit_id,
        RequestEvent.objects.filter(case=case).count(),
        AuditEntry.objects.filter(target_id=str(case.pk))
        .exclude(action__in=audit.READ_ACTIONS)  # a page shown again logs a read
        .count(),
        Reply.objects.filter(case=case).count(),
    )


def _with_supplement_requested(cast) -> DisclosureRequest:
    case = a_case(cast)
    with on_day(2022, 9, 30):
        case.request_supplement(by=cast.press, items="请写明文件名称", on=D(2022, 9, 30))
    return case


# 1. 第三十三条第二款, 第三十五条: the period is extended or set aside before it ends.


def test_an_extension_entered_later_is_marked_as_entered_later_and_audited_with_its_date(
    cast, client
):
    """第三十三条第二款: notified 2022-10-28, before the due date 10-31, and entered 11-20 →
    allowed, but the timeline says it was entered (补录) on 2022年11月20日 and the audit keeps
    the date typed."""
    case = handling_case(cast)
    with on_day(2022, 11, 20):
        case.extend(
            by=cast.press_head, workdays=5, reason="需要检索档案", notified_on=D(2022, 10, 28)
        )
        client.force_login(cast.press)
        page = client.get(reverse("disclosure_requests:detail", args=[case.pk])).content.decode()
    event = case.events.get(kind="extend")
    assert event.on == D(2022, 10, 28) and event.entered_later
    assert "（2022年11月20日补录）" in page
    entry = AuditEntry.objects.get(action="request.extend", target_id=str(case.pk))
    assert entry.data["on"] == "2022-10-28"


def test_an_extension_dated_before_the_supplement_that_restarted_the_clock_is_refused(cast):
    """第三十条: after a 补正 received 2022-10-10 the period runs anew from that day; an extension
    'notified' 10-09 belongs to no period that is running."""
    case = _with_supplement_requested(cast)
    with on_day(2022, 10, 12):
        case.receive_supplement(by=cast.press, text="文件名称", on=D(2022, 10, 10))
        before = _snapshot(case)
        with pytest.raises(DomainError, match="延期告知日期不能早于该日") as refused:
            case.extend(by=cast.press_head, workdays=5, reason="检索", notified_on=D(2022, 10, 9))
    assert refused.value.field == "notified_on"
    assert _snapshot(case) == before


def test_a_plain_clerk_of_the_office_may_not_set_a_delayed_deadline(cast):
    """第三十五条 sets the 第三十三条 period aside: like an extension, it is the disclosure office
    head's decision. 叶玉才 (政务公开 clerk) is refused; nothing is written."""
    case = handling_case(cast)
    before = _snapshot(case)
    with on_day(2022, 10, 20), pytest.raises(DomainError, match="无权"):
        case.set_override_due(
            by=cast.press, due=D(2022, 12, 30), reason="大量申请", notified_on=D(2022, 10, 20)
        )
    assert _snapshot(case) == before
    assert "set_override_due" not in case.actions_for(cast.press)
    assert "set_override_due" in case.actions_for(cast.press_head)


def test_a_delayed_deadline_after_the_period_ended_is_refused_whatever_day_it_is_entered(cast):
    """Due 2022-10-31. Told to the applicant 11-20 → refused (the period had ended); told 10-28
    and entered 11-20 → allowed, marked 补录."""
    case = handling_case(cast)
    before = _snapshot(case)
    with on_day(2022, 11, 20):
        with pytest.raises(DomainError, match="答复期限已于2022年10月31日届满") as refused:
            case.set_override_due(
                by=cast.press_head,
                due=D(2023, 6, 30),
                reason="大量申请",
                notified_on=D(2022, 11, 20),
            )
        assert refused.value.field == "notified_on"
        assert _snapshot(case) == before
        case.set_override_due(
            by=cast.press_head, due=D(2022, 12, 30), reason="大量申请", notified_on=D(2022, 10, 28)
        )
    case.refresh_from_db()
    assert case.override_due == D(2022, 12, 30) and case.due_date == D(2022, 12, 30)
    assert case.events.get(kind="set_override_due").entered_later


def test_a_supplement_notice_whose_period_had_ended_when_entered_needs_the_applicants_silence(
    cast,
):
    """第三十条: the notice of 2022-09-30 is within 7 WD, but its period (to 10-26) had ended
    when it is entered on 11-20. Without the clerk's statement that the applicant did not
    supplement it is refused (nothing written); with it, it is entered (补录) and the case can
    close as 视为放弃."""
    case = a_case(cast)
    before = _snapshot(case)
    with on_day(2022, 11, 20):
        with pytest.raises(DomainError, match="今天录入时已经届满") as refused:
            case.request_supplement(by=cast.press, items="请写明文件名称", on=D(2022, 9, 30))
        assert refused.value.field == "not_supplemented"
        assert _snapshot(case) == before
        case.request_supplement(
            by=cast.press, items="请写明文件名称", on=D(2022, 9, 30), not_supplemented=True
        )
        event = case.events.get(kind="request_supplement")
        assert event.entered_later and "申请人未在期限内补正" in event.note
        case.reply(
            by=cast.press,
            outcome=Outcome.ABANDONED_NO_SUPPLEMENT,
            text="逾期未补正，视为放弃申请",
            on=D(2022, 11, 20),
        )
    case.refresh_from_db()
    assert case.outcome == Outcome.ABANDONED_NO_SUPPLEMENT and case.supplement_due == D(
        2022, 10, 26
    )


def test_a_supplement_notice_entered_after_its_period_can_carry_the_supplement_received_in_time(
    cast,
):
    """The same notice entered 11-20 with the applicant's supplement of 10-10 (within the period):
    both are entered (补录), and the period restarts from 10-10 → due 2022-11-07."""
    case = a_case(cast)
    with on_day(2022, 11, 20):
        case.request_supplement(
            by=cast.press,
            items="请写明文件名称",
            on=D(2022, 9, 30),
            supplemented_on=D(2022, 10, 10),
        )
    case.refresh_from_db()
    assert case.supplement_received_on == D(2022, 10, 10) and case.due_date == D(2022, 11, 7)
    assert [e.kind for e in case.events.all() if e.entered_later] == [
        "register",
        "request_supplement",
        "receive_supplement",
    ]


# 2. 第三十条; 109号: a late 补正 or payment is taken only with a 正当理由.


def test_the_citizen_cannot_supplement_online_after_the_period_and_is_told_whom_to_contact(
    cast, client
):
    """补正期限 2022-10-26; on 10-27 the status page offers no form, says the period ended and
    whom to call; a POST is refused and nothing is written."""
    case, code = registered_case(cast)
    with on_day(2022, 9, 30):
        case.request_supplement(by=cast.press, items="请写明文件名称", on=D(2022, 9, 30))
    before = _snapshot(case)
    with on_day(2022, 10, 27):
        status = follow_application(client, case, code)
        page = client.get(status).content.decode()
        client.post(status, {"text": "补充的文件名称"})
    assert "补正期限已于<strong>2022年10月26日</strong>届满" in page
    assert "如有正当理由未能按期补正，请与" in page and "020-83108000" in page
    assert "提交补正</button>" not in page
    assert _snapshot(case) == before


def test_the_citizen_sees_that_the_reply_came_late_but_not_the_staff_reason(cast, client):
    """Due 2022-10-31, replied 11-03: the applicant's status page says the reply was 3 working
    days late; the reason is the office's note (it may name staff), kept off the public page."""
    case, code = registered_case(cast)
    with on_day(2022, 11, 3):
        case.accept(by=cast.press)
        case.reply(
            by=cast.press,
            outcome=Outcome.DISCLOSED,
            text="予以公开",
            on=D(2022, 11, 3),
            files=[a_pdf()],
            late_reason="承办人王五病假",
        )
        page = client.get(follow_application(client, case, code)).content.decode()
    assert case.due_date == D(2022, 10, 31)
    assert "2022年11月3日答复，晚于答复期限（2022年10月31日）3个工作日" in page
    assert "王五" not in page


def test_the_citizens_own_supplement_is_audited_as_the_applicants(cast, client):
    case, code = registered_case(cast)
    with on_day(2022, 9, 30):
        case.request_supplement(by=cast.press, items="请写明文件名称", on=D(2022, 9, 30))
    with on_day(2022, 10, 10):
        client.post(
            follow_application(client, case, code),
            {"text": "《2022年度安全生产执法检查计划》"},
        )
    entry = AuditEntry.objects.get(action="request.receive_supplement", target_id=str(case.pk))
    assert entry.actor is None and entry.actor_name == "申请人（张三）"
    assert DisclosureRequest.objects.get(pk=case.pk).supplement_received_on == D(2022, 10, 10)


def test_a_late_supplement_taken_by_the_office_needs_the_good_reason_and_shows_it(cast):
    """补正期限 2022-10-26; received 10-28. Without a reason: refused at 逾期补正的正当理由, nothing
    written. With one: taken, the clock restarts, the reason is on the timeline."""
    case = _with_supplement_requested(cast)
    before = _snapshot(case)
    with on_day(2022, 10, 28):
        with pytest.raises(DomainError, match="补正期限已于2022年10月26日届满") as refused:
            case.receive_supplement(by=cast.press, text="文件名称", on=D(2022, 10, 28))
        assert refused.value.field == "late_reason"
        assert _snapshot(case) == before
        case.receive_supplement(
            by=cast.press, text="文件名称", on=D(2022, 10, 28), late_reason="申请人住院，有病历"
        )
    event = case.events.get(kind="receive_supplement")
    assert "正当理由：申请人住院，有病历" in event.note
    assert event.data["late_reason"] == "申请人住院，有病历"


def _fee_sent(cast) -> DisclosureRequest:
    """按量 120 pages (109号: 70×10 + 20×20 = 1,100元), notice 2022-10-10: pay by 11-07."""
    case = handling_case(cast)
    with on_day(2022, 10, 10):
        case.send_fee_notice(
            by=cast.press, method=FeeNotice.Method.PER_VOLUME, pages=120, sent_on=D(2022, 10, 10)
        )
    assert case.fee_notices.get().payment_due == D(2022, 11, 7)
    return case


def test_a_payment_after_the_payment_period_needs_the_good_reason(cast):
    case = _fee_sent(cast)
    before = _snapshot(case)
    with on_day(2022, 11, 8):
        with pytest.raises(DomainError, match="缴费期限已于2022年11月7日届满") as refused:
            case.record_payment(by=cast.press, paid_on=D(2022, 11, 8))
        assert refused.value.field == "late_reason"
        assert _snapshot(case) == before
        assert case.fee_notices.get().state == FeeNotice.State.PENDING
        case.record_payment(by=cast.press, paid_on=D(2022, 11, 8), late_reason="银行系统故障")
    assert case.fee_notices.get().state == FeeNotice.State.PAID
    assert "正当理由：银行系统故障" in case.events.get(kind="record_payment").note


# 3. 第三十条: a reasonable 补正 period, at least GONGKAI_SUPPLEMENT_MIN_WORKDAYS (5).


def test_a_supplement_period_shorter_than_five_workdays_is_refused(cast):
    """Notice 2022-09-30: 10/8, 10/9 (调休), 10/10, 10/11, 10/12 → the shortest period ends 10-12.
    10-11 is refused, nothing written; 10-12 is taken."""
    case = a_case(cast)
    before = _snapshot(case)
    with on_day(2022, 9, 30):
        with pytest.raises(DomainError, match="不早于2022年10月12日") as refused:
            case.request_supplement(
                by=cast.press, items="请写明文件名称", on=D(2022, 9, 30), period_end=D(2022, 10, 11)
            )
        assert refused.value.field == "period_end"
        assert _snapshot(case) == before
        case.request_supplement(
            by=cast.press, items="请写明文件名称", on=D(2022, 9, 30), period_end=D(2022, 10, 12)
        )
    assert case.supplement_due == D(2022, 10, 12)


def test_the_shortest_supplement_period_is_a_setting(cast, settings):
    settings.SUPPLEMENT_MIN_WORKDAYS = 2  # 10/8, 10/9
    case = a_case(cast)
    with on_day(2022, 9, 30):
        with pytest.raises(DomainError, match="不少于2个工作日，即不早于2022年10月9日"):
            case.request_supplement(
                by=cast.press, items="请写明文件名称", on=D(2022, 9, 30), period_end=D(2022, 10, 8)
            )
        case.request_supplement(
            by=cast.press, items="请写明文件名称", on=D(2022, 9, 30), period_end=D(2022, 10, 9)
        )
    assert case.supplement_due == D(2022, 10, 9)


def test_the_fee_form_says_the_period_runs_from_the_day_after_the_notice_is_received():
    """109号 (rules.md §2.4): 20 WD from the day after *receiving* the notice."""
    from gongkai.disclosure_requests.forms import STEP_FORMS, FeeForm

    assert "自申请人收到通知之日次日起计算20个工作日" in FeeForm.base_fields["delivery"].help_text
    assert "通知发出之日次日" not in FeeForm.base_fields["sent_on"].help_text
    received = STEP_FORMS["record_fee_notice_received"].base_fields["received_on"]
    assert "自此日次日起计算20个工作日" in received.help_text


def _fee_posted(cast) -> DisclosureRequest:
    """按量 notice (120 pages) posted 2022-10-10, its 送达 date not yet known."""
    case = handling_case(cast)
    with on_day(2022, 10, 10):
        case.send_fee_notice(
            by=cast.press,
            method=FeeNotice.Method.PER_VOLUME,
            pages=120,
            sent_on=D(2022, 10, 10),
            delivery=FeeNotice.Delivery.POST,
        )
    return case


def _abandon_unpaid(cast, case, on: dt.date):
    """逾期未缴费: the office closes the case as abandoned (109号)."""
    return case.reply(by=cast.press, outcome=Outcome.ABANDONED_FEE_UNPAID, text="不再处理", on=on)


def test_a_fee_notice_given_online_is_received_the_day_it_is_sent(cast):
    case = _fee_sent(cast)
    notice = case.fee_notices.get()
    assert (notice.delivery, notice.received_on) == ("online", D(2022, 10, 10))
    assert not notice.payment_due_provisional


def test_a_posted_fee_notice_is_paid_within_twenty_workdays_of_its_receipt_not_of_its_posting(
    cast, client
):
    """Posted 2022-10-10; until its 送达 is entered the period is provisional (11-07, from the
    posting) and 逾期未缴费 is refused even after it. Received 10-13: 20 WD from 10-14 →
    10/14, 10/17–21, 10/24–28, 10/31–11/4, 11/7–10 → 2022-11-10; 视为放弃 from 11-11."""
    case = _fee_posted(cast)
    notice = case.fee_notices.get()
    assert notice.received_on is None and notice.payment_due_provisional
    assert notice.payment_due == D(2022, 11, 7)
    assert reminders.sweep_periods(today=D(2022, 11, 9), days=0) == []
    before = _snapshot(case)
    with on_day(2022, 11, 9):
        with pytest.raises(DomainError, match="申请人收到通知的日期尚未登记"):
            _abandon_unpaid(cast, case, D(2022, 11, 9))
        assert _snapshot(case) == before
        client.force_login(cast.press)
        page = client.get(reverse("disclosure_requests:detail", args=[case.pk])).content.decode()
        assert "缴费期限暂按发出日期计算至2022年11月7日" in page
        client.post(
            reverse("disclosure_requests:step", args=[case.pk, "record_fee_notice_received"]),
            {"received_on": "2022-10-13"},
        )
    notice.refresh_from_db()
    assert notice.received_on == D(2022, 10, 13) and not notice.payment_due_provisional
    assert notice.payment_due == D(2022, 11, 10)
    event = case.events.get(kind="record_fee_notice_received")
    assert event.on == D(2022, 10, 13) and event.entered_later
    assert AuditEntry.objects.filter(
        action="request.record_fee_notice_received", target_id=str(case.pk)
    ).exists()
    case.refresh_from_db()
    with on_day(2022, 11, 11):
        with pytest.raises(DomainError, match="缴费期限至2022年11月10日"):
            _abandon_unpaid(cast, case, D(2022, 11, 10))
        _abandon_unpaid(cast, case, D(2022, 11, 11))
    assert case.fee_notices.get().state == FeeNotice.State.EXPIRED


def test_a_posted_fee_notices_receipt_may_be_given_with_it_and_not_before_its_posting(cast):
    case = handling_case(cast)
    before = _snapshot(case)
    posted = {"method": "per_volume", "pages": 120, "sent_on": D(2022, 10, 10), "delivery": "post"}
    with on_day(2022, 10, 14):
        with pytest.raises(DomainError, match="不能早于通知发出日期") as refused:
            case.send_fee_notice(by=cast.press, received_on=D(2022, 10, 9), **posted)
        assert refused.value.field == "received_on"
        assert _snapshot(case) == before
        case.send_fee_notice(by=cast.press, received_on=D(2022, 10, 13), **posted)
    assert case.fee_notices.get().payment_due == D(2022, 11, 10)
    assert "record_fee_notice_received" not in case.actions_for(cast.press)


def test_the_citizen_is_told_to_pay_within_twenty_workdays_of_receiving_the_notice(cast, client):
    case, code = registered_case(cast)
    with on_day(2022, 9, 29):
        case.assign(by=cast.press, unit=cast.units["法规处"], on=D(2022, 9, 29))
    with on_day(2022, 10, 10):
        case.send_fee_notice(
            by=cast.press, method="per_volume", pages=120, sent_on=D(2022, 10, 10), delivery="post"
        )
        page = client.get(follow_application(client, case, code)).content.decode()
    assert "请自收到通知之日起20个工作日内缴纳" in page
    assert "以您收到通知之日计算" in page


# 4. A reply is not dated before the steps it rests on.


def test_a_reply_dated_before_the_supplement_it_rests_on_is_refused(cast):
    """补正 received 2022-10-10: a reply dated 10-09 is refused with that date; nothing written."""
    case = _with_supplement_requested(cast)
    with on_day(2022, 10, 12):
        case.receive_supplement(by=cast.press, text="文件名称", on=D(2022, 10, 10))
        before = _snapshot(case)
        with pytest.raises(DomainError, match="答复日期不能早于2022年10月10日") as refused:
            case.reply(by=cast.press, outcome=Outcome.DISCLOSED, text="见附件", on=D(2022, 10, 9))
    assert refused.value.field == "on"
    assert _snapshot(case) == before


def test_a_reply_dated_before_the_fee_was_paid_is_refused(cast):
    case = _fee_sent(cast)
    with on_day(2022, 10, 20):
        case.record_payment(by=cast.press, paid_on=D(2022, 10, 20))
        before = _snapshot(case)
        with pytest.raises(DomainError, match="答复日期不能早于2022年10月20日：该日已确认缴费"):
            case.reply(by=cast.press, outcome=Outcome.DISCLOSED, text="见附件", on=D(2022, 10, 19))
        assert _snapshot(case) == before
        case.reply(
            by=cast.press,
            outcome=Outcome.DISCLOSED,
            text="见附件",
            on=D(2022, 10, 20),
            files=[a_pdf()],
            pages_provided=120,  # all that was paid for: nothing to refund
        )
    assert DisclosureRequest.objects.get(pk=case.pk).replied_on == D(2022, 10, 20)


def test_a_reply_dated_before_the_consultation_was_answered_is_refused(cast):
    case = handling_case(cast)
    with on_day(2022, 10, 20):
        case.start_consultation(
            by=cast.press, kind="third_party", party="某企业", sent_on=D(2022, 10, 10)
        )
        case.end_consultation(by=cast.press, answered_on=D(2022, 10, 14), result="同意公开")
        before = _snapshot(case)
        with pytest.raises(DomainError, match="答复日期不能早于2022年10月14日：该日已收到意见"):
            case.reply(by=cast.press, outcome=Outcome.DISCLOSED, text="见附件", on=D(2022, 10, 13))
    assert _snapshot(case) == before


# 5. A late reply says why, and stays late.


def test_a_late_reply_needs_the_reason_and_keeps_its_lateness_on_the_page_and_in_the_list(
    cast, client
):
    """Due 2022-10-31; replied 11-03 → 3 WD late (11/1, 11/2, 11/3). Without 超期原因 the form is
    refused at that field and nothing is written; with it the case page and the staff list say
    超期答复（3个工作日）, and the 超期答复 filter lists it and not a case answered in time."""
    late, in_time = handling_case(cast), handling_case(cast)
    with on_day(2022, 10, 31):
        in_time.reply(
            by=cast.press,
            outcome=Outcome.DISCLOSED,
            text="予以公开",
            on=D(2022, 10, 31),
            files=[a_pdf()],
        )
    step = reverse("disclosure_requests:step", args=[late.pk, "reply"])
    reply = {"outcome": Outcome.DISCLOSED, "text": "予以公开", "on": "2022-11-03"}
    client.force_login(cast.press)
    before = _snapshot(late)
    with on_day(2022, 11, 3):
        refused = client.post(step, reply)
        assert refused.status_code == 400
        reply_form = {verb: form for verb, _, form in refused.context["steps"]}["reply"]
        assert reply_form.errors["late_reason"] == [
            "答复期限为2022年10月31日，本答复超期3个工作日：请填写超期原因"
        ]
        assert _snapshot(late) == before
        client.post(step, {**reply, "late_reason": "承办单位检索档案耗时较长", "files": a_pdf()})
        page = client.get(reverse("disclosure_requests:detail", args=[late.pk])).content.decode()
        listed = client.get(reverse("disclosure_requests:list") + "?state=late").content.decode()
    late.refresh_from_db()
    assert late.replied_on == D(2022, 11, 3) and late.due_date == D(2022, 10, 31)
    assert late.late_reply() == {"workdays": 3, "reason": "承办单位检索档案耗时较长"}
    assert "超期答复（3个工作日）" in page and "超期原因：承办单位检索档案耗时较长" in page
    assert late.tracking_no in listed and "超期答复（3个工作日）" in listed
    assert in_time.tracking_no not in listed


# 6. Smaller (finding 13).


def test_a_receipt_date_before_the_revised_regulation_is_refused(cast, client):
    """国务院令第711号: in force 2019-05-15. 2016 typed for 2026 is refused with that reason."""
    client.force_login(cast.press)
    response = client.post(
        reverse("disclosure_requests:register"),
        {
            "channel": "in_person",
            "handed_in_on": "2016-11-20",
            "applicant_type": "natural_person",
            "applicant_name": "张三",
            "id_document": "11010519491231002X",
            "phone": "13800138000",
            "description": "2016年安全生产执法检查计划",
            "delivery_form": "electronic",
            "delivery_method": "email",
            "email": "zhang@example.com",
        },
    )
    assert response.context["form"].errors["handed_in_on"] == [
        "收到申请之日不能早于2019年5月15日（修订后的《政府信息公开条例》施行之日），请核对年份。"
    ]
    with pytest.raises(DomainError, match="不能早于2019年5月15日"):
        a_case(cast, D(2019, 5, 14))
    assert not DisclosureRequest.objects.exists()


def test_an_extension_before_the_supplement_does_not_carry_into_the_restarted_period(cast):
    """Extended 20 WD on 2022-09-29, 补正 asked 9-30, received 10-10: the period restarts with a
    plain 20 WD (10/11 … 11/7) — not 40 (to 12/5) — and the timeline says why."""
    case = a_case(cast)
    with on_day(2022, 9, 30):
        case.accept(by=cast.press, on=D(2022, 9, 29))
        case.extend(by=cast.press_head, workdays=20, reason="检索", notified_on=D(2022, 9, 29))
        case.request_supplement(by=cast.press, items="请写明文件名称", on=D(2022, 9, 30))
    with on_day(2022, 10, 10):
        case.receive_supplement(by=cast.press, text="文件名称", on=D(2022, 10, 10))
    case.refresh_from_db()
    assert case.due_date == D(2022, 11, 7) and case.extension_workdays == 0
    assert "补正前延长的20个工作日不带入" in case.events.get(kind="receive_supplement").note


BANNER = "答复期限所跨年份的节假日安排尚未录入"


def test_a_replied_case_carries_no_provisional_holiday_banner(cast, client):
    """Received 2026-12-18, due in 2027 whose schedule is not entered: 暂定 while open; once
    replied the banner and the tag are gone."""
    case = a_case(cast, D(2026, 12, 18))
    detail = reverse("disclosure_requests:detail", args=[case.pk])
    with on_day(2026, 12, 18):
        client.force_login(cast.press)
        open_page = client.get(detail).content.decode()
        assert BANNER in open_page and ">暂定<" in open_page
        case.reply(
            by=cast.press,
            outcome=Outcome.DISCLOSED,
            text="予以公开",
            on=D(2026, 12, 18),
            files=[a_pdf()],
        )
        page = client.get(detail).content.decode()
    assert BANNER not in page and ">暂定<" not in page


# 7. Two tabs 交办 the same case to different units.


def test_a_stale_assignment_form_is_refused_not_applied_over_the_first(cast, client):
    """Both tabs opened while the case had no unit. The first sends 危化处; the second, 法规处, is
    refused with the stale-form message and the case stays with 危化处 (one 交办 on the record)."""
    case = a_case(cast)
    client.force_login(cast.press)
    step = reverse("disclosure_requests:step", args=[case.pk, "assign"])
    with on_day(2022, 9, 29):
        page = client.get(reverse("disclosure_requests:detail", args=[case.pk])).content.decode()
        assert 'name="seen_unit" value="-"' in page
        first = {"unit": cast.units["危化处"].pk, "on": "2022-09-29", "seen_unit": "-"}
        client.post(step, first)
        second = client.post(step, {**first, "unit": cast.units["法规处"].pk}, follow=True)
    text = second.content.decode()
    # Where it went, not the generic 已进入下一步 (probe 13): its state still allows 交办.
    assert (
        "该申请已转交危化处办理（当前为“办理中”），您提交的“交办承办单位”未办理。"
        "以下是申请的最新情况，请核对后再操作。"
    ) in text
    assert "已进入下一步" not in text and "在此状态下不能" not in text
    case.refresh_from_db()
    assert case.handling_unit == cast.units["危化处"]
    assert case.events.filter(kind="assign").count() == 1
    with on_day(2022, 9, 29), pytest.raises(DomainError, match="已转交危化处办理"):
        case.assign(by=cast.press, unit=cast.units["法规处"], on=D(2022, 9, 29), seen_unit="-")


def test_a_stale_transfer_form_says_where_the_case_went(cast, client):
    """Probe 13: a 转交 form opened while 法规处 had the case, sent after a colleague had
    transferred it to 危化处, was told the generic 已进入下一步 (its state had not moved): now
    where it went. A form that shows the current unit transfers it."""
    case = handling_case(cast)
    client.force_login(cast.press)
    step = reverse("disclosure_requests:step", args=[case.pk, "assign"])
    detail = reverse("disclosure_requests:detail", args=[case.pk])
    with on_day(2022, 9, 30):
        stale = {"on": "2022-09-30", "seen_unit": str(cast.units["法规处"].pk)}
        moved = client.post(step, {**stale, "unit": cast.units["危化处"].pk})
        assert moved.status_code == 302
        before = _snapshot(case)
        refused = client.post(step, {**stale, "unit": cast.units["法规处"].pk}, follow=True)
        text = refused.content.decode()
        assert "该申请已转交危化处办理（当前为“办理中”），您提交的“交办承办单位”未办理。" in text
        assert "已进入下一步" not in text
        assert _snapshot(case) == before
        case.refresh_from_db()
        assert case.handling_unit == cast.units["危化处"]
        # The page now shows 危化处: its form transfers the case back.
        assert (
            f'name="seen_unit" value="{cast.units["危化处"].pk}"'
            in client.get(detail).content.decode()
        )
        fresh = {"on": "2022-09-30", "seen_unit": str(cast.units["危化处"].pk)}
        client.post(step, {**fresh, "unit": cast.units["法规处"].pk})
    case.refresh_from_db()
    assert case.handling_unit == cast.units["法规处"]
    assert case.events.filter(kind="assign").count() == 3
