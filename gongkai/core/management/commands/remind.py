"""`gongkai remind [--days 7] [--loop]`: list and notify due-soon and overdue work. Idempotent."""

import time

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from gongkai.core.management.base import GongkaiCommand


class Command(GongkaiCommand):
    help = "提醒即将到期和已逾期的工作（可重复运行，同一提醒只发送一次）"

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7, help="提前几天提醒，默认7天")
        parser.add_argument(
            "--loop", action="store_true", help="持续运行，每隔 --interval 秒检查一次"
        )
        parser.add_argument("--interval", type=int, default=3600, help="--loop 的间隔秒数")

    def handle(self, *args, days, loop, interval, **options):
        while True:
            today = timezone.localdate()
            lines = [
                line
                for path in settings.REMINDERS
                for line in import_string(path)(today=today, days=days)
            ]
            for line in lines:
                self.stdout.write(line)
            self.stdout.write(f"{today}：{len(lines)}项到期或逾期工作")
            if not loop:
                return
            time.sleep(interval)
