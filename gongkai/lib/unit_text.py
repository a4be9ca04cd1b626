"""Read a plan's units cell (责任单位) into lead (牵头) and supporting (配合) units.

Names are returned as written; collectives such as 各处室 stay unexpanded, the
caller expands them against the unit directory.
"""

import re
from dataclasses import dataclass, field

from gongkai.lib.deadline_text import cn_number, simplify


@dataclass
class UnitsParse:
    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    note: str = ""
    flags: list[str] = field(default_factory=list)
    # Another name in brackets after a unit's (its alias, X（Y）): for the reader, not a unit.
    asides: list[str] = field(default_factory=list)


_LEAD_VERBS = ("分别牵头", "共同牵头", "牵头", "主办", "主责", "负总责", "统筹")
_SUPPORT_VERBS = ("配合", "协办", "协助", "参与")
# Verbs that mean "the lead" when they stand alone and "a helper" after a 牵头.
_WEAK_VERBS = ("负责", "落实", "技术支持", "支持", "承办", "实施", "办理", "执行")
_ALL_VERBS = _LEAD_VERBS + _SUPPORT_VERBS + _WEAK_VERBS
# A verb followed by a division word is part of a name: 局主办科室 is "the lead division".
_VERB_RE = re.compile(f"(?:{'|'.join(_ALL_VERBS)})(?!科室|处室|股室|单位|部门)")

# Units labels (牵头单位：, 协同责任单位：, 牵头负责单位：, 配合部门：, 责任主体：): a role word,
# maybe 责任 or 负责, a kind of unit. One vocabulary for every reader of labels (here and
# plans/importers).
LEAD_ROLES = "牵头|主办|主责"
SUPPORT_ROLES = "配合|协办|协同|协助|参与|支持"
ROLE_WORDS = f"{LEAD_ROLES}|{SUPPORT_ROLES}|责任|承办|落实"
UNIT_KINDS = "单位|处室|科室|部门|主体"
# 责任单位及责任人: — the label names the units' heads too; the value is the units.
# 责任处室（单位）: — the other kind of unit it may be, in brackets.
UNITS_LABEL = (
    f"(?:{ROLE_WORDS})(?:责任|负责|推进)?(?:{UNIT_KINDS})(?:及(?:其)?(?:主要)?(?:责任人|负责人))?"
    f"(?:[（(](?:{UNIT_KINDS})[)）])?"
)
# The labels that can open a task's set: its lead's, or its units' (责任单位：).
OPENING_LABEL = f"(?:责任|{LEAD_ROLES})(?:责任|负责|推进)?(?:{UNIT_KINDS})"

_LABEL_RE = re.compile(
    "(" + UNITS_LABEL + "|"
    r"(?<![\w])(?:牵头|主办|配合|协办|责任))[:：]\s*"
    # The value ends at a ; at the next label, or at a full stop a sentence follows
    # (…按职责分工负责。具体任务均涉及相关市(州)人民政府,下同: a note, no unit).
    r"([^;；:：]+?)(?=[;；]|。(?=[^\s。]{4})"
    r"|[，,]?\s*(?:牵头|主办|配合|协办|参与|责任|承办|落实|完成|协同)\w{0,4}[:：]|$)"
)
# Angle brackets too: a web page may print 各县<市、区>人民政府 for 各县（市、区）人民政府.
_PAREN_RE = re.compile(r"[（(〔﹝【\[<〈]([^（）()〔〕﹝﹞【】\[\]<>〈〉]*)[)）〕﹞】\]>〉]")
# A bracket that belongs to a name (各县（市、区）人民政府, 各镇（办）) is held as one of these
# placeholders while the text is split, and written back as it was.
_HELD = re.compile("[\ue000-\ue0ff]")
_HELD_AT_END = re.compile("[\ue000-\ue0ff]+$")
_NAME_GOES_ON = re.compile(r"[\u4e00-\u9fff]")
_CLAUSE_SPLIT = re.compile(
    r"[，,；;。.\s]+|(?<=牵头|主办|协办|配合|参与|协助|落实|负责)、"
    # X牵头Y负责: the roles run on with no comma between them.
    r"|(?<=牵头|主办)(?=[^，,；;。、]{2,30}?(?:负责|落实|配合|协办|协助|参与)(?:落实)?$)"
)
_NAME_SPLIT = re.compile(r"([、/,，])")
# After 等, a collective that sums up the units before it (等市有关单位, 等相关区直部门,
# 等领导小组成员单位): not a unit of its own.
_ETC_REST = re.compile(r"^(?!各)[^、,，]*(?:单位|部门|处室|科室|股室|机构)$")
_AFTER_ETC_AND = re.compile(r"^(?:以及|和|及|与)(?=[\u4e00-\u9fff]{2})")
# 县直、驻县有关单位: a qualifier too short to be a unit, standing before the next name.
_QUALIFIER = re.compile(r"^[\u4e00-\u9fff]{1,3}$")
# 和/及/与 join two units only when the left part is a unit itself: 办公室和法规科, but
# 普法与依法治理处 and 县工业和信息化局 are single names.
_AND_SPLIT = re.compile(r"以及|[和及与]")
# Manner words between the names and the verb: X按职责分工落实, X分别负责.
_MANNER = re.compile(
    r"(按照?|根据)(各自)?(?:职责|职能)(分工)?|分别(?=负责|落实|牵头)|共同(?=负责|落实)|参照(?=落实|执行)"
    r"|分工(?=负责|落实)"
    # 质监处、药械处根据需要配合: they help when needed, helpers all the same
    r"|根据(?:工作)?需要(?=配合|协助|参与)"
)
# 区公安局驻片区工作组、辖区派出所根据职责落实、各行政村: a manner closes a list of doers;
# written mid-list, it leaves open whether the names after it share the role (read as they
# do, and said).
_MANNER_MID_LIST = re.compile(rf"(?:{_MANNER.pattern})(?:落实|负责|执行)、")
# X结合工作实际推广 / X结合实际推进: the units do the work as fits their own; the work verb
# (not one of the role verbs) closes the bracket. Read as X负责.
_AS_FITS = re.compile(r"结合(?:工作|各自|自身|本单位)?实际(?:推广|推进|开展|执行|组织实施)$")
# 市发改委（牵头）、市财政局: a role written in brackets after the unit is its verb.
_ROLE_IN_BRACKETS = re.compile(r"[（(](牵头|主办|主责|配合|协办|协助|参与)(?:单位|部门)?[)）]")
# A collective's tail: 等部门, 等市有关单位, 等单位 — the named units stay, the tail goes.
_ETC_TAIL = re.compile(r"等(?:[市县区省]?(?:直)?(?:有关|相关)?(?:单位|部门|处室|科室))?$")
# …、市公安消防支队主要领导: the units' heads, after the last name — a person is no unit, the
# units stay.
_HEADS_TAIL = re.compile(r"(?:主要领导|主要负责人|主要负责同志|负责同志|一把手)$")
# "X会Y"/"X会同Y": X leads and Y supports, 会 after a name's organ word (…处会…, …厅会同…). A
# 委 before a bare 会 is a committee's name (党委会, 管委会), before 会同 the verb; nor is the
# 会 of a word starting a name's next part (市财政局会计处, 办公室会议科).
_HUI_VERB = r"(?:(?<=[处室局办心队站所院部组科厅])会(?!计|议|展|务|员|馆)同?|(?<=委)会同)"
_CO_SIGN_RE = re.compile(rf"^(.+?){_HUI_VERB}(.+)$")
# A 会 inside a word of a name (社会, 委员会, 工会, 联合会, 协会) is no verb either: a name
# holds an unsplit X会Y only where 会 follows a name's organ word (法规科会新闻科).
_CO_SIGN_INSIDE = re.compile(rf"{_HUI_VERB}[\u4e00-\u9fff]{{2}}")

