"""Serial numbers taken outside any transaction (a management command such as `gongkai demo`):
PostgreSQL refuses a row lock there, so each numbering helper must hold its own transaction.
(On SQLite the lock is a no-op: run these on PostgreSQL with scripts/with-postgres.)"""

import datetime as dt

import pytest
from django.db import IntegrityError, connection

from gongkai.consultations.models import Comment, CommentCounter
from gongkai.consultations.tests.test_consultation import _opened
from gongkai.disclosure_requests.services import next_tracking_no as next_request_no
from gongkai.mailbox.services import next_tracking_no as next_message_no
from gongkai.meetings.services import next_number


def test_every_numbering_helper_takes_its_number_outside_a_transaction(transactional_db):
    assert not connection.in_atomic_block
    assert [next_request_no(2031), next_request_no(2031)] == ["GK2031-00001", "GK2031-00002"]
    assert next_message_no(2031) == "LY2031-00001"
    assert next_number("HY", 2031, width=2) == "HY2031-01"


def test_a_comment_is_numbered_outside_a_transaction(cast, transactional_db):
    consultation = _opened(cast)  # open in September 2022
    assert not connection.in_atomic_block
    comment = Comment(consultation=consultation, text="意见", sent_on=dt.date(2022, 9, 10))
    comment.save_numbered()
    assert Comment.objects.get(pk=comment.pk).number == "YJ2022-00001"


def test_a_comment_that_cannot_be_saved_takes_no_number(transactional_db):
    """The number and the row are one transaction: a refused row leaves the counter as it was."""
    with pytest.raises(IntegrityError):
        Comment(text="没有所属的意见征集", sent_on=dt.date(2022, 9, 10)).save_numbered()
    assert not Comment.objects.exists()
    assert not CommentCounter.objects.filter(year=2022, last__gt=0).exists()
