"""Probe 11 F4.1 — a letter once sent is kept as sent. Every download re-rendered it from
today's settings: after a change of the agency's name, phone or 复议机关 the reply dated
months ago named the new 复议机关 and signature. Now the step that issues a letter keeps its
words (SentLetter, with their SHA-256) and every later download renders those."""

import datetime as dt
import io

import docx
import pytest
import time_machine
from django.urls import reverse

from gongkai.core.errors import DomainError
from gongkai.disclosure_requests.letters import NOT_KEPT, _digest
from gongkai.disclosure_requests.models import DeliveryForm, SentLetter
from gongkai.disclosure_requests.taxonomy import Outcome
from gongkai.testing import follow_application, registered_case, replied_case

D = dt.date
CST = dt.timezone(dt.timedelta(hours=8))
URL_NAME = {
    "reply": "letter",
    "supplement": "supplement_notice",
    "fee": "fee_notice",
    "extension": "extension_notice",
}


def _issue(cast, kind):
    """A case whose step `kind` issued its letter; returns (case, query code)."""
    case, code = registered_case(cast, delivery_form=DeliveryForm.PAPER)
    if kind == "supplement":
        with time_machine.travel(dt.datetime(2022, 10, 10, 10, tzinfo=CST), tick=False):
            case.request_supplement(by=cast.press, items="请写明文件名称", on=D(2022, 9, 30))
        return case, code
    case.assign(by=cast.press, unit=cast.units["法规处"], on=D(2022, 9, 29))
    if kind == "fee":
        case.send_fee_notice(by=cast.press, method="per_volume", pages=50, sent_on=D(2022, 10, 10))
    elif kind == "extension":
        case.extend(
            by=cast.press_head, workdays=10, reason="需逐件核对。", notified_on=D(2022, 10, 20)
        )
    else:
        replied_case(cast, case)
    return case, code


def _words(response) -> str:
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    return "\n".join(p.text for p in docx.Document(io.BytesIO(body)).paragraphs)


def _change_settings(settings):
    settings.AGENCY_NAME = "广州市应急管理局（改革后）"
    settings.OFFICE_PHONE = "020-99999999"
    settings.RECONSIDERATION_BODY = "某某复议机构"
    settings.COURT = "某某法院"
    settings.FEE_PAYEE = "某某收款户"


@pytest.mark.parametrize("kind", ["reply", "supplement", "fee", "extension"])
def test_a_sent_letter_reads_the_same_after_the_settings_change(cast, client, settings, kind):
    """Fails on main: the download named the new agency, phone and 复议机关."""
    case, code = _issue(cast, kind)
    client.force_login(cast.press)
    url = reverse(f"disclosure_requests:{URL_NAME[kind]}", args=[case.pk, "docx"])
    sent = _words(client.get(url))
    assert "广州市应急管理局" in sent and "（改革后）" not in sent
    kept = SentLetter.objects.get(event__case=case, kind=kind)
    assert kept.digest == _digest(kept.content) and len(kept.digest) == 64
    _change_settings(settings)
    later = _words(client.get(url))
    assert later == sent
    assert "（改革后）" not in later and "020-99999999" not in later and "某某" not in later
    assert NOT_KEPT not in later
    # the applicant's own download is the same letter
    status = follow_application(client, case, code)
    assert status
    public = reverse(
        f"disclosure_requests_public:{URL_NAME[kind]}", args=[case.tracking_no, "docx"]
    )
    assert _words(client.get(public)) == sent
    pdf = client.get(url.replace(".docx", ".pdf"))
    assert pdf.status_code == 200 and pdf.getvalue().startswith(b"%PDF")


def test_the_reply_letter_keeps_its_remedy_notice_and_signature(cast, settings):
    case, _ = _issue(cast, "reply")
    kept = SentLetter.objects.get(event__case=case, kind="reply")
    text = "\n".join(kept.content["paragraphs"])
    assert "向广州市人民政府申请行政复议" in text
    assert kept.content["signature"] == "广州市应急管理局"
    assert "020-83108000" in kept.content["contact"]
    assert kept.event.kind == "reply" and kept.event.case == case


def test_a_letter_sent_before_letters_were_kept_is_rendered_live_and_says_so(
    cast, client, settings
):
    """Existing cases: nothing was kept. Rendering once at migration would freeze today's
    settings as if they were the sent ones; the letter is rendered live and marked instead."""
    case, _ = _issue(cast, "reply")
    SentLetter.objects.filter(event__case=case).delete()  # as a case replied before the change
    _change_settings(settings)
    client.force_login(cast.press)
    text = _words(client.get(reverse("disclosure_requests:letter", args=[case.pk, "docx"])))
    assert text.startswith(f"【{NOT_KEPT}")
    assert "某某复议机构" in text  # today's settings, and it says so
    page = client.get(reverse("disclosure_requests:detail", args=[case.pk])).content.decode()
    assert "答复告知书发送时未保存原件" in page


def test_a_kept_letter_is_not_marked_on_the_case_page(cast, client):
    case, _ = _issue(cast, "extension")
    client.force_login(cast.press)
    page = client.get(reverse("disclosure_requests:detail", args=[case.pk])).content.decode()
    assert "发送时未保存原件" not in page and case.letters_not_kept() == []


def test_a_refused_step_keeps_no_letter(cast, client):
    """The step that issues a letter and is refused writes no letter (and no event)."""
    case, _ = registered_case(cast)
    case.assign(by=cast.press, unit=cast.units["法规处"], on=D(2022, 9, 29))
    with pytest.raises(DomainError):
        # 部分公开 without its reasons: refused
        case.reply(by=cast.press, outcome=Outcome.PARTIAL, text="x", on=D(2022, 10, 20))
    with pytest.raises(DomainError):
        case.extend(by=cast.press_head, workdays=25, reason="x", notified_on=D(2022, 10, 20))
    assert not SentLetter.objects.exists()
    assert not case.events.filter(kind__in=["reply", "extend"]).exists()
    client.force_login(cast.press)
    assert (
        client.get(reverse("disclosure_requests:letter", args=[case.pk, "docx"])).status_code == 404
    )
