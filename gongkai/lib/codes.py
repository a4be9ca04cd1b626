"""Organisation codes and 索引号 (catalogue index numbers), see rules.md §4.2.

- 统一社会信用代码 (USCC), GB 32100-2015: 18 characters, the last a mod-31 check character.
- 组织机构代码, GB 11714: 8 body characters and a mod-11 check character, often written
  with a hyphen before it (`01424668-5`).
- 索引号: there is no national format, so each agency keeps a template such as
  `{org_id}/{yyyy}-{seq:05d}`; the serial restarts every period the template names.
"""

from __future__ import annotations

import datetime as dt
import string

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 symbols: no I, O, S, V, Z
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
ORG_CODE_BODY = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # value = index: A=10 … Z=35

INDEX_FIELDS = {"org_id", "uscc", "yyyy", "yyyymm", "seq"}  # uscc: alias of org_id


def uscc_check_char(first17: str) -> str:
    """The 18th character of a 统一社会信用代码 (GB 32100-2015) for its first 17."""
    if len(first17) != 17:
        raise ValueError(f"统一社会信用代码前17位长度应为17：{first17!r}")
    total = 0
    for char, weight in zip(first17, USCC_WEIGHTS, strict=True):
        value = USCC_CHARSET.find(char)
        if value < 0:
            raise ValueError(f"统一社会信用代码含非法字符：{char!r}")
        total += value * weight
    return USCC_CHARSET[(31 - total % 31) % 31]


def is_valid_uscc(code: str) -> bool:
    """Whether `code` is an 18-character USCC whose check character is right (GB 32100-2015)."""
    if not isinstance(code, str) or len(code) != 18:
        return False
    try:
        return uscc_check_char(code[:17]) == code[17]
    except ValueError:
        return False


def org_code_check_char(body: str) -> str:
    """The check character of a 组织机构代码 (GB 11714) for its 8 body characters."""
    if len(body) != 8:
        raise ValueError(f"组织机构代码本体应为8位：{body!r}")
    total = 0
    for char, weight in zip(body, ORG_CODE_WEIGHTS, strict=True):
        value = ORG_CODE_BODY.find(char)
        if value < 0:
            raise ValueError(f"组织机构代码含非法字符：{char!r}")
        total += value * weight
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def is_valid_org_code(code: str) -> bool:
    """Whether `code` is a 组织机构代码 with the right check character (GB 11714).

    Accepts `XXXXXXXX-C` and `XXXXXXXXC`.
    """
    if not isinstance(code, str):
        return False
    if len(code) == 10 and code[8] == "-":
        code = code[:8] + code[9]
    if len(code) != 9:
        return False
    try:
        return org_code_check_char(code[:8]) == code[8]
    except ValueError:
        return False


def _fields(pattern: str) -> set[str]:
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None}
    except ValueError as exc:
        raise ValueError(f"索引号格式有误：{pattern!r}（{exc}）") from None
    unknown = names - INDEX_FIELDS
    if unknown or "" in names:
        shown = "、".join(sorted("{" + name + "}" for name in unknown)) or "{}"
        raise ValueError(
            f"索引号格式含未知占位符 {shown}；可用 {{org_id}} {{yyyy}} {{yyyymm}} {{seq:05d}}"
        )
    return names


def format_index_number(pattern: str, *, org_id: str, on: dt.date, seq: int) -> str:
    """The 索引号 for serial `seq` on date `on`, e.g. `000014349/2018-00222`.

    `pattern` uses `{org_id}`, `{yyyy}`, `{yyyymm}` and `{seq}` with any format spec
    (`{seq:05d}`); an unknown placeholder is a ValueError with a Chinese message.
    """
    names = _fields(pattern)
    if "seq" not in names:
        raise ValueError(f"索引号格式缺少流水号占位符 {{seq}}：{pattern!r}")
    return pattern.format(org_id=org_id, uscc=org_id, yyyy=f"{on:%Y}", yyyymm=f"{on:%Y%m}", seq=seq)


def period_key(pattern: str, on: dt.date) -> str:
    """The period in which the serial of `pattern` restarts: "202210" with {yyyymm}, else "2022".

    A pattern with no date at all never restarts, and its period is "".
    """
    names = _fields(pattern)
    if "yyyymm" in names:
        return f"{on:%Y%m}"
    if "yyyy" in names:
        return f"{on:%Y}"
    return ""
