"""个人信息扫描 — find personal data in text before it is published.

条例第十五条: information whose disclosure would harm a third party's personal privacy is not
disclosed proactively. This scanner flags the usual leaks in documents and attachments:
居民身份证号码 (GB 11643-1999 check digit), mainland mobile numbers, bank card numbers (Luhn),
e-mail addresses, vehicle plates, home addresses (down to the building and room, or after
住址/家住/住在) and landlines where they are a person's. It errs on the side of precision: a
number that fails its check digit is not reported, and document numbers (文号), dates, 索引号 and
an office's street address never are.

A landline is personal data when it is the writer's own (a citizen's home), not when it is an
agency's published office number. So it depends on who wrote the text: in what a citizen wrote
(`every_landline=True`: a message, a comment, a question) every landline is reported; in staff
documents only one introduced as a person's (家里电话、住宅电话、座机、本人电话…), never an office's
咨询/办公/联系电话.

Matching runs on the NFKC form of the text (full-width ４４０１…, １３８…, the ideographic space
all count), taken character by character so that a hit's position is its place in the text as
written: masking replaces the hit and leaves every other character as it was.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass

KINDS = ("id_card", "mobile", "bank_card", "email", "plate", "address", "landline")
KIND_LABELS = {
    "id_card": "身份证号",
    "mobile": "手机号码",
    "bank_card": "银行卡号",
    "email": "电子邮箱",
    "plate": "车牌号",
    "address": "住址",
    "landline": "固定电话",
}

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"
PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"

# An ASCII letter or digit next to a match means it is part of something longer.
_NOT_AFTER = r"(?<![0-9A-Za-z])"
_NOT_BEFORE = r"(?![0-9A-Za-z])"

# Written whole, or in groups: 6-8-4 (region, birth date, the rest) or 4-4-4-4-2.
_ID_RE = re.compile(
    _NOT_AFTER
    + r"(?:\d{6}[ -]?\d{8}[ -]?\d{3}[\dXx]|\d{4}(?:[ -]\d{4}){3}[ -]\d[\dXx]|\d{15})"
    + _NOT_BEFORE
)
# Only a number written in groups may not run on into another group ("138 1234 5678 9");
# a plain one may be followed by a space and a date ("13812345678 2022年").
_MOBILE_RE = re.compile(
    _NOT_AFTER + r"(?:(?:\+|00)?86[ -]?)?"
    r"(?:1[3-9]\d{9}(?![0-9A-Za-z])|1[3-9]\d(?:[ -]?\d{4}){2}(?![0-9A-Za-z]|[ -]\d))"
)
# Plain 16–19 digits, or four groups of four split by spaces or hyphens and 1–3 more digits.
# `(?!/\d)`: an all-digit USCC in a 索引号 (113417020032563511/202504-00057) is not a card.
_BANK_RE = re.compile(
    r"(?<![0-9A-Za-z])(?<!\d[ -])"
    r"(?:\d{16,19}(?![0-9A-Za-z]|/\d)|\d{4}(?:[ -]\d{4}){3}(?:[ -]\d{1,3})?(?![0-9A-Za-z]|[ -]\d))"
)
_EMAIL_RE = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@"
    r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
    r"\.[A-Za-z]{2,}(?![A-Za-z0-9-]|\.[A-Za-z0-9])"
)
# Plates use no I or O. A run of letters only (京ABCDE) is a word, not a plate.
_PLATE_RE = re.compile(
    rf"[{PROVINCES}][A-HJ-NP-Z][·• ]?(?=[A-HJ-NP-Z]*\d)[A-HJ-NP-Z0-9]{{5,6}}" + _NOT_BEFORE
)
# A home address, where it can be told from an office's: a flat — a building of 栋/幢 and a
# room (3栋1201房), a 单元 and a room (5座2单元502), a room of 房/户 in a building or at a street
# number (123号1201房) — with the street number before it if there is one
# (体育西路123号3栋1201房); or, after 住址/家住/住在…, anything down to a street number.
# "府前路1号", "2号楼302会议室" and "A座1501室" (offices) are not reported.
_HOUSE = r"(?:路|街|道|巷|弄|里|村|坊)\d{1,5}号(?:之\d{1,3})?"
_START = r"(?<![0-9A-Za-z])"
_ANY_BUILDING = _START + r"[0-9A-Za-z]{1,4}(?:栋|幢|座|号楼)[ -]?"
_FLOOR = r"(?:\d{1,3}[楼层][ -]?)?"
_HOME_ROOM = r"[A-Za-z]?\d{2,5}(?:房|户)"
_ROOM = r"(?:[A-Za-z]?\d{2,5}(?:室|房|户)|[A-Za-z]?\d{2,5}(?![0-9A-Za-z\u3400-\u9fff]))"
_FLATS = (
    _START + r"[0-9A-Za-z]{1,4}(?:栋|幢)[ -]?(?:\d{1,2}单元[ -]?)?" + _FLOOR + _ROOM,
    "(?:" + _ANY_BUILDING + ")?" + _START + r"\d{1,2}单元[ -]?" + _FLOOR + _ROOM,
    _ANY_BUILDING + _FLOOR + _HOME_ROOM,
)
_FLAT = "(?:" + "|".join(_FLATS) + ")"
_ADDRESS_RE = re.compile(f"(?:{_HOUSE}[ -]?)?{_FLAT}|{_HOUSE}[ -]?{_HOME_ROOM}")
_CUE = r"(?:住址|家住|住在|居住在|居住于|现住|现居住?|户籍地址?|家庭地址)[:\s]*"
_UP_TO_NUMBER = r"[^,.;:!?，。；：！？、\n]{0,30}?\d{1,5}号(?:之\d{1,3})?"
_ADDRESS_CUE_RE = re.compile(f"{_CUE}({_UP_TO_NUMBER}(?:[ -]?{_FLAT}|[ -]?{_ROOM})?)")
# A landline with its area code (区号): 010 and 02x take 8 digits, the other 0xxx 7 or 8 —
# 020-83331234, (020)8333 1234, 0757 8888 1234, +86 20 8333 1234. Without an area code, 7 or 8
# digits not starting 0 or 1 are a landline only after a cue (电话8333 1234).
_DASH = r"[ \-–—]?"
_WITH_AREA = (
    r"(?:(?:\+|00)86[ -]?\(?0?|\(0|0)"
    r"(?:(?:10|2\d)\)?" + _DASH + r"[1-9]\d{3}|[3-9]\d{2}\)?" + _DASH + r"[1-9]\d{2,3})"
    r"[ -]?\d{4}"
)
_LOCAL = r"[2-9]\d{2,3}[ -]?\d{4}"
_LANDLINE_RE = re.compile(_NOT_AFTER + _WITH_AREA + _NOT_BEFORE)
_CUED_NUMBER = (
    r"(?:号码)?(?:是|为)?[:\s]*(" + _NOT_AFTER + f"(?:{_WITH_AREA}|{_LOCAL}))" + _NOT_BEFORE
)
# In a citizen's text any phone cue (their own, most likely); in a staff document only a
# person's: 家/住宅/本人/个人/私人…电话, 宅电, or 座机 not of an office (办公座机, 咨询座机).
_PHONE_CUE_RE = re.compile(r"(?:电话|座机|固话|宅电|联系方式|tel|TEL|Tel)\.?" + _CUED_NUMBER)
_OFFICE_BEFORE = "".join(
    f"(?<!{word})"
    for word in ("办公", "单位", "值班", "咨询", "服务", "联系", "办事", "窗口", "热线")
)
_PERSONAL_PHONE_CUE_RE = re.compile(
    r"(?:(?:家庭|家里|家中|住宅|住家|本人|个人|私人)的?(?:联系)?(?:固定电话|电话|座机|固话)"
    rf"|宅电|{_OFFICE_BEFORE}座机)" + _CUED_NUMBER
)
_NON_DIGITS = re.compile(r"\D")
_DIGITS = re.compile(r"\d")


@functools.cache
def _nfkc_table() -> dict[int, str]:
    """Every character whose NFKC form is one other character (１→1, ｘ→x, 　→space…)."""
    table = {}
    for code in range(0x80, 0x30000):
        if 0xD800 <= code < 0xE000:
            continue
        char = chr(code)
        form = unicodedata.normalize("NFKC", char)
        if len(form) == 1 and form != char:
            table[code] = form
    return table


def normalized(text: str) -> str:
    """`text` in NFKC, one character for one, so positions stay those of `text` (a character
    whose NFKC form is longer, such as ⑴, is left as it is)."""
    return text if text.isascii() else text.translate(_nfkc_table())


@dataclass(frozen=True)
class Hit:
    kind: str  # one of KINDS
    start: int
    end: int
    text: str
    masked: str

    def as_dict(self) -> dict:
        """What may be shown or stored: the kind, position and masked text — never the text."""
        return {"kind": self.kind, "start": self.start, "end": self.end, "masked": self.masked}


def id_check_char(first17: str) -> str:
    """The 18th character of a 居民身份证号码 for its first 17 digits (GB 11643-1999)."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARS[total % 11]


