"""Probe 9 finding 5: one person, one lottery ticket. The same e-mail address (however its case
or spaces were typed) with another phone number was accepted as a second sign-up. A sign-up is
unique per meeting by phone and, when given, by e-mail: refused in Chinese at the field, with
nothing written and the citizen's text kept in the form."""

import pytest
from django.conf import settings
from django.urls import reverse

from gongkai.core.errors import DomainError
from gongkai.meetings.forms import SignUpForm
from gongkai.meetings.models import NumberCounter, SignUp
from gongkai.meetings.services import signup_submit
from gongkai.testing import SIGNUP_FORM, published_meeting

pytestmark = pytest.mark.django_db


def _signup(client, meeting, key, **changes):
    url = reverse("meetings_public:signup", args=[meeting.pk])
    return client.post(url, {**SIGNUP_FORM, "idempotency_key": key, **changes})


@pytest.mark.parametrize("again", ["wxm@example.com", " WXM@Example.COM ", "Wxm@example.com"])
def test_the_same_email_with_another_phone_is_refused_at_the_email_field(cast, client, again):
    meeting = published_meeting(cast)
    first = _signup(client, meeting, "k-1", phone="13800138000", email="wxm@example.com")
    assert first.status_code == 200
    counter = NumberCounter.objects.get(prefix=settings.SIGNUP_NUMBER_PREFIX).last
    response = _signup(client, meeting, "k-2", phone="13700137000", email=again)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "该电子邮箱已报名本次会议" in " ".join(errors["email"])
    assert "__all__" not in errors
    page = response.content.decode()
    assert "13700137000" in page  # what was typed stays in the form
    assert SignUp.objects.count() == 1 and SignUp.objects.get().phone == "13800138000"
    assert (
        NumberCounter.objects.get(prefix=settings.SIGNUP_NUMBER_PREFIX).last == counter
    )  # no receipt number taken either


def test_the_service_refuses_it_with_the_field_named(cast):
    meeting = published_meeting(cast)
    form = SignUpForm({**SIGNUP_FORM, "phone": "13800138000"})
    assert form.is_valid()
    signup_submit(meeting=meeting, form=form, idempotency_key="a", ip=None)
    form = SignUpForm({**SIGNUP_FORM, "phone": "13700137000", "email": "WXM@example.com"})
    assert form.is_valid()
    with pytest.raises(DomainError, match="电子邮箱") as refused:
        signup_submit(meeting=meeting, form=form, idempotency_key="b", ip=None)
    assert refused.value.field == "email"
    assert SignUp.objects.count() == 1


def test_the_same_phone_is_refused_at_the_phone_field(cast, client):
    meeting = published_meeting(cast)
    _signup(client, meeting, "k-1", phone="13800138000", email="a@example.com")
    response = _signup(client, meeting, "k-2", phone="+86 138 0013 8000", email="b@example.com")
    assert response.status_code == 400
    assert "该联系电话已报名本次会议" in " ".join(response.context["form"].errors["phone"])
    assert SignUp.objects.count() == 1


def test_two_people_without_email_and_the_same_email_elsewhere_are_accepted(cast, client):
    meeting = published_meeting(cast)
    other = published_meeting(cast, title="另一场审议会")
    assert _signup(client, meeting, "k-1", phone="13800138000", email="").status_code == 200
    assert _signup(client, meeting, "k-2", phone="13700137000", email="").status_code == 200
    assert _signup(client, other, "k-3", phone="13800138000", email="").status_code == 200
    assert _signup(client, other, "k-4", phone="13600136000").status_code == 200
    assert _signup(client, meeting, "k-5", phone="13500135000").status_code == 200
    assert SignUp.objects.count() == 5
