"""The personal-data scan (lib.pii.scan_text) over a megabyte of Chinese text dense with
numbers, beside one plain regular-expression pass over the same text, in the same run.

Run: .venv/bin/python bench/bench_pii.py
"""

import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gongkai.lib.pii import scan_text  # noqa: E402

CHUNK = (
    "广州市应急管理局关于2022年政务公开工作的通知（穗应急函〔2022〕48号），电话020-83186312。"
    "申请人身份证11010519491231002X，手机13812345678，账户6222020200000000006，"
    "abc@example.com，粤A·12345。"
)
PLAIN = re.compile(r"\d{11,19}")  # the cheapest scan that still looks at every digit run


def timed(function, text: str, rounds: int = 7) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        function(text)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main():
    text = (CHUNK * (1_000_000 // len(CHUNK) + 1))[:1_000_000]
    scan = timed(scan_text, text)
    plain = timed(lambda t: PLAIN.findall(t), text)
    print(f"1 MB, {len(scan_text(text))} hits")
    print(f"scan_text      {scan * 1000:8.1f} ms  ({1 / scan:5.1f} MB/s)")
    print(f"one plain regex {plain * 1000:7.1f} ms  ({1 / plain:5.1f} MB/s)")
    print(f"ratio scan / plain: {scan / plain:.1f}×")


if __name__ == "__main__":
    main()
