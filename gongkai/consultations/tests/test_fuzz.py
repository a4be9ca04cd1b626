"""Property-based tests of the public comment form (issue 15's fuzzing, for the forms issue 12
adds): whatever is posted, never a 500, and a refused comment writes nothing. Examples per
run: 60, plus the fixed @example cases."""

import datetime as dt

import pytest
import time_machine
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from gongkai.consultations import services
from gongkai.consultations.models import Comment
from gongkai.core.tests.test_fuzz_public_forms import NASTY, fuzz

SHANGHAI = dt.timezone(dt.timedelta(hours=8))
FIELDS = ["article", "text", "name", "contact", "publish_consent", "homepage", "idempotency_key"]


@pytest.fixture
def open_consultation(db, cast, settings):
    settings.COMMENT_RATE_PER_HOUR = 10**6  # the rate limit has its own test
    with time_machine.travel(dt.datetime(2022, 9, 1, 9, tzinfo=SHANGHAI), tick=False):
        c = services.create(
            by=cast.clerk,
            draft_title="储存安全管理办法",
            draft_text="第一条 总则。\n第二条 附则。",
            explanation="说明",
            decision_type="other",
            opens_on=dt.date(2022, 9, 1),
            closes_on=dt.date(2022, 9, 30),
            category="regulations_normative_docs",
        )
        for by in (cast.clerk, cast.head, cast.reviewer, cast.leader):
            (c.document.submit if by is cast.clerk else c.document.approve)(by=by)
    c.refresh_from_db()
    return c


@fuzz(60)
@given(changes=st.dictionaries(st.sampled_from(FIELDS), NASTY, max_size=5))
@example(changes={"text": "意" * 6000})
@example(changes={"article": "999999999999999999999"})
@example(changes={"text": "<img src=x onerror=alert(1)>"})
def test_commenting_never_fails_and_saves_all_or_nothing(open_consultation, changes):
    url = reverse("consultations_public:page", args=[open_consultation.pk])
    data = {"text": "建议明确台账保存期限。", **changes}
    with (
        time_machine.travel(dt.datetime(2022, 9, 10, 9, tzinfo=SHANGHAI), tick=False),
        transaction.atomic(),
    ):
        before = Comment.objects.count()
        response = Client().post(url, data)
        assert response.status_code in (200, 400)
        page = response.content.decode()
        assert "<img src=x" not in page
        if response.status_code == 200 and response.context.get("received"):
            assert Comment.objects.count() == before + 1
            assert Comment.objects.latest("pk").text == data["text"].strip()
        else:
            assert Comment.objects.count() == before
        transaction.set_rollback(True)
