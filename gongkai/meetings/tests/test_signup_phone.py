"""One person, one entry in a meeting's lottery: the duplicate check compares the phone number,
not the way it was typed (+86, spaces, dashes, full-width digits)."""

import pytest
from django.urls import reverse

from gongkai.lib.phones import phone_key
from gongkai.meetings.models import SignUp
from gongkai.testing import SIGNUP_FORM, published_meeting

pytestmark = pytest.mark.django_db


def _signup(client, meeting, key, phone, **changes):
    url = reverse("meetings_public:signup", args=[meeting.pk])
    data = {**SIGNUP_FORM, "idempotency_key": key, "phone": phone, **changes}
    return client.post(url, data)


@pytest.mark.parametrize(
    "again",
    [
        "+86 13600136000",
        "+86-136 0013 6000",
        "136-0013-6000",
        "0086 136 0013 6000",
        "１３６００１３６０００",
        "＋８６　１３６００１３６０００",
    ],
)
def test_it_refuses_the_same_mobile_typed_another_way(cast, client, again):
    meeting = published_meeting(cast)
    assert _signup(client, meeting, "k-1", "13600136000").status_code == 200
    response = _signup(client, meeting, "k-2", again)
    assert response.status_code == 400
    assert "该联系电话已报名本次会议" in response.content.decode()
    assert SignUp.objects.count() == 1
    assert SignUp.objects.get().phone == "13600136000"


def test_the_probes_three_entries_become_one(cast, client):
    meeting = published_meeting(cast)
    phones = ["13600136000", "+86 13600136000", "+86-136 0013 6000"]
    codes = [_signup(client, meeting, f"k-{i}", p).status_code for i, p in enumerate(phones)]
    assert codes == [200, 400, 400]
    assert list(SignUp.objects.values_list("phone", flat=True)) == ["13600136000"]


def test_a_different_number_still_signs_up(cast, client):
    meeting = published_meeting(cast)
    assert _signup(client, meeting, "k-1", "13600136000").status_code == 200
    # Another person: another number and another e-mail (the same e-mail is one person).
    second = _signup(client, meeting, "k-2", "+86 13600136001", email="li@example.com")
    assert second.status_code == 200
    assert SignUp.objects.count() == 2


def test_a_full_width_number_is_stored_in_ordinary_digits(cast, client):
    meeting = published_meeting(cast)
    assert _signup(client, meeting, "k-1", "１３６ ００１３ ６０００").status_code == 200
    signup = SignUp.objects.get()
    assert signup.phone == "13600136000" and signup.phone_key == "13600136000"


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("13600136000", "13600136000"),
        ("+86 136 0013 6000", "13600136000"),
        ("8613600136000", "13600136000"),
        ("0086-136-0013-6000", "13600136000"),
        ("１３６００１３６０００", "13600136000"),
        ("020-83108000", "02083108000"),
        ("(020) 8310 8000", "02083108000"),
        ("+86 20 8310 8000", "02083108000"),
        ("83108000", "83108000"),
        ("", ""),
    ],
)
def test_the_phone_key_is_the_number_however_it_was_typed(typed, key):
    assert phone_key(typed) == key


def test_saving_only_the_phone_also_stores_its_key_for_a_signup_and_a_message(cast):
    """Message and SignUp share one rule (lib.phones.PhoneKeyed): a save of `update_fields`
    naming the phone writes the key with it."""
    from gongkai.mailbox.models import Message
    from gongkai.testing import signed_up, written_message

    signup = signed_up(published_meeting(cast), 1)[0]
    message = written_message(phone="13912345678")
    for record in (signup, message):
        record.phone = "+86 20 8310 8000"
        record.save(update_fields=["phone"])
    assert SignUp.objects.get(pk=signup.pk).phone_key == "02083108000"
    assert Message.objects.get(pk=message.pk).phone_key == "02083108000"
