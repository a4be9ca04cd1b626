"""The same message sent again from a fresh form (Back and 提交 again, a reload) is one message
(probe 12 D2: two messages LY2026-00296/-00297 for the office to answer and count). The same
browser gets the first message's number and code again; another browser only the number; a
different text, or a new file, is a new message."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from gongkai.mailbox.forms import MessageForm
from gongkai.mailbox.models import Message, MessageEvent
from gongkai.mailbox.services import earlier_message
from gongkai.testing import MESSAGE_FORM, found_again_in_two_queries

WRITE = reverse("mailbox_public:write")
CODE = re.compile(r'id="query-code">([^<]+)<')
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


def _written() -> tuple[int, int]:
    return Message.objects.count(), MessageEvent.objects.filter(kind="submit").count()


def test_the_same_message_from_a_fresh_form_is_not_stored_twice(client, db):
    first = client.post(WRITE, {**MESSAGE_FORM, "idempotency_key": "form-1"}).content.decode()
    again = client.post(WRITE, {**MESSAGE_FORM, "idempotency_key": "form-2"}).content.decode()
    assert _written() == (1, 1)
    message = Message.objects.get()
    assert message.tracking_no in again and "本次未重复提交" in again
    assert CODE.search(again).group(1) == CODE.search(first).group(1)  # this browser's own


def test_another_browser_sending_the_same_message_gets_the_number_not_the_code(client, db):
    client.post(WRITE, {**MESSAGE_FORM, "idempotency_key": "form-1"})
    other = Client().post(WRITE, {**MESSAGE_FORM, "idempotency_key": "form-2"}).content.decode()
    assert _written() == (1, 1)
    assert Message.objects.get().tracking_no in other and "本次未重复提交" in other
    assert not CODE.search(other)


def test_other_words_or_a_new_file_make_a_new_message(client, db):
    client.post(WRITE, {**MESSAGE_FORM, "idempotency_key": "form-1"})
    changed = {**MESSAGE_FORM, "body": MESSAGE_FORM["body"] + "补充：加油站在东侧。"}
    client.post(WRITE, {**changed, "idempotency_key": "form-2"})
    assert _written() == (2, 2)
    upload = SimpleUploadedFile("现场.png", PNG, content_type="image/png")
    client.post(WRITE, {**MESSAGE_FORM, "idempotency_key": "form-3", "attachments": [upload]})
    assert _written() == (3, 3)


def test_the_earlier_messages_files_are_read_in_one_query(client, db, django_assert_num_queries):
    """core.idempotent.repeated_by compares the files of every earlier message with the same
    words: read together (prefetch_related), not one query per candidate."""
    for n in range(3):  # the same words, each with a picture of its own: three messages
        client.post(
            WRITE, {**MESSAGE_FORM, "idempotency_key": f"form-{n}", "attachments": [_png(n)]}
        )
    assert _written() == (3, 3)

    def found(upload):
        return found_again_in_two_queries(
            earlier_message, MessageForm, MESSAGE_FORM, upload, django_assert_num_queries
        )

    assert found(_png(9)) is None
    assert found(_png(1)) == Message.objects.order_by("pk")[1]  # the one whose file it is


def _png(n: int):
    return SimpleUploadedFile(f"现场{n}.png", PNG + bytes([n]), content_type="image/png")
