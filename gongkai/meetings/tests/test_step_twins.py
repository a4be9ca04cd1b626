"""Probe 12: a double-clicked staff step whose twins race (two POSTs at once) answered the
second 400 "不能…" with no word that the first click had done it. Now the twin is told who did
it and when, on the record's page; the step is taken once. Racing needs PostgreSQL."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongkai.core.models import AuditEntry
from gongkai.meetings.models import Meeting
from gongkai.testing import at_once, meeting_form, one_connection_only, seen_on_page


def test_two_publishes_at_once_publish_once_and_the_twin_is_told_it_is_done(cast, transactional_db):
    if one_connection_only():
        pytest.skip("the in-memory SQLite test database has one connection; PostgreSQL races")
    clerk = Client()
    clerk.force_login(cast.clerk)
    clerk.post(reverse("meetings:create"), meeting_form())
    meeting = Meeting.objects.get()
    clerk.post(reverse("meetings:step", args=[meeting.pk, "submit"]), {})
    detail = reverse("meetings:detail", args=[meeting.pk])
    step = reverse("meetings:step", args=[meeting.pk, "publish"])
    heads = [Client(), Client()]
    for head in heads:
        head.force_login(cast.head)
    seen = seen_on_page(heads[0], detail)
    answers = []
    at_once(
        *(lambda h=h: answers.append(h.post(step, {"note": "同意", "seen": seen})) for h in heads)
    )
    assert [a.status_code for a in answers] == [302, 302]
    assert all(a["Location"] == detail for a in answers)
    assert meeting.events.filter(kind="publish").count() == 1
    assert AuditEntry.objects.filter(action="meeting.publish").count() == 1
    at = timezone.localtime(meeting.events.get(kind="publish").at).strftime("%H:%M")
    pages = sorted(h.get(detail).content.decode() for h in heads)
    told = [
        f"“审核同意并发布”已由{cast.head}于{at}办理完成，本次提交未重复办理" in p for p in pages
    ]
    assert sorted(told) == [False, True]
    assert any("已审核同意并发布。" in p for p in pages)
