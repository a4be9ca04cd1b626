"""Probe 11 F3.1/F3.2: the dashboard counts a unit's overdue tasks in the database (not among
the ten rows it shows), puts the current year's plan first and names each row's plan; a
past year's open task reads 逾期未完成, a task done after its deadline 逾期完成 with the day."""

import datetime as dt
from pathlib import Path

import pytest
from django.urls import reverse

from gongkai.plans import services
from gongkai.plans.models import Assignment
from gongkai.testing import on_day

SEED = Path(__file__).parents[1] / "seed" / "guangzhou-yjj-2022.txt"


def _import(cast, year):
    return services.plan_import(
        by=cast.press,
        data=SEED.read_bytes().replace(b"2022", str(year).encode()),
        filename=f"plan-{year}.txt",
        year=year,
    ).plan


@pytest.fixture
def two_years(cast):
    """The 2022 seed plan left unfinished, and the same plan imported for 2027."""
    with on_day(2022, 3, 1):
        old = _import(cast, 2022)
    with on_day(2027, 1, 10):
        new = _import(cast, 2027)
    return old, new


@pytest.mark.django_db
def test_the_overdue_count_is_every_overdue_task_and_this_years_plan_comes_first(
    client, cast, two_years
):
    old, new = two_years
    with on_day(2027, 1, 15):
        client.force_login(cast.clerk)
        today = dt.date(2027, 1, 15)
        mine = Assignment.objects.filter(unit=cast.clerk.unit)
        overdue = mine.overdue(today).count()
        assert overdue > 10  # more than the rows shown: the count must not come from them
        page = client.get(reverse("core:dashboard")).content.decode()
    assert f"已逾期 {overdue} 项" in page
    assert f"未完成 {mine.open().count()} 项" in page
    section = page[page.index(f"{cast.clerk.unit}的工作任务") :]
    rows = section[section.index("<tbody>") : section.index("</tbody>")]
    # this year's plan first, each row naming its plan's year
    assert rows.index("2027年") < rows.find("2022年") or "2022年" not in rows
    assert rows.count('data-label="方案"') == min(10, mine.open().count())
    # per plan: links to the unit's whole list and to its overdue tasks in that ledger
    old_url = reverse("plans:plan_detail", args=[old.pk])
    assert (
        f'{old_url}?unit={cast.clerk.unit_id}&amp;status=overdue">逾期未完成 {overdue} 项' in page
    )
    assert f"{reverse('plans:plan_detail', args=[new.pk])}?unit={cast.clerk.unit_id}" in page


@pytest.mark.django_db
def test_a_past_years_open_task_reads_overdue_unfinished_and_a_late_one_done_late(
    client, cast, two_years
):
    old, new = two_years
    shares = Assignment.objects.filter(unit=cast.clerk.unit).order_by("task__number")
    late, going = shares.filter(task__plan=old)[:2]
    in_time = shares.filter(task__plan=new).first()
    with on_day(2027, 1, 15):
        for share, status in [(late, "done"), (going, "in_progress"), (in_time, "done")]:
            share.report_progress(
                by=cast.clerk, text="已落实", status=status, links="https://www.gz.gov.cn/a"
            )
    with on_day(2027, 1, 16):
        client.force_login(cast.clerk)
        page = client.get(reverse("plans:plan_detail", args=[old.pk])).content.decode()
        new_page = client.get(reverse("plans:plan_detail", args=[new.pk])).content.decode()
    assert "逾期完成·2027年1月15日" in page
    assert "逾期未完成·推进中" in page and "已逾期·" not in page
    # what it forbids: a task done before its deadline, or overdue in its own year, is not
    # called late or unfinished
    assert "逾期完成" not in new_page and "逾期未完成" not in new_page
    assert "已完成" in new_page


@pytest.mark.django_db
def test_a_later_report_does_not_move_the_day_it_was_done_late(client, cast, two_years):
    """逾期完成 is dated by the report that set 已完成 (done_at). Fails on main: it read
    updated_at, so a later 已完成 report (more evidence, a correction of the text) moved the date
    to that later day. Reopening it (推进中) and completing it again does date it anew."""
    old, _ = two_years
    late = Assignment.objects.filter(unit=cast.clerk.unit, task__plan=old).first()
    url = "https://www.gz.gov.cn/a"
    with on_day(2027, 1, 15):
        late.report_progress(by=cast.clerk, text="已落实", status="done", links=url)
    with on_day(2027, 2, 3):
        late.report_progress(by=cast.clerk, text="已落实，补充佐证材料", status="done", links=url)
    late.refresh_from_db()
    assert late.updated_at.date() == dt.date(2027, 2, 3)
    assert late.done_late_on == dt.date(2027, 1, 15)
    with on_day(2027, 2, 4):
        client.force_login(cast.clerk)
        page = client.get(reverse("plans:plan_detail", args=[old.pk])).content.decode()
    assert "逾期完成·2027年1月15日" in page and "逾期完成·2027年2月3日" not in page
    with on_day(2027, 3, 1):
        late.report_progress(by=cast.clerk, text="发现遗漏，继续推进", status="in_progress")
    late.refresh_from_db()
    assert late.done_at is None and late.done_late_on is None
    with on_day(2027, 3, 9):
        late.report_progress(by=cast.clerk, text="已全部落实", status="done", links=url)
    late.refresh_from_db()
    assert late.done_late_on == dt.date(2027, 3, 9)


@pytest.mark.django_db
def test_the_migration_dates_done_shares_by_the_report_that_completed_them(cast, two_years):
    """0003: a share already done takes the time of the first 已完成 report after its last
    other report; one with no report at all keeps updated_at."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("gongkai.plans.migrations.0003_assignment_done_at")
    old, _ = two_years
    reopened, bare = Assignment.objects.filter(unit=cast.clerk.unit, task__plan=old)[:2]
    url = "https://www.gz.gov.cn/a"
    for day, status in [(15, "done"), (20, "in_progress"), (25, "done"), (28, "done")]:
        with on_day(2027, 1, day):
            reopened.report_progress(by=cast.clerk, text=f"第{day}日", status=status, links=url)
    when = dt.datetime(2027, 1, 30, 10, tzinfo=dt.UTC)
    Assignment.objects.filter(pk=bare.pk).update(status="done", updated_at=when)
    Assignment.objects.filter(pk__in=[reopened.pk, bare.pk]).update(done_at=None)
    migration.existing_done_dates(apps, None)
    reopened.refresh_from_db()
    bare.refresh_from_db()
    assert reopened.done_late_on == dt.date(2027, 1, 25)
    assert bare.done_at == when
