"""What may be published of what citizens send — messages, comments, sign-ups: only with their
separate consent (个人信息保护法 第二十五条), never with one of the four exclusions of
广州市规章制定公众参与办法 第六条, and always with personal data removed (去标识化, 第七十三条).

Three nets remove it: the writer's own details (name, phone, e-mail, address) wherever they
appear — spaced or hyphenated differently, in full-width characters, or an address in part
(天河区体育西路123号 of 广东省广州市天河区体育西路123号3栋1201房); a name the writer gives in
the text (我叫…, 姓名：…); and the personal-data scan the review chain uses (ID numbers,
mobiles, bank cards, home addresses…), which in a citizen's own text takes every landline too
(座机020-83331234 is theirs, most likely), while in staff text that goes with it (a reply,
`by_staff=True`) an office's 咨询电话 stays and only a person's landline goes (lib.pii). All three
match the NFKC form of the text (lib.pii) and replace only what they find: every other
character stays as it was written. A fourth takes other people's names where a cue shows them
(邻居李大明 → 邻居李某; lib.person_names): only the writer consented, not the neighbour. A name
without a cue is not found, so a staff step must still read the copy (mailbox's publish form).
"""

from __future__ import annotations

import re

from django.db import models

from gongkai.lib.person_names import names_in, surnames
from gongkai.lib.pii import KIND_LABELS, normalized, scan_text

MIN_DETAIL_CHARS = 2  # a one-character "name" would blank every occurrence of that character


class NotPublishedReason(models.TextChoices):
    """The four exclusions of 令第170号 第六条 (participation.md §9.3)."""

    SECRET_OR_PRIVATE = "secret_or_private", "涉及国家秘密、商业秘密或者个人隐私"
    IMMORAL = "immoral", "违反道德规范"
    WRITER_ASKED = "writer_asked", "本人要求不公开"
    UNSUITABLE = "unsuitable", "行政机关有合理理由认为不宜公开"


_SEPARATORS = re.compile(r"[\s\-]+")
_ADMIN_LEVEL = re.compile(r"省|自治区|特别行政区|市|自治州|地区|盟|区|县|旗|镇|乡|街道")
_HOUSE_NUMBER = re.compile(r"\d+号(?:之\d+)?")
# A name the writer gives in the text: 我叫欧阳娜娜, 姓名：张三 (two to four characters, or a
# name with a middle dot). A bare "我是…" is not taken: "我是一名教师".
_SELF_NAMED = re.compile(
    r"(?:我叫|我名叫|本人叫|名字(?:是|叫|[:\s])|本人姓名(?:是|为)?[:\s]?|姓名[:\s]\s*)\s*"
    r"([\u3400-\u9fff]{1,6}·[\u3400-\u9fff]{1,8}|[\u3400-\u9fff]{2,4})"
)
# A name after a weaker cue (我是, 本人, 姓名 without a colon) only when it looks like one: a
# common surname and one or two more characters, then a stop (我是张三丰，…; not 我是一名教师).
_SURNAMES = (
    "欧阳|司马|上官|诸葛|东方|皇甫|尉迟|公孙|慕容|令狐|司徒|夏侯|"
    "[王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏"
    "吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万"
    "钱严覃武戴莫孔汤容岑区麦冼邝梅温植甘]"
)
_INTRODUCED = re.compile(
    r"(?:我是|我系|本人是?|姓名(?:是|为|叫)?)\s*"
    rf"((?:{_SURNAMES})[\u3400-\u9fff]{{1,2}})(?=[\s,.;:!?，。；：！？、）)]|$|想|要|在|现)"
)
# Other ways to reach a person: a WeChat or QQ account, a passport or travel permit number.
_ID_AFTER = r"(?:号码|号)?(?:是|为)?[:\s]*"
_WECHAT = re.compile(
    rf"(?:微信|[Vv][Xx]|[Ww]e[Cc]hat){_ID_AFTER}([A-Za-z][-_A-Za-z0-9]{{5,19}})(?![-_A-Za-z0-9])"
)
_QQ = re.compile(rf"(?:QQ|qq){_ID_AFTER}([1-9]\d{{4,10}})(?!\d)")
_PASSPORT = re.compile(rf"(?:护照|通行证){_ID_AFTER}([A-Za-z0-9]{{5,12}})(?![A-Za-z0-9])")
# An ID number or bank card whose check digit is wrong (a typo leaves the rest of it right):
# any 15–19 digits, or 17 digits and X, in the text the scan has already masked.
_LONG_NUMBER = re.compile(
    r"(?<![0-9A-Za-z])(?:\d{17}[Xx]|\d{15,19}|\d{6}[ -]\d{8}[ -]\d{3}[\dXx]"
    r"|\d{4}(?:[ -]\d{4}){3}[ -]\d{1,3})(?![0-9A-Za-z])"
)
NAME_LABEL = "姓名"
OTHER_NAME_LABEL = "他人姓名"
NUMBER_LABEL = "身份证号或银行卡号"
_NETS = (
    (_SELF_NAMED, NAME_LABEL),
    (_INTRODUCED, NAME_LABEL),
    (_WECHAT, "微信号"),
    (_QQ, "QQ号"),
    (_PASSPORT, "护照或通行证号"),
)


