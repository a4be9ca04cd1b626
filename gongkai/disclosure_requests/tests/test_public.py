"""Citizens apply without an account and follow the case by number + query code."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.disclosure_requests.models import CaseStatus, DisclosureRequest
from gongkai.testing import APPLICATION_FORM

FORM = {**APPLICATION_FORM, "idempotency_key": "k-1"}


def test_it_accepts_an_application_and_shows_number_and_code(client, db):
    response = client.post(reverse("disclosure_requests_public:apply"), FORM)
    case = DisclosureRequest.objects.get()
    page = response.content.decode()
    assert (
        case.tracking_no in page
        and case.channel == "online"
        and case.status == CaseStatus.REGISTERED
    )
    code = response.context["code"]
    assert case.check_query_code(code) and len(code) == 8


def test_a_double_submission_stores_one_application(client, db):
    first = client.post(reverse("disclosure_requests_public:apply"), FORM)
    second = client.post(reverse("disclosure_requests_public:apply"), FORM)
    assert DisclosureRequest.objects.count() == 1
    assert first.context["code"] == second.context["code"]


def test_it_says_what_is_wrong_in_chinese(client, db):
    bad = {**FORM, "id_document": "110105194912310021", "phone": "12345", "description": ""}
    page = client.post(reverse("disclosure_requests_public:apply"), bad).content.decode()
    assert (
        "身份证号码校验不通过" in page
        and "联系电话格式不正确" in page
        and "请描述所需的政府信息" in page
    )
    assert not DisclosureRequest.objects.exists()


def test_a_disguised_attachment_is_refused(client, db):
    data = {**FORM, "attachments": [SimpleUploadedFile("id.pdf", b"MZ not a pdf")]}
    assert (
        "不是可接受的文件类型"
        in client.post(reverse("disclosure_requests_public:apply"), data).content.decode()
    )
    assert not DisclosureRequest.objects.exists()


def test_submissions_are_rate_limited_per_address(client, db, settings):
    settings.REQUEST_RATE_PER_HOUR = 2
    for i in range(3):
        client.post(
            reverse("disclosure_requests_public:apply"),
            {**FORM, "idempotency_key": f"k{i}", "description": f"第{i}件：执法检查计划"},
        )
    assert DisclosureRequest.objects.count() == 2


def test_the_status_page_shows_no_personal_data(client, db):
    response = client.post(reverse("disclosure_requests_public:apply"), FORM)
    case, code = DisclosureRequest.objects.get(), response.context["code"]
    other = client.__class__()
    status_url = reverse("disclosure_requests_public:status", args=[case.tracking_no])
    assert other.get(status_url).status_code == 302  # no code proved: back to lookup
    wrong = other.post(
        reverse("disclosure_requests_public:lookup"),
        {"tracking_no": case.tracking_no, "code": "WRONG123"},
    )
    assert "不正确" in wrong.content.decode()
    other.post(
        reverse("disclosure_requests_public:lookup"),
        {"tracking_no": case.tracking_no, "code": code.lower()},
    )
    page = other.get(status_url).content.decode()
    assert "已登记" in page
    for personal in ["李四", "11010519491231002X", "13912345678", "lisi@example.com"]:
        assert personal not in page


@pytest.mark.parametrize("applicant_type", ["commercial", "legal_service"])
def test_an_organisation_needs_a_contact_person(client, db, applicant_type):
    data = {**FORM, "applicant_type": applicant_type, "id_document": "91440101MA5D0000X0"}
    page = client.post(reverse("disclosure_requests_public:apply"), data).content.decode()
    assert "请填写联系人" in page


def test_the_applicant_gets_number_and_code_by_mail(client, db, settings, mailoutbox):
    settings.EMAIL_HOST = ""  # no SMTP host: the mail still goes out (the console in production)
    response = client.post(reverse("disclosure_requests_public:apply"), FORM)
    case = DisclosureRequest.objects.get()
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["lisi@example.com"]
    assert case.tracking_no in mailoutbox[0].body and response.context["code"] in mailoutbox[0].body


def test_the_browser_lists_the_applications_it_made(client, db):
    client.post(reverse("disclosure_requests_public:apply"), FORM)
    page = client.get(reverse("disclosure_requests_public:lookup")).content.decode()
    assert DisclosureRequest.objects.get().tracking_no in page


def test_a_receipt_mail_that_fails_is_recorded_without_the_query_code(client, db, smtp_refused):
    """Was fail_silently=True: the applicant never got the code and nobody knew. The page still
    shows number and code; the timeline and audit say the mail failed, never the code."""
    from gongkai.core.models import AuditEntry

    response = client.post(reverse("disclosure_requests_public:apply"), FORM)
    case = DisclosureRequest.objects.get()
    code = response.context["code"]
    assert code in response.content.decode()
    failed = case.events.get(kind="ack_mail_failed")
    assert failed.actor is None and "ConnectionRefusedError" in failed.data["error"]
    entry = AuditEntry.objects.get(action="request.ack_mail_failed")
    assert entry.actor_name == "系统"
    assert code not in failed.note + str(failed.data) + str(entry.data)
