"""Published documents and approved entries for the tests, through the real workflows."""

import datetime as dt

from gongkai.answers import services
from gongkai.answers.models import Entry
from gongkai.publications.models import Category, Document, Kind


def published(cast, title, paragraphs, *, kind=Kind.NORMATIVE, doc_no=""):
    document = Document.create_draft(
        by=cast.clerk,
        title=title,
        doc_no=doc_no,
        kind=kind,
        written_on=dt.date(2022, 9, 1),
        category=Category.REGULATIONS_NORMATIVE_DOCS,
        body="".join(f"<p>{p}</p>" for p in paragraphs),
    )
    document.submit(by=cast.clerk)
    document.approve(by=cast.head)
    document.approve(by=cast.reviewer)
    document.approve(by=cast.leader, waiver="测试：不同步解读")
    document.refresh_from_db()
    return document


YUETAN = [
    "第一条 为督促生产经营单位落实安全生产主体责任，制定本办法。",
    "第二条 市应急管理局对发生生产安全事故或者存在重大事故隐患的生产经营单位主要负责人进行约谈。",
    "第三条 约谈应当制作约谈记录，明确整改措施和整改时限。",
]


def entry(cast, document, *, question="老板为什么会被应急局叫去谈话？", article="第二条"):
    return services.entry_save(
        entry=Entry(
            question=question,
            phrasings="企业负责人被约谈的原因",
            answer="发生生产安全事故或者存在重大事故隐患的企业，主要负责人会被约谈。",
            topics="安全生产、约谈",
        ),
        sources=[{"document": document, "article": article}],
        by=cast.clerk,
    )


def entry_form(document, **fields) -> dict:
    """What the 新建问答条目 page posts for `entry`'s question, citing 第二条."""
    return {
        "question": "老板为什么会被应急局叫去谈话？",
        "answer": "发生生产安全事故或者存在重大事故隐患的企业，主要负责人会被约谈。",
        "checked_on": "2022-10-01",
        "source1": document.pk,
        "article1": "第二条",
        **fields,
    }
