"""`gongkai remind --loop` survives a failing sweep and stops cleanly on SIGTERM."""

import os
import signal
from io import StringIO

from django.core.management import call_command

from gongkai.site import parts
from gongkai.site.management.commands import remind

calls = []


def _flaky_sweep(*, today, days):
    calls.append(today)
    if len(calls) == 1:
        raise RuntimeError("database went away")
    if len(calls) == 3:
        os.kill(os.getpid(), signal.SIGTERM)  # what systemd sends on stop
    return ["一项提醒"]


def test_the_loop_logs_a_failed_sweep_retries_and_stops_on_sigterm(db, monkeypatch):
    monkeypatch.setattr(remind, "BACKOFF_START", 0)
    monkeypatch.setattr(parts, "REMINDERS", [_flaky_sweep])
    previous = signal.getsignal(signal.SIGTERM)
    out, err = StringIO(), StringIO()
    try:
        call_command("remind", "--loop", "--interval", "0", stdout=out, stderr=err)
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert len(calls) == 3  # failed, succeeded, succeeded and then stopped
    assert "连续第1次" in err.getvalue()
    assert out.getvalue().count("1项到期或逾期工作") == 2 and out.getvalue().endswith("已停止\n")
