"""公开抽签 — the open, reproducible draw of citizens who attend a decision meeting (列席).

This file is published as it is (the portal offers it for download beside every draw result):
anyone can run it with Python 3.8 or later and nothing else, on the published seed and the
published list of sign-up numbers, and get the same attendees in the same order.

The rule (participation.md §11; issue 12):

1. The list: the receipt numbers (报名编号) of every valid sign-up, one per line. Blank lines
   and surrounding spaces are ignored; the list is sorted by receipt number before use, so
   its order in the file does not matter. A number listed twice is an error.
2. The seed (抽签种子): the text published on the meeting's page before sign-up closed, with
   the public value that became known only afterwards — "<meeting number>|<public value>",
   e.g. "HY2022-03|387" (387: the 福彩3D number drawn on the named date).
3. For each receipt number r: key(r) = SHA-256 of the UTF-8 bytes of seed + "|" + r, written
   as 64 lower-case hexadecimal digits.
4. Sort the list by (key, receipt number). The first `seats` are drawn (入选), in that order;
   the rest follow as the waiting list (候补), in that order.

Python's `random` is not used: its algorithm is an implementation detail of one Python
version. SHA-256 (FIPS 180-4) gives the same answer in every language.

Usage:
    python draw.py --seed "HY2022-03|387" --seats 8 list.txt
    python draw.py --seed "HY2022-03|387" --seats 8 < list.txt
Output: one line per sign-up — rank, receipt number, 入选 or 候补, key.
"""

from __future__ import annotations

import argparse
import hashlib
import sys

SELECTED, WAITING = "入选", "候补"


def key(seed: str, receipt_no: str) -> str:
    return hashlib.sha256(f"{seed}|{receipt_no}".encode()).hexdigest()


def read_list(text: str) -> list[str]:
    """The receipt numbers in `text`, sorted; a number listed twice is refused."""
    numbers = [line.strip() for line in text.splitlines() if line.strip()]
    if len(set(numbers)) != len(numbers):
        raise ValueError("报名编号清单中有重复的编号")
    return sorted(numbers)


def draw(seed: str, receipt_numbers: list[str], seats: int) -> list[tuple[int, str, bool, str]]:
    """(rank, receipt number, drawn?, key) for every sign-up, in drawn order."""
    if not seed.strip():
        raise ValueError("抽签种子不能为空")
    if seats < 0:
        raise ValueError("席位数不能为负数")
    ordered = sorted((key(seed, r), r) for r in sorted(receipt_numbers))
    return [(rank, r, rank <= seats, k) for rank, (k, r) in enumerate(ordered, start=1)]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="公开抽签：按公布的种子和报名编号清单复算列席人员")
    parser.add_argument("--seed", required=True, help="公布的抽签种子，如 HY2022-03|387")
    parser.add_argument("--seats", required=True, type=int, help="公众代表席位数")
    parser.add_argument("list", nargs="?", help="报名编号清单文件（每行一个），省略则读标准输入")
    args = parser.parse_args(argv)
    if args.list:
        with open(args.list, encoding="utf-8-sig") as handle:
            text = handle.read()
    else:
        text = sys.stdin.read()
    for rank, receipt_no, drawn, digest in draw(args.seed, read_list(text), args.seats):
        print(f"{rank}\t{receipt_no}\t{SELECTED if drawn else WAITING}\t{digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