def _valid_date(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def is_valid_id_number(number: str) -> bool:
    """An 18-digit ID with the right check digit, a real birth date in 1900–2099 and a region
    code starting 1–8; or a 15-digit pre-1999 ID with a real YYMMDD birth date."""
    if not number or number[0] not in "12345678":
        return False
    if len(number) == 18:
        if not number[:17].isdigit() or id_check_char(number[:17]) != number[17].upper():
            return False
        year = int(number[6:10])
        return 1900 <= year <= 2099 and _valid_date(year, int(number[10:12]), int(number[12:14]))
    if len(number) == 15 and number.isdigit():
        return _valid_date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))
    return False


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _mask_id(text: str) -> str:
    text = text.replace(" ", "").replace("-", "")
    return text[:6] + "*" * (len(text) - 10) + text[-4:]


def _mask_mobile(text: str) -> str:
    digits = _NON_DIGITS.sub("", text)[-11:]
    return digits[:3] + "****" + digits[-4:]


def _mask_bank(text: str) -> str:
    digits = _NON_DIGITS.sub("", text)
    return digits[:4] + "*" * (len(digits) - 8) + digits[-4:]


def _mask_email(text: str) -> str:
    local, _, domain = text.partition("@")
    return local[0] + "***@" + domain


def _mask_plate(text: str) -> str:
    head = 3 if text[2] in "·• " else 2
    rest = text[head:]
    return text[:head] + "*" * (len(rest) - 2) + rest[-2:]


