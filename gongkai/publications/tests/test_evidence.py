"""Publications shown as evidence under ledger tasks, chosen by what the task says (the seed's
items 1, 12, 13, 19, 26 and 31 in their own words)."""

from types import SimpleNamespace

from gongkai.plans.evidence_kinds import evidence_kinds_for
from gongkai.publications.evidence import for_task
from gongkai.publications.models import CleanupCampaign, Kind

SEED_WORDS = {
    1: "持续深化政府门户网站优化营商环境政策集中公开，加大涉企政策的分类公开和精准推送力度。",
    12: "对局门户网站现行公开的政府规章和行政规范性文件进行一次全面清理、审查",
    13: "持续落实好政策解读“三同步”要求，着力提升解读质量",
    19: "完善政府信息公开保密审查制度，防止泄露国家秘密",
    26: "严格执行日常发布内容“三审三校”“先审后发”机制",
    31: "按照《条例》规定的 15 类主动公开内容要求，进一步加强主动公开意识",
    2: "依法依规做好扩大有效投资相关规划及重大建设项目信息公开",
}


def _task(number, year):
    words = SEED_WORDS[number]
    return SimpleNamespace(
        number=number,
        plan=SimpleNamespace(year=year),
        kinds_of_evidence=lambda: evidence_kinds_for(words),
    )


def test_it_gives_each_item_its_publications(cast, make_draft, publish):
    normative = publish(make_draft(title="约谈办法", kind=Kind.NORMATIVE, business_related=True))
    interpretation = publish(
        make_draft(title="约谈办法解读", kind=Kind.INTERPRETATION, interprets=normative)
    )
    year = normative.published_at.year
    CleanupCampaign.start(by=cast.press, year=year)
    titles = lambda n: " ".join(item["title"] for item in for_task(_task(n, year)))  # noqa: E731
    assert "约谈办法" in titles(1) and "解读" not in titles(1)
    assert "清理" in titles(12) and normative.index_no in titles(12)
    assert interpretation.index_no in titles(13)
    assert "约谈办法解读" in titles(26) and "约谈办法解读" in titles(19)
    assert "（一）行政法规、规章和规范性文件：2件" in titles(31)
    assert for_task(_task(2, year)) == [] and for_task(_task(1, year - 1)) == []
