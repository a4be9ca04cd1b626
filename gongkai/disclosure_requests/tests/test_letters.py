"""Letters as 公文: A4 with GB/T 9704 margins, page numbers, a title that never leaves one
character alone, the signer and the office phone; the 补正告知书 exists and says what follows."""

import datetime as dt
import io

import docx
import time_machine
from django.urls import reverse

from gongkai.disclosure_requests.letters import (
    letter_content,
    letter_docx,
    supplement_notice_content,
)
from gongkai.disclosure_requests.taxonomy import Outcome
from gongkai.testing import registered_case, replied_case

D = dt.date


def _case(cast, description="2022年安全生产执法检查计划。"):
    return registered_case(cast, description=description)[0]


def _replied(cast):
    return replied_case(cast, _case(cast))


def test_the_word_letter_is_an_a4_gongwen(cast, settings):
    settings.AGENCY_NAME = "广州市应急管理局"
    document = docx.Document(io.BytesIO(letter_docx(letter_content(_replied(cast).replies.get()))))
    section = document.sections[0]
    mm = [
        round(length.mm)
        for length in (
            section.page_width,
            section.page_height,
            section.top_margin,
            section.bottom_margin,
            section.left_margin,
            section.right_margin,
        )
    ]
    assert mm == [210, 297, 37, 35, 28, 26]  # A4; 天头 37, 下白边 35, 订口 28, 翻口 26 (GB/T 9704)
    assert 'w:instr="PAGE"' in section.footer._element.xml  # page numbers
    lines = [p.text for p in document.paragraphs]
    # 21 characters do not fit one 20-character line: agency and document name on two lines
    assert lines[:2] == ["广州市应急管理局", "政府信息公开申请答复告知书"]
    text = "\n".join(lines)
    assert "“2022年安全生产执法检查计划”。" in text and "。”。" not in text
    assert (
        f"联系人：{cast.press.full_name}" in text and f"联系电话：{settings.OFFICE_PHONE}" in text
    )


def test_a_short_title_stays_on_one_line(cast, settings):
    settings.AGENCY_NAME = "某局"
    letter = letter_content(_replied(cast).replies.get())
    assert letter.title_lines == ["某局政府信息公开申请答复告知书"]


@time_machine.travel(
    dt.datetime(2022, 10, 10, 10, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=False
)
def test_the_supplement_notice_names_the_items_the_period_and_the_consequence(cast, client):
    """第三十条: once, in writing, with a reasonable period; silence counts as abandonment."""
    case = _case(cast)
    case.request_supplement(
        by=cast.press, items="请写明文件名称\n请写明时间范围", on=D(2022, 9, 30)
    )
    letter = supplement_notice_content(case)
    assert "请写明文件名称" in letter.paragraphs and "请写明时间范围" in letter.paragraphs
    assert any("请于2022年10月26日前补正" in p and "视为放弃申请" in p for p in letter.paragraphs)
    assert letter.date == "2022年9月30日" and letter.title.endswith("补正告知书")
    client.force_login(cast.press)
    pdf = client.get(reverse("disclosure_requests:supplement_notice", args=[case.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf.getvalue().startswith(b"%PDF")
    other = _case(cast)  # no 补正 asked: no notice
    assert (
        client.get(
            reverse("disclosure_requests:supplement_notice", args=[other.pk, "pdf"])
        ).status_code
        == 404
    )


def test_serving_by_email_sends_the_letter_and_the_files(
    cast, settings, mailoutbox, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.EMAIL_HOST = ""  # no SMTP host: the mail still goes out (the console in production)
    case = _case(cast)
    pdf = SimpleUploadedFile(
        "执法检查记录.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    )
    case.reply(
        by=cast.press,
        outcome=Outcome.DISCLOSED,
        text="现提供记录。",
        on=D(2022, 10, 20),
        files=[pdf],
    )
    with django_capture_on_commit_callbacks(execute=True):
        case.serve(by=cast.press, method="email", on=D(2022, 10, 21))
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["zhang@example.com"]
    names = [name for name, *_ in mailoutbox[0].attachments]
    assert names == [f"答复告知书-{case.tracking_no}.pdf", "执法检查记录.pdf"]


def test_a_letter_mail_that_fails_is_on_the_timeline_for_the_office_to_serve_again(
    cast, client, smtp_refused, django_capture_on_commit_callbacks
):
    """Was fail_silently=True: a refused SMTP connection left 送达 recorded as done by e-mail
    and no trace that the letter never left. Now the failure is on the timeline and audited."""
    from gongkai.core.models import AuditEntry

    case = _replied(cast)
    with django_capture_on_commit_callbacks(execute=True):
        case.serve(by=cast.press, method="email", on=D(2022, 10, 21))  # nothing raised
    case.refresh_from_db()
    assert case.served_on == D(2022, 10, 21)  # the 送达 record stands
    failed = case.events.get(kind="serve_mail_failed")
    assert failed.actor == cast.press and "ConnectionRefusedError" in failed.data["error"]
    assert not case.events.filter(kind="resend_mail_failed").exists()  # no resend: 送达 failed
    entry = AuditEntry.objects.get(action="request.serve_mail_failed")
    assert entry.actor == cast.press and entry.target_id == str(case.pk)
    client.force_login(cast.press)
    page = client.get(reverse("disclosure_requests:detail", args=[case.pk])).content.decode()
    assert "答复告知书邮件送达失败" in page
