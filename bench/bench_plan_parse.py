"""Time the plan importer: the real seed plan and a synthetic 2,000-requirement plan; and
score it on the corpus of other bodies' plans (gongkai/plans/tests/corpus/, issue 14).

Run: .venv/bin/python bench/bench_plan_parse.py   (target: under 1 s each)
"""

import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gongkai.plans.importers import parse_plan_file  # noqa: E402

SEED = ROOT / "gongkai" / "plans" / "seed" / "guangzhou-yjj-2022.txt"
CN = "零一二三四五六七八九十"
DEADLINES = [
    "贯穿全年",
    "9月底前",
    "8 月底前完成开设, 并动态更新",
    "第四季度",
    "12 月底前",
    "长期坚持",
]
UNITS = [
    "新闻处牵头, 各处室、直属单位配合",
    "新闻处",
    "法规处、新闻处分别牵头，各处室、直属单位配合",
    "指挥中心牵头, 审批处等各处室、直属单位配合",
    "各处室、直属单位",
]


def cn(n: int) -> str:
    """1..99 as a Chinese numeral, for section and subsection markers."""
    tens, ones = divmod(n, 10)
    return (CN[tens] if tens > 1 else "") + ("十" if tens else "") + (CN[ones] if ones else "")


def synthetic_plan(count: int = 2000, seed: int = 2022) -> bytes:
    """A plan in the seed's style: tab cells, <p> parts, several requirements per row."""
    rng = random.Random(seed)
    lines = ["某区2022年政务公开工作实施方案", "工作任务\t上级要求\t落实措施\t完成时限\t责任单位"]
    number, sub = 0, 0
    while number < count:
        if sub % 5 == 0:
            lines.append(f"{cn(sub // 5 % 99 + 1)}、第{sub // 5 + 1}部分工作\t\t\t\t")
        sub += 1
        for row in range(rng.randint(1, 3)):
            k = min(rng.choice([1, 1, 2, 3]), count - number)
            numbers = range(number + 1, number + k + 1)
            number += k
            head = f"<p>({cn(sub % 99 + 1)}) 第{sub}小节。</p>" if row == 0 else ""
            cells = [
                " ".join(
                    f"<p>{n}. 持续推进第{n}项政务公开工作，年底前见成效。</p>" for n in numbers
                ),
                " ".join("<p>依托局门户网站按要求落实。</p>" for _ in numbers),
                " ".join(f"<p>{rng.choice(DEADLINES)}</p>" for _ in numbers),
                " ".join(f"<p>{rng.choice(UNITS)}</p>" for _ in numbers),
            ]
            lines.append("\t".join([head, *cells]))
            if number >= count:
                break
    return "\n".join(lines).encode("utf-8")


def synthetic_prose_plan(count: int = 2000) -> bytes:
    """A plan of （一） paragraphs, each holding three tasks closed by their own units
    bracket: the importer cuts every paragraph into its tasks."""
    lines = ["某市2022年政务公开工作要点"]
    number, part = 0, 0
    while number < count:
        part += 1
        lines.append(f"{cn(part % 99 + 1)}、第{part}部分工作")
        for sub in range(1, 11):
            tasks = "".join(
                f"持续推进第{number + k}项政务公开工作，年底前见成效。（{rng_units}）"
                for k, rng_units in zip(range(1, 4), UNITS[1:4], strict=True)
            )
            lines.append(f"（{cn(sub)}）第{sub}组工作。{tasks}")
            number += 3
            if number >= count:
                break
    return "\n".join(lines).encode("utf-8")


def best_of(runs: int, data: bytes, name: str) -> tuple[float, int]:
    best, count = float("inf"), 0
    for _ in range(runs):
        start = time.perf_counter()
        plan = parse_plan_file(data, name, 2022)
        best = min(best, time.perf_counter() - start)
        count = len(plan.items)
    return best, count


def corpus() -> None:
    """Items right per plan of the corpus (number, section, units as written, due, ongoing)."""
    from gongkai.plans.tests.corpus_score import plans, score

    right = total = 0
    for name, data, filename, expected in plans():
        result = min((score(name, data, filename, expected) for _ in range(3)), key=_seconds)
        right, total = right + result.right, total + result.total
        silent = f" silently wrong: {result.silent}" if result.silent else ""
        print(
            f"  {name:28s} {result.right:2d}/{result.total:2d}  {result.seconds * 1000:6.1f} ms"
            f"  {result.layout[:60]}{silent}"
        )
    print(f"corpus         : {right}/{total} items right ({right / total:.0%})")


def _seconds(result) -> float:
    return result.seconds


def main() -> None:
    corpus()
    seed_time, seed_count = best_of(20, SEED.read_bytes(), SEED.name)
    print(f"seed plan      : {seed_count:5d} items, best of 20: {seed_time * 1000:8.1f} ms")
    data = synthetic_plan()
    big_time, big_count = best_of(5, data, "synthetic.txt")
    print(f"synthetic plan : {big_count:5d} items, best of 5 : {big_time * 1000:8.1f} ms")
    prose_time, prose_count = best_of(5, synthetic_prose_plan(), "prose.txt")
    print(f"synthetic prose: {prose_count:5d} items, best of 5 : {prose_time * 1000:8.1f} ms")
    assert seed_count == 38 and big_count == 2000 and prose_count == 2001
    if max(seed_time, big_time, prose_time) >= 1.0:
        print("SLOWER THAN TARGET (1 s)")
        raise SystemExit(1)


if __name__ == "__main__":
    main()
