"""Probe 12 D1/D3: two identical POSTs of one citizen form at once (a double click, the same
session, CSRF token and idempotency key). One record, and BOTH answers carry the number and the
query code: the browser shows whichever answer came last, and without the code the citizen has
no way to follow the case. Racing needs a second connection: PostgreSQL (scripts/with-postgres)."""

import re

import pytest
from django.test import Client

from gongkai.disclosure_requests.models import DisclosureRequest
from gongkai.meetings.models import SignUp
from gongkai.testing import (
    APPLICATION_FORM,
    SIGNUP_FORM,
    at_once,
    one_connection_only,
    published_meeting,
)

ROUNDS = 6  # the race is lost by either side; rounds enough to catch it on the code before the fix


def _twins(url, data, n) -> list[str]:
    """The two pages answered to the same POST sent twice at once from one browser."""
    if one_connection_only():
        pytest.skip("the in-memory SQLite test database has one connection; PostgreSQL races")
    # Each round from its own network: the per-network limit (10 an hour) counts both twins.
    address = {"REMOTE_ADDR": f"10.0.{n}.1"}
    first = Client(**address)
    first.get(url)
    second = Client(**address)
    second.cookies = first.cookies  # one browser: the same cookies
    pages = []

    def post(client):
        response = client.post(url, data)
        pages.append((response.status_code, response.content.decode()))

    at_once(*(lambda c=c: post(c) for c in (first, second)))
    return pages


def _code(page: str) -> str | None:
    found = re.search(r'id="query-code"[^>]*>([^<]+)<', page)
    return found.group(1).strip() if found else None


def test_both_twins_of_an_application_show_its_number_and_code(transactional_db):
    for n in range(ROUNDS):
        form = {**APPLICATION_FORM, "applicant_name": f"赵小红{n}", "idempotency_key": f"k-{n}"}
        pages = _twins("/apply/", form, n)
        case = DisclosureRequest.objects.get(applicant_name=f"赵小红{n}")  # one application
        codes = {_code(page) for _, page in pages}
        assert [status for status, _ in pages] == [200, 200], n
        assert len(codes) == 1 and case.check_query_code(codes.pop()), n
        assert all(case.tracking_no in page for _, page in pages), n


def test_both_twins_of_a_sign_up_show_its_number_and_code(cast, transactional_db):
    meeting = published_meeting(cast, selection="first_come", seats=10)
    url = f"/hudong/meetings/{meeting.pk}/signup/"
    for n in range(ROUNDS):
        form = {**SIGNUP_FORM, "phone": f"1391234567{n}", "email": f"w{n}@example.com"}
        form["idempotency_key"] = f"s-{n}"
        pages = _twins(url, form, n)
        signup = SignUp.objects.get(phone=form["phone"])  # one sign-up
        codes = {_code(page) for _, page in pages}
        assert [status for status, _ in pages] == [200, 200], (n, pages[-1][1][-3000:])
        assert len(codes) == 1 and signup.check_query_code(codes.pop()), n
        assert all(signup.receipt_no in page for _, page in pages), n


def test_another_browser_with_the_same_phone_is_still_refused(cast):
    """What the twin rule must not let through: another submission (another key) of a phone
    already signed up gets no receipt and no second row."""
    meeting = published_meeting(cast, selection="first_come", seats=10)
    url = f"/hudong/meetings/{meeting.pk}/signup/"
    Client().post(url, {**SIGNUP_FORM, "idempotency_key": "first"})
    other = Client().post(url, {**SIGNUP_FORM, "name": "王大明", "idempotency_key": "other"})
    assert other.status_code == 400 and "该联系电话已报名本次会议" in other.content.decode()
    assert _code(other.content.decode()) is None
    assert SignUp.objects.filter(phone=SIGNUP_FORM["phone"]).count() == 1
