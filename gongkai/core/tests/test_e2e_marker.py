"""The `e2e` marker is on every browser test (set once in e2e/conftest.py): `-m "not e2e"`
leaves them all out and `-m e2e` keeps them all, and nothing else, in."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
OTHER = "gongkai/core/tests/test_numbering.py"  # a few quick tests that are not e2e


def _collected(marker: str) -> list[str]:
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-m", marker, "e2e", OTHER],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return [line for line in run.stdout.splitlines() if "::" in line]


def test_not_e2e_leaves_out_every_browser_test_and_e2e_selects_only_them():
    without = _collected("not e2e")
    assert without and all(node.startswith(f"{OTHER}::") for node in without)

    browser = _collected("e2e")
    assert all(node.startswith("e2e/") for node in browser)
    files = {node.split("::")[0] for node in browser}
    assert files == {f"e2e/{p.name}" for p in (ROOT / "e2e").glob("test_*.py")}