_UNIT_SUFFIX = re.compile(
    r"(处|室|科|局|办|中心|委|部|院|所|队|站|组|厅|会|司|馆|单位|部门|机构|公司|街道|镇|乡|区|县|市|股|团|社|校|台|署|专班|政府|集团|机关|场|厂|社区|村|村居|主体|企业|国企|央企|银行|支行|分行|海关|"
    # People's organisations: 科学技术协会, 工商业联合会, 妇女联合会 …, by their short names.
    r"科协|工商联|侨联|妇联|残联|文联|社科联|"
    # Their central committees: 共青团中央, 民盟中央.
    r"(?<=[团盟革建进工党社])中央|"
    # Banks by their short names: 市人行 (人民银行), 县农行, 市建行.
    r"人行|[农工建中交]行)$"
)
# Words that turn a "name" into a sentence (我局属于…, 无…职责).
_SENTENCE_WORDS = re.compile(
    r"属于|没有|职责|无此|无相关|不涉及|不适用|不属于|的|是|已经|将于|应当|应该|需要|按照|根据|"
    # 各地级以上市人民政府, 县级以上各级政府: 级以上 is part of a collective's name.
    r"包含|以下|(?<!级)以上|均由|均为"
)
_NO_DUTY = re.compile(r"无[^，,。；;]*职责|不涉及|不适用|无此项")
_GENERIC = {"单位", "部门", "处室", "相关", "有关"}
_PREFIXES = ("分别由", "由", "请", "以及", "及")
# What units do, after their names in a units cell written as a sentence.
_ACTION = re.compile(
    r"做好|负责|落实|牵头|配合|开展|加强|办理|承担|组织|指导|统筹|推进|完成|实施|提供|做"
)
_SUFFIXES = ("分别", "共同", "具体")


# The plan's own legend in a units bracket: 逗号前为牵头单位(，逗号后为责任单位)(，下同).
COMMA_LEGEND = re.compile(r"[。.；;，,]?\s*逗号前(?:的|为|是)[^。]*$")
# …, 排在第一位的为牵头单位(，下同), X、Y、Z，列第一位的为牵头单位，下同。…: the plan's legend
# that the first unit named leads, the others support it. One phrase for every way plans
# write it: 列/排(在)/排名 + 第一位/首位/第一个 (or 第一个/首个 alone) + 的/者 + 为/是 +
# (总)牵头 (或汇总/或总牵头) 单位/部门, maybe after the exception it makes first
# (除标注“分别牵头”外，).
_FIRST_PLACE = r"(?:(?:(?:列|排)在?|排名)(?:第一位?|第一个|首位?)|第一个|第一位|首个|首位)"
_LEGEND_EXCEPT = r"(?:除[^，,。；;（()）]{1,20}?外[，,]?\s*)?"
FIRST_LEADS = re.compile(
    _LEGEND_EXCEPT + _FIRST_PLACE + r"(?:的|者)?(?:单位|部门)?(?:为|是)"
    r"总?(?:牵头|主办)(?:或(?:总牵头|汇总|总))?(?:单位|部门)?"
)
# In a bracket of its own after the names (…、工商联(列第一位者为牵头或汇总单位,下同)), or after
# them in theirs.
FIRST_LEGEND = re.compile(r"[。.；;，,]?\s*[（(]?\s*" + FIRST_LEADS.pattern + ".*$")
# Either legend, as the plan writes it once for the brackets after it (下同).
LEGEND = re.compile(f"{COMMA_LEGEND.pattern}|{FIRST_LEGEND.pattern}")


# 各县区(开发区) 安委会: a bare organ after a bracket and a space goes on the name before it
# (the places' committees), it is no unit of its own.
_SPACED_ORGAN = re.compile(
    r"(?<=[)）〕])[ \t\u3000]+"
    r"(?=(?:人民政府|政府|安委会|管委会|办事处|党委|党工委)(?:$|[、,，;；\s]))"
)


# 部门分工:X牵头,Y配合 — a label that only says the units follow, their roles in the words.
_DUTY_LABEL = re.compile(r"^\s*(?:部门|责任|任务)?分工\s*[:：]\s*")


