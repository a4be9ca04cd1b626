"""信息处理费 (国办函〔2020〕109号; rules.md §2.2–§2.3): the worked examples, by hand."""

import pytest

from gongkai.lib.fees import per_piece_fee, per_piece_total, per_volume_fee, quote


@pytest.mark.parametrize(
    ("k", "fee"),
    [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (51, 400)],
)
def test_it_charges_each_piece_by_its_place_in_the_month(k, fee):
    """第三条/第四条: 1–10 件 free, 11–30 at 100 元/件, then each band of 10 adds 100 元/件
    (31–40: 200, 41–50: 300 — the [UNVERIFIED] reading of "31件以上")."""
    assert per_piece_fee(k) == fee


@pytest.mark.parametrize(("pieces", "total"), [(10, 0), (30, 2000), (35, 3000), (50, 7000)])
def test_it_totals_a_month_progressively(pieces, total):
    """第三条 超额累进: 10 → 0; 30 → 20×100; 35 → 2000 + 5×200; 50 → 2000 + 10×200 + 10×300."""
    assert per_piece_total(1, pieces) == total


def test_it_charges_a_second_application_from_where_the_month_stands():
    """第四条: the count is per applicant per natural month. 28 件 already this month, then
    5 more are the 29th–33rd: 2×100 + 3×200 = 800."""
    assert per_piece_total(29, 5) == 2 * 100 + 3 * 200
    assert quote(prior_pieces_this_month=28, pieces=5, pages=0).per_piece == 800


@pytest.mark.parametrize(
    ("pages", "fee"),
    [(0, 0), (30, 0), (31, 10), (100, 700), (150, 1700), (200, 2700), (250, 4700)],
)
def test_it_charges_by_volume_progressively(pages, fee):
    """第三条/第五条: 1–30 页 free, 31–100 at 10, 101–200 at 20, 201+ at 40 元/页."""
    assert per_volume_fee(pages) == fee


def test_it_quotes_both_standards_without_choosing():
    """第三条: the agency picks one standard per application; 不得同时按照两种标准重复计算.
    28 件 before, 5 now: 2×100 + 3×200 = 800 元; 150 页: 70×10 + 50×20 = 1,700 元."""
    result = quote(prior_pieces_this_month=28, pieces=5, pages=150)
    assert (result.per_piece, result.per_volume) == (800, 1700)
    assert result.workings == (
        "按件计收（第四条）：申请人本自然月内此前已申请28件，本次5件，为本月第29至33件",
        "  第29至30件：100元/件×2件＝200元",
        "  第31至33件：200元/件×3件＝600元",
        "按件计收合计800元（第三条：超额累进）",
        "按量计收（第五条）：本次提供150页",
        "  第1至30页：免费",
        "  第31至100页：10元/页×70页＝700元",
        "  第101至150页：20元/页×50页＝1000元",
        "按量计收合计1700元（第三条：超额累进）",
        "同一申请由行政机关选择按件或者按量一种标准计收，不得同时按照两种标准重复计算（第三条）",
    )


@pytest.mark.parametrize(
    ("pages", "fee", "lines"),
    [
        (30, 0, ["  第1至30页：免费"]),
        (31, 10, ["  第1至30页：免费", "  第31页：10元/页×1页＝10元"]),
        (100, 700, ["  第1至30页：免费", "  第31至100页：10元/页×70页＝700元"]),
        (
            200,
            2700,
            [
                "  第1至30页：免费",
                "  第31至100页：10元/页×70页＝700元",
                "  第101至200页：20元/页×100页＝2000元",
            ],
        ),
        (
            250,
            4700,
            [
                "  第1至30页：免费",
                "  第31至100页：10元/页×70页＝700元",
                "  第101至200页：20元/页×100页＝2000元",
                "  第201至250页：40元/页×50页＝2000元",
            ],
        ),
    ],
)
def test_it_shows_the_volume_workings_band_by_band(pages, fee, lines):
    """第五条 (rules.md §2.3): 1–30 页 free, 31–100 at 10, 101–200 at 20, 201+ at 40 元/页;
    200 页 → 700 + 2,000 = 2,700; 250 页 → 2,700 + 50×40 = 4,700."""
    workings = quote(prior_pieces_this_month=0, pieces=1, pages=pages).workings
    assert workings[-len(lines) - 3 :] == (
        f"按量计收（第五条）：本次提供{pages}页",
        *lines,
        f"按量计收合计{fee}元（第三条：超额累进）",
        "同一申请由行政机关选择按件或者按量一种标准计收，不得同时按照两种标准重复计算（第三条）",
    )


def test_it_quotes_nothing_for_a_small_application():
    """第四条/第五条: the first 10 件 of the month and the first 30 pages are free."""
    result = quote(prior_pieces_this_month=0, pieces=1, pages=12)
    assert (result.per_piece, result.per_volume) == (0, 0)


@pytest.mark.parametrize(
    "call",
    [
        lambda: per_piece_fee(0),
        lambda: per_piece_fee(-1),
        lambda: per_piece_total(1, -1),
        lambda: per_piece_total(-3, 2),
        lambda: per_volume_fee(-1),
        lambda: quote(prior_pieces_this_month=-1, pieces=1, pages=1),
        lambda: quote(prior_pieces_this_month=0, pieces=-1, pages=1),
        lambda: quote(prior_pieces_this_month=0, pieces=1, pages=-1),
    ],
)
def test_it_rejects_negative_inputs(call):
    """第三条: counts of 件 and pages cannot be negative; the message is Chinese."""
    with pytest.raises(ValueError, match="不能为负数|须为正整数"):
        call()
