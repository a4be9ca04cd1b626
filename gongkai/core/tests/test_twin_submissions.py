"""Probe 12 D1/D3: two identical POSTs of one citizen form at once (a double click: the same
CSRF token and idempotency key). One record, and BOTH answers carry the number and the query
code: the browser shows whichever answer came last, which used to be "already submitted"
(repeated.html, no code) for an application and "该联系电话已报名本次会议" (400, no receipt)
for a sign-up; without the code the citizen has no way to follow the case. Each race runs from
one browser (the same cookies) and from two sessions (the twin's session does not know the
winner's number). Racing needs a second connection: PostgreSQL (scripts/with-postgres).

The one home of these cases (gongkai/disclosure_requests/tests/test_twin_keeps_code.py held
the two-session races and the retry from another session until they were merged here)."""

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

# The race is lost by either side: rounds enough to catch it on the code before the fix.
BROWSERS = pytest.mark.parametrize(
    "one_browser, rounds", [(True, 6), (False, 3)], ids=["one-browser", "two-sessions"]
)


def _twins(url, data, n, *, one_browser: bool) -> list[tuple[int, str]]:
    """The two pages answered to the same POST sent twice at once, each on its own connection:
    from one browser (its form page fetched once, both sharing its cookies) or two sessions."""
    if one_connection_only():
        pytest.skip("the in-memory SQLite test database has one connection; PostgreSQL races")
    # Each round from its own network: the per-network limit (10 an hour) counts both twins.
    address = {"REMOTE_ADDR": f"10.0.{n}.{1 if one_browser else 2}"}
    first, second = Client(**address), Client(**address)
    if one_browser:
        first.get(url)
        second.cookies = first.cookies
    pages = []

    def post(client):
        response = client.post(url, data)
        pages.append((response.status_code, response.content.decode()))

    assert at_once(*(lambda c=c: post(c) for c in (first, second))) == ["done", "done"]
    return pages


def _code(page: str) -> str | None:
    found = re.search(r'id="query-code"[^>]*>([^<]+)<', page)
    return found.group(1).strip() if found else None


@BROWSERS
def test_both_twins_of_an_application_show_its_number_and_code(
    transactional_db, one_browser, rounds
):
    for n in range(rounds):
        form = {**APPLICATION_FORM, "applicant_name": f"赵小红{n}", "idempotency_key": f"k-{n}"}
        pages = _twins(
            reverse("disclosure_requests_public:apply"), form, n, one_browser=one_browser
        )
        case = DisclosureRequest.objects.get(applicant_name=f"赵小红{n}")  # one application
        assert RequestEvent.objects.filter(case=case, kind="register").count() == 1, n
        assert [status for status, _ in pages] == [200, 200], n
        codes = {_code(page) for _, page in pages}
        assert None not in codes, f"round {n}: an answer without the query code"
        assert codes == {DisclosureRequest.new_query_code(case.idempotency_key)}, n
        assert case.check_query_code(codes.pop()), n
        assert all(case.tracking_no in page for _, page in pages), n
    assert DisclosureRequest.objects.count() == rounds


@BROWSERS
def test_both_twins_of_a_sign_up_show_its_number_and_code(
    cast, transactional_db, one_browser, rounds
):
    # Both ways of choosing: first come takes its seat at once, a lottery only signs up.
    selection = "first_come" if one_browser else "lottery"
    meeting = published_meeting(cast, selection=selection, seats=10)
    url = reverse("meetings_public:signup", args=[meeting.pk])
    for n in range(rounds):
        form = {**SIGNUP_FORM, "phone": f"1391234567{n}", "email": f"w{n}@example.com"}
        form["idempotency_key"] = f"s-{n}"
        pages = _twins(url, form, n, one_browser=one_browser)
        signup = SignUp.objects.get(phone=form["phone"])  # one sign-up
        assert [status for status, _ in pages] == [200, 200], (n, pages[-1][1][-3000:])
        codes = {_code(page) for _, page in pages}
        assert codes == {SignUp.new_query_code(signup.idempotency_key)}, n
        assert signup.check_query_code(codes.pop()), n
        for _, page in pages:
            assert signup.receipt_no in page and "该联系电话已报名" not in page, n


def test_the_same_form_sent_again_from_another_session_gets_its_code(db):
    """The twin's position when the first request committed before it looked (no race needed):
    the same key is this form's own retry, so it gets the receipt with the code."""
    data = {**APPLICATION_FORM, "idempotency_key": "k-again"}
    first = Client().post(reverse("disclosure_requests_public:apply"), data)
    again = Client().post(reverse("disclosure_requests_public:apply"), data)
    case = DisclosureRequest.objects.get()
    code = DisclosureRequest.new_query_code(case.idempotency_key)
    for answer in (first, again):
        assert _code(answer.content.decode()) == code


def test_another_browser_with_the_same_phone_is_still_refused(cast):
    """What the twin rule must not let through: another submission (another key) of a phone
    already signed up gets no receipt and no second row."""
    meeting = published_meeting(cast, selection="first_come", seats=10)
    url = reverse("meetings_public:signup", args=[meeting.pk])
    Client().post(url, {**SIGNUP_FORM, "idempotency_key": "first"})
    other = Client().post(url, {**SIGNUP_FORM, "name": "王大明", "idempotency_key": "other"})
    assert other.status_code == 400 and "该联系电话已报名本次会议" in other.content.decode()
    assert _code(other.content.decode()) is None
    assert SignUp.objects.filter(phone=SIGNUP_FORM["phone"]).count() == 1
