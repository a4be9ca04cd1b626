"""Back + resubmit: the same application sent again from a fresh form is still one application.

The probe (finding 15) went Back after submitting and pressed 提交申请 again: the reloaded form
carries a new key, so GK-00012 and GK-00013 were created with the same content, each counting
toward the applicant's monthly 件 (109号第三条).
"""

import datetime as dt

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.disclosure_requests.forms import ApplicationForm
from gongkai.disclosure_requests.models import DisclosureRequest
from gongkai.disclosure_requests.services import earlier_submission
from gongkai.testing import APPLICATION_FORM, SHANGHAI, found_again_in_two_queries

APPLY = "disclosure_requests_public:apply"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _apply(client, key, **extra):
    return client.post(reverse(APPLY), {**APPLICATION_FORM, "idempotency_key": key, **extra})


def test_back_and_resubmit_of_the_same_application_keeps_one(client, db):
    first = _apply(client, "form-1")
    again = _apply(client, "form-2")  # the form reloaded after Back: a new key
    assert DisclosureRequest.objects.count() == 1
    assert again.context["case"].tracking_no == first.context["case"].tracking_no
    assert again.context["code"] == first.context["code"]  # this browser was given it already
    assert "本次未重复登记" in again.content.decode()


def test_the_same_application_from_another_browser_shows_the_number_not_the_code(client, db):
    first = _apply(client, "form-1")
    other = type(client)()
    page = _apply(other, "form-9").content.decode()
    assert DisclosureRequest.objects.count() == 1
    assert first.context["case"].tracking_no in page and "本次未重复登记" in page
    assert first.context["code"] not in page
    case = DisclosureRequest.objects.get()
    assert f"{case.submitted_at.astimezone(SHANGHAI):%Y年%-m月%-d日}" in page  # received on
    assert "已发送至申请时填写的电子邮箱" in page and "本页不再显示查询码" in page


def test_an_edited_resubmission_is_a_new_application(client, db):
    _apply(client, "form-1")
    _apply(client, "form-2", description="本局2022年部门决算公开文本")
    assert DisclosureRequest.objects.count() == 2


def test_another_applicant_with_the_same_words_is_a_new_application(client, db):
    _apply(client, "form-1")
    _apply(client, "form-2", applicant_name="王五", id_document="11010519491231002X")
    _apply(client, "form-3", id_document="440106199003070028", applicant_name="李四")
    assert DisclosureRequest.objects.count() == 3


def test_a_resubmission_with_a_new_file_is_not_lost(client, db):
    _apply(client, "form-1")
    upload = SimpleUploadedFile("id.pdf", PDF, content_type="application/pdf")
    _apply(client, "form-2", attachments=[upload])
    assert DisclosureRequest.objects.count() == 2
    assert DisclosureRequest.objects.latest("pk").attachments.count() == 1


def test_the_same_words_a_day_later_are_a_new_application(client, db):
    with time_machine.travel(dt.datetime(2026, 11, 25, 9, tzinfo=dt.UTC), tick=False):
        _apply(client, "form-1")
    with time_machine.travel(dt.datetime(2026, 11, 26, 10, tzinfo=dt.UTC), tick=False):
        _apply(client, "form-2")
    assert DisclosureRequest.objects.count() == 2


def test_the_earlier_applications_files_are_read_in_one_query(
    client, db, django_assert_num_queries
):
    """core.idempotent.repeated_by compares the files of every earlier application with the
    same words: read together (prefetch_related), not one query per candidate."""
    for n in range(3):  # the same words, each with a file of its own: three applications
        _apply(client, f"form-{n}", attachments=[_pdf(n)])
    assert DisclosureRequest.objects.count() == 3

    def found(upload):
        return found_again_in_two_queries(
            earlier_submission, ApplicationForm, APPLICATION_FORM, upload, django_assert_num_queries
        )

    assert found(_pdf(9)) is None
    assert found(_pdf(1)) == DisclosureRequest.objects.order_by("pk")[1]  # whose file it is


def _pdf(n: int):
    content = PDF + f"%{n}\n".encode()
    return SimpleUploadedFile(f"材料{n}.pdf", content, content_type="application/pdf")
