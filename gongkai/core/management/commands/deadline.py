"""`gongkai deadline DATE [--days N] [--json]`: the N-th working day after DATE, with workings."""

import json

from django.core.management.base import CommandError

from gongkai.core.calendar import add_workdays
from gongkai.core.management.base import GongkaiCommand
from gongkai.lib.cndate import cn_date
from gongkai.lib.workdays import UnknownHolidayYear, parse_iso_date


def day_count(text):
    try:
        value = int(text)
    except ValueError:
        raise CommandError(f"工作日天数必须是整数：{text!r}") from None
    if value < 0:
        raise CommandError(f"工作日天数不能为负数：{value}")
    return value


class Command(GongkaiCommand):
    help = "计算某日之后第N个工作日（次日起算，跳过法定节假日，计入调休上班日）"

    def add_arguments(self, parser):
        parser.add_argument("date", help="起算日期，YYYY-MM-DD")
        parser.add_argument("--days", default="20", help="工作日数，默认20（条例第三十三条）")
        parser.add_argument("--json", action="store_true", help="以JSON输出")

    def handle(self, *args, **options):
        days = day_count(options["days"])
        try:
            start = parse_iso_date(options["date"])
            count = add_workdays(start, days)
        except (ValueError, UnknownHolidayYear) as exc:
            raise CommandError(str(exc)) from None
        if options["json"]:
            self.stdout.write(json.dumps(count.as_dict(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            f"{cn_date(start)}后第{days}个工作日：{cn_date(count.due, weekday=True)}（{count.due}）"
        )
        for day in count.skipped:
            self.stdout.write(f"  跳过 {day.date} {day.reason}")
        for day in count.adjusted_workdays:
            self.stdout.write(f"  计入 {day.date} {day.reason}")
