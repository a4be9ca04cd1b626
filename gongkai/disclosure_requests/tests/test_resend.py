"""Outside probes: a citizen says the e-mail never arrived — the 受理回执 or a letter. The office
had no way to send it again but to retype it. 重新发送 (resend) sends the receipt, or the letter
as it was sent (SentLetter), to the address on file: on the timeline and in the audit log, the
state and every date unchanged."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from gongkai.core.errors import DomainError
from gongkai.core.models import AuditEntry
from gongkai.testing import handling_case, on_day, registered_case, served_case

D = dt.date


def _served_by_post(cast, **fields):
    case = handling_case(cast, **fields)
    with on_day(2022, 10, 20):
        served_case(cast, case)
    case.refresh_from_db()
    return case


def _dates(case):
    case.refresh_from_db()
    reply = case.replies.get()
    return (
        case.status,
        case.due_date,
        case.replied_on,
        case.served_on,
        reply.served_on,
        reply.served_method,
    )


def _written(case):
    return (
        case.events.count(),
        AuditEntry.objects.filter(target_id=str(case.pk)).count(),
    )


def test_the_reply_is_sent_again_as_it_was_with_its_files_and_nothing_else_changes(
    cast, client, mailoutbox, django_capture_on_commit_callbacks
):
    case = _served_by_post(cast)
    before = _dates(case)
    client.force_login(cast.press)
    url = reverse("disclosure_requests:step", args=[case.pk, "resend"])
    with on_day(2022, 11, 3), django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"document": "reply", "reason": "申请人来电称未收到"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["zhang@example.com"]
    names = [name for name, *_ in mailoutbox[0].attachments]
    assert names == [f"答复告知书-{case.tracking_no}.pdf", "检查计划.pdf"]
    assert _dates(case) == before
    event = case.events.get(kind="resend")
    assert event.actor == cast.press and event.data == {"document": "reply"}
    assert event.note == "以电子邮件重新发送答复告知书。原因：申请人来电称未收到"
    entry = AuditEntry.objects.get(action="request.resend")
    assert entry.actor == cast.press and entry.target_id == str(case.pk)
    page = client.get(reverse("disclosure_requests:detail", args=[case.pk])).content.decode()
    assert "重新发送文书" in page
    # offered: what this case sent (no key, so no receipt; no 补正 was asked)
    assert '<option value="reply">' in page
    assert '<option value="supplement">' not in page and '<option value="receipt">' not in page


def test_a_notice_is_sent_again_and_its_period_stays(
    cast, mailoutbox, django_capture_on_commit_callbacks
):
    """The 补正告知书 (as kept: sent_letter), its 补正 period and the state as they were."""
    case = registered_case(cast)[0]
    with on_day(2022, 9, 30):
        case.request_supplement(by=cast.press, items="请写明文件名称", on=D(2022, 9, 30))
    case.refresh_from_db()
    before = (case.status, case.supplement_due, case.due_date)
    with on_day(2022, 10, 8), django_capture_on_commit_callbacks(execute=True):
        case.resend(by=cast.press, document="supplement")
    assert [name for name, *_ in mailoutbox[0].attachments] == [
        f"补正告知书-{case.tracking_no}.pdf"
    ]
    case.refresh_from_db()
    assert (case.status, case.supplement_due, case.due_date) == before


def test_the_receipt_is_sent_again_with_the_query_code_that_opens_the_case(
    cast, mailoutbox, django_capture_on_commit_callbacks
):
    case, code = registered_case(cast, idempotency_key="form-key-1")
    with on_day(2022, 9, 29), django_capture_on_commit_callbacks(execute=True):
        case.resend(by=cast.press, document="receipt")
    body = mailoutbox[0].body
    sent = re.search(r"查询码：(\w+)", body).group(1)
    assert sent == code and case.check_query_code(sent) and case.tracking_no in body


@pytest.mark.parametrize(
    "fields, document, why",
    [
        (
            {"email": "", "delivery_method": "post", "address": "广州市越秀区"},
            "reply",
            "未留电子邮箱",
        ),
        ({}, "supplement", "尚未发出补正告知书"),
        ({}, "receipt", "查询码无法重新生成"),  # registered without a key: a random code
    ],
    ids=["no-email", "never-issued", "code-not-derivable"],
)
def test_what_cannot_be_sent_again_is_refused_and_nothing_is_written(
    cast, mailoutbox, django_capture_on_commit_callbacks, fields, document, why
):
    case = _served_by_post(cast, **fields)
    before, written = _dates(case), _written(case)
    with on_day(2022, 11, 3), django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(DomainError, match=why):
            case.resend(by=cast.press, document=document)
    assert (_dates(case), _written(case), mailoutbox) == (before, written, [])


def test_only_the_office_sends_again_and_a_double_click_sends_once(
    cast, client, mailoutbox, django_capture_on_commit_callbacks
):
    case = _served_by_post(cast)
    url = reverse("disclosure_requests:step", args=[case.pk, "resend"])
    client.force_login(cast.clerk)  # 法规处 handles it; the office speaks to the applicant
    assert client.get(reverse("disclosure_requests:detail", args=[case.pk])).status_code == 200
    assert client.post(url, {"document": "reply"}).status_code == 404
    client.force_login(cast.press)
    with on_day(2022, 11, 3), django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"document": "reply"}).status_code == 302
        again = client.post(url, {"document": "reply"}, follow=True).content.decode()
    assert "已于" in again and "重新发送" in again
    assert len(mailoutbox) == 1 and case.events.filter(kind="resend").count() == 1


def test_a_failed_sending_again_is_on_the_timeline(
    cast, smtp_refused, django_capture_on_commit_callbacks
):
    case = registered_case(cast)[0]
    with on_day(2022, 9, 30):
        case.request_supplement(by=cast.press, items="请写明文件名称", on=D(2022, 9, 30))
    with on_day(2022, 10, 8), django_capture_on_commit_callbacks(execute=True):
        case.resend(by=cast.press, document="supplement")
    failed = case.events.get(kind="resend_mail_failed")
    assert failed.actor == cast.press and "ConnectionRefusedError" in failed.data["error"]


@pytest.mark.parametrize("document", ["reply", "receipt"])
def test_a_failed_resend_of_the_reply_or_receipt_is_a_resend_failure_not_a_first_sendings(
    cast, client, smtp_refused, django_capture_on_commit_callbacks, document
):
    """Was: a resent reply that failed went on the timeline as 答复告知书邮件送达失败
    (serve_mail_failed) and a resent receipt as 受理回执邮件发送失败, with no one named — as if
    the first sending, the one that counted, had failed."""
    case = _served_by_post(cast, idempotency_key="form-key-1")
    with on_day(2022, 11, 3), django_capture_on_commit_callbacks(execute=True):
        case.resend(by=cast.press, document=document)
    assert list(case.events.filter(kind__endswith="mail_failed").values_list("kind", "actor")) == [
        ("resend_mail_failed", cast.press.pk)
    ]
    entry = AuditEntry.objects.get(action__endswith="mail_failed")
    assert (entry.action, entry.actor) == ("request.resend_mail_failed", cast.press)
    client.force_login(cast.press)
    page = client.get(reverse("disclosure_requests:detail", args=[case.pk])).content.decode()
    assert "重新发送文书邮件失败" in page
    assert "答复告知书邮件送达失败" not in page and "受理回执邮件发送失败" not in page
