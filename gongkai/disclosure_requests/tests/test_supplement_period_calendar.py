"""The 补正 period after the holiday calendar changes (第三十条): the period is a date the
office told the applicant in the 补正告知书 (request_supplement keeps the letter as it records
the notice, dated no later than today), so a later calendar never moves it, earlier or later;
the reply periods, which the office counts for itself, are counted again (and audited)."""

import datetime as dt

from gongkai.core.calendar import provisional_note
from gongkai.core.models import AuditEntry, HolidayOverride, HolidaySchedule
from gongkai.core.services import _calendar_changed
from gongkai.disclosure_requests.clock import office_calendar
from gongkai.disclosure_requests.models import DisclosureRequest
from gongkai.testing import a_case, on_day

D = dt.date


def _enter_2027_with_a_day_off(by):
    """2027 entered and confirmed: 元旦 as the provisional count had it, and 2027-01-11 (a
    Monday) off too, so every count running across it ends a workday later."""
    HolidaySchedule.objects.create(
        year=2027, notice="测试通知", confirmed_at=dt.datetime(2026, 12, 23, tzinfo=dt.UTC)
    )
    HolidayOverride.objects.create(date=D(2027, 1, 1), is_workday=False, name="元旦")
    HolidayOverride.objects.create(date=D(2027, 1, 11), is_workday=False, name="测试休息日")
    return _calendar_changed(by)


def test_a_supplement_period_told_to_the_applicant_does_not_move_when_the_calendar_changes(cast):
    with on_day(2026, 12, 21):
        told = a_case(cast, received=D(2026, 12, 21))
        counted = a_case(cast, received=D(2026, 12, 21))
    with on_day(2026, 12, 22):
        told.request_supplement(by=cast.press, items="请写明文件名称", on=D(2026, 12, 22))
    told.refresh_from_db()
    assert told.supplement_due == D(2027, 1, 13)
    # the staff are told it stays, not promised a recount as the reply period is
    assert "已按此告知申请人，系统管理员录入后也不重新计算" in told.supplement_due_note
    assert "以正式安排为准" not in told.supplement_due_note
    reply_due = DisclosureRequest.objects.get(pk=counted.pk).due_date
    reply_note = provisional_note(office_calendar(), D(2026, 12, 21), reply_due)
    assert "系统管理员录入后以正式安排为准" in reply_note
    with on_day(2026, 12, 23):
        _enter_2027_with_a_day_off(cast.admin)
    told.refresh_from_db()
    assert told.supplement_due == D(2027, 1, 13)  # the date in the 补正告知书
    assert not AuditEntry.objects.filter(action="request.recompute_due", target_id=str(told.pk))
    # the reply period the office counts for itself follows the calendar, audited
    counted.refresh_from_db()
    assert counted.due_date == reply_due + dt.timedelta(days=1)
    entry = AuditEntry.objects.get(action="request.recompute_due", target_id=str(counted.pk))
    assert entry.before["due_date"] == reply_due.isoformat()
