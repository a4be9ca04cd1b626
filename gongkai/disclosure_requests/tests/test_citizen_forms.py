"""The citizen's forms (application, lookup, 补正) speak plain Chinese and lose nothing silently.

Probe finding 17: (a) after an error the chosen attachments were gone without a word; (b) 邮政编码
`51070` and full-width `５１０７００` were stored; (h) Django's own "这个字段是必填项。" and
"输入一个有效的 Email 地址。"; (i) a 400-character address cut to 200 by the browser.
"""

import datetime as dt

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.disclosure_requests.models import DisclosureRequest
from gongkai.testing import APPLICATION_FORM, follow_application, registered_case

APPLY = reverse("disclosure_requests_public:apply")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
DJANGO_WORDING = ("这个字段是必填项", "输入一个有效的", "确保该值不超过", "选择一个有效的选项")


def _apply(client, **changes):
    return client.post(APPLY, {**APPLICATION_FORM, "idempotency_key": "k", **changes})


def test_after_an_error_the_form_says_the_attachments_must_be_chosen_again(client, db):
    upload = SimpleUploadedFile("身份证.pdf", PDF, content_type="application/pdf")
    page = _apply(client, phone="12345", attachments=[upload]).content.decode()
    assert "联系电话格式不正确" in page
    assert "已选择的附件没有保存" in page and "请重新选择附件" in page
    assert not DisclosureRequest.objects.exists()


def test_no_attachment_note_when_none_was_chosen(client, db):
    page = _apply(client, phone="12345").content.decode()
    assert "联系电话格式不正确" in page and "请重新选择附件" not in page


def test_a_postal_code_is_six_digits_and_full_width_ones_are_folded(client, db):
    page = _apply(client, postal_code="51070").content.decode()
    assert "邮政编码应为6位数字" in page and not DisclosureRequest.objects.exists()
    _apply(client, postal_code="５１０７００")
    assert DisclosureRequest.objects.get().postal_code == "510700"


def test_an_empty_application_is_refused_in_plain_chinese(client, db):
    response = client.post(APPLY, {"idempotency_key": "k", "email": "not-an-address"})
    page = response.content.decode()
    for wording in DJANGO_WORDING:
        assert wording not in page
    errors = response.context["form"].errors
    assert errors["applicant_name"] == ["请填写申请人姓名或名称。"]
    assert errors["agree"] == [
        "请勾选“本人承诺所填信息真实，并知晓申请材料仅用于办理本申请”后再提交。"
    ]
    assert errors["email"] == ["电子邮箱格式不正确，请核对（例如 name@example.com）。"]
    assert not DisclosureRequest.objects.exists()


def test_an_over_long_address_is_refused_with_its_limit_not_cut(client, db):
    page = client.get(APPLY).content.decode()
    assert "maxlength" not in page  # the browser must not cut a paste silently
    address = "广东省广州市天河区体育西路" + "甲" * 387  # 400 characters
    response = _apply(client, address=address)
    assert response.context["form"].errors["address"] == [
        "通信地址最多200个字，您填写了400个字，请删减后再提交。"
    ]
    assert not DisclosureRequest.objects.exists()


def test_the_lookup_form_speaks_chinese_and_keeps_no_maxlength(client, db):
    lookup = reverse("disclosure_requests_public:lookup")
    assert "maxlength" not in client.get(lookup).content.decode()
    response = client.post(lookup, {"tracking_no": "", "code": "X" * 13})
    errors = response.context["form"].errors
    assert errors["tracking_no"] == ["请填写申请编号。"]
    assert errors["code"] == ["查询码最多12个字，您填写了13个字，请删减后再提交。"]


# Entered on the day, within the 补正 period (a later one is refused online: 第三十条).
@time_machine.travel(
    dt.datetime(2022, 10, 10, 10, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=False
)
def test_the_supplement_form_speaks_chinese_and_refuses_over_long_text(cast, client):
    case, code = registered_case(cast)
    case.request_supplement(by=cast.press, items="请写明文件名称", on=dt.date(2022, 9, 30))
    status = follow_application(client, case, code)
    assert "maxlength" not in client.get(status).content.decode()
    empty = client.post(status, {"text": ""}).context["form"].errors
    assert empty["text"] == ["请填写补正内容。"]
    long = client.post(status, {"text": "文" * 5001}).context["form"].errors
    assert long["text"] == ["补正内容最多5000个字，您填写了5001个字，请删减后再提交。"]
    case.refresh_from_db()
    assert case.supplement_received_on is None


def test_an_identity_that_folding_lengthens_past_the_column_is_refused(client, db):
    page = _apply(client, applicant_type="commercial", contact_person="王", id_document="㍿" * 20)
    assert "身份证明最多60个字" in page.content.decode()  # 20 characters typed, 80 once folded
    assert not DisclosureRequest.objects.exists()


def test_a_phone_with_the_country_code_in_any_form_is_taken(client, db):
    # Found while fixing the meetings' sign-ups: "0086 136…" and "+86 20 8310 8000" (a landline
    # written internationally) were refused as 格式不正确. lib.phones reads both, as the
    # meetings' form does.
    for n, typed in enumerate(
        ["0086 136 0013 6000", "+86 20 8310 8000", "＋８６１３６００１３６０００"]
    ):
        page = _apply(
            client, phone=typed, idempotency_key=f"k{n}", description=f"第{n}份：2022年度预算"
        )
        assert "联系电话格式不正确" not in page.content.decode(), typed
    assert DisclosureRequest.objects.count() == 3


def test_an_over_long_address_for_post_is_not_also_called_missing(client, db):
    # Re-probe: 400 characters with 邮寄 got "最多200个字" and "请填写通信地址" both.
    page = _apply(client, delivery_method="post", address="地" * 400).content.decode()
    assert "通信地址最多200个字，您填写了400个字" in page
    assert "选择邮寄的，请填写通信地址" not in page
    assert not DisclosureRequest.objects.exists()
