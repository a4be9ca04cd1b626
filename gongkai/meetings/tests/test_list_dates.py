"""The staff meeting list shows dates and times in the house style (2026年9月13日 11:35)."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.testing import published_meeting

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


@pytest.mark.django_db
def test_the_meeting_list_shows_its_times_in_chinese(client, cast):
    meeting = published_meeting(cast)
    meeting.starts_at = dt.datetime(2026, 9, 13, 11, 35, tzinfo=SHANGHAI)
    meeting.signup_closes = dt.datetime(2026, 9, 10, 17, 0, tzinfo=SHANGHAI)
    meeting.save(update_fields=["starts_at", "signup_closes"])
    client.force_login(cast.clerk)
    page = client.get(reverse("meetings:list")).content.decode()
    assert "2026年9月13日 11:35" in page and "2026年9月10日 17:00" in page
    assert "2026-09-13" not in page and "2026-09-10" not in page
