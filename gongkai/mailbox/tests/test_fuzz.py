"""Property-based tests of the mailbox's public forms (issue 15's fuzzing, for the forms that
landed with issue 11): writing, the lookup, rating/reopening and the public list's search and
paging. Whatever is sent: never a 500, a clear answer, and a refused message writes nothing.

Examples per run: write 60, lookup 30, status 30, public list 40 — 160 requests, plus the
fixed @example cases.
"""

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from gongkai.core.tests.test_fuzz_public_forms import NASTY, fuzz
from gongkai.mailbox.models import Message, MessageEvent, MessageStatus
from gongkai.testing import MESSAGE_FORM, written_message

FIELDS = [*MESSAGE_FORM, "homepage", "idempotency_key"]


@pytest.fixture
def fresh(db, settings):
    settings.MESSAGE_RATE_PER_HOUR = 10**6  # the rate limit has its own test


def _rows():
    return (Message.objects.count(), MessageEvent.objects.count())


@fuzz(60)
@given(changes=st.dictionaries(st.sampled_from(FIELDS), NASTY, max_size=6), drop=st.booleans())
@example(changes={"body": "留" * 6000}, drop=False)
@example(changes={"subject": "<script>alert(1)</script>"}, drop=False)
@example(changes={"idempotency_key": "k" * 5000}, drop=False)
def test_writing_never_fails_and_saves_all_or_nothing(fresh, changes, drop):
    data = {
        key: value
        for key, value in {**MESSAGE_FORM, **changes}.items()
        if not (drop and key in changes)
    }
    with transaction.atomic():
        before = _rows()
        response = Client().post(reverse("mailbox_public:write"), data)
        assert response.status_code in (200, 400)
        if response.context and response.context.get("code"):
            message = Message.objects.latest("pk")
            assert Message.objects.count() == before[0] + 1
            assert message.status == MessageStatus.RECEIVED
            assert message.body == data["body"].strip()
            assert "<script>" not in response.content.decode()
        else:
            assert _rows() == before
        transaction.set_rollback(True)


@fuzz(30)
@given(tracking_no=NASTY, code=NASTY)
def test_the_lookup_never_fails_and_never_lets_a_wrong_code_in(fresh, tracking_no, code):
    response = Client().post(
        reverse("mailbox_public:lookup"), {"tracking_no": tracking_no, "code": code}
    )
    assert response.status_code == 200  # no message matches: never a redirect


@pytest.fixture
def replied(fresh, cast):
    client = Client()
    client.post(reverse("mailbox_public:write"), {**MESSAGE_FORM, "idempotency_key": "f-1"})
    message = Message.objects.get()
    message.assign(by=cast.press, unit=cast.units["法规处"])
    message.draft(by=cast.clerk, text="答复")
    message.approve(by=cast.head)
    message.release(by=cast.press)
    return client, message


@fuzz(30)
@given(
    action=st.sampled_from(["rate", "reopen", "", "note", "release"]) | NASTY,
    satisfaction=NASTY | st.sampled_from(["satisfied", "unsatisfied"]),
    reason=NASTY,
)
def test_the_status_page_takes_only_a_rating_or_a_reopening(replied, action, satisfaction, reason):
    client, message = replied
    url = reverse("mailbox_public:status", args=[message.tracking_no])
    with transaction.atomic():
        response = client.post(
            url, {"action": action, "satisfaction": satisfaction, "reason": reason}
        )
        assert response.status_code in (200, 302, 400)
        message.refresh_from_db()
        kinds = set(message.events.values_list("kind", flat=True))
        assert kinds <= {"submit", "assign", "draft", "approve", "release", "rate"}
        assert message.reply_text == "答复"  # nothing a writer sends touches the reply
        transaction.set_rollback(True)


@fuzz(40)
@given(params=st.dictionaries(st.sampled_from(["q", "page"]), NASTY, max_size=2))
@example(params={"q": "加油站", "page": "9" * 30})
@example(params={"q": '"', "page": "-1"})
def test_the_public_list_never_fails(fresh, cast, params):
    if not Message.objects.exists():
        written_message()
    response = Client().get(reverse("mailbox_public:replies"), params)
    assert response.status_code in (200, 400)
