"""信息处理费 — the information-processing fee (国办函〔2020〕109号; rules.md §2.2–§2.3).

Both standards are 超额累进 (progressive: each rate applies only to the part above its
threshold, 第三条). For one application the agency charges by piece (按件, 第四条) or by
volume (按量, 第五条), never both (不得同时按照两种标准重复计算). `quote` works out both
and leaves the choice to the clerk, who records it.
"""

from __future__ import annotations

from dataclasses import dataclass

FREE_PIECES = 10  # 1–10 件 in the natural month: free
FIRST_RATE_LAST_PIECE = 30  # 11–30 件: 100 元/件
PIECE_RATE = 100  # 元; and each further band of 10 件 adds this much per 件
PIECE_BAND = 10

# (first page of the band, last page or None, 元 per page) — 第五条 schedule.
VOLUME_BANDS = ((1, 30, 0), (31, 100, 10), (101, 200, 20), (201, None, 40))


@dataclass(frozen=True)
class FeeQuote:
    """Both possible fees for one application; the agency picks ONE (第三条)."""

    per_piece: int  # 元, 按件计收
    per_volume: int  # 元, 按量计收
    workings: tuple[str, ...]  # Chinese lines citing 第三条/第四条/第五条
    # The same lines for one standard only: what a 收费通知书 shows for the standard chosen.
    piece_workings: tuple[str, ...] = ()
    volume_workings: tuple[str, ...] = ()


def per_piece_fee(k: int) -> int:
    """Fee in 元 for the k-th 件 (1-based) an applicant has filed in this natural month.

    1–10: 0; 11–30: 100; 31 and above: each band of 10 adds 100 元/件.
    """
    if k < 1:
        raise ValueError(f"件的序号须为正整数（本自然月内第几件），当前为{k}")
    if k <= FREE_PIECES:
        return 0
    if k <= FIRST_RATE_LAST_PIECE:
        return PIECE_RATE
    # [UNVERIFIED] reading of "31件以上…每增加10件…": 31–40 → 200, 41–50 → 300, and so on
    # (rules.md §2.2). The natural reading; re-check against the gov.cn text of 109号.
    return PIECE_RATE * (2 + (k - FIRST_RATE_LAST_PIECE - 1) // PIECE_BAND)


def per_piece_total(first_k: int, pieces: int) -> int:
    """Fee in 元 for `pieces` 件 numbered first_k … first_k + pieces − 1 in the month."""
    if pieces < 0:
        raise ValueError(f"件数不能为负数，当前为{pieces}")
    if first_k < 1:
        raise ValueError(f"件的序号须为正整数（本自然月内第几件），当前为{first_k}")
    return sum(per_piece_fee(k) for k in range(first_k, first_k + pieces))


def per_volume_fee(pages: int) -> int:
    """Fee in 元 for one application of `pages` pages: 1–30 free, 31–100 at 10,
    101–200 at 20, 201 and above at 40 元/页."""
    if pages < 0:
        raise ValueError(f"页数不能为负数，当前为{pages}")
    return sum(rate * n for _, _, rate, n in _volume_bands(pages))


def quote(*, prior_pieces_this_month: int, pieces: int, pages: int) -> FeeQuote:
    """Both fees for an application of `pieces` 件 and `pages` pages, given the 件 the same
    applicant has already filed this natural month."""
    if prior_pieces_this_month < 0:
        raise ValueError(f"本月已申请件数不能为负数，当前为{prior_pieces_this_month}")
    if pieces < 0:
        raise ValueError(f"件数不能为负数，当前为{pieces}")
    if pages < 0:
        raise ValueError(f"页数不能为负数，当前为{pages}")
    first_k = prior_pieces_this_month + 1
    by_piece = per_piece_total(first_k, pieces)
    by_volume = per_volume_fee(pages)

    lines = []
    if pieces:
        lines.append(
            f"按件计收（第四条）：申请人本自然月内此前已申请{prior_pieces_this_month}件，"
            f"本次{pieces}件，为本月第{first_k}至{first_k + pieces - 1}件"
        )
    else:
        lines.append(f"按件计收（第四条）：本次0件（本月此前已申请{prior_pieces_this_month}件）")
    for low, high, rate in _piece_bands(first_k, pieces):
        n = high - low + 1
        span = f"第{low}件" if n == 1 else f"第{low}至{high}件"
        lines.append(
            f"  {span}：免费" if rate == 0 else f"  {span}：{rate}元/件×{n}件＝{rate * n}元"
        )
    lines.append(f"按件计收合计{by_piece}元（第三条：超额累进）")
    piece_lines = tuple(lines)

    lines.append(f"按量计收（第五条）：本次提供{pages}页")
    for low, top, rate, n in _volume_bands(pages):
        span = f"第{low}页" if n == 1 else f"第{low}至{top}页"
        lines.append(
            f"  {span}：免费" if rate == 0 else f"  {span}：{rate}元/页×{n}页＝{rate * n}元"
        )
    lines.append(f"按量计收合计{by_volume}元（第三条：超额累进）")
    volume_lines = tuple(lines[len(piece_lines) :])
    lines.append(
        "同一申请由行政机关选择按件或者按量一种标准计收，不得同时按照两种标准重复计算（第三条）"
    )
    return FeeQuote(
        per_piece=by_piece,
        per_volume=by_volume,
        workings=tuple(lines),
        piece_workings=piece_lines,
        volume_workings=volume_lines,
    )


def _piece_bands(first_k: int, pieces: int) -> list[tuple[int, int, int]]:
    """Runs of consecutive 件 at the same rate: [(first, last, 元/件), …]."""
    bands: list[tuple[int, int, int]] = []
    for k in range(first_k, first_k + pieces):
        rate = per_piece_fee(k)
        if bands and bands[-1][2] == rate:
            bands[-1] = (bands[-1][0], k, rate)
        else:
            bands.append((k, k, rate))
    return bands


def _volume_bands(pages: int) -> list[tuple[int, int, int, int]]:
    """The bands `pages` reaches: [(first page, last page reached, 元/页, pages), …]."""
    bands = []
    for low, high, rate in VOLUME_BANDS:
        if pages < low:
            break
        top = pages if high is None else min(pages, high)
        bands.append((low, top, rate, top - low + 1))
    return bands
