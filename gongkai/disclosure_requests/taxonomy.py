"""Reply outcomes (答复类型) and how the national annual report counts them (rules.md §1.4, §3.3).

The mapping of a few outcomes to report rows is practice, not statute [UNVERIFIED]; it lives in
this one table so that an agency can change it (settings.REPORT_ROW_OVERRIDES).
"""

from django.conf import settings
from django.db import models


class Outcome(models.TextChoices):
    # 第三十六条（一）（二）, 第三十七条
    ALREADY_PUBLIC = "already_public", "已主动公开（告知获取方式）"
    DISCLOSED = "disclosed", "予以公开"
    PARTIAL = "partial", "部分公开（区分处理）"
    # 第三十六条（三）: 不予公开, by ground
    WITHHELD_STATE_SECRET = "withheld_state_secret", "不予公开：属于国家秘密"
    WITHHELD_LAW = "withheld_law", "不予公开：其他法律行政法规禁止公开"
    WITHHELD_SECURITY = "withheld_security", "不予公开：危及“三安全一稳定”"
    WITHHELD_THIRD_PARTY = "withheld_third_party", "不予公开：保护第三方合法权益"
    WITHHELD_INTERNAL = "withheld_internal", "不予公开：属于三类内部事务信息"
    WITHHELD_PROCESS = "withheld_process", "不予公开：属于四类过程性信息"
    WITHHELD_ENFORCEMENT = "withheld_enforcement", "不予公开：属于行政执法案卷"
    SPECIAL_PROCEDURE = "special_procedure", "不予公开：属于行政查询事项（第三十六条第七项）"
    # 第三十六条（四）（五）, 第三十八条, 第三十条
    NOT_EXIST = "not_exist", "无法提供：经检索没有所申请的信息"
    NOT_THIS_AGENCY = "not_this_agency", "无法提供：不属于本机关公开职责"
    NEEDS_CREATION = "needs_creation", "无法提供：没有现成信息需要另行制作"
    UNCLEAR_AFTER_SUPPLEMENT = "unclear_after_supplement", "无法提供：补正后申请内容仍不明确"
    # 第三十九条, 第三十六条（六）, 第三十五条
    PETITION = "petition", "不予处理：信访举报投诉类申请"
    DUPLICATE = "duplicate", "不予处理：重复申请"
    PUBLICATION = "publication", "不予处理：要求提供公开出版物"
    EXCESSIVE = "excessive", "不予处理：无正当理由大量反复申请"
    CONFIRM_OR_REISSUE = "confirm_or_reissue", "不予处理：要求行政机关确认或重新出具已获取信息"
    # 其他处理
    ABANDONED_NO_SUPPLEMENT = "abandoned_no_supplement", "其他处理：逾期不补正，不再处理"
    ABANDONED_FEE_UNPAID = "abandoned_fee_unpaid", "其他处理：逾期未缴纳信息处理费，不再处理"
    OTHER = "other", "其他处理：其他（如申请人撤回）"


