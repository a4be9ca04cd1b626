"""bench/bench_answers.py lists misses only of the sets named: a held-out set is never shown by
accident."""

import subprocess
import sys
from pathlib import Path

from bench import bench_answers

ROOT = Path(__file__).resolve().parents[3]


def test_it_refuses_misses_without_a_set_in_one_line_before_loading_anything():
    run = subprocess.run(
        [sys.executable, "bench/bench_answers.py", "--misses", "--no-latency"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1
    assert run.stdout == ""  # nothing scored, no question printed
    assert run.stderr.strip().splitlines() == [
        "错误：--misses 只列出用 --set 指定的题集的未命中，请同时给出 --set 题集文件"
    ]


def test_it_takes_misses_with_the_sets_named():
    args = bench_answers.arguments(["--misses", "--set", "data/mine.tsv", "--no-latency"])
    assert args.misses and args.sets == [Path("data/mine.tsv")]
