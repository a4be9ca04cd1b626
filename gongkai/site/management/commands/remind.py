"""`gongkai remind [--days 7] [--loop]`: list and notify due-soon and overdue work. Idempotent.

With --loop it is a long-running service (systemd, a container): a sweep that fails is logged
and retried with a growing pause, never the end of the loop; SIGTERM or SIGINT stops it
between sweeps (healthchecks' `sendalerts` does the same).
"""

import logging
import signal
import threading

from django.db import close_old_connections
from django.utils import timezone

from gongkai.core.management.base import GongkaiCommand
from gongkai.site import parts

log = logging.getLogger("gongkai.remind")
BACKOFF_START, MAX_BACKOFF = 30, 3600  # seconds after a failed sweep: 30, 60, 120 … an hour


class Command(GongkaiCommand):
    help = "提醒即将到期和已逾期的工作（可重复运行，同一提醒只发送一次）"

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7, help="提前几天提醒，默认7天")
        parser.add_argument(
            "--loop", action="store_true", help="持续运行，每隔 --interval 秒检查一次"
        )
        parser.add_argument("--interval", type=int, default=3600, help="--loop 的间隔秒数")

    def handle(self, *args, days, loop, interval, **options):
        if not loop:
            self.sweep(days)
            return
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        failures = 0
        while not stop.is_set():
            close_old_connections()  # a database restart between sweeps is not fatal
            try:
                self.sweep(days)
                failures = 0
            except Exception:  # noqa: BLE001 — one bad sweep must not end the service
                failures += 1
                log.exception("提醒检查失败（连续第%d次），稍后重试", failures)
                self.stderr.write(f"提醒检查失败（连续第{failures}次），稍后重试")
            pause = (
                interval if not failures else min(MAX_BACKOFF, BACKOFF_START * 2 ** (failures - 1))
            )
            stop.wait(pause)
        self.stdout.write("已停止")

    def sweep(self, days: int) -> None:
        today = timezone.localdate()
        lines = [line for sweep in parts.REMINDERS for line in sweep(today=today, days=days)]
        for line in lines:
            self.stdout.write(line)
        self.stdout.write(f"{today}：{len(lines)}项到期或逾期工作")