# A line opening on a units label (牵头单位：, 配合单位： alone or with a name after it).
_LABEL_LINE = re.compile(r"^(?:" + UNITS_LABEL + r")\s*[:：]")


def label_lines_joined(text: str) -> str:
    """牵头单位：\nX\n配合单位：\nY\nZ — a cell whose lines are labels, each label's names on
    the lines after it (Word and Excel cells, a name a line): one line a label with its names
    (牵头单位：X\n配合单位：Y、Z). Text whose first line is no label, or whose labels have no
    names on lines of their own, is as it was."""
    if "\n" not in text or not re.search("[:：]", text):
        return text  # one line, or no label: nothing to join (most cells; asked of each)
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    labels = [bool(_LABEL_LINE.match(simplify(line))) for line in lines]
    if len(lines) < 2 or not labels[0] or all(labels):
        return text
    out: list[str] = []
    for line, label in zip(lines, labels, strict=True):
        if label:
            out.append(line)
        else:
            out[-1] += line if out[-1].endswith((":", "：")) else f"、{line}"
    return "\n".join(out)


def parse_units(text: str) -> UnitsParse:
    """Lead and supporting units named in one units cell."""
    raw = (text or "").strip()
    heads = _HEADS_TAIL.search(raw.rstrip("。.；; "))
    if heads and heads.start() > 0:
        raw = raw[: heads.start()]
    legend = COMMA_LEGEND.search(simplify(raw))
    if legend and not re.search("牵头|配合|协办|主办|协助", simplify(raw)[: legend.start()]):
        return _comma_legend(raw[: legend.start()], raw[legend.start() :])
    first = FIRST_LEGEND.search(simplify(raw))
    if first and not re.search("牵头|配合|协办|主办|协助", simplify(raw)[: first.start()]):
        return _first_leads(raw[: first.start()], raw[first.start() :])
    raw, closing = _without_closing_sentence(raw)
    clean = re.sub(r"[ \t\u3000]+(?=" + _VERB_RE.pattern + ")", "", simplify(raw))
    clean = _SPACED_ORGAN.sub("", _DUTY_LABEL.sub("", clean))
    clean, odd_verb = _odd_verb_read(clean)
    mid_list = _MANNER_MID_LIST.search(clean)
    clean = _AS_FITS.sub("负责", _MANNER.sub("", clean))
    clean = _ROLE_IN_BRACKETS.sub(r"\1", clean)
    clean, held, notes = _hold_brackets(_strip_outer_parens(clean))
    clean, other_labels = _other_labels_as_support(clean)
    labelled = _LABEL_RE.findall(clean)
    result = _from_labels(labelled) if labelled else _from_clauses(clean)
    result.flags += other_labels + odd_verb + closing
    if mid_list:
        said = mid_list.group().rstrip("、")
        result.flags.append(f"单位名单中间写有“{said}”，其后的单位也读为同样的职责，请核对")
    result.lead = [
        _give_back(_unbroken(n), held) for n in _unglued(result.lead, result.flags, held)
    ]
    result.support = [
        _give_back(_unbroken(n), held) for n in _unglued(result.support, result.flags, held)
    ]
    result.asides = [n for n in notes if _looks_like_unit(n)]
    others = [n for n in notes if not _looks_like_unit(n)]
    result.note = _give_back("；".join(filter(None, [*others, result.note])), held)
    if not result.lead and not result.support:
        result.note = raw
        if _NO_DUTY.search(raw):
            result.flags.append(f"责任单位栏写明本单位无此项职责，未分配单位：{raw}")
        else:
            result.flags.append(f"未能识别责任单位：{raw or '（空）'}")
    elif not result.lead:
        result.flags.append("未写明牵头单位，请核对")
    for name in result.lead + result.support:
        if _CO_SIGN_INSIDE.search(name):
            result.flags.append(f"“{name}”可能是“X会Y”（X牵头、Y配合），请核对")
    result.flags += _and_split_flags(result.lead + result.support, simplify(raw))
    result.flags += [flag for name in result.lead + result.support if (flag := area_flag(name))]
    return result


def area_flag(name: str) -> str:
    """The flag of a unit written as a bare place or level (see _BARE_AREA), or ""."""
    if not _BARE_AREA.match(simplify(name)):
        return ""
    return f"责任单位“{name}”只写了地域或层级，未指明具体单位，请核对"


# A place or level written where a body goes (片区、各村（居）: which office of the 片区?):
# no unit answers to it, so the clerk is told. 各X is a collective, not this.
_BARE_AREA = re.compile(
    r"^本?(?:片区|园区|社区|乡镇|镇街|街道|村|镇|乡|街|区|县|市)(?:[（(][^（）()]{1,4}[)）])?$"
)


_COLLECTIVE_WORDS = ("各", "相关", "有关")


def _and_split_flags(names: list[str], text: str) -> list[str]:
    """法规科和区划地名科: two names the text joins with 和/及/与 were read as two units;
    a clerk may know them as one office, so it is said. A collective on either side
    (相关联合党委及村居, 各科室和单位) is no office's name."""
    flags = []
    for left, right in zip(names, names[1:], strict=False):
        if any(n.startswith(_COLLECTIVE_WORDS) or n in _KINDS | {"村居"} for n in (left, right)):
            continue
        for joint in ("以及", "和", "及", "与"):
            if f"{simplify(left)}{joint}{simplify(right)}" in text:
                flags.append(f"“{left}{joint}{right}”已按“{joint}”拆为两个单位，请核对")
                break
    return flags


def _comma_legend(text: str, legend: str) -> UnitsParse:
    """责任单位：X、Y，Z、W (逗号前为牵头单位): the plan's legend says the units before the
    first comma lead and the others are responsible with them."""
    label = _LABEL_RE.match(simplify(text))
    names_text = text[len(label.group(1)) + 1 :] if label else text
    head, _, tail = names_text.replace("，", ",").partition(",")
    lead, support = parse_units(head), parse_units(tail) if tail.strip() else UnitsParse()
    result = UnitsParse(
        lead=lead.lead + lead.support,
        support=[n for n in support.lead + support.support if n not in lead.lead],
        note=legend.strip("。.；;，, "),
    )
    result.asides = lead.asides + support.asides
    if not result.lead:
        result.flags.append(f"未能识别责任单位：{text}")
    return result


