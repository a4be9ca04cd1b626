"""Requests and uploads within bounds (issue 15, item 6): an oversize body is refused before it
is read, and hostile files get a Chinese sentence, never a 500, and leave nothing behind."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.disclosure_requests.models import DisclosureRequest
from gongkai.lib.tests import hostile
from gongkai.lib.uploads import UploadError
from gongkai.publications.models import Attachment
from gongkai.testing import APPLICATION_FORM

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
    assert "提交的内容过大（超过61MB）" in response.content.decode()
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
    from gongkai.publications.models import Category, Document, Kind

    doc = Document.create_draft(
        by=cast.clerk,
        title="通知",
        category=Category.REGULATIONS_NORMATIVE_DOCS,
        kind=Kind.GENERAL,
        body="<p>正文</p>",
        written_on=dt.date(2022, 9, 1),
    )
    with pytest.raises(UploadError, match=message):
        doc.add_attachment(by=cast.clerk, upload=SimpleUploadedFile("附件.docx", make()))
    assert not Attachment.objects.exists()


def test_a_drafter_attaching_a_huge_dimension_sheet_gets_its_text(cast):
    from gongkai.publications.models import Category, Document, Kind

    doc = Document.create_draft(
        by=cast.clerk,
        title="通知",
        category=Category.REGULATIONS_NORMATIVE_DOCS,
        kind=Kind.GENERAL,
        body="<p>正文</p>",
        written_on=dt.date(2022, 9, 1),
    )
    upload = SimpleUploadedFile(
        "名单.xlsx", hostile.huge_dimension_xlsx([["姓名", "手机13800000001"]])
    )
    attachment = doc.add_attachment(by=cast.clerk, upload=upload)
    assert Attachment.objects.get(pk=attachment.pk).text.splitlines()[:2] == [
        "Sheet",
        "姓名 手机13800000001",
    ]
