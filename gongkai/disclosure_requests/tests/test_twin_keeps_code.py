"""A double click whose two requests race (probe 12 D1, D3): one application / one sign-up is
stored, and BOTH answers are the receipt with its number and query code — the browser shows the
last answer, which used to be "already submitted" (repeated.html, no code) for an application
and "该联系电话已报名本次会议" (400, no receipt) for a sign-up."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.disclosure_requests.models import DisclosureRequest, RequestEvent
from gongkai.meetings.models import SignUp
from gongkai.testing import (
    APPLICATION_FORM,
    SIGNUP_FORM,
    at_once,
    one_connection_only,
    published_meeting,
)

CODE = re.compile(r'id="query-code">([^<]+)<')


def _race(url, data) -> list:
    """The same form (same idempotency key) posted twice at once, each on its own connection
    and with a session of its own (the twin's session does not know the winner's number)."""
    if one_connection_only():
        pytest.skip("the in-memory SQLite test database has one connection; PostgreSQL covers this")
    answers = []
    clients = [Client(), Client()]
    outcomes = at_once(*(lambda c=c: answers.append(c.post(url, data)) for c in clients))
    assert outcomes == ["done", "done"]
    return answers


def test_the_same_form_sent_again_from_another_session_gets_its_code(db):
    """The twin's position when the first request committed before it looked (no race needed):
    the same key is this form's own retry, so it gets the receipt with the code."""
    data = {**APPLICATION_FORM, "idempotency_key": "k-again"}
    first = Client().post(reverse("disclosure_requests_public:apply"), data)
    again = Client().post(reverse("disclosure_requests_public:apply"), data)
    case = DisclosureRequest.objects.get()
    code = DisclosureRequest.new_query_code(case.idempotency_key)
    for answer in (first, again):
        assert CODE.search(answer.content.decode()).group(1) == code


def test_racing_posts_of_one_application_all_show_the_receipt_and_code(transactional_db):
    for n in range(3):
        data = {**APPLICATION_FORM, "idempotency_key": f"k-race{n}", "applicant_name": f"李{n}"}
        answers = _race(reverse("disclosure_requests_public:apply"), data)
        case = DisclosureRequest.objects.get(applicant_name=f"李{n}")
        assert RequestEvent.objects.filter(case=case, kind="register").count() == 1
        assert [a.status_code for a in answers] == [200, 200]
        codes = [CODE.search(a.content.decode()) for a in answers]
        assert all(codes), f"race {n}: an answer without the query code"
        assert {m.group(1) for m in codes} == {
            DisclosureRequest.new_query_code(case.idempotency_key)
        }
    assert DisclosureRequest.objects.count() == 3


def test_racing_posts_of_one_sign_up_all_show_the_receipt_and_code(cast, transactional_db):
    for n in range(3):
        meeting = published_meeting(cast)
        url = reverse("meetings_public:signup", args=[meeting.pk])
        answers = _race(url, {**SIGNUP_FORM, "idempotency_key": f"k-race{n}"})
        signup = SignUp.objects.get(meeting=meeting)
        assert [a.status_code for a in answers] == [200, 200], f"race {n}"
        for answer in answers:
            page = answer.content.decode()
            assert signup.receipt_no in page and "该联系电话已报名" not in page
            assert SignUp.new_query_code(signup.idempotency_key) in page
