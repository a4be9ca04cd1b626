"""What a reply must carry (second outside probe, findings 3, 4, 4b, 7, 8): how the information
is provided, the fee settled, the earlier application of a 重复申请, and the public-interest
reason and written notice when a third party objected. Each refused reply leaves the database
as it was.

Dates: received 2022-09-28 (a Wednesday), reply due 2022-10-31; every date here is before the
due date, so no other rule interferes.
"""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.core.errors import DomainError
from gongkai.core.models import AuditEntry
from gongkai.disclosure_requests.forms import STEP_FORMS
from gongkai.disclosure_requests.letters import letter_content
from gongkai.disclosure_requests.models import (
    CaseFile,
    CaseStatus,
    FeeNotice,
    Remedy,
    Reply,
    RequestEvent,
)
from gongkai.disclosure_requests.taxonomy import Outcome
from gongkai.forms_common import FILES_LOST
from gongkai.reports.tables import fees_collected
from gongkai.testing import a_pdf, on_day, registered_case

D = dt.date


def _handling(cast, **fields):
    case = registered_case(cast, **fields)[0]
    case.assign(by=cast.press, unit=cast.units["法规处"], on=case.received_on)
    return case


def _nothing_replied(case, status=CaseStatus.HANDLING):
    case.refresh_from_db()
    assert case.status == status and case.outcome == "" and case.replied_on is None
    assert not Reply.objects.filter(case=case).exists()
    assert not RequestEvent.objects.filter(case=case, kind="reply").exists()
    assert not AuditEntry.objects.filter(action="request.reply", target_id=str(case.pk)).exists()
    assert not CaseFile.objects.filter(case=case, purpose=CaseFile.Purpose.PROVIDED).exists()


def _refused(case, field, match, **reply):
    with pytest.raises(DomainError, match=match) as refused:
        case.reply(by=case._by, **reply)
    assert refused.value.field == field
    return refused.value


# Finding 3: 第三十六条第（二）项、第四十条 — a reply that provides information says how.


def test_it_refuses_a_disclosure_with_no_file_when_the_applicant_asked_for_it_electronically(
    cast,
):
    case = _handling(cast)  # 电子文档, by e-mail
    case._by = cast.press
    _refused(
        case,
        "files",
        r"申请人要求以电子文档（电子邮件）获取信息：请上传提供的信息文件.*第四十条",
        outcome=Outcome.DISCLOSED,
        text="现予以公开，见附件。",
        on=D(2022, 10, 20),
    )
    _nothing_replied(case)


def test_a_paper_disclosure_records_the_arrangement_or_is_refused(cast):
    case = _handling(cast, delivery_form="paper", delivery_method="post", email="")
    case._by = cast.press
    _refused(
        case,
        "provision",
        "请上传提供的信息文件，或写明提供安排",
        outcome=Outcome.PARTIAL,
        text="部分公开，见附件。",
        withheld_reason="企业名单涉及商业秘密",
        on=D(2022, 10, 20),
    )
    _nothing_replied(case)
    case.reply(
        by=cast.press,
        outcome=Outcome.PARTIAL,
        text="部分公开。",
        withheld_reason="企业名单涉及商业秘密",
        provision="纸质件共12页，于2022年10月20日以挂号信寄出",
        on=D(2022, 10, 20),
    )
    assert case.replies.get().provision == "纸质件共12页，于2022年10月20日以挂号信寄出"
    assert "提供方式：纸质件共12页" in "".join(letter_content(case.replies.get()).paragraphs)


def test_the_reply_form_puts_the_error_at_its_field_and_says_the_files_must_be_chosen_again(
    cast, client
):
    case = _handling(cast)
    client.force_login(cast.press)
    response = client.post(
        reverse("disclosure_requests:step", args=[case.pk, "reply"]),
        {
            "outcome": "partial",
            "text": "部分公开，见附件。",
            "on": "2022-10-20",
            "files": a_pdf("检查计划.pdf"),
        },
    )
    assert response.status_code == 400
    form = dict((verb, form) for verb, _label, form in response.context["steps"])["reply"]
    assert form.errors["withheld_reason"] == [
        "不予公开或部分公开的，应当告知理由（第三十六条第（三）项、第三十七条）"
    ]
    assert form.errors["files"] == [FILES_LOST]
    assert "附件需要重新选择" in response.content.decode()
    assert not form.non_field_errors()
    _nothing_replied(case)


