"""The application procedure on the statutory clock (条例 第二十九条 to 第四十五条)."""

import datetime as dt
import io

import docx
import pytest
import time_machine
from django.urls import reverse

from gongkai.core.errors import DomainError
from gongkai.core.models import AuditEntry
from gongkai.disclosure_requests.models import (
    CaseStatus,
    Channel,
    DisclosureRequest,
    FeeNotice,
    RequestEvent,
)
from gongkai.disclosure_requests.taxonomy import Outcome
from gongkai.testing import a_pdf

D = dt.date
SHANGHAI = dt.timezone(dt.timedelta(hours=8))
VALID_ID = "11010519491231002X"  # the standard's worked example (GB 11643-1999)


def _registered(cast, client, *, on=None, channel=Channel.IN_PERSON, **extra):
    """Register as the press office does for an application handed in on `on`."""
    on = on or D(2022, 9, 28)
    client.force_login(cast.press)
    data = {
        "channel": channel,
        "handed_in_on": on.isoformat(),
        "applicant_type": "natural_person",
        "applicant_name": "张三",
        "id_document": VALID_ID,
        "phone": "13800138000",
        "description": "2022年安全生产执法检查计划",
        "delivery_form": "electronic",
        "delivery_method": "email",
        "email": "zhang@example.com",
        **extra,
    }
    response = client.post(reverse("disclosure_requests:register"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return DisclosureRequest.objects.latest("pk")


def test_it_derives_the_due_date_from_the_receipt(cast, client):
    """第三十三条: 20 working days from receipt, start day excluded: 2022-09-28 → 2022-10-31."""
    case = _registered(cast, client)
    assert case.received_on == D(2022, 9, 28) and case.due_date == D(2022, 10, 31)
    assert case.tracking_no.startswith("GK2022-") and case.status == CaseStatus.REGISTERED


def test_registered_mail_counts_from_signing(cast, client):
    """第三十一条（二）: mail needing a signature is received on the day it is signed for."""
    case = _registered(
        cast, client, channel=Channel.REGISTERED_MAIL, handed_in_on="", signed_on="2022-09-30"
    )
    assert case.received_on == D(2022, 9, 30)


def test_registering_without_the_channel_date_is_refused(cast, client):
    client.force_login(cast.press)
    response = client.post(
        reverse("disclosure_requests:register"),
        {"channel": Channel.FAX, "applicant_type": "natural_person"},
    )
    assert "以确定收到申请之日" in response.content.decode()


@time_machine.travel(
    dt.datetime(2022, 10, 10, 10, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=False
)
def test_a_supplement_restarts_the_full_period(cast, client):
    """第三十条: the period counts from receipt of the supplemented application — a new 20 WD."""
    case = _registered(cast, client)
    case.request_supplement(by=cast.press, items="请写明文件名称或文号", on=D(2022, 9, 30))
    assert case.due_date is None and case.clock_state == "awaiting_supplement"
    case.receive_supplement(by=None, text="《2022年度安全生产执法检查计划》", on=D(2022, 10, 10))
    assert case.due_date == D(2022, 11, 7)  # 10/11 … 11/7 is 20 working days


@time_machine.travel(
    dt.datetime(2022, 10, 11, 10, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=False
)
def test_a_supplement_is_asked_only_once(cast, client):
    case = _registered(cast, client)
    case.request_supplement(by=cast.press, items="a", on=D(2022, 9, 30))
    case.receive_supplement(by=None, text="b", on=D(2022, 10, 10))
    with pytest.raises(DomainError, match="一次性"):
        case.request_supplement(by=cast.press, items="again", on=D(2022, 10, 11))


def test_a_third_party_consultation_is_not_counted(cast, client):
    """第三十二条、第三十三条第三款: 10/11–10/14 and 10/17 (5 WD) paused → due moves 5 WD.
    While waiting, the due date is the latest one: the third party's 15 WD run to 10/31, then
    the 15 WD left run 11/1–11/21 → 2022-11-21, so the case stays in every reminder."""
    case = _registered(cast, client)
    case.assign(by=cast.press, unit=cast.units["法规处"])
    with time_machine.travel(dt.datetime(2022, 10, 12, 10, tzinfo=SHANGHAI)):
        case.start_consultation(
            by=cast.press, kind="third_party", party="某化工企业", sent_on=D(2022, 10, 10)
        )
    assert case.due_date == D(2022, 11, 21) and case.clock_state == "paused"
    assert case.consultations.get().reply_due == D(2022, 10, 31)
    case.end_consultation(
        by=cast.press, answered_on=D(2022, 10, 17), result="不同意公开商业秘密部分"
    )
    assert case.due_date == D(2022, 11, 7)


def test_an_extension_is_at_most_twenty_workdays_and_needs_a_head(cast, client):
    """第三十三条第二款: the head of the disclosure office (政府信息公开工作机构负责人) approves;
    not a clerk of the office, and not the head of another unit, even the handling one."""
    case = _registered(cast, client)
    case.assign(by=cast.press, unit=cast.units["法规处"])
    with pytest.raises(DomainError, match="最长不得超过20个工作日"):
        case.extend(by=cast.press_head, workdays=21, reason="复杂", notified_on=D(2022, 10, 20))
    for not_the_office_head in (cast.press, cast.head):
        with pytest.raises(DomainError, match="无权"):
            case.extend(
                by=not_the_office_head, workdays=5, reason="复杂", notified_on=D(2022, 10, 20)
            )
    client.force_login(cast.head)  # 法规处负责人 handles the case, but does not head the office
    url = reverse("disclosure_requests:step", args=[case.pk, "extend"])
    form = {"workdays": 20, "reason": "涉及多个处室", "notified_on": "2022-10-20"}
    assert client.post(url, form).status_code == 404
    client.force_login(cast.press)  # 政务公开管理员 without 负责人: may not approve
    url = reverse("disclosure_requests:step", args=[case.pk, "extend"])
    assert (
        client.post(
            url, {"workdays": 20, "reason": "涉及多个处室", "notified_on": "2022-10-20"}
        ).status_code
        == 404
    )
    head = cast.press.__class__.objects.get(username="xinwen_head")
    head.set_roles(["政务公开管理员", "处室负责人"])
    client.force_login(head)
    assert (
        client.post(
            url, {"workdays": 20, "reason": "涉及多个处室", "notified_on": "2022-10-20"}
        ).status_code
        == 302
    )
    case.refresh_from_db()
    assert case.extension_workdays == 20 and case.due_date == D(2022, 11, 28)


def test_the_fee_is_computed_by_the_rule_and_its_period_excluded(cast, client, settings):
    """109号: 按件 for the 11th–30th 件 of a month is 100 元; payment time excluded.

    [UNVERIFIED, default]"""
    case = _registered(cast, client)
    DisclosureRequest.objects.filter(pk=case.pk).update(pieces=11)  # 11 件 split by 一事一申请
    case.refresh_from_db()
    case.assign(by=cast.press, unit=cast.units["法规处"])
    client.force_login(cast.press)
    client.post(
        reverse("disclosure_requests:step", args=[case.pk, "send_fee_notice"]),
        {"method": "per_piece", "pages": 0, "sent_on": "2022-10-10"},
    )
    case.refresh_from_db()
    notice = FeeNotice.objects.get()
    # Awaiting payment, the latest due date: the 20 WD to pay run 10/11–11/7, then the 15 WD
    # left run 11/8–11/28.
    assert notice.amount == 100 and case.status == CaseStatus.AWAITING_FEE
    assert notice.payment_due == D(2022, 11, 7) and case.due_date == D(2022, 11, 28)
    case.record_payment(by=cast.press, paid_on=D(2022, 10, 17))
    assert case.due_date == D(2022, 11, 7)


def test_a_partial_reply_needs_reasons_and_makes_a_letter(cast, client):
    """第三十七条; the remedy notice (行政复议法 2023) keeps the old wording before 2024."""
    case = _registered(cast, client)
    case.assign(by=cast.press, unit=cast.units["法规处"])
    with pytest.raises(DomainError, match="应当告知理由"):
        case.reply(by=cast.press, outcome=Outcome.PARTIAL, text="提供部分", on=D(2022, 10, 20))
    case.reply(
        by=cast.press,
        outcome=Outcome.PARTIAL,
        text="现提供检查计划（删去企业名单）。",
        on=D(2022, 10, 20),
        files=[a_pdf("检查计划（删去企业名单）.pdf")],
        withheld_reason="企业名单涉及商业秘密（第十五条）",
    )
    client.force_login(cast.press)
    response = client.get(reverse("disclosure_requests:letter", args=[case.pk, "docx"]))
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.getvalue())).paragraphs)
    assert (
        "张三：" in text
        and "第三十七条" in text
        and "商业秘密" in text
        and "60日内" in text
        and "6个月内" in text
    )
    pdf = client.get(reverse("disclosure_requests:letter", args=[case.pk, "pdf"]))
    assert pdf.getvalue().startswith(b"%PDF")


def test_a_refusal_from_2024_requires_reconsideration_first(cast, client):
    """行政复议法 第二十三条第一款第（四）项: 复议前置 for 不予公开 from 2024-01-01."""
    from gongkai.disclosure_requests.letters import remedy_notice

    assert "应当先" in remedy_notice(Outcome.WITHHELD_THIRD_PARTY, D(2024, 3, 1))
    assert "应当先" not in remedy_notice(Outcome.WITHHELD_THIRD_PARTY, D(2023, 12, 29))
    assert "6个月内" in remedy_notice(Outcome.DISCLOSED, D(2024, 3, 1))


def test_steps_out_of_order_are_refused(cast, client):
    case = _registered(cast, client)
    with pytest.raises(DomainError, match="不能送达"):
        case.serve(by=cast.press, method="post", on=D(2022, 10, 1))
    case.reply(
        by=cast.press, outcome=Outcome.DISCLOSED, text="提供", on=D(2022, 10, 10), files=[a_pdf()]
    )
    with pytest.raises(DomainError):
        case.assign(by=cast.press, unit=cast.units["法规处"])
    case.serve(by=cast.press, method="post", on=D(2022, 10, 11))
    case.archive(by=cast.press)
    assert case.status == CaseStatus.ARCHIVED and case.served_in_time()
    kinds = list(RequestEvent.objects.filter(case=case).values_list("kind", flat=True))
    assert kinds == ["register", "reply", "serve", "archive"]
    assert AuditEntry.objects.filter(action="request.reply", target_id=str(case.pk)).exists()


def test_only_the_office_and_the_handling_unit_see_a_case(cast, client):
    case = _registered(cast, client)
    url = reverse("disclosure_requests:detail", args=[case.pk])
    client.force_login(cast.clerk)
    assert client.get(url).status_code == 404
    case.assign(by=cast.press, unit=cast.units["法规处"])
    assert client.get(url).status_code == 200
    client.force_login(cast.other_clerk)
    assert client.get(url).status_code == 404
    client.force_login(cast.leader)  # not handling: no access to the applicant's identity
    assert client.get(url).status_code == 403
    client.logout()
    assert "/staff/login/" in client.get(url).url


def test_the_list_is_sorted_by_days_left(cast, client):
    late = _registered(cast, client, on=D(2022, 9, 1))
    early = _registered(cast, client, on=D(2022, 9, 28))
    client.force_login(cast.press)
    page = client.get(reverse("disclosure_requests:list"), {"state": "all"}).content.decode()
    assert page.index(late.tracking_no) < page.index(early.tracking_no)


def test_remedies_are_recorded(cast, client):
    case = _registered(cast, client)
    case.reply(
        by=cast.press,
        outcome=Outcome.WITHHELD_PROCESS,
        text="不予公开",
        withheld_reason="过程性信息",
        on=D(2022, 10, 10),
    )
    client.force_login(cast.press)
    client.post(
        reverse("disclosure_requests:remedy_add", args=[case.pk]),
        {
            "kind": "reconsideration",
            "filed_on": "2022-11-01",
            "body": "广州市人民政府",
            "result": "upheld",
            "decided_on": "2022-12-20",
        },
    )
    assert case.remedies.get().result == "upheld"
    response = client.post(
        reverse("disclosure_requests:remedy_add", args=[case.pk]),
        {
            "kind": "litigation_direct",
            "filed_on": "2022-11-01",
            "body": "法院",
            "result": "corrected",
        },
    )
    assert response.status_code == 400 and case.remedies.count() == 1
    assert response.context["remedy_form"].errors["decided_on"] == ["已审结的，请填写审结日期。"]


def test_the_handling_unit_gets_its_own_earlier_deadline(cast, client, settings):
    """A second, internal deadline: 10 WD from assignment by default, never past the legal one."""
    from io import StringIO

    from django.core.management import call_command

    from gongkai.core.models import Notification

    case = _registered(cast, client)  # due 2022-10-31
    case.assign(by=cast.press, unit=cast.units["法规处"], on=D(2022, 9, 29))
    assert case.internal_due == D(2022, 10, 18)  # 9/30, 10/8, 10/9 (调休), 10/10–14, 10/17, 10/18
    settings.INTERNAL_HANDLING_WORKDAYS = 40
    late = _registered(cast, client)
    late.assign(by=cast.press, unit=cast.units["法规处"], on=D(2022, 9, 29))
    assert late.internal_due == late.due_date
    call_command("remind", stdout=StringIO())
    assert Notification.objects.filter(user=cast.clerk, key__contains="internal-overdue").exists()