def _first_leads(text: str, legend: str) -> UnitsParse:
    """X、Y、Z，排在第一位的为牵头单位 (列第一位的为牵头单位…): X leads, Y and Z support it (the
    legend says the roles: no note, so that a bare bracket or cell holding it still reads as
    units)."""
    names = parse_units(text.strip().lstrip("（("))  # its bracket closes after the legend
    every = names.lead + names.support
    result = UnitsParse(lead=every[:1], support=every[1:])
    result.asides, result.flags = names.asides, names.flags
    return result


_ORGAN_WORD = re.compile(r"[司局处科室厅委办部]")


# Numbers only, a list or a span of them: the task's points a unit answers for.
_POINTS = re.compile(r"\s*\d{1,3}(?:\s*[-－—~～、,，]\s*\d{1,3})*\s*")


def _hold_brackets(text: str) -> tuple[str, list[str], list[str]]:
    """(text, brackets held, notes): a bracket inside a name (more of the name follows it) or
    of mere fragments (（市、区）, （办）) stays with its name; any other — an alias, X（Y）, or
    a note, （见附件1） — is taken out as a note, and X is the unit."""
    held: list[str] = []
    notes: list[str] = []
    # The private-use characters stand for held brackets: any already in the text (debris from
    # a Word file or a web page) would be given back as a bracket that is not there.
    text = _HELD.sub("", text)

    def hold(match: re.Match) -> str:
        inner = match.group(1).strip()
        rest = text[match.end() :]
        goes_on = bool(_NAME_GOES_ON.match(rest)) and not _VERB_RE.match(rest)
        goes_on = goes_on and not rest.startswith("等")
        # （市、区）, （办） are fragments of sibling names; （单位） only restates the kind.
        fragments = all(0 < len(p) <= 2 for p in re.split(r"[、,，/]", inner))
        fragments = fragments and inner not in _GENERIC
        # 制发司(局), 区卫健委(局): the same body under its other kind of name, an alias —
        # not a fragment like 各镇(办) or 各县(市、区), whose name is a place.
        alias = _ORGAN_WORD.fullmatch(inner) and _ORGAN_WORD.search(text[: match.start()][-1:])
        if alias or _POINTS.fullmatch(inner):
            # An alias, or the points of the task a unit answers for (区社会事业局（4）,
            # （6-7）): no part of the name; the units text as written keeps it for the reader.
            return ""
        name = re.split(r"[、,，;；:：\s]", text[: match.start()])[-1]
        if match.group(0)[0] in "<〈" and not goes_on and not name.startswith(_COLLECTIVE_WORDS):
            # 市政府办公室<市政务公开办>: closing the name, an aside (as X（Y）); closing a
            # collective (各乡镇<街道>) it widens it and is kept as written, as 各乡镇(街道).
            goes_on = fragments = False
        if inner and (goes_on or fragments) and len(held) < 256:
            held.append(match.group(0))
            return chr(0xE000 + len(held) - 1)
        if inner:
            notes.append(inner)
        return ""

    text = _PAREN_RE.sub(hold, text)

    def hold_counted(match: re.Match) -> str:
        # 海坛、苏平、金井、君山四个片区管理局: places that name no body, counted by the name
        # after them — one collective as written, its 、 held; only when the count fits.
        places = match.group(1).split("、")
        if cn_number(match.group(2)) != len(places) or len(held) >= 256:
            return match.group(0)
        held.append("、")
        return chr(0xE000 + len(held) - 1).join(places) + match.group(0)[len(match.group(1)) :]

    return _COUNTED.sub(hold_counted, text), held, notes


# Short place names run up to a count and the kind of body each is (四个片区管理局).
_COUNTED = re.compile(
    r"(?<![\u4e00-\u9fff])((?:[\u4e00-\u9fff]{2,3}、)+[\u4e00-\u9fff]{2,3})"
    r"([两二三四五六七八九十]|[2-9])个[\u4e00-\u9fff]{2,8}"
)


def _give_back(name: str, held: list[str]) -> str:
    return _HELD.sub(lambda m: held[ord(m.group(0)) - 0xE000], name)


def _strip_outer_parens(text: str) -> str:
    match = re.fullmatch(r"[（(](.*)[)）][。.]?", text)
    return match.group(1) if match else text


_LEAD_LABEL = tuple(LEAD_ROLES.split("|"))


def _from_labels(labelled: list[tuple[str, str]]) -> UnitsParse:
    """（牵头单位：…；责任单位：…）: the label says the role."""
    result = UnitsParse()
    has_lead_label = any(label.startswith(_LEAD_LABEL) for label, _ in labelled)
    for label, names_text in labelled:
        names, ok = _names(names_text)
        is_lead = label.startswith(_LEAD_LABEL)
        if not ok or _VERB_RE.search(names_text) or _CO_SIGN_RE.match(names_text):
            # 责任处室：X牵头，Y负责落实 — the value has roles of its own.
            inner = _from_clauses(names_text)
            if not is_lead and not has_lead_label and inner.lead:
                _add(result.lead, inner.lead)
                _add(result.support, inner.support)
                continue
            names = inner.lead + inner.support
            if not names and not _VERB_RE.search(names_text):
                names, odd = _mostly_units(names_text)
                if odd:
                    result.flags.append(
                        f"“{'、'.join(odd)}”不像单位名称，已按{label}所列读作单位，请核对"
                    )
            if not names and names_text.strip():
                # 配合部门：… of which nothing reads as units: say so, never drop it silently.
                result.flags.append(f"未能识别{label}：{names_text.strip()}")
        if is_lead or (label.startswith(("责任", "承办", "落实")) and not has_lead_label):
            _add(result.lead, names)
        else:
            _add(result.support, names)
    _drop_leads_from_support(result)
    return result


