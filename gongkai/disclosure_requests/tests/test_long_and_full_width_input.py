"""Probe 10, findings 5 and 7: the application's 所需信息的内容描述 has a limit (1 MB was
accepted), and an e-mail address as a Chinese IME types it (ｚ＠example.com) is folded to
ASCII on every form that takes one, as phone and ID numbers already are."""

import pytest
from django.urls import reverse

from gongkai.disclosure_requests.forms import MAX_DESCRIPTION_CHARS
from gongkai.disclosure_requests.models import DisclosureRequest
from gongkai.forms_common import tidy_email
from gongkai.testing import APPLICATION_FORM, MESSAGE_FORM, SIGNUP_FORM, published_meeting

APPLY = reverse("disclosure_requests_public:apply")


def test_a_description_over_the_limit_is_refused_at_the_field_with_the_text_kept(client, db):
    typed = "请公开以下文件：" + "应急管理局关于某事项的通知（穗应急〔2025〕1号）；" * 400
    assert len(typed) > MAX_DESCRIPTION_CHARS
    response = client.post(APPLY, {**APPLICATION_FORM, "description": typed})
    page = response.content.decode()
    assert f"内容描述请控制在{MAX_DESCRIPTION_CHARS}字以内（现为{len(typed)}字）" in page
    assert typed in page  # nothing typed is lost
    assert not DisclosureRequest.objects.exists()


def test_a_long_list_within_the_limit_is_taken(client, db):
    typed = ("请" * 5 + "公开文件清单") * (MAX_DESCRIPTION_CHARS // 11)
    assert len(typed) <= MAX_DESCRIPTION_CHARS
    client.post(APPLY, {**APPLICATION_FORM, "description": typed})
    assert DisclosureRequest.objects.get().description == typed


def test_tidy_email_folds_what_an_ime_types():
    assert tidy_email("ｓｕｎ＠ｅｘａｍｐｌｅ．ｃｏｍ") == "sun@example.com"
    assert tidy_email(" ｚ＠example。com ") == "z@example.com"
    assert tidy_email("plain@example.com") == "plain@example.com"


def test_a_full_width_email_on_the_application_is_stored_plain(client, db):
    client.post(APPLY, {**APPLICATION_FORM, "email": "ｓｕｎ＠ｅｘａｍｐｌｅ．ｃｏｍ"})
    assert DisclosureRequest.objects.get().email == "sun@example.com"


def test_a_malformed_email_is_still_refused_and_nothing_written(client, db):
    page = client.post(APPLY, {**APPLICATION_FORM, "email": "ｓｕｎ＠"}).content.decode()
    assert "电子邮箱格式不正确" in page and not DisclosureRequest.objects.exists()


def test_a_full_width_email_in_the_mailbox_is_stored_plain(client, db):
    from gongkai.mailbox.models import Message

    client.post("/hudong/", {**MESSAGE_FORM, "email": "ｚ＠example.com"})
    assert Message.objects.get().email == "z@example.com"


def test_a_full_width_email_on_the_meeting_sign_up_is_stored_plain(client, cast):
    from gongkai.meetings.models import SignUp

    meeting = published_meeting(cast)
    url = reverse("meetings_public:signup", args=[meeting.pk])
    client.post(url, {**SIGNUP_FORM, "email": "ｓｕｎ＠example.com"})
    assert SignUp.objects.get().email == "sun@example.com"


@pytest.mark.parametrize(
    "form_path",
    [
        "gongkai.disclosure_requests.forms.ApplicationForm",
        "gongkai.disclosure_requests.forms.RegisterForm",
        "gongkai.mailbox.forms.MessageForm",
        "gongkai.meetings.forms.SignUpForm",
        "gongkai.core.forms.UserForm",
        "gongkai.publications.forms.PortalPageForm",
        "gongkai.meetings.forms.InviteForm",
    ],
)
def test_every_form_taking_an_email_uses_the_one_normaliser(db, form_path):
    from django.utils.module_loading import import_string

    from gongkai.forms_common import EmailField

    assert type(import_string(form_path).base_fields["email"]) is EmailField
