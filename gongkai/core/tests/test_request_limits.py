"""Requests and uploads within bounds (issue 15, item 6): an oversize body is refused before it
is read, and hostile files get a Chinese sentence, never a 500, and leave nothing behind."""

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.datastructures import MultiValueDict

from gongkai.disclosure_requests.models import DisclosureRequest
from gongkai.forms_common import MultipleFileField
from gongkai.lib.tests import hostile
from gongkai.lib.uploads import UploadError
from gongkai.publications.models import Attachment
from gongkai.testing import APPLICATION_FORM, a_draft

FORM = {**APPLICATION_FORM, "idempotency_key": "k-1"}


def test_a_300_mb_anonymous_body_is_refused_unread_with_413(client, db):
    response = client.generic(
        "POST",
        reverse("disclosure_requests_public:apply"),
        data=b"x" * 1024,
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(300 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "本次提交超过69MB" in response.content.decode()
    assert not DisclosureRequest.objects.exists()


def test_the_body_limit_follows_the_setting(client, db, settings):
    settings.REQUEST_MAX_BYTES = 1024 * 1024
    data = {**FORM, "attachments": [SimpleUploadedFile("a.pdf", b"%PDF-1.7 " + b"0" * 2**20)]}
    response = client.post(reverse("disclosure_requests_public:apply"), data)
    assert response.status_code == 413 and not DisclosureRequest.objects.exists()
    assert client.post(reverse("disclosure_requests_public:apply"), FORM).status_code == 200
    assert DisclosureRequest.objects.count() == 1


def test_too_many_form_bytes_get_a_chinese_400(client, db):
    data = {**FORM, "description": "政" * (3 * 1024 * 1024)}  # 9 MB url-encoded, not a file
    response = client.post(reverse("disclosure_requests_public:apply"), data)
    assert response.status_code == 400 and "请求有误" in response.content.decode()
    assert not DisclosureRequest.objects.exists()


@pytest.mark.parametrize(
    "make",
    [hostile.docx_bomb, hostile.many_members_zip, hostile.broken_zip, hostile.future_version_zip],
)
def test_an_anonymous_applicant_uploading_a_crafted_zip_gets_a_chinese_error(client, db, make):
    data = {**FORM, "attachments": [SimpleUploadedFile("身份证.pdf", make())]}
    response = client.post(reverse("disclosure_requests_public:apply"), data)
    assert response.status_code == 200
    assert "身份证.pdf" in response.content.decode()
    assert not DisclosureRequest.objects.exists()


@pytest.mark.parametrize(
    "make, message",
    [
        (hostile.docx_bomb, "解压后过大"),
        (hostile.many_members_zip, "100000个部件"),
        (hostile.future_version_zip, "文件已损坏"),
    ],
)
def test_a_drafter_attaching_a_hostile_file_is_refused(cast, make, message):
    doc = a_draft(cast)
    with pytest.raises(UploadError, match=message):
        doc.add_attachment(by=cast.clerk, upload=SimpleUploadedFile("附件.docx", make()))
    assert not Attachment.objects.exists()


def test_a_drafter_attaching_a_huge_dimension_sheet_gets_its_text(cast):
    doc = a_draft(cast)
    upload = SimpleUploadedFile(
        "名单.xlsx", hostile.huge_dimension_xlsx([["姓名", "手机13800000001"]])
    )
    attachment = doc.add_attachment(by=cast.clerk, upload=upload)
    assert Attachment.objects.get(pk=attachment.pk).text.splitlines()[:2] == [
        "Sheet",
        "姓名 手机13800000001",
    ]


# The one upload rule (probe 10, finding 3): every multi-file form states and checks the same
# limits, files past the count are refused at the field with the typed text kept, and a body
# over the cap gets a page in the site frame.


def _pdfs(n, size=64, stem="材料"):
    return [SimpleUploadedFile(f"{stem}{i}.pdf", b"%PDF-1.7 " + b"0" * size) for i in range(n)]


def test_101_files_on_the_application_are_refused_at_the_field_and_the_text_kept(client, db):
    from gongkai.disclosure_requests.models import CaseFile

    typed = "请公开本局2025年安全生产检查记录清单"
    data = {**FORM, "description": typed, "attachments": _pdfs(101)}
    response = client.post(reverse("disclosure_requests_public:apply"), data)
    page = response.content.decode()
    assert response.status_code == 200  # not Django's 400 with the whole application gone
    assert "最多可选10个文件，您选择了101个" in page
    assert typed in page
    assert not DisclosureRequest.objects.exists() and not CaseFile.objects.exists()


def test_eleven_files_are_refused_and_ten_are_kept(client, db):
    from gongkai.disclosure_requests.models import CaseFile

    url = reverse("disclosure_requests_public:apply")
    response = client.post(url, {**FORM, "attachments": _pdfs(11)})
    assert "最多可选10个文件，您选择了11个" in response.content.decode()
    assert not DisclosureRequest.objects.exists() and not CaseFile.objects.exists()
    client.post(url, {**FORM, "idempotency_key": "k-2", "attachments": _pdfs(10)})
    assert CaseFile.objects.count() == 10


def test_files_past_the_count_are_dropped_when_uploads_go_to_disk_too(client, db, settings):
    """Past FILE_UPLOAD_MAX_MEMORY_SIZE the temporary-file handler takes the files: the count
    holds there too, and the kept files arrive whole."""
    from gongkai.disclosure_requests.models import CaseFile

    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0
    url = reverse("disclosure_requests_public:apply")
    page = client.post(url, {**FORM, "attachments": _pdfs(12)}).content.decode()
    assert "最多可选10个文件，您选择了12个" in page and not CaseFile.objects.exists()
    client.post(url, {**FORM, "idempotency_key": "k-2", "attachments": _pdfs(10, size=1000)})
    assert [f.file.size for f in CaseFile.objects.all()] == [1009] * 10


def test_files_over_the_total_are_refused_at_the_field(client, db, settings):
    from gongkai.mailbox.models import Message

    settings.UPLOAD_TOTAL_MAX_BYTES = 2**20
    data = {
        "category": "consult",
        "subject": "问一件事",
        "body": "请问安全生产许可证如何办理？",
        "name": "王五",
        "phone": "13912345678",
        "attachments": _pdfs(2, size=600 * 1024),
    }
    response = client.post(reverse("mailbox_public:write"), data)
    page = response.content.decode()
    assert response.status_code == 200 and "超过1MB，请压缩或分次提交" in page
    assert "请问安全生产许可证如何办理？" in page
    assert not Message.objects.exists()


class _TwoFileFields(forms.Form):
    """A form with two file fields (none of the site's has two yet): the total is the form's."""

    name = forms.CharField()
    proofs = MultipleFileField(label="身份证明", required=False)
    papers = MultipleFileField(label="其他材料", required=False)


def _two_fields(proofs, papers):
    files = MultiValueDict({"proofs": proofs, "papers": papers})
    return _TwoFileFields({"name": "王五"}, files)


def test_the_upload_total_holds_across_a_form_with_two_file_fields(settings):
    settings.UPLOAD_TOTAL_MAX_BYTES = 2**20
    form = _two_fields(_pdfs(1, size=600 * 1024), _pdfs(1, size=600 * 1024, stem="其他"))
    assert not form.is_valid()  # each field is within the total alone
    assert "proofs" not in form.errors
    assert form.errors["papers"] == ["所选文件合计1.2MB，超过1MB，请压缩或分次提交。"]


def test_two_file_fields_within_the_total_are_taken(settings):
    settings.UPLOAD_TOTAL_MAX_BYTES = 2**20
    form = _two_fields(_pdfs(1, size=400 * 1024), _pdfs(1, size=400 * 1024, stem="其他"))
    assert form.is_valid(), form.errors
    assert [f.name for f in form.cleaned_data["papers"]] == ["其他0.pdf"]


def test_a_body_over_the_cap_gets_a_page_in_the_site_frame(client, db, settings):
    settings.REQUEST_MAX_BYTES = 2**20
    data = {**FORM, "attachments": _pdfs(1, size=2**20)}
    response = client.post(reverse("disclosure_requests_public:apply"), data)
    page = response.content.decode()
    assert response.status_code == 413 and response["Content-Type"].startswith("text/html")
    assert 'class="portal-head"' in page and "提交的内容过大" in page
    assert "附件每个不超过20MB，一次提交合计不超过60MB" in page
    assert 'href="/apply/"' in page  # the way back to the form
    assert not DisclosureRequest.objects.exists()


def test_every_form_says_the_limits_it_checks(client, db):
    for url in (reverse("disclosure_requests_public:apply"), reverse("mailbox_public:write")):
        assert "最多10个，每个不超过20MB，合计不超过60MB" in client.get(url).content.decode()


@pytest.mark.parametrize(
    "form_path, field",
    [
        ("gongkai.disclosure_requests.forms.ApplicationForm", "attachments"),
        ("gongkai.disclosure_requests.forms.SupplementForm", "files"),
        ("gongkai.disclosure_requests.forms.SupplementReceivedForm", "files"),
        ("gongkai.disclosure_requests.forms.ProposalForm", "files"),
        ("gongkai.disclosure_requests.forms.ReplyForm", "files"),
        ("gongkai.mailbox.forms.MessageForm", "attachments"),
        ("gongkai.plans.forms.ProgressForm", "files"),
    ],
)
def test_every_multi_file_form_refuses_files_past_the_count(db, form_path, field):
    from django.utils.datastructures import MultiValueDict
    from django.utils.module_loading import import_string

    form = import_string(form_path)(data={}, files=MultiValueDict({field: _pdfs(11)}))
    assert "最多可选10个文件，您选择了11个，请减少后重新选择。" in form.errors[field]


def test_nginx_lets_through_every_request_the_app_answers_itself(settings):
    import re
    from pathlib import Path

    conf = (Path(settings.BASE_DIR).parent / "deploy" / "nginx.conf").read_text()
    nginx_mb = int(re.search(r"client_max_body_size (\d+)m;", conf).group(1))
    assert nginx_mb * 2**20 >= settings.REQUEST_MAX_BYTES
    assert settings.REQUEST_MAX_BYTES > settings.UPLOAD_TOTAL_MAX_BYTES + (
        settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    )
    assert "error_page 413 /static/gongkai/errors/413.html;" in conf
    assert (Path(settings.BASE_DIR) / "static/gongkai/errors/413.html").exists()
