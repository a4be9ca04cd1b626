import datetime as dt

import pytest

from gongkai.lib.codes import (
    format_index_number,
    is_valid_org_code,
    is_valid_uscc,
    period_key,
    uscc_check_char,
)

USCCS = ["11341702486344515H", "113417020032563511"]  # rules.md §4.2, 宁国市
ORG_CODES = ["000014349", "000013338", "01424668-5", "01527918X"]  # rules.md §4.2


@pytest.mark.parametrize("code", USCCS)
def test_it_accepts_the_real_credit_codes(code):
    """GB 32100-2015: the 18th character is 31 − (Σ value×weight mod 31) in the 31-symbol set."""
    assert is_valid_uscc(code)
    assert uscc_check_char(code[:17]) == code[17]


@pytest.mark.parametrize("code", USCCS)
def test_it_finds_the_org_code_inside_a_credit_code(code):
    """GB 32100-2015: characters 9–17 are the 组织机构代码, itself valid under GB 11714."""
    assert is_valid_org_code(code[8:17])


@pytest.mark.parametrize(
    "code",
    [
        "11341702486344515A",  # wrong check character
        "21341702486344515H",  # one character changed
        "11341702486344515",  # too short
        "1134170248634451I5",  # I is not in the character set
        "11341702486344515h",  # lower case
        "",
        None,
    ],
)
def test_it_refuses_bad_credit_codes(code):
    """GB 32100-2015: a changed character or a letter outside the set fails the check."""
    assert not is_valid_uscc(code)


def test_it_maps_a_check_of_31_to_zero():
    """GB 32100-2015: 31 − 0 = 31 is written 0."""
    assert uscc_check_char("0" * 17) == "0"


@pytest.mark.parametrize("code", ORG_CODES)
def test_it_accepts_the_real_org_codes(code):
    """GB 11714: check = 11 − (Σ mod 11), 10 → X, 11 → 0."""
    assert is_valid_org_code(code)


def test_it_accepts_an_org_code_with_or_without_its_hyphen():
    """GB 11714, 江苏省人民政府办公厅 01424668-5: Σ = 0×3 + 1×7 + 4×9 + 2×10 + 4×5 + 6×8 + 6×4
    + 8×2 = 171, 171 mod 11 = 6, check 11 − 6 = 5 — written with the hyphen or without."""
    assert is_valid_org_code("01424668-5")
    assert is_valid_org_code("014246685")
    assert not is_valid_org_code("014246686")


def test_it_refuses_the_locally_assigned_code_yet_numbers_with_it():
    """rules.md §4.2: 宿迁市人民政府办公室 000000001/2021-00151 — Σ = 0 gives check 0, so
    000000001 is no valid 组织机构代码 (GB 11714); an index number is still made with the prefix
    the agency configured (warn, don't refuse)."""
    assert not is_valid_org_code("000000001")
    number = format_index_number(
        "{org_id}/{yyyy}-{seq:05d}", org_id="000000001", on=dt.date(2021, 5, 6), seq=151
    )
    assert number == "000000001/2021-00151"


@pytest.mark.parametrize(
    "code", ["000014348", "01424668-6", "01527918-0", "0142466-85", "01527918x", "", "ABC"]
)
def test_it_refuses_bad_org_codes(code):
    """GB 11714: one character changed, a misplaced hyphen or the wrong length fails."""
    assert not is_valid_org_code(code)


def test_it_maps_eleven_to_zero_and_ten_to_x():
    """GB 11714: Σ mod 11 = 0 gives check 0; Σ mod 11 = 1 gives X."""
    assert is_valid_org_code("000000000")
    assert is_valid_org_code("01527918X")


def test_it_formats_the_state_council_index_number():
    """rules.md §4.2: 国务院 000014349/2018-00222 — 组织机构代码/YYYY-5-digit serial."""
    number = format_index_number(
        "{org_id}/{yyyy}-{seq:05d}", org_id="000014349", on=dt.date(2018, 6, 1), seq=222
    )
    assert number == "000014349/2018-00222"


def test_it_formats_the_monthly_credit_code_index_number():
    """rules.md §4.2: 宁国市商务局 11341702486344515H/202110-00013 — USCC/YYYYMM-serial."""
    number = format_index_number(
        "{org_id}/{yyyymm}-{seq:05d}", org_id="11341702486344515H", on=dt.date(2021, 10, 8), seq=13
    )
    assert number == "11341702486344515H/202110-00013"


def test_it_accepts_any_format_spec_on_the_serial():
    """rules.md §4.2: 怒江州民政局 01527918X-2020-153077 has a 6-digit serial."""
    number = format_index_number(
        "{org_id}-{yyyy}-{seq:06d}", org_id="01527918X", on=dt.date(2020, 1, 2), seq=153077
    )
    assert number == "01527918X-2020-153077"


def test_it_refuses_unknown_placeholders():
    with pytest.raises(ValueError, match="未知占位符"):
        format_index_number("{org}/{yyyy}-{seq:05d}", org_id="x", on=dt.date(2022, 1, 1), seq=1)
    with pytest.raises(ValueError, match="流水号"):
        format_index_number("{org_id}/{yyyy}", org_id="x", on=dt.date(2022, 1, 1), seq=1)


def test_it_restarts_serials_by_year_or_by_month():
    """rules.md §4.2: serials are unique per agency per period (year, or month with {yyyymm})."""
    on = dt.date(2022, 10, 31)
    assert period_key("{org_id}/{yyyy}-{seq:05d}", on) == "2022"
    assert period_key("{org_id}/{yyyymm}-{seq:05d}", on) == "202210"
    assert period_key("{org_id}-{seq}", on) == ""