def test_a_blank_proposal_with_a_file_says_what_to_write_and_that_the_file_is_lost(cast, client):
    case = _handling(cast)
    client.force_login(cast.clerk)  # 法规处's clerk
    response = client.post(
        reverse("disclosure_requests:step", args=[case.pk, "propose"]),
        {"text": "", "files": a_pdf("执法检查记录.pdf")},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "请填写办理意见。" in page and "附件需要重新选择" in page
    assert "这个字段是必填项" not in page
    assert not RequestEvent.objects.filter(case=case, kind="propose").exists()
    assert not CaseFile.objects.filter(case=case).exists()


# Finding 4: 109号 — no information while a fee is pending; a reply providing nothing withdraws it.


def _fee_sent(cast, pages=120):
    """按量 120 pages: 70 × 10 + 20 × 20 = 1,100 元 (109号第五条, rules.md §2.3)."""
    case = _handling(cast)
    case.send_fee_notice(by=cast.press, method="per_volume", pages=pages, sent_on=D(2022, 10, 10))
    assert case.pending_fee_notice().amount == 1100
    case._by = cast.press
    return case


def test_it_refuses_to_provide_information_while_the_fee_is_unpaid(cast):
    case = _fee_sent(cast)
    _refused(
        case,
        "outcome",
        "信息处理费尚未缴纳（1100元",
        outcome=Outcome.DISCLOSED,
        text="现予以公开。",
        files=[a_pdf()],
        on=D(2022, 10, 12),
    )
    _nothing_replied(case, CaseStatus.AWAITING_FEE)
    notice = case.fee_notices.get()
    assert notice.state == FeeNotice.State.PENDING and notice.settled_on is None


def test_a_reply_providing_nothing_withdraws_the_pending_fee_notice_and_never_calls_it_late(cast):
    case = _fee_sent(cast)
    case.reply(by=cast.press, outcome=Outcome.NOT_EXIST, text="经检索没有。", on=D(2022, 10, 12))
    notice = case.fee_notices.get()
    assert (notice.state, notice.settled_on) == (FeeNotice.State.WITHDRAWN, D(2022, 10, 12))
    event = case.events.get(kind="reply")
    assert "收费通知（1100元）撤回" in event.note and event.data["fee"] == "withdraw"


# Finding 4b: 109号第五条 — 按量 is for what is provided; a fee paid for pages not provided
# is refunded.


def test_a_paid_fee_is_refunded_in_full_when_the_reply_provides_nothing(cast):
    case = _fee_sent(cast)
    case.record_payment(by=cast.press, paid_on=D(2022, 10, 11))
    _refused(
        case,
        "refund_amount",
        "应当退还1100元（109号第五条）：请填写退费金额1100元",
        outcome=Outcome.WITHHELD_PROCESS,
        text="不予公开。",
        withheld_reason="过程性信息",
        on=D(2022, 10, 13),
    )
    _nothing_replied(case)
    assert case.fee_notices.get().state == FeeNotice.State.PAID
    _refused(
        case,
        "refund_on",
        "请填写退费日期",
        outcome=Outcome.WITHHELD_PROCESS,
        text="不予公开。",
        withheld_reason="过程性信息",
        refund_amount=1100,
        on=D(2022, 10, 13),
    )
    _nothing_replied(case)
    case.reply(
        by=cast.press,
        outcome=Outcome.WITHHELD_PROCESS,
        text="不予公开。",
        withheld_reason="过程性信息",
        refund_amount=1100,
        refund_on=D(2022, 10, 13),
        on=D(2022, 10, 13),
    )
    notice = case.fee_notices.get()
    assert (notice.state, notice.refund_amount, notice.refunded_on) == (
        FeeNotice.State.REFUNDED,
        1100,
        D(2022, 10, 13),
    )
    assert fees_collected(2022) == 0


def test_a_partial_reply_with_fewer_pages_than_were_paid_for_refunds_the_difference(cast, client):
    """80 pages provided cost 50 × 10 = 500 元 of the 1,100 paid: 600 元 back."""
    case = _fee_sent(cast)
    case.record_payment(by=cast.press, paid_on=D(2022, 10, 11))
    reply = {
        "outcome": Outcome.PARTIAL,
        "text": "部分公开。",
        "withheld_reason": "企业名单涉及商业秘密",
        "files": [a_pdf()],
        "on": D(2022, 10, 13),
    }
    _refused(case, "pages_provided", "请填写实际提供的页数（109号第五条）", **reply)
    _refused(case, "refund_amount", "实际提供80页，应当退还600元", pages_provided=80, **reply)
    _refused(
        case, "refund_amount", "请填写退费金额600元", pages_provided=80, refund_amount=500, **reply
    )
    _nothing_replied(case)
    case.reply(
        by=cast.press, pages_provided=80, refund_amount=600, refund_on=D(2022, 10, 13), **reply
    )
    notice = case.fee_notices.get()
    assert (notice.state, notice.refund_amount) == (FeeNotice.State.REFUNDED, 600)
    assert case.replies.get().pages_provided == 80
    assert fees_collected(2022) == 500
    client.force_login(cast.press)
    page = client.get(reverse("disclosure_requests:detail", args=[case.pk])).content.decode()
    assert "已缴费（2022年10月11日），已退还600元（2022年10月13日）" in page


def test_a_paid_per_piece_fee_is_kept_whatever_the_decision(cast):
    """109号第四条: 按件 applies to every kind of decision; the 11th 件 of the month is 100 元."""
    case = _handling(cast, pieces=11)
    case.send_fee_notice(by=cast.press, method="per_piece", pages=0, sent_on=D(2022, 10, 10))
    case.record_payment(by=cast.press, paid_on=D(2022, 10, 11))
    case.reply(by=cast.press, outcome=Outcome.NOT_EXIST, text="经检索没有。", on=D(2022, 10, 13))
    notice = case.fee_notices.get()
    assert (notice.state, notice.amount, notice.refund_amount) == (FeeNotice.State.PAID, 100, None)


# Finding 7: 第三十六条第（六）项 — a 重复申请 names the earlier application, already answered.


def test_a_duplicate_without_an_earlier_application_is_refused(cast):
    case = _handling(cast)
    case._by = cast.press
    _refused(
        case,
        "earlier_no",
        r"第三十六条第（六）项）：请填写前次申请的编号",
        outcome=Outcome.DUPLICATE,
        text="重复申请，不予处理。",
        on=D(2022, 10, 20),
    )
    _nothing_replied(case)
    assert case.duplicate_of is None


def test_a_duplicate_names_the_same_applicants_earlier_answered_application(cast, client):
    earlier = _handling(cast)
    earlier.reply(
        by=cast.press, outcome=Outcome.DISCLOSED, text="提供", files=[a_pdf()], on=D(2022, 10, 10)
    )
    other = _handling(cast, id_document="110105194912310037", applicant_name="李四", phone="1")
    other.reply(by=cast.press, outcome=Outcome.NOT_EXIST, text="没有", on=D(2022, 10, 10))
    open_one = _handling(cast)
    case = _handling(cast, received=D(2022, 10, 17))
    case._by = cast.press
    duplicate = {"outcome": Outcome.DUPLICATE, "text": "不予重复处理。", "on": D(2022, 10, 20)}
    client.force_login(cast.press)
    page = client.get(reverse("disclosure_requests:detail", args=[case.pk])).content.decode()
    offered = page.split("同一申请人此前已答复的申请")[1].split("</div>")[0]
    assert earlier.tracking_no in offered  # same 身份证明, answered
    assert other.tracking_no not in offered and open_one.tracking_no not in offered
    _refused(
        case, "earlier_no", "申请人（李四）与本申请人", earlier_no=other.tracking_no, **duplicate
    )
    _refused(
        case,
        "earlier_no",
        f"申请{open_one.tracking_no}尚未答复",
        earlier_no=open_one.tracking_no,
        **duplicate,
    )
    _refused(
        case,
        "earlier_no",
        "系统中没有编号为GK2022-00099的申请",
        earlier_no="GK2022-00099",
        **duplicate,
    )
    _nothing_replied(case)
    case.reply(by=cast.press, earlier_no=earlier.tracking_no.lower(), **duplicate)
    case.refresh_from_db()
    assert case.duplicate_of == earlier
    assert case.replies.get().earlier_application_no == earlier.tracking_no
    letter = "".join(letter_content(case.replies.get()).paragraphs)
    assert (
        f"您此前已于2022年9月28日就相同信息提出政府信息公开申请（编号：{earlier.tracking_no}），"
        "本机关已于2022年10月10日作出答复。"
    ) in letter


def test_a_duplicate_of_an_application_from_before_the_system_needs_its_date(cast):
    case = _handling(cast)
    case._by = cast.press
    duplicate = {
        "outcome": Outcome.DUPLICATE,
        "text": "不予重复处理。",
        "on": D(2022, 10, 20),
        "earlier_no": "应急依申请〔2021〕5号",
    }
    _refused(case, "earlier_on", "请填写其收到日期", **duplicate)
    _refused(case, "earlier_on", "应当早于本申请", earlier_on=D(2022, 9, 28), **duplicate)
    _nothing_replied(case)
    case.reply(by=cast.press, earlier_on=D(2021, 6, 1), **duplicate)
    reply = case.replies.get()
    assert (reply.earlier_application_no, reply.earlier_application_on) == (
        "应急依申请〔2021〕5号",
        D(2021, 6, 1),
    )
    assert (
        "前次申请：应急依申请〔2021〕5号（2021年6月1日收到）" in case.events.get(kind="reply").note
    )


# Finding 8: 第三十二条 — disclosed over a third party's objection: the reason and the notice.


def test_disclosing_over_a_third_partys_objection_records_the_reason_and_the_written_notice(
    cast, client
):
    case = _handling(cast)
    case.start_consultation(
        by=cast.press, kind="third_party", party="某化工企业", sent_on=D(2022, 10, 10)
    )
    client.force_login(cast.press)
    client.post(
        reverse("disclosure_requests:step", args=[case.pk, "end_consultation"]),
        {"result": "不同意公开：涉及商业秘密。", "objected": "on", "answered_on": "2022-10-12"},
    )
    assert case.consultations.get().objected
    case._by = cast.press
    disclose = {
        "outcome": Outcome.DISCLOSED,
        "text": "予以公开。",
        "files": [a_pdf()],
        "on": D(2022, 10, 20),
    }
    reason = "该企业的应急预案关系周边居民的生命安全，不公开可能对公共利益造成重大影响"
    _refused(
        case, "public_interest_reason", r"某化工企业.*请填写公共利益理由（第三十二条）", **disclose
    )
    _refused(
        case,
        "third_party_notified_on",
        "请填写书面告知第三方的日期",
        public_interest_reason=reason,
        **disclose,
    )
    _refused(
        case,
        "third_party_notified_on",
        "不能早于收到其意见之日（2022年10月12日）",
        public_interest_reason=reason,
        third_party_notified_on=D(2022, 10, 11),
        **disclose,
    )
    _nothing_replied(case)
    case.reply(
        by=cast.press,
        public_interest_reason=reason,
        third_party_notified_on=D(2022, 10, 18),
        **disclose,
    )
    reply = case.replies.get()
    assert (reply.public_interest_reason, reply.third_party_notified_on) == (
        reason,
        D(2022, 10, 18),
    )
    page = client.get(reverse("disclosure_requests:detail", args=[case.pk])).content.decode()
    assert f"仍予公开的公共利益理由：{reason}" in page
    assert "已于2022年10月18日将决定公开的内容和理由书面告知第三方（第三十二条）" in page


def _disclosed_over_objection(cast, *, notified_on, entered):
    """Third party objects 2022-10-12; the reply (2022-10-20) is entered on `entered`."""
    case = _handling(cast)
    case.start_consultation(
        by=cast.press, kind="third_party", party="某化工企业", sent_on=D(2022, 10, 10)
    )
    case.end_consultation(
        by=cast.press, answered_on=D(2022, 10, 12), result="不同意公开", objected=True
    )
    with on_day(*entered):
        case.reply(
            by=cast.press,
            outcome=Outcome.DISCLOSED,
            text="予以公开。",
            files=[a_pdf()],
            on=D(2022, 10, 20),
            public_interest_reason="关系周边居民的生命安全",
            third_party_notified_on=notified_on,
        )
    return case.events.get(kind="reply")


def test_a_written_notice_to_the_third_party_typed_before_the_day_of_entry_is_marked_entered_later(
    cast,
):
    """Notified on paper 2022-10-18, entered 2022-10-20: the timeline says it was 补录 that day,
    and the record keeps the day of entry, as for every other step done on paper."""
    event = _disclosed_over_objection(cast, notified_on=D(2022, 10, 18), entered=(2022, 10, 20))
    assert "已于2022年10月18日将决定公开的内容和理由书面告知第三方" in event.note
    assert "（书面告知第三方于2022年10月20日补录）" in event.note
    assert event.data["third_party_notice_entered_on"] == "2022-10-20"
    audit = AuditEntry.objects.get(action="request.reply", target_id=str(event.case_id))
    assert audit.data["third_party_notice_entered_on"] == "2022-10-20"


def test_a_written_notice_to_the_third_party_entered_the_same_day_is_not_marked(cast):
    event = _disclosed_over_objection(cast, notified_on=D(2022, 10, 20), entered=(2022, 10, 20))
    assert "补录" not in event.note
    assert "third_party_notice_entered_on" not in event.data


# Finding 12: a 行政复议/诉讼 the letter's own remedy notice rules out is recorded, with a warning.


def test_a_direct_suit_against_a_refusal_after_2024_is_recorded_with_a_warning(cast, client):
    """行政复议法 (2023) 第二十三条第一款第（四）项: the 2024-10-20 不予公开 letter said
    复议 first."""
    case = registered_case(cast, received=D(2024, 10, 8))[0]
    case.reply(
        by=cast.press,
        outcome=Outcome.WITHHELD_PROCESS,
        text="不予公开。",
        withheld_reason="过程性信息",
        on=D(2024, 10, 20),
    )
    client.force_login(cast.press)
    url = reverse("disclosure_requests:remedy_add", args=[case.pk])
    typed = {"body": "广州市天河区人民法院", "result": "pending", "note": ""}
    response = client.post(
        url, {**typed, "kind": "litigation_direct", "filed_on": "2024-11-01"}, follow=True
    )
    page = response.content.decode()
    assert "已登记。" in page
    assert page.count("未经复议直接起诉与告知的救济途径不符") == 2  # the message and the case page
    response = client.post(
        url, {**typed, "kind": "litigation_after", "filed_on": "2024-11-05"}, follow=True
    )
    assert "系统中没有此前的行政复议记录" in response.content.decode()
    assert list(case.remedies.values_list("kind", flat=True)) == [
        "litigation_direct",
        "litigation_after",
    ]


def test_a_suit_after_a_reconsideration_on_file_carries_no_warning(cast):
    case = registered_case(cast, received=D(2024, 10, 8))[0]
    case.reply(
        by=cast.press,
        outcome=Outcome.WITHHELD_PROCESS,
        text="不予公开。",
        withheld_reason="过程性信息",
        on=D(2024, 10, 20),
    )
    Remedy.objects.create(case=case, kind="reconsideration", filed_on=D(2024, 11, 1), body="区政府")
    after = Remedy.objects.create(
        case=case, kind="litigation_after", filed_on=D(2025, 1, 10), body="区法院"
    )
    assert after.warning == ""


# Finding 3(e): the staff step forms speak plain Chinese, never Django's defaults.


@pytest.mark.parametrize("verb", sorted(STEP_FORMS))
def test_a_blank_step_form_says_what_to_fill_in(verb):
    form = STEP_FORMS[verb]({"on": "2022-13-45", "workdays": "x", "pages": "x"})
    messages = [str(m) for errors in form.errors.values() for m in errors]
    assert messages, verb
    for message in messages:  # what to do: fill in, choose, or write a date or number right
        assert message.startswith("请") or "格式不正确，请" in message or "请填写整数" in message


def test_the_reply_form_names_each_missing_field():
    form = STEP_FORMS["reply"]({"on": "2022-13-45"})
    assert form.errors == {
        "outcome": ["请选择答复类型。"],
        "text": ["请填写答复正文。"],
        "on": ["答复日期格式不正确，请从日历中选择或按“2026-11-26”填写。"],
    }


def test_an_already_public_reply_refunds_a_paid_per_volume_fee_unless_the_setting_says_not(
    cast, settings
):
    """109号第五条's sentence on information already public was not read in full [UNVERIFIED]:
    GONGKAI_FEE_PER_VOLUME_EXCLUDES_ALREADY_PUBLIC (default True) refunds the 1,100 元."""
    case = _fee_sent(cast)
    case.record_payment(by=cast.press, paid_on=D(2022, 10, 11))
    told = {"outcome": Outcome.ALREADY_PUBLIC, "text": "已主动公开。", "on": D(2022, 10, 13)}
    _refused(case, "refund_amount", "请填写退费金额1100元", **told)
    _nothing_replied(case)
    settings.FEE_PER_VOLUME_EXCLUDES_ALREADY_PUBLIC = False
    case.reply(by=cast.press, **told)
    assert case.fee_notices.get().state == FeeNotice.State.PAID