def _mostly_units(text: str) -> tuple[list[str], list[str]]:
    """(names, the odd ones) of a labelled list most of whose names are units but some not
    (责任单位:区住建委、区财政局、各重点景区等): the label says they are units, so every name
    is kept as written and the odd ones are said, not the whole list dropped. Nothing when
    the list is no list of short names (a sentence, one name alone) or most are no units."""
    pieces = [_clean_name(p) for p in _NAME_SPLIT.split(_ETC_TAIL.sub("", text.strip(" ：:，,、")))]
    pieces = [p for p in pieces if p and not _NAME_SPLIT.fullmatch(p)]
    if len(pieces) < 2 or any(
        not 2 <= len(p) <= 24 or _SENTENCE_WORDS.search(p) or "等" in p for p in pieces
    ):
        return [], []
    read = [_names(p) for p in pieces]
    if 2 * sum(ok for _, ok in read) <= len(pieces):
        return [], []
    names = [
        n
        for piece, (found, ok) in zip(pieces, read, strict=True)
        for n in (found if ok else [piece])
    ]
    return names, [p for p, (_, ok) in zip(pieces, read, strict=True) if not ok]


# X牵头，A、B等部门，C、D配合 (or …等部门和C配合): a list's tail word, then more names and
# their verb — the list goes on past its 等部门 (the tail dropped, the names kept together).
_ETC_MID = re.compile(
    r"等(?:[市县区省]?直?(?:有关|相关)?(?:单位|部门|处室|科室))(?:[，,]|和|及)"
    r"(?=[^，,；;。]+(?:配合|协办|参与|协助|落实|负责)$)"
)


# 牵头卖力, 按职责分工卖力: a plan copied by a mirror site that swapped words for synonyms
# (负责 → 卖力); after 牵头 or 按职责分工 the closing word can only be the role's verb.
_ODD_VERB = re.compile(r"(?<=牵头|分工|职责|职能)([\u4e00-\u9fff]{2})$")
_NOT_A_VERB = re.compile(r"(?:单位|部门|处室|科室)$|[局委办厅处科室院所站队]$")


def _odd_verb_read(text: str) -> tuple[str, list[str]]:
    """(text with an unknown verb in that place read as 负责, the flag saying so)."""
    found = _ODD_VERB.search(text)
    word = found.group(1) if found else ""
    if not word or word in _ALL_VERBS or _NOT_A_VERB.search(word):
        return text, []
    flag = (
        f"责任单位的角色词“{word}”不是常用词（可能是转载网站改写的同义词），已按“负责”读取，请核对"
    )
    return text[: found.start()] + "负责", [flag]


def _from_clauses(text: str) -> UnitsParse:
    result = UnitsParse()
    text = _ETC_MID.sub("、", text)
    # X、Y配合A，B、C落实: one clause whose list of doers has a comma in it.
    listed = _assisted(re.sub(r"[，,]", "、", text)) if re.search("[，,]", text) else None
    if listed and not re.search("[；;。]", text):
        result.lead, result.support = listed
        return result
    notes: list[str] = []
    aid: list[str] = []
    weak: list[str] = []
    has_lead_verb = False
    helpers: list[str] = []  # of the last X配合Y负责Z clause, for one that names none
    for clause in filter(None, _CLAUSE_SPLIT.split(text)):
        split_by_object = _assisted_for(clause, helpers)
        if split_by_object:
            has_lead_verb = True
            _add(result.lead, split_by_object[0])
            helpers = split_by_object[1]
            _add(result.support, helpers)
            if _SPLIT_BY_OBJECT not in result.flags:
                result.flags.append(_SPLIT_BY_OBJECT)
            continue
        assisted = _assisted(clause) or _co_signed(clause)
        if assisted:
            has_lead_verb = True
            _add(result.lead, assisted[0])
            _add(result.support, assisted[1])
            continue
        role, names, note = _clause(clause)
        if note:
            notes.append(note)
        if role == "lead":
            has_lead_verb = True
            _add(result.lead, names)
        elif role == "support":
            _add(result.support, names)
        elif role == "aid":
            aid += names
        else:
            weak += names
    # Units with no verb, or only 负责/落实, lead unless someone else was named lead; as helpers
    # they keep their place (X牵头，A、B，C配合: A, B, C).
    _add(result.support if has_lead_verb else result.lead, weak)
    if has_lead_verb and weak:
        result.support.sort(key=lambda name: _place(name, text))
    # 技术支持/指导 helps whoever does the work; alone, it is the work.
    _add(result.support if result.lead else result.lead, aid)
    _drop_leads_from_support(result)
    result.note = "；".join(notes)
    return result


# X配合Y落实 / X协助Y负责: Y does the work (it leads), X helps it.
_ASSISTS_RE = re.compile(r"^(.+?)(?:配合|协助)(.+?)(?:负责落实|落实|负责|实施|开展|做好)$")


# 责任单位：X，所属片区：Y (or after a space: 牵头单位：X 试点单位：Y) — a label of no role after
# a units label.
_OTHER_LABEL = re.compile(r"(?<=[，,；;\s])\s*([\u4e00-\u9fff]{2,6})[:：]")
_KNOWN_LABEL = re.compile(
    f"(?:{ROLE_WORDS})(?:责任)?(?:{UNIT_KINDS})?|"
    r"完成时限|完成时间|时限要求|时限|备注"
)


def _other_labels_as_support(text: str) -> tuple[str, list[str]]:
    """A label that gives no role (所属片区：Y) after a units label: its names support, and
    it is said (never a name of its own, 所属片区：Y, nor dropped silently)."""
    first = re.search(f"(?:{_KNOWN_LABEL.pattern})[:：]", text)
    if not first:
        return text, []
    flags = []
    for other in reversed(list(_OTHER_LABEL.finditer(text, first.end()))):
        if _KNOWN_LABEL.fullmatch(other.group(1)):
            continue
        flags.insert(
            0, f"“{other.group(1)}”不是责任单位的角色标签，其后的单位已作为配合单位，请核对"
        )
        text = text[: other.start(1)] + "配合单位：" + text[other.end() :]
    return text, flags


