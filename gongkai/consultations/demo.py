"""Demo consultations: three of 2022 run to their published feedback (one with a shortened
period and its public reason), and one open now with a few comments, all through the verbs
and the review chain."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gongkai.consultations import services
from gongkai.consultations.models import Comment, Consultation, Disposition

SHANGHAI = dt.timezone(dt.timedelta(hours=8))

CONSULTATIONS = [
    {
        "draft_title": "广州市应急管理局安全生产约谈办法",
        "decision_type": "normative",
        "affects_business": True,
        "opens_on": "2022-02-10",
        "closes_on": "2022-03-12",
        "explanation": (
            "一、起草背景\n2019年印发的试行办法将于2022年到期，为落实《中华人民共和国安全生产法》"
            "关于约谈的规定，结合执法实践修订。\n二、主要内容\n明确约谈的情形、程序和整改要求。"
        ),
        "draft": [
            "第一条 为督促生产经营单位落实安全生产主体责任，"
            "根据《中华人民共和国安全生产法》，制定本办法。",
            "第二条 本办法所称约谈，是指市应急管理局约见生产经营单位主要负责人，"
            "指出安全生产问题、提出整改要求的行政措施。",
            "第三条 生产经营单位一年内发生两起以上一般生产安全事故的，应当约谈。",
            "第四条 约谈应当制作约谈记录，由参加约谈的各方签字确认。",
            "第五条 被约谈单位应当在十五个工作日内报送整改情况。",
            "第六条 本办法自2022年5月1日起施行。",
        ],
        "comments": [
            ("第三条", "建议将“一年内”明确为自然年度还是连续十二个月。", Disposition.ADOPTED, ""),
            (
                "第三条",
                "一般事故两起即约谈，门槛偏低，建议三起。",
                Disposition.NOT_ADOPTED,
                "两起的标准与省应急管理厅规定一致，暂不调整。",
            ),
            (
                "第五条",
                "十五个工作日对大型企业整改时间偏短，建议可申请延期。",
                Disposition.PARTLY,
                "增加“确有困难的，可申请延长一次，最长十个工作日”。",
            ),
            (
                "第四条",
                "约谈记录应向社会公开，接受监督。",
                Disposition.OTHER,
                "约谈情况将按政府信息公开条例的规定主动公开，无需在本办法中规定。",
            ),
            (None, "建议出台配套的约谈文书格式。", Disposition.ADOPTED, ""),
        ],
        "published": "2022-02-09",
        "feedback": "2022-04-06",
    },
    {
        "draft_title": "广州市防汛防旱防风应急预案（2022年修订）",
        "decision_type": "major_decision",
        "affects_business": False,
        "opens_on": "2022-04-08",
        "closes_on": "2022-04-28",
        "shortening_reason": "汛期即将来临，预案须在5月前修订印发，故征求意见期限缩短为20日。",
        "explanation": (
            "一、修订背景\n机构改革后职责调整，需更新指挥体系。\n"
            "二、主要修改\n调整预警分级和响应措施。"
        ),
        "draft": [
            "一、总则 规范全市防汛防旱防风应急工作。",
            "二、组织体系 市三防指挥部负责统一指挥。",
            "三、预警与响应 按照四级响应启动。",
            "四、保障措施 加强物资储备和队伍建设。",
        ],
        "comments": [
            ("三、", "建议红色预警时中小学、幼儿园一律停课。", Disposition.ADOPTED, ""),
            ("三、", "建议红色预警时中小学一律停课。", Disposition.ADOPTED, ""),
            (
                "四、",
                "建议公布各区物资储备点位置。",
                Disposition.PARTLY,
                "储备点位置将在应急避难场所地图中公开，涉及安全的储备库不公开。",
            ),
        ],
        "published": "2022-04-07",
        "feedback": "2022-05-16",
    },
    {
        "draft_title": "广州市危险化学品重大危险源安全监管办法",
        "decision_type": "normative",
        "affects_business": True,
        "opens_on": "2022-07-01",
        "closes_on": "2022-07-31",
        "explanation": "依据《危险化学品重大危险源监督管理暂行规定》，细化本市监管要求。",
        "draft": [
            "第一条 为加强危险化学品重大危险源安全监管，制定本办法。",
            "第二条 重大危险源单位应当每年进行一次安全评估。",
            "第三条 重大危险源应当安装在线监测监控系统并与监管平台联网。",
            "第四条 本办法自印发之日起施行。",
        ],
        "comments": [
            (
                "第二条",
                "每年评估成本较高，建议一级、二级重大危险源每年评估，三级、四级每两年评估。",
                Disposition.ADOPTED,
                "",
            ),
            (
                "第三条",
                "联网费用应由政府承担。",
                Disposition.NOT_ADOPTED,
                "企业是安全生产的责任主体，联网属于企业应当履行的安全投入义务。",
            ),
        ],
        "published": "2022-06-30",
        "feedback": "2022-08-26",
    },
]

OPEN_NOW = {
    "draft_title": "广州市电动自行车停放充电场所消防安全管理规定",
    "decision_type": "normative",
    "affects_business": True,
    "explanation": "近年来电动自行车火灾多发，为规范住宅小区停放充电场所管理，起草本规定。",
    "draft": [
        "第一条 为预防电动自行车火灾，制定本规定。",
        "第二条 禁止在建筑物的公共门厅、疏散走道、楼梯间、安全出口停放电动自行车或者为其充电。",
        "第三条 住宅小区应当设置集中停放充电场所。",
        "第四条 本规定自发布之日起施行。",
    ],
    "comments": [
        ("第三条", "老旧小区没有空地，集中充电场所怎么解决？建议政府补贴。"),
        ("第二条", "建议明确物业管理单位的劝阻责任。"),
    ],
}


def _at(day: str, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour), tzinfo=SHANGHAI)


def _publish(document, people, day: str):
    clerk, head = people["fagui"], people["fagui_head"]
    on = dt.date.fromisoformat(day)
    document.submit(by=clerk, at=_at((on - dt.timedelta(days=3)).isoformat(), 9))
    document.approve(by=head, comment="同意", at=_at((on - dt.timedelta(days=2)).isoformat()))
    document.approve(
        by=people["baomi"], comment="不涉密", at=_at((on - dt.timedelta(days=1)).isoformat())
    )
    document.approve(by=people["lingdao"], comment="同意发布", at=_at(day, 11))


def _make(people, spec, opens_on, closes_on, on):
    return services.create(
        by=people["fagui"],
        on=on,
        draft_title=spec["draft_title"],
        draft_text="\n".join(spec["draft"]),
        explanation=spec["explanation"],
        decision_type=spec["decision_type"],
        affects_business=spec["affects_business"],
        opens_on=opens_on,
        closes_on=closes_on,
        shortening_reason=spec.get("shortening_reason", ""),
        channels="信函：广州市应急管理局法规处（请在信封上注明“意见征集”）",
        category="regulations_normative_docs",
    )


def _comment(consultation, label, text, sent_on, n):
    article = consultation.articles.filter(label=label).first() if label else None
    comment = Comment(
        consultation=consultation,
        article=article,
        text=text,
        sent_on=sent_on,
        publish_consent=n % 3 != 2,
        name="" if n % 2 else "市民",
    )
    comment.save_numbered()
    return comment


def load(people, stdout):
    if Consultation.objects.exists():
        stdout.write("意见征集：演示数据已存在，跳过")
        return
    for spec in CONSULTATIONS:
        opens_on = dt.date.fromisoformat(spec["opens_on"])
        consultation = _make(
            people,
            spec,
            opens_on,
            dt.date.fromisoformat(spec["closes_on"]),
            on=opens_on - dt.timedelta(days=10),
        )
        _publish(consultation.document, people, spec["published"])
        consultation.refresh_from_db()
        sent = dt.date.fromisoformat(spec["opens_on"])
        made = [
            _comment(consultation, label, text, sent + dt.timedelta(days=3 * n), n)
            for n, (label, text, _, _) in enumerate(spec["comments"])
        ]
        for comment, (_, _, disposition, reason) in zip(made, spec["comments"], strict=True):
            consultation.decide(
                by=people["fagui"], comments=[comment], disposition=disposition, reason=reason
            )
        feedback = consultation.draft_feedback(
            by=people["fagui"], on=dt.date.fromisoformat(spec["feedback"]) - dt.timedelta(days=4)
        )
        _publish(feedback, people, spec["feedback"])
    today = timezone.localdate()
    consultation = _make(people, OPEN_NOW, today, today + dt.timedelta(days=30), on=today)
    _publish(consultation.document, people, today.isoformat())
    consultation.refresh_from_db()
    for n, (label, text) in enumerate(OPEN_NOW["comments"]):
        _comment(consultation, label, text, today, n)
    stdout.write(f"意见征集：{Consultation.objects.count()}项（其中1项正在征求意见）")