# Annual report table 三 rows, in the official order (rules.md §3.3), keyed for the mapping.
REPORT_ROWS = [
    ("1", "（一）予以公开"),
    ("2", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("3.1", "1.属于国家秘密"),
    ("3.2", "2.其他法律行政法规禁止公开"),
    ("3.3", "3.危及“三安全一稳定”"),
    ("3.4", "4.保护第三方合法权益"),
    ("3.5", "5.属于三类内部事务信息"),
    ("3.6", "6.属于四类过程性信息"),
    ("3.7", "7.属于行政执法案卷"),
    ("3.8", "8.属于行政查询事项"),
    ("4.1", "1.本机关不掌握相关政府信息"),
    ("4.2", "2.没有现成信息需要另行制作"),
    ("4.3", "3.补正后申请内容仍不明确"),
    ("5.1", "1.信访举报投诉类申请"),
    ("5.2", "2.重复申请"),
    ("5.3", "3.要求提供公开出版物"),
    ("5.4", "4.无正当理由大量反复申请"),
    ("5.5", "5.要求行政机关确认或重新出具已获取信息"),
    ("6.1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("6.2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("6.3", "3.其他"),
]

O = Outcome  # noqa: E741 — short alias for the tables below
DEFAULT_REPORT_ROW = {
    O.DISCLOSED: "1",
    O.ALREADY_PUBLIC: "1",  # [UNVERIFIED] common practice
    O.PARTIAL: "2",
    O.WITHHELD_STATE_SECRET: "3.1",
    O.WITHHELD_LAW: "3.2",
    O.WITHHELD_SECURITY: "3.3",
    O.WITHHELD_THIRD_PARTY: "3.4",
    O.WITHHELD_INTERNAL: "3.5",
    O.WITHHELD_PROCESS: "3.6",
    O.WITHHELD_ENFORCEMENT: "3.7",
    O.SPECIAL_PROCEDURE: "3.8",  # [UNVERIFIED]
    O.NOT_EXIST: "4.1",  # [UNVERIFIED] common practice
    O.NOT_THIS_AGENCY: "4.1",  # [UNVERIFIED] common practice
    O.NEEDS_CREATION: "4.2",
    O.UNCLEAR_AFTER_SUPPLEMENT: "4.3",
    O.PETITION: "5.1",
    O.DUPLICATE: "5.2",
    O.PUBLICATION: "5.3",
    O.EXCESSIVE: "5.4",
    O.CONFIRM_OR_REISSUE: "5.5",
    O.ABANDONED_NO_SUPPLEMENT: "6.1",
    O.ABANDONED_FEE_UNPAID: "6.2",
    O.OTHER: "6.3",
}

# Legal basis cited in each reply letter.
BASIS = {
    O.ALREADY_PUBLIC: "《中华人民共和国政府信息公开条例》第三十六条第（一）项",
    O.DISCLOSED: "《中华人民共和国政府信息公开条例》第三十六条第（二）项",
    O.PARTIAL: "《中华人民共和国政府信息公开条例》第三十七条",
    O.WITHHELD_STATE_SECRET: "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项",
    O.WITHHELD_LAW: "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项",
    O.WITHHELD_SECURITY: "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项",
    O.WITHHELD_THIRD_PARTY: (
        "《中华人民共和国政府信息公开条例》第十五条、第三十二条、第三十六条第（三）项"
    ),
    O.WITHHELD_INTERNAL: "《中华人民共和国政府信息公开条例》第十六条第一款、第三十六条第（三）项",
    O.WITHHELD_PROCESS: "《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项",
    O.WITHHELD_ENFORCEMENT: (
        "《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项"
    ),
    O.SPECIAL_PROCEDURE: "《中华人民共和国政府信息公开条例》第三十六条第（七）项",
    O.NOT_EXIST: "《中华人民共和国政府信息公开条例》第三十六条第（四）项",
    O.NOT_THIS_AGENCY: "《中华人民共和国政府信息公开条例》第三十六条第（五）项",
    O.NEEDS_CREATION: "《中华人民共和国政府信息公开条例》第三十八条",
    O.UNCLEAR_AFTER_SUPPLEMENT: "《中华人民共和国政府信息公开条例》第三十条",
    O.PETITION: "《中华人民共和国政府信息公开条例》第三十九条第一款",
    O.DUPLICATE: "《中华人民共和国政府信息公开条例》第三十六条第（六）项",
    O.PUBLICATION: "《中华人民共和国政府信息公开条例》第三十九条第二款",
    O.EXCESSIVE: "《中华人民共和国政府信息公开条例》第三十五条",
    # No article of the 条例 speaks of it (第三十九条 does not): cite the 条例 as a whole.
    O.CONFIRM_OR_REISSUE: "《中华人民共和国政府信息公开条例》",
    O.ABANDONED_NO_SUPPLEMENT: "《中华人民共和国政府信息公开条例》第三十条",
    O.ABANDONED_FEE_UNPAID: "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
    O.OTHER: "《中华人民共和国政府信息公开条例》",
}

# Outcomes that refuse information, in whole (every ground the report counts under （三）不予公开,
# 行政查询事项 included) or in part (部分公开's withheld part).
REFUSALS = frozenset({O.PARTIAL, *(o for o, row in DEFAULT_REPORT_ROW.items() if row[0] == "3")})


def needs_reconsideration_first(outcome: str) -> bool:
    """复议前置 (行政复议法 2023 第二十三条第一款第（四）项): 不予公开 as the report counts it."""
    return outcome == O.PARTIAL or report_row(outcome)[0] == "3"


def report_row(outcome: str) -> str:
    overrides = getattr(settings, "REPORT_ROW_OVERRIDES", {}) or {}
    return overrides.get(outcome, DEFAULT_REPORT_ROW[outcome])


# Outcomes that give the applicant the information (第三十六条第（一）（二）项, 第三十七条):
# the reply says how it is provided, and no fee may be pending (109号).
PROVIDES = frozenset({O.ALREADY_PUBLIC, O.DISCLOSED, O.PARTIAL})
# Of those, the ones that hand over records (not only say where published ones are).
HANDS_OVER = frozenset({O.DISCLOSED, O.PARTIAL})