# X配合Y负责养老院；Z配合W负责商场，配合V负责…: each clause a unit leading for one object.
_ASSISTS_FOR_RE = re.compile(r"^(.*?)(?:配合|协助)(.+?)负责([^、]{2,12})$")
_SPLIT_BY_OBJECT = "责任单位按对象分别写明（X配合Y负责某类场所），已合并为牵头与配合单位，请核对"


def _assisted_for(clause: str, helpers: list[str]) -> tuple[list[str], list[str]] | None:
    """(leads, supports) of X配合Y负责Z (Z what Y is in charge of; with no X, the helpers of
    the clause before); None for other clauses."""
    found = _ASSISTS_FOR_RE.match(clause)
    if not found or _VERB_RE.search(found.group(1) + found.group(2) + found.group(3)):
        return None
    doers, doers_ok = _names(found.group(2))
    own, own_ok = _names(found.group(1)) if found.group(1) else (helpers, True)
    if doers_ok and own_ok and doers and own:
        return doers, own
    return None


def _assisted(clause: str) -> tuple[list[str], list[str]] | None:
    """(leads, supports) of a clause X配合Y落实: Y leads, X supports; None for other clauses."""
    assists = _ASSISTS_RE.match(clause)
    if not assists or _VERB_RE.search(assists.group(1) + assists.group(2)):
        return None
    helpers, helpers_ok = _names(assists.group(1))
    doers, doers_ok = _names(assists.group(2))
    if helpers_ok and doers_ok and helpers and doers:
        return doers, helpers
    return None


def _co_signed(clause: str) -> tuple[list[str], list[str]] | None:
    """(leads, supports) of a clause X会同Y负责: X leads, Y supports; several X only with 会同
    (国家发展改革委、财政部会同有关部门负责). None for other clauses."""
    co_sign = _CO_SIGN_RE.match(clause)
    if not co_sign or _VERB_RE.search(co_sign.group(1)):
        return None
    left, _ = _names(co_sign.group(1))
    right, _ = _names(_VERB_RE.split(co_sign.group(2))[0])
    several = len(left) > 1 and clause[co_sign.end(1) :].startswith("会同")
    if right and (len(left) == 1 or several):
        return left, right
    return None


def _clause(clause: str) -> tuple[str, list[str], str]:
    """Role, unit names and any leftover note of one clause such as 新闻处牵头."""
    match = _role_verb(clause)
    names_text = clause[: match.start()] if match else clause
    names, ok = _names(names_text)
    if not ok:
        return _leading_names(clause)
    verb = match.group(0) if match else ""
    rest = clause[match.end() :] if match else ""
    done = rest in _WEAK_VERBS or (verb in _LEAD_VERBS and rest in _LEAD_WORK)
    note = clause if (rest and not done) or verb in ("技术支持", "支持") else ""
    if verb in _LEAD_VERBS:
        return "lead", names, note
    if verb in _SUPPORT_VERBS:
        return "support", names, note
    return "weak", names, note


# X牵头督导, X牵头抓总: what a lead does, more of its role (not a note on the clause).
_LEAD_WORK = ("督导", "督办", "协调", "抓总", "组织", "推进", "推动")

# Verbs that also stand inside names: 总规实施工作组, 区法院执行局.
_NAME_VERBS = ("实施", "执行", "办理", "承办")


def _role_verb(clause: str) -> re.Match | None:
    """The verb that gives the clause's role: not one inside a unit's name (总规实施工作组各成员
    单位负责落实), where what follows it up to the next verb still ends as a name does."""
    for match in _VERB_RE.finditer(clause):
        if match.group(0) not in _NAME_VERBS:
            return match
        following = _VERB_RE.search(clause, match.end())
        name = clause[: following.start() if following else len(clause)]
        if not (name[match.end() :] and _looks_like_unit(name.split("、")[-1])):
            return match
    return None


def _leading_names(clause: str) -> tuple[str, list[str], str]:
    """各有关单位、各镇（街）做好发布工作: units, then what they do. The names before the
    action are taken (the clause stays as a note); 技术支持/指导 make them helpers."""
    action = _ACTION.search(clause)
    if not action or action.start() < 2:
        return "weak", [], clause
    names, ok = _names(clause[: action.start()])
    if not ok:
        return "weak", [], clause
    rest = clause[action.start() :]
    if re.search("技术支持|支持|指导", rest):
        return "aid", names, clause
    if any(verb in rest for verb in _LEAD_VERBS):
        return "lead", names, clause
    if any(verb in rest for verb in _SUPPORT_VERBS):
        return "support", names, clause
    return "weak", names, clause


def _names(text: str) -> tuple[list[str], bool]:
    """Unit names in ``text`` and whether every piece looked like a unit."""
    names = []
    pieces: list[str] = []
    parts = _NAME_SPLIT.split(_ETC_TAIL.sub("", text.strip(" ：:，,、")))
    sectors = _sectors_sharing_kind(text, parts)
    glue = ""
    separators = [*parts[1::2], ""]
    for at, (part, separator) in enumerate(zip(parts[::2], separators, strict=True)):
        first, *after = part.split("等")
        if glue:
            first, glue = glue + first, ""
        if (
            not after
            and not sectors
            and separator == "、"
            and (
                # 县直、驻县有关单位 (not 各地、各部门: a 各 opens a collective of its own)
                (
                    _QUALIFIER.match(first)
                    and not _looks_like_unit(first)
                    and not parts[2 * at + 2].startswith("各")
                )
                or _shares_organ(first, parts[2 * at + 2 :: 2], separators[at + 1 :])
            )
        ):
            glue = first + separator  # 县直、驻县有关单位 is one collective
            continue
        # X等相关区直部门、Y: the collective after 等 only sums up the units before it.
        # X等和各有关省级人民政府: the 和 joins the list (its tail dropped) to the next name.
        after = [_AFTER_ETC_AND.sub("", p) for p in after]
        pieces += [first, *(p for p in after if not _ETC_REST.match(p))]
    for piece in pieces:
        for name in _split_and(_clean_name(piece)):
            if names and name in _KINDS and _KIND_COLLECTIVE.match(names[-1]):
                # 各科室、单位, 市直有关部门、单位: the 各 (有关) covers both kinds
                names[-1] = f"{names[-1]}、{name}"
                continue
            if not name or name in _GENERIC:
                continue
            if not _looks_like_unit(name) and name not in sectors:
                return [], False
            if names and _BARE_COLLECTIVE.match(name) and "各" in names[-1][1:]:
                names[-1] = f"{names[-1]}、{name}"  # 各级政府各部门、各单位: one collective
            else:
                names.append(name)
    return names, bool(names)


