"""Property-based tests of the meetings' public forms: signing up, the lookup, and the pages a
meeting number reaches. Whatever is sent: never a 500, a clear answer, a refused sign-up writes
nothing, an accepted one is stored as sent, and no markup comes back unescaped.

Examples per run: sign-up 60, lookup 30 — 90 requests, plus the fixed @example cases.
"""

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from gongkai.core.tests.test_fuzz_public_forms import NASTY, fuzz
from gongkai.meetings.models import NumberCounter, SignUp
from gongkai.testing import SIGNUP_FORM, published_meeting

FIELDS = [*SIGNUP_FORM, "homepage", "idempotency_key"]


@pytest.fixture
def meeting(cast, settings):
    settings.MEETING_SIGNUP_RATE_PER_HOUR = 10**6  # the rate limit has its own test
    return published_meeting(cast)


@fuzz(60)
@given(changes=st.dictionaries(st.sampled_from(FIELDS), NASTY, max_size=6), drop=st.booleans())
@example(changes={"statement": "报" * 600}, drop=False)
@example(changes={"name": "<script>alert(1)</script>"}, drop=False)
@example(changes={"conflicts": "<img src=x onerror=alert(1)>"}, drop=False)
@example(changes={"idempotency_key": "k" * 5000}, drop=False)
@example(changes={"phone": "１３９１２３４５６７８"}, drop=False)
def test_signing_up_never_fails_and_saves_all_or_nothing(meeting, changes, drop):
    data = {
        key: value
        for key, value in {**SIGNUP_FORM, **changes}.items()
        if not (drop and key in changes)
    }
    with transaction.atomic():
        before = SignUp.objects.count(), list(NumberCounter.objects.values_list("last"))
        response = Client().post(reverse("meetings_public:signup", args=[meeting.pk]), data)
        assert response.status_code in (200, 400)
        page = response.content.decode()
        assert "<script>alert" not in page and "<img src=x" not in page
        if response.context and response.context.get("code"):
            signup = SignUp.objects.latest("pk")
            assert SignUp.objects.count() == before[0] + 1
            assert signup.meeting_id == meeting.pk
            assert signup.name == data["name"].strip()
            assert signup.statement == data["statement"].strip()
        else:
            after = SignUp.objects.count(), list(NumberCounter.objects.values_list("last"))
            assert after == before
        transaction.set_rollback(True)


@fuzz(30)
@given(receipt_no=NASTY, code=NASTY)
def test_the_lookup_never_fails_and_never_lets_a_wrong_code_in(meeting, receipt_no, code):
    response = Client().post(
        reverse("meetings_public:lookup"), {"receipt_no": receipt_no, "code": code}
    )
    assert response.status_code == 200  # no sign-up matches: never a redirect


@fuzz(30)
# No lone surrogates: they cannot be put in a URL at all (reverse() raises before any request).
@given(
    number=st.text(
        st.characters(blacklist_characters="/", blacklist_categories=("Cs",)),
        min_size=1,
        max_size=30,
    )
)
def test_a_status_page_for_any_number_redirects_to_the_lookup(db, number):
    response = Client().get(reverse("meetings_public:status", args=[number]))
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings_public:lookup")
