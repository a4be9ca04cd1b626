import datetime as dt

import pytest
from django.utils import timezone

from gongkai.core import throttle
from gongkai.core.models import Throttle


@pytest.mark.django_db
def test_remind_deletes_throttle_rows_whose_window_ended_a_day_ago():
    now = timezone.now()
    Throttle.objects.create(key="old", count=3, started_at=now - dt.timedelta(hours=25))
    Throttle.objects.create(key="recent", count=3, started_at=now - dt.timedelta(hours=23))
    lines = throttle.sweep(today=timezone.localdate(), days=3)
    assert list(Throttle.objects.values_list("key", flat=True)) == ["recent"]
    assert lines == ["清理\t频率限制记录\t1条已过期"]
    assert throttle.sweep(today=timezone.localdate(), days=3) == []


def test_no_window_is_longer_than_what_the_sweep_keeps():
    with pytest.raises(ValueError):
        throttle.take("k", limit=1, seconds=throttle.MAX_WINDOW_SECONDS + 1)
