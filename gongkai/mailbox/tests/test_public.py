"""The citizen's side: writing, following, rating and reading published replies, with what is
saved checked in the database."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.core.errors import DomainError
from gongkai.core.models import AuditEntry
from gongkai.forms_common import FILES_LOST
from gongkai.mailbox.masking import suggested_copy
from gongkai.mailbox.models import Category, Message, MessageStatus, Satisfaction
from gongkai.testing import MESSAGE_FORM, replied_message

WRITE = "/hudong/"


def _post(client, **changes):
    return client.post(WRITE, {**MESSAGE_FORM, "idempotency_key": "k-1", **changes})


def _published(cast, **fields):
    message = replied_message(cast, "加油站与住宅之间的安全间距执行国家标准。", **fields)
    if message.may_be_published:
        message.publish(by=cast.press, **suggested_copy(message), names_checked=True)
    return message


@pytest.mark.django_db
def test_a_message_is_saved_with_every_field_and_a_retry_gives_the_same_number(client):
    first = _post(client)
    assert first.status_code == 200
    message = Message.objects.get()
    assert (message.category, message.subject, message.name) == (
        "consult",
        "加油站旁边小区的安全距离",
        "王五",
    )
    assert message.phone == "13912345678" and message.email == "wangwu@example.com"
    assert message.publish_consent is True
    assert message.status == MessageStatus.RECEIVED
    assert "加油站" in message.topics
    again = _post(client)
    assert Message.objects.count() == 1
    assert message.tracking_no in again.content.decode()
    code = first.context["code"]
    assert again.context["code"] == code and message.check_query_code(code)


@pytest.mark.django_db
def test_consent_is_not_ticked_by_default_and_absent_means_no_consent(client):
    page = client.get(WRITE).content.decode()
    assert (
        'name="publish_consent"' in page and "checked" not in page.split("publish_consent")[1][:80]
    )
    _post(client, publish_consent="")
    assert Message.objects.get().publish_consent is False


@pytest.mark.django_db
def test_the_form_says_what_is_wrong_and_keeps_what_was_typed(client):
    response = _post(client, phone="12", body="短")
    assert Message.objects.count() == 0
    page = response.content.decode()
    assert "联系电话格式不正确" in page and "留言内容过短" in page
    assert "加油站旁边小区的安全距离" in page  # the subject is still in the form


@pytest.mark.django_db
def test_after_an_error_the_form_says_the_attachment_must_be_chosen_again(client):
    """Probe 8 M2: the chosen PDF was dropped without a word; the corrected form went out
    without it."""
    pdf = SimpleUploadedFile("现场照片.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    response = _post(client, phone="12345", attachments=[pdf])
    assert response.status_code == 200 and not Message.objects.exists()
    assert response.context["form"].errors["attachments"] == [FILES_LOST]
    assert "附件需要重新选择" in response.content.decode()
    page = _post(client, phone="12345").content.decode()  # nothing chosen: nothing to say
    assert "联系电话格式不正确" in page and "附件需要重新选择" not in page


@pytest.mark.django_db
def test_a_robot_that_fills_the_hidden_field_is_refused(client):
    response = _post(client, homepage="http://spam.example")
    assert Message.objects.count() == 0
    assert "无法提交" in response.content.decode()


@pytest.mark.django_db
def test_one_network_may_write_ten_messages_an_hour(client, settings):
    settings.MESSAGE_RATE_PER_HOUR = 2
    for n in range(3):
        _post(client, idempotency_key=f"k-{n}", subject=f"第{n}条留言")
    assert Message.objects.count() == 2


@pytest.mark.django_db
def test_a_wrong_code_shows_nothing_and_the_right_one_opens_the_status(client):
    response = _post(client)
    number, code = Message.objects.get().tracking_no, response.context["code"]
    stranger = type(client)()
    assert stranger.get(reverse("mailbox_public:status", args=[number])).status_code == 302
    wrong = stranger.post(
        reverse("mailbox_public:lookup"), {"tracking_no": number, "code": "AAAAAAAA"}
    )
    assert "不正确" in wrong.content.decode()
    right = stranger.post(reverse("mailbox_public:lookup"), {"tracking_no": number, "code": code})
    assert right.status_code == 302
    assert "待受理" in stranger.get(right["Location"]).content.decode()


def _answered(client, cast, text):
    """A message written on the form (this browser may follow it) and answered with `text`."""
    _post(client)
    message = Message.objects.get()
    message.assign(by=cast.press, unit=cast.units["法规处"])
    message.draft(by=cast.clerk, text=text)
    message.approve(by=cast.head)
    message.release(by=cast.press)
    return message


@pytest.mark.django_db
def test_the_writer_rates_and_reopens_from_the_status_page(client, cast):
    message = _answered(client, cast, "答复内容")
    url = reverse("mailbox_public:status", args=[message.tracking_no])
    assert "答复内容" in client.get(url).content.decode()
    client.post(url, {"action": "rate", "satisfaction": Satisfaction.UNSATISFIED})
    client.post(url, {"action": "reopen", "reason": "没有说明具体距离"})
    message.refresh_from_db()
    assert message.satisfaction == Satisfaction.UNSATISFIED
    assert message.status == MessageStatus.ASSIGNED
    assert message.reopen_reason == "没有说明具体距离"


@pytest.mark.django_db
def test_the_public_list_shows_consented_replies_without_the_writers_details(client, cast):
    shown = _published(cast)
    hidden = _published(cast, subject="不同意公开的留言", publish_consent=False)
    report = _published(cast, category=Category.REPORT, subject="检举某企业")
    page = client.get(reverse("mailbox_public:replies")).content.decode()
    assert shown.public_subject in page
    assert hidden.subject not in page and report.subject not in page
    detail = client.get(reverse("mailbox_public:reply", args=[shown.pk])).content.decode()
    assert "安全间距" in detail
    assert "13912345678" not in detail and "王五" not in detail and "wangwu@" not in detail
    assert client.get(reverse("mailbox_public:reply", args=[hidden.pk])).status_code == 404
    assert client.get(reverse("mailbox_public:reply", args=[report.pk])).status_code == 404


@pytest.mark.django_db
def test_search_finds_a_published_reply_by_a_word_and_forgets_it_when_withheld(
    client, cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = _published(cast)
    url = reverse("mailbox_public:replies")
    assert message.public_subject in client.get(url, {"q": "加油站"}).content.decode()
    assert message.public_subject not in client.get(url, {"q": "台风"}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        message.withhold(by=cast.press, reason="unsuitable")
    assert message.public_subject not in client.get(url, {"q": "加油站"}).content.decode()
    assert client.get(url, {"q": "加油站", "page": "99999999999999999999"}).status_code == 200


@pytest.mark.django_db
def test_an_over_long_subject_or_address_is_refused_with_its_limit_not_cut_by_the_browser(client):
    # Re-probe: the mailbox form still carried maxlength, so a browser cut a 101-character
    # subject to 100 and a 400-character address to 200 without a word, and they were saved so.
    page = client.get(reverse("mailbox_public:write")).content.decode()
    assert "maxlength" not in page
    response = _post(client, subject="标" * 101, address="地" * 400)
    text = response.content.decode()
    assert "标题请控制在100字以内" in text  # the form's own wording, kept
    assert "通信地址最多200个字，您填写了400个字" in text
    assert not Message.objects.exists()


@pytest.mark.django_db
def test_the_writer_withdraws_the_consent_and_the_copy_comes_down(client, cast):
    """Probe 8 M3 (个人信息保护法 第十五条): the status page says how, and does it."""
    message = _answered(client, cast, "加油站与住宅之间的安全间距执行国家标准。")
    message.publish(by=cast.press, **suggested_copy(message), names_checked=True)
    url = reverse("mailbox_public:status", args=[message.tracking_no])
    page = client.get(url).content.decode()
    assert "您可以随时撤回同意" in page and 'value="withdraw_consent"' in page
    assert client.post(url, {"action": "withdraw_consent"}).status_code == 302
    message.refresh_from_db()
    assert not message.publish_consent and message.published_at is None
    assert message.not_published_reason == "writer_asked"
    assert client.get(reverse("mailbox_public:reply", args=[message.pk])).status_code == 404
    entry = AuditEntry.objects.get(action="message.withdraw_consent")
    assert entry.target_id == str(message.pk) and entry.data["unpublished"] is True
    assert "您已撤回公开同意" in client.get(url).content.decode()
    # Forbidden afterwards: the office publishing it again, or a second withdrawal.
    with pytest.raises(DomainError):
        message.publish(by=cast.press, **suggested_copy(message), names_checked=True)
    client.post(url, {"action": "withdraw_consent"})
    assert Message.objects.get(pk=message.pk).published_at is None
    assert AuditEntry.objects.filter(action="message.withdraw_consent").count() == 1


@pytest.mark.django_db
def test_without_consent_there_is_nothing_to_withdraw(client):
    _post(client, publish_consent="")
    message = Message.objects.get()
    url = reverse("mailbox_public:status", args=[message.tracking_no])
    assert 'value="withdraw_consent"' not in client.get(url).content.decode()
    client.post(url, {"action": "withdraw_consent"})
    assert not AuditEntry.objects.filter(action="message.withdraw_consent").exists()
