"""Issue story: the administrator enters a year the calendar package does not know, day by
day, and confirms it complete: refused while a statutory holiday is missing (the message shown,
nothing confirmed), accepted once 中秋节 is in too."""

from playwright.sync_api import expect

from gongkai.core.models import AuditEntry, HolidaySchedule

# Days off as an administrator types them from a notice (not the real 2027 notice).
DAYS_OFF = [
    ("2027-01-01", "元旦"),
    # 春节 four days and 劳动节 5月2日 from 2025 (国务院令第795号)
    *[(f"2027-02-0{day}", "春节") for day in (6, 7, 8, 9)],
    ("2027-04-05", "清明节"),
    ("2027-05-01", "劳动节"),
    ("2027-05-02", "劳动节"),
    ("2027-06-09", "端午节"),
    ("2027-10-01", "国庆节"),
    ("2027-10-02", "国庆节"),
    ("2027-10-03", "国庆节"),
]


def _day_off(page, date, name):
    page.get_by_label("日期").fill(date)
    page.get_by_label("节日").fill(name)
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".messages")).to_contain_text("已保存节假日调整")


def test_a_year_is_confirmed_only_once_every_statutory_holiday_is_in(
    page, live_server, e2e_cast, login
):
    login("admin")
    page.goto(f"{live_server.url}/staff/holidays/")
    page.get_by_label("年份").fill("2027")
    page.get_by_label("依据").fill("国务院办公厅关于2027年部分节假日安排的通知")
    page.get_by_role("button", name="登记").click()
    expect(page.locator(".messages")).to_contain_text("已登记年度节假日安排")
    for date, name in DAYS_OFF:
        _day_off(page, date, name)

    page.get_by_role("button", name="确认录入完整").click()
    expect(page.locator(".messages")).to_contain_text("2027年的法定节假日尚未录入：中秋节。")
    schedule = HolidaySchedule.objects.get(year=2027)
    assert schedule.confirmed_at is None and schedule.confirmed_by is None
    assert not AuditEntry.objects.filter(action="holiday.schedule_confirm").exists()

    _day_off(page, "2027-09-15", "中秋节")
    page.get_by_role("button", name="确认录入完整").click()
    expect(page.locator(".messages")).to_contain_text("已确认2027年节假日安排录入完整")
    expect(page.get_by_text("已确认录入完整")).to_be_visible()
    schedule.refresh_from_db()
    assert schedule.confirmed_at is not None and schedule.confirmed_by == e2e_cast.admin
    confirmed = AuditEntry.objects.get(action="holiday.schedule_confirm")
    assert confirmed.actor == e2e_cast.admin and confirmed.after == {"year": 2027}