def _mask_address(text: str) -> str:
    return _DIGITS.sub("*", text)


def _mask_landline(text: str) -> str:
    """020-****1234, 0757-***1234 (+86 20 … gets its trunk 0 back); a local number ****1234."""
    digits = _NON_DIGITS.sub("", text)
    if text.startswith(("+", "00")):
        digits = "0" + digits.removeprefix("00").removeprefix("86").removeprefix("0")
    area = "" if digits[0] != "0" else digits[:3] if digits[1] in "12" else digits[:4]
    number = digits[len(area) :]
    return (f"{area}-" if area else "") + "*" * (len(number) - 4) + number[-4:]


def _candidates(text: str, every_landline: bool):
    """(priority, start, end, kind, masked) for every possible hit in normalized `text`; lower
    priority wins."""
    for match in _ID_RE.finditer(text):
        number = match.group().replace(" ", "").replace("-", "")
        if is_valid_id_number(number):
            yield (0, match.start(), match.end(), "id_card", _mask_id(number))
    for match in _EMAIL_RE.finditer(text):
        yield (1, match.start(), match.end(), "email", _mask_email(match.group()))
    for match in _BANK_RE.finditer(text):
        digits = _NON_DIGITS.sub("", match.group())
        if luhn_valid(digits) and not is_valid_id_number(digits):
            yield (2, match.start(), match.end(), "bank_card", _mask_bank(digits))
    for match in _MOBILE_RE.finditer(text):
        yield (3, match.start(), match.end(), "mobile", _mask_mobile(match.group()))
    if every_landline:
        for match in _LANDLINE_RE.finditer(text):
            yield (4, match.start(), match.end(), "landline", _mask_landline(match.group()))
    cue = _PHONE_CUE_RE if every_landline else _PERSONAL_PHONE_CUE_RE
    for match in cue.finditer(text):
        yield (4, match.start(1), match.end(1), "landline", _mask_landline(match.group(1)))
    for match in _PLATE_RE.finditer(text):
        yield (5, match.start(), match.end(), "plate", _mask_plate(match.group()))
    for match in _ADDRESS_CUE_RE.finditer(text):
        yield (6, match.start(1), match.end(1), "address", _mask_address(match.group(1)))
    for match in _ADDRESS_RE.finditer(text):
        yield (7, match.start(), match.end(), "address", _mask_address(match.group()))


def scan_text(text: str, *, every_landline: bool = False) -> list[Hit]:
    """Personal data in `text`, sorted by position, never overlapping. `every_landline`: the
    text is a citizen's own (see the module's note), so every landline in it is reported.

    Where two readings overlap the more specific wins: an ID number over a bank card, an
    e-mail address over the mobile number that is its local part. Positions and `Hit.text` are
    those of `text` as written; `Hit.masked` is in half-width characters.
    """
    form = normalized(text)
    starts: list[int] = []  # accepted hits, kept sorted; they never overlap, so nor are ends
    ends: list[int] = []
    accepted: list[tuple] = []
    for candidate in sorted(_candidates(form, every_landline)):
        _, start, end, _, _ = candidate
        before = bisect.bisect_left(starts, end) - 1  # the last accepted hit starting before end
        if before >= 0 and ends[before] > start:
            continue
        starts.insert(before + 1, start)
        ends.insert(before + 1, end)
        accepted.append(candidate)
    return [
        Hit(kind=kind, start=start, end=end, text=text[start:end], masked=masked)
        for _, start, end, kind, masked in sorted(accepted, key=lambda c: c[1])
    ]
