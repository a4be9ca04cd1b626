"""第三十三条第二款: an extension must be approved by the head of the disclosure office AND told
to the applicant. There was no letter that told them: now a 延期答复告知书 (.docx and PDF), for
the staff who handle the case and for the applicant, once an extension exists."""

import datetime as dt
import io
from urllib.parse import quote

import docx
from django.test import Client
from django.urls import reverse

from gongkai.disclosure_requests.models import RequestEvent
from gongkai.testing import follow_application, registered_case

D = dt.date


def _extended(cast):
    """Received 2022-09-28, due 2022-10-31; extended by 10 working days on 2022-10-20."""
    case, code = registered_case(cast)
    case.assign(by=cast.press, unit=cast.units["法规处"], on=D(2022, 9, 29))
    case.extend(
        by=cast.press_head,
        workdays=10,
        reason="需调取法规处、审批处2019年至2021年的执法档案逐件核对。",
        notified_on=D(2022, 10, 20),
    )
    return case, code


def _words(response) -> str:
    body = b"".join(response.streaming_content)
    return "\n".join(p.text for p in docx.Document(io.BytesIO(body)).paragraphs)


def test_the_extension_notice_states_both_deadlines_the_reason_and_the_approval(cast, client):
    case, _ = _extended(cast)
    client.force_login(cast.press)
    page = client.get(reverse("disclosure_requests:detail", args=[case.pk])).content.decode()
    assert "延期答复告知书 Word" in page and "延期答复告知书 PDF" in page
    response = client.get(reverse("disclosure_requests:extension_notice", args=[case.pk, "docx"]))
    assert response.status_code == 200
    assert quote("延期答复告知书-") in response["Content-Disposition"]
    text = _words(response)
    assert "政府信息公开申请延期答复告知书" in text
    assert "张三：" in text  # the applicant
    assert f"编号：{case.tracking_no}" in text
    assert f"于2022年9月28日收到您提出的政府信息公开申请（编号：{case.tracking_no}）" in text
    assert "本机关原应于2022年10月31日前作出答复" in text  # the original deadline
    assert "因需调取法规处、审批处2019年至2021年的执法档案逐件核对，本机关不能" in text
    # the approval, by whom and when; the extension and the new deadline
    assert "经政府信息公开工作机构负责人陈志强于2022年10月20日同意" in text
    assert "答复期限延长10个工作日，延长至2022年11月14日" in text
    assert "第三十三条第二款" in text and "最长不得超过20个工作日" in text
    assert "2022年10月20日" in text.splitlines()[-2]  # dated the day the applicant was told
    pdf = client.get(reverse("disclosure_requests:extension_notice", args=[case.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_the_letter_keeps_the_deadlines_as_told_and_works_them_out_for_older_steps(cast, client):
    """A fee paid later moves the case's deadline; the letter states what the applicant was
    told. An extension entered before the deadlines were stored is worked out from the case."""
    case, _ = _extended(cast)
    client.force_login(cast.press)
    url = reverse("disclosure_requests:extension_notice", args=[case.pk, "docx"])
    event = RequestEvent.objects.get(case=case, kind="extend")
    assert event.data["due_before"] == "2022-10-31" and event.data["due_after"] == "2022-11-14"
    event.data = {"workdays": 10}  # as the step stored it before
    event.save(update_fields=["data"])
    text = _words(client.get(url))
    assert "原应于2022年10月31日前" in text and "延长至2022年11月14日" in text


def test_the_applicant_downloads_the_extension_notice(cast, client):
    case, code = _extended(cast)
    status = follow_application(client, case, code)
    page = client.get(status).content.decode()
    assert 'id="extension-notice"' in page and "下载延期答复告知书（PDF）" in page
    url = reverse("disclosure_requests_public:extension_notice", args=[case.tracking_no, "pdf"])
    letter = client.get(url)
    assert letter.status_code == 200 and letter["Content-Type"] == "application/pdf"
    assert quote(f"延期答复告知书-{case.tracking_no}.pdf") in letter["Content-Disposition"]


def test_there_is_no_extension_notice_before_an_extension(cast, client):
    case, code = registered_case(cast)
    case.assign(by=cast.press, unit=cast.units["法规处"], on=D(2022, 9, 29))
    client.force_login(cast.press)
    staff_url = reverse("disclosure_requests:extension_notice", args=[case.pk, "docx"])
    assert client.get(staff_url).status_code == 404
    page = client.get(reverse("disclosure_requests:detail", args=[case.pk])).content.decode()
    assert "延期答复告知书" not in page
    citizen = Client()
    status = follow_application(citizen, case, code)
    assert "延期答复告知书" not in citizen.get(status).content.decode()
    public_url = reverse(
        "disclosure_requests_public:extension_notice", args=[case.tracking_no, "pdf"]
    )
    assert citizen.get(public_url).status_code == 404


def test_another_unit_and_another_citizen_do_not_get_the_letter(cast, client):
    case, _ = _extended(cast)
    client.force_login(cast.other_clerk)  # 审批处: the case is 法规处's
    url = reverse("disclosure_requests:extension_notice", args=[case.pk, "docx"])
    assert client.get(url).status_code == 404
    other, other_code = registered_case(cast, applicant_name="李四", phone="13900139000")
    stranger = Client()
    follow_application(stranger, other, other_code)  # proved their own application only
    public_url = reverse(
        "disclosure_requests_public:extension_notice", args=[case.tracking_no, "pdf"]
    )
    response = stranger.get(public_url)
    assert response.status_code == 302
    assert response["Location"] == reverse("disclosure_requests_public:lookup")