def _address_parts(value: str) -> list[str]:
    """The parts of an address a writer repeats in the text: from each administrative level
    down (天河区体育西路123号3栋1201房), and each of those to the street number only
    (体育西路123号) — never a part without a street name and number."""
    parts = set()
    for start in [0, *(m.end() for m in _ADMIN_LEVEL.finditer(value))]:
        tail = value[start:]
        number = _HOUSE_NUMBER.search(tail)
        if number and number.start() >= 2:
            parts.update((tail, tail[: number.end()]))
    return sorted(parts, key=len, reverse=True)


_PHONE = re.compile(r"\+?[\d()\s\-]{7,}")
_LANDLINE = re.compile(r"(?:86)?0?([12]\d|[3-9]\d{2})(\d{7,8})")  # 010, 020–029: 2 digits
_MOBILE = re.compile(r"(?:86)?(1[3-9]\d{9})")


def _phone_parts(value: str) -> list[str]:
    """A phone number as the writer may repeat it: without +86, a landline without its area
    code (020-83331234 → 83331234)."""
    if not _PHONE.fullmatch(value):
        return []
    digits = re.sub(r"\D", "", value)
    if mobile := _MOBILE.fullmatch(digits):
        return [mobile.group(1)]
    if landline := _LANDLINE.fullmatch(digits):
        return [f"0{landline.group(1)}{landline.group(2)}", landline.group(2)]
    return []


def _detail_patterns(details: dict[str, str]) -> list[tuple[str, re.Pattern]]:
    """(label, pattern) per detail of at least MIN_DETAIL_CHARS, matched in the NFKC form and
    whatever spaces or hyphens are put between its characters."""
    patterns = []
    for label, value in details.items():
        value = normalized((value or "").strip())
        parts = [*_address_parts(value), *_phone_parts(value)]
        value = _SEPARATORS.sub("", value)
        if len(value) < MIN_DETAIL_CHARS:
            continue
        variants = [value, *(_SEPARATORS.sub("", part) for part in parts)]
        variants = sorted(set(variants), key=len, reverse=True)
        spelled = (r"[\s\-]*".join(map(re.escape, variant)) for variant in variants)
        patterns.append((label, re.compile("|".join(spelled), re.IGNORECASE)))
    return patterns


def _spans(text: str, pattern: re.Pattern, group: int = 0) -> list[tuple[int, int]]:
    return [m.span(group) for m in pattern.finditer(normalized(text))]


def _replaced(text: str, spans: list[tuple[int, int]], by: str = "××") -> str:
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + by + text[end:]
    return text


def _without_details(text: str, details: dict[str, str]) -> str:
    for _, pattern in _detail_patterns(details):
        text = _replaced(text, _spans(text, pattern))
    return text


def _without_names(text: str, names) -> str:
    """Other people's names (lib.person_names) as 李某, 欧阳某, wherever they recur."""
    for name in sorted(set(names), key=len, reverse=True):
        surname = next(s for s in surnames() if name.startswith(s))
        text = text.replace(name, surname + "某")
    return text


def masked(
    text: str, details: dict[str, str], *, by_staff: bool = False, names: tuple[str, ...] = ()
) -> str:
    """`text` with the writer's `details` ({label: value}) and a name given in the text replaced
    by ××, other people's names found in it or given in `names` (found in the texts it goes
    with: a reply repeats the neighbour the message named) by 李某, and every scan hit by its
    masked form; nothing else changed. `by_staff`: the text is staff's (a reply), where an
    office's landline is not personal data."""
    for net, _ in _NETS:  # first: 我叫欧阳娜娜 with 姓名 欧阳
        text = _replaced(text, _spans(text, net, 1))
    text = _without_details(text, details)  # first: 欧阳娜娜女士 is the writer, ××女士
    text = _without_names(text, [*names_in(text), *names])
    for hit in reversed(scan_text(text, every_landline=not by_staff)):
        text = text[: hit.start] + hit.masked + text[hit.end :]
    for start, end in reversed(_spans(text, _LONG_NUMBER)):
        text = text[:start] + _masked_number(text[start:end]) + text[end:]
    return text


def _masked_number(text: str) -> str:
    kept = re.sub(r"[^0-9Xx]", "", normalized(text))
    return kept[:4] + "*" * (len(kept) - 8) + kept[-4:]


def personal_data_in(text: str, details: dict[str, str], *, by_staff: bool = False) -> list[str]:
    """What personal data `text` still holds, by kind (never the data itself); `by_staff` as
    for `masked`. A detail of the writer's is named once, by its label (联系电话), not also by
    the kind the scan gives it."""
    found = [label for label, pattern in _detail_patterns(details) if _spans(text, pattern)]
    found += [label for net, label in _NETS if _spans(text, net, 1)]
    if not by_staff and names_in(text):  # a staff text names officials in their post
        found.append(OTHER_NAME_LABEL)
    rest = _without_details(text, details)
    hits = scan_text(rest, every_landline=not by_staff)
    found += [KIND_LABELS.get(hit.kind, hit.kind) for hit in hits]
    for hit in reversed(hits):
        rest = rest[: hit.start] + hit.masked + rest[hit.end :]
    if _spans(rest, _LONG_NUMBER):
        found.append(NUMBER_LABEL)
    return list(dict.fromkeys(found))


def masked_name(name: str) -> str:
    """王小明 → 王*明, 李四 → 李*: enough for a list of attendees, not enough to identify."""
    name = (name or "").strip()
    if len(name) <= 1:
        return "*"
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]
