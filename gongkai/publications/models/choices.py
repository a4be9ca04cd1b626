"""The choices a document is described by: 条例第二十条's categories, kinds, disclosure
attribute, validity of normative documents, and where a document is in its review."""

from __future__ import annotations

from django.db import models


class Category(models.TextChoices):
    """条例第二十条 — the 15 categories every agency must disclose proactively (rules.md §1.1)."""

    REGULATIONS_NORMATIVE_DOCS = "regulations_normative_docs", "行政法规、规章和规范性文件"
    ORG_INFO = "org_info", "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名"
    PLANS = "plans", "国民经济和社会发展规划、专项规划、区域规划及相关政策"
    STATISTICS = "statistics", "国民经济和社会发展统计信息"
    LICENSING_SERVICES = (
        "licensing_services",
        "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果",
    )
    PENALTY_COERCION = (
        "penalty_coercion",
        "实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定",
    )
    BUDGET_FINAL_ACCOUNTS = "budget_final_accounts", "财政预算、决算信息"
    ADMIN_FEES = "admin_fees", "行政事业性收费项目及其依据、标准"
    CENTRAL_PROCUREMENT = "central_procurement", "政府集中采购项目的目录、标准及实施情况"
    MAJOR_PROJECTS = "major_projects", "重大建设项目的批准和实施情况"
    LIVELIHOOD_POLICIES = (
        "livelihood_policies",
        "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况",
    )
    EMERGENCIES = "emergencies", "突发公共事件的应急预案、预警信息及应对情况"
    SUPERVISION_INSPECTIONS = (
        "supervision_inspections",
        "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况",
    )
    CIVIL_SERVANT_RECRUITMENT = (
        "civil_servant_recruitment",
        "公务员招考的职位、名额、报考条件等事项以及录用结果",
    )
    OTHER_MANDATED = (
        "other_mandated",
        "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息",
    )


CATEGORY_NUMERALS = dict(
    zip(
        Category.values,
        "一 二 三 四 五 六 七 八 九 十 十一 十二 十三 十四 十五".split(),
        strict=True,
    )
)


class Kind(models.TextChoices):
    GENERAL = "general", "普通文件"
    NORMATIVE = "normative", "行政规范性文件"
    RULE = "rule", "规章"
    INTERPRETATION = "interpretation", "政策解读"
    NOTICE = "notice", "通知公告"


REGULATORY_KINDS = (Kind.NORMATIVE, Kind.RULE)


class Attribute(models.TextChoices):
    """公开属性 (rules.md §4.3): exactly one per document; a reason unless 主动公开."""

    PROACTIVE = "proactive", "主动公开"
    ON_REQUEST = "on_request", "依申请公开"
    NOT_DISCLOSED = "not_disclosed", "不予公开"


class Validity(models.TextChoices):
    CURRENT = "current", "现行有效"
    AMENDED = "amended", "已修订"
    REPEALED = "repealed", "已废止"
    EXPIRED = "expired", "失效"


# No longer in force: the document's 失效日期 (`expires_on`) then says since when (table 二's
# 本年废止件数 and 现行有效件数 are counted from that one date).
ENDED_VALIDITIES = (Validity.AMENDED, Validity.REPEALED, Validity.EXPIRED)


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    REVIEW_1 = "review_1", "一审（处室负责人）"
    REVIEW_2 = "review_2", "二审（保密审查）"
    REVIEW_3 = "review_3", "三审（签发领导）"
    # A 解读 signed off before its 原文 is published: it goes out with it (三同步,
    # participation.md §12.1; never before it).
    APPROVED = "approved", "已审定，待原文发布"
    PUBLISHED = "published", "已发布"
    WITHDRAWN = "withdrawn", "已撤回"


class Withdrawal(models.TextChoices):
    """撤回方式, chosen by who withdraws: hidden unless they say a correction will follow. A version
    withdrawn because it should never have been public (a citizen's name, a figure that must
    not stand) must not come back on its own when a new version is published."""

    HIDDEN = "hidden", "撤回不再公开"
    CORRECTION = "correction", "更正（将发布更正版本，原版本保留并标注已被更正）"


REVIEW_STAGES = (DocumentStatus.REVIEW_1, DocumentStatus.REVIEW_2, DocumentStatus.REVIEW_3)
