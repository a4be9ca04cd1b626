"""有效性 of 规章 and 行政规范性文件: when a document stops being in force, its 失效日期 says since
when — the date the annual report's table 二 counts 本年废止 and 现行有效 from."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import IntegrityError, transaction

from gongkai.core.errors import DomainError
from gongkai.core.models import AuditEntry
from gongkai.publications.models import CleanupCampaign, Document, Kind, Validity

D = dt.date
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _on(*args):
    return time_machine.travel(dt.datetime(*args, tzinfo=SHANGHAI), tick=False)


@pytest.fixture
def rule(make_draft, publish):
    return publish(make_draft(title="安全生产约谈规定", kind=Kind.RULE, written_on=D(2022, 6, 1)))


def test_it_records_the_day_a_document_is_repealed(cast, rule):
    """Repealed on 2023-05-10 (Shanghai time, 00:30 — still 05-09 in UTC): 失效日期 2023-05-10."""
    with _on(2023, 5, 10, 0, 30):
        rule.set_validity(by=cast.clerk, validity=Validity.REPEALED, note="上位法废止")
    rule.refresh_from_db()
    assert (rule.validity, rule.expires_on) == (Validity.REPEALED, D(2023, 5, 10))
    entry = AuditEntry.objects.get(action="document.set_validity", target_id=str(rule.pk))
    assert entry.before == {"validity": "current", "replaced_by": None, "expires_on": None}
    assert entry.after == {"validity": "repealed", "replaced_by": None, "expires_on": "2023-05-10"}


def test_it_records_the_day_the_repeal_took_effect_when_given(cast, rule):
    """A repeal that took effect on 2022-12-31, recorded on 2023-01-09, belongs to 2022."""
    with _on(2023, 1, 9, 10):
        rule.set_validity(by=cast.clerk, validity=Validity.AMENDED, on=D(2022, 12, 31))
    rule.refresh_from_db()
    assert rule.expires_on == D(2022, 12, 31)


def test_a_repeal_shortens_a_longer_term_but_an_earlier_end_stays(cast, make_draft, publish):
    """有效期至2027-12-31, repealed 2023-05-10 → 2023-05-10; 有效期至2023-06-30 and only marked
    失效 on 2023-09-01 → it stopped on 2023-06-30."""
    long = publish(make_draft(kind=Kind.RULE, written_on=D(2022, 6, 1), expires_on=D(2027, 12, 31)))
    short = publish(make_draft(kind=Kind.RULE, written_on=D(2022, 6, 1), expires_on=D(2023, 6, 30)))
    with _on(2023, 5, 10, 10):
        long.set_validity(by=cast.clerk, validity=Validity.REPEALED)
    with _on(2023, 9, 1, 10):
        short.set_validity(by=cast.clerk, validity=Validity.EXPIRED)
    long.refresh_from_db()
    short.refresh_from_db()
    assert (long.expires_on, short.expires_on) == (D(2023, 5, 10), D(2023, 6, 30))


def test_back_in_force_it_loses_a_past_end_date_and_keeps_a_future_term(cast, make_draft, publish):
    """现行有效 again on 2023-06-01: the repeal date 2023-05-10 goes; a 有效期 to 2027 stays."""
    repealed = publish(make_draft(kind=Kind.RULE, written_on=D(2022, 6, 1)))
    planned = publish(
        make_draft(kind=Kind.RULE, written_on=D(2022, 6, 1), expires_on=D(2027, 12, 31))
    )
    with _on(2023, 5, 10, 10):
        repealed.set_validity(by=cast.clerk, validity=Validity.REPEALED)
    with _on(2023, 6, 1, 10):
        repealed.set_validity(by=cast.clerk, validity=Validity.CURRENT, note="误操作，恢复")
        planned.set_validity(by=cast.clerk, validity=Validity.CURRENT)
    repealed.refresh_from_db()
    planned.refresh_from_db()
    assert (repealed.validity, repealed.expires_on) == (Validity.CURRENT, None)
    assert planned.expires_on == D(2027, 12, 31)


def test_it_refuses_an_end_before_the_document_was_made(cast, rule):
    with pytest.raises(DomainError, match="失效日期不能早于成文日期或施行日期（2022-06-01）"):
        rule.set_validity(by=cast.clerk, validity=Validity.REPEALED, on=D(2022, 5, 31))
    rule.refresh_from_db()
    assert (rule.validity, rule.expires_on) == (Validity.CURRENT, None)


def test_a_draft_cannot_end_before_it_is_written(make_draft):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="失效日期不能早于成文日期"):
        make_draft(kind=Kind.RULE, written_on=D(2022, 6, 1), expires_on=D(2022, 5, 1))


def test_the_clean_up_records_the_date_too(cast, rule):
    """Item 12: a change made in the yearly clean-up goes through the same verb."""
    campaign = CleanupCampaign.start(by=cast.press, year=rule.published_at.year)
    with _on(2023, 3, 15, 10):
        campaign.items.get(document=rule).change(
            by=cast.clerk, validity=Validity.EXPIRED, note="经清理，已失效"
        )
    rule.refresh_from_db()
    assert (rule.validity, rule.expires_on) == (Validity.EXPIRED, D(2023, 3, 15))


def test_the_database_refuses_an_ended_document_without_its_end_date(rule):
    with pytest.raises(IntegrityError), transaction.atomic():
        Document.objects.filter(pk=rule.pk).update(validity=Validity.REPEALED)
