"""The staff lists show dates and times in the house style (2026年9月13日 11:35), as every
other page does, not 2026-09-13 11:35."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.testing import written_message

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


@pytest.mark.django_db
def test_the_message_list_shows_the_time_written_in_chinese(client, cast):
    written_message(submitted_at=dt.datetime(2026, 9, 13, 11, 35, tzinfo=SHANGHAI))
    client.force_login(cast.press)
    page = client.get(reverse("mailbox:list"), {"state": "all"}).content.decode()
    assert "2026年9月13日 11:35" in page
    assert "2026-09-13" not in page