# 公安、安监部门 / 公安、交通、安监等部门 (部门, 分工: a plan's shared kind of body): sectors
# named bare, their kind (部门) written once after the last. Each is a unit, kept as written
# (公安, 安监部门). Not a collective's tail (县直、驻县有关部门: one collective), nor 单位.
_SHARED_KIND = re.compile(r"^(?!各)[\u4e00-\u9fff]{2,8}部门$")
_SHARED_KIND_ETC = re.compile(r"等部门$")
_SECTOR = re.compile(r"^(?!各)[\u4e00-\u9fff]{2,6}$")
# What a sector's name never holds: a sentence's words, a task's verbs (做好宣传、教育部门配合).
_NOT_SECTOR = re.compile(
    _SENTENCE_WORDS.pattern + r"|做好|加强|开展|推进|落实|负责|完成|实施|提供|承担|办理|要|应|确保"
)


def _sectors_sharing_kind(text: str, parts: list[str]) -> set[str]:
    """The bare sector names of a 、 list whose kind, 部门, is written once at its end."""
    pieces, separators = parts[::2], parts[1::2]
    if len(pieces) < 2 or any(s != "、" for s in separators):
        return set()
    etc = bool(_SHARED_KIND_ETC.search(text.strip(" ：:，,、")))
    last = pieces[-1]
    if not etc and not (_SHARED_KIND.match(last) and not re.search("有关|相关|直|属", last)):
        return set()
    bare = [p for p in (pieces if etc else pieces[:-1]) if not _looks_like_unit(p)]
    if not bare or not all(_SECTOR.match(p) and not _NOT_SECTOR.search(p) for p in bare):
        return set()
    return set(bare)


# Bare kinds of body after a 各 collective (各科室、单位): more of the same collective.
_KINDS = {"单位", "部门", "处室", "科室", "机构", "单位部门"}
# A collective that a bare kind after it goes on: 各X, or …有关/相关 + a kind of body.
_KIND_COLLECTIVE = re.compile(
    r"^各|^[^、，,]{0,6}(?:有关|相关)(?:责任)?(?:单位|部门|处室|科室|机构)$"
)
# 各单位 after a collective (各级政府各部门、各单位) goes on with it: the same qualifier.
_BARE_COLLECTIVE = re.compile(r"^各(?:单位|部门|机构)$")


# Places whose shared organ is named once at the end of a 、 list: 各市〔州〕、县〔市、区〕政府,
# 高新区、循环化工园区、综合保税区管委会 (the governments, the zones' committees).
_PLACE = re.compile(r"(?:市|县|区|州|旗|园区|新区)$")
_ORGAN = re.compile(r"(?:政府|管委会|管理委员会)(?:办公室|办)?$")


def _shares_organ(place: str, following: list[str], separators: list[str]) -> bool:
    """A place (各市, 高新区) in a 、 list whose last name is the places' shared organ."""
    if not _PLACE.search(_HELD.sub("", place)) or _ORGAN.search(place):
        return False
    for part, separator in zip(following, separators, strict=False):
        organ = _ORGAN.search(part)
        # …政府办公室 is the governments' offices only after a place with a bracket
        # (各区、县〔市〕政府办公室); 各区、市政府办公室 may name the city's own office.
        if organ and (not organ.group(0).endswith(("办公室", "办")) or _HELD.search(part)):
            return True
        if separator != "、" or not _PLACE.search(_HELD.sub("", part)):
            return False
    return False


def _split_and(name: str) -> list[str]:
    """办公室和法规科 → two units; 县工业和信息化局 stays one, and so does 各处室和单位 (the
    各 covers both kinds: one collective)."""
    parts = _AND_SPLIT.split(name)
    first, *rest = parts
    if rest and _GE_BEFORE_KINDS.match(first) and all(map(_BARE_KIND.match, rest)):
        return [name]
    # 市市场和质量监管委 is one name: 场 ends a name (农场) but not before 和.
    if (
        len(parts) > 1
        and all(_looks_like_unit(_clean_name(p)) for p in parts)
        and not any(p.endswith(("场", "市", "区", "县")) for p in parts[:-1])
    ):
        return [_clean_name(p) for p in parts]
    # 公安部门和县交通与建设局: a 与 inside the second name (交通与建设局); the 和 between two
    # names, each a unit by itself, still parts them (one joint only, the names' ends kept).
    for joint in _AND_SPLIT.finditer(name) if len(parts) > 2 else ():
        left, right = _clean_name(name[: joint.start()]), _clean_name(name[joint.end() :])
        if (
            _looks_like_unit(left)
            and _looks_like_unit(right)
            and not left.endswith(("场", "市", "区", "县"))
            and _KIND_END.search(left)
        ):
            return [left, right]
    return [name]


# 各处室和单位, 辖区内各司法所和派出所: the 各 (after a place qualifier) covers the bare
# kinds the 和 adds, which have no place of their own: one collective, as written.
_GE_BEFORE_KINDS = re.compile(r"^(?:辖区内?|全区|区内|镇内)?各")
_BARE_KIND = re.compile(
    rf"^(?![区市县省镇乡])(?:{'|'.join(sorted(_KINDS))}|[\u4e00-\u9fff]{{1,3}}(?:所|站|队|院|校))$"
)


# A name that ends in a kind of body (…部门, …局, …办公室): what stands before a joint that
# parts two names.
_KIND_END = re.compile(r"(?:部门|单位|局|办公室|中心|委员会|委)$")


def _clean_name(piece: str) -> str:
    name = piece.strip(" ：:，,、")
    matter, by, who = name.rpartition("由")
    if matter and by and not matter.endswith("自") and _looks_like_unit(who):
        name = who  # 规范性文件公开由制发司（牵头）: the matter, then who does it
    for prefix in _PREFIXES:
        name = name.removeprefix(prefix)
    for suffix in _SUFFIXES:
        name = name.removesuffix(suffix)
    # 各直属单位 and 直属单位 are the same collective.
    return "直属单位" if name == "各直属单位" else name


# 村(社区), 村（居）, 乡镇(街道): bodies of one kind with the other kind in brackets (the
# villages, or communities), a collective as 各村 is; the bracket is held, so the name is 2.
_KIND_AND_OTHER = re.compile(r"^(?:村|居|社区|镇|乡|乡镇|街|街道)[\ue000-\ue0ff]$")


def _looks_like_unit(name: str) -> bool:
    if _KIND_AND_OTHER.match(name):
        return True
    name = _HELD.sub("", name)
    return (
        2 <= len(name) <= 24
        and bool(_UNIT_SUFFIX.search(name) or _GE_COLLECTIVE.match(name))
        and not _SENTENCE_WORDS.search(name)
    )


# 各区属国企, 各镇街: a collective of bodies, ending as bodies gathered by kind do; 各地, the
# localities (各地、各部门配合).
_GE_COLLECTIVE = re.compile(r"^各[\u4e00-\u9fff（）()]{1,9}(?:企|街|镇|村|居|组|片)$|^各地$")


# Where one name ends and the next begins with its place, nothing between them (a cell's
# line break lost: 区环境与国土资源局区规划局).
# Or two offices (处) of one body, 经济发展处交通与建设处 (not a 办事处's own office).
# Or a name after another's alias bracket (held, _hold_brackets), 综合执法局（安监局）规划局.
_NAMES_GLUED = re.compile(
    r"(?<=[局办委厅])(?=[区市县省])|(?<![办事]处)(?<=处)(?=[^处]{3,10}处$)"
    r"|(?<=[局办委厅][\ue000-\ue0ff])(?=[\u4e00-\u9fff]{2,10}[局办委厅]$)"
)


# 各片区管理 局: a space (a page's line break) inside a name — the part before it ends on no
# organ or kind of body, so the name goes on after it (not 市公安局 交警支队, two parts of a
# name each whole, left as written).
_BREAK_IN_NAME = re.compile(r"(?<=[\u4e00-\u9fff])[ \t\u3000]+(?=[\u4e00-\u9fff])")


def _unbroken(name: str) -> str:
    found = _BREAK_IN_NAME.search(name)
    if not found or _UNIT_SUFFIX.search(name[: found.start()]):
        return name
    return name[: found.start()] + _unbroken(name[found.end() :])


# 各村（居）请各有关部门、各村（居）认真履职，…: the list runs into the plan's closing
# sentence (请 + whom + what they are to do), no unit; cut there, said. Only after a name
# (not 请X负责, a clause of its own).
# So too a collective closing the list, the closing paragraph run on after it with no stop
# (…配合单位：区相关部门积极推进“互联网+”行动是…): not when the words are its role (积极配合).
_CLOSING_SENTENCE = re.compile(
    r"(?<=[\u4e00-\u9fff）)])请(?=[^。；;，,]{2,40}?(?:认真|切实|抓好|履职|贯彻)).*$"
    r"|(?<=部门|单位|处室|科室)(?:积极|切实|认真|务必)(?!配合|协助|参与|支持|协同)(?=[^、]{6}).*$",
    re.S,
)


def _without_closing_sentence(raw: str) -> tuple[str, list[str]]:
    found = _CLOSING_SENTENCE.search(raw)
    if not found:
        return raw, []
    said = f"责任单位后接的句子（“{found.group(0)[:12]}…”）不是单位，已略去，请核对"
    return raw[: found.start()], [said]


def _unglued(names: list[str], flags: list[str], held: list[str]) -> list[str]:
    """Each name, a name that is two run together cut in two (said): only where every part
    is a body's whole name, four characters or more, opening on its place (区…局区规划局; not
    区公安局区分局, one name, whose 区分局 is a branch's)."""
    if not any(len(name) >= 8 and _NAMES_GLUED.search(name) for name in names):
        return names  # most lists: no name long enough to be two
    out: list[str] = []
    for name in names:
        parts = [p for p in _NAMES_GLUED.split(name) if p]
        # (3 characters after an alias bracket: the bracket shows where a name ended)
        shortest = 3 if _HELD.search(name) else 4
        if len(parts) > 1 and all(len(p) >= shortest and _looks_like_unit(p) for p in parts):
            flags.append(f"“{_give_back(name, held)}”像是几个单位名称连写在一起，已拆开，请核对")
            # X（Y） closing a part: its alias, dropped as a name's alias is (X（Y） -> X)
            out += [q for p in parts if (q := _HELD_AT_END.sub("", p)) not in out]
        elif name not in out:
            out.append(name)
    return out


def _place(name: str, text: str) -> int:
    """Where a name stands in the text it was read from (a changed name: after the rest)."""
    at = text.find(name)
    return at if at >= 0 else len(text)


def _add(target: list[str], names: list[str]) -> None:
    target.extend(n for n in names if n not in target)


def _drop_leads_from_support(result: UnitsParse) -> None:
    result.support = [n for n in result.support if n not in result.lead]
