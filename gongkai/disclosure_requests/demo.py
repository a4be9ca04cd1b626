"""Demo applications: a realistic 2022 for the bureau (a few hundred cases across applicant
types and outcomes, some carried over from 2021 and into 2023, reconsideration and litigation),
and a handful open now, all made through the procedure's own verbs."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from gongkai.core.calendar import workday_calendar
from gongkai.disclosure_requests.models import Channel, Consultation, DisclosureRequest, Remedy
from gongkai.disclosure_requests.services import create_registered
from gongkai.disclosure_requests.taxonomy import HANDS_OVER, Outcome

TYPES = [
    ("natural_person", 85),
    ("commercial", 8),
    ("legal_service", 3),
    ("research", 1),
    ("public_welfare", 1),
    ("other_org", 2),
]
OUTCOMES = [
    (Outcome.DISCLOSED, 44),
    (Outcome.ALREADY_PUBLIC, 10),
    (Outcome.PARTIAL, 8),
    (Outcome.WITHHELD_THIRD_PARTY, 3),
    (Outcome.WITHHELD_PROCESS, 3),
    (Outcome.WITHHELD_ENFORCEMENT, 1),
    (Outcome.NOT_EXIST, 12),
    (Outcome.NOT_THIS_AGENCY, 6),
    (Outcome.NEEDS_CREATION, 3),
    (Outcome.PETITION, 3),
    (Outcome.DUPLICATE, 2),
    (Outcome.PUBLICATION, 1),
    (Outcome.ABANDONED_NO_SUPPLEMENT, 2),
    (Outcome.OTHER, 1),
    (Outcome.ABANDONED_FEE_UNPAID, 1),
]
TOPICS = [
    "{y}年某化工企业安全生产许可证核发材料",
    "{y}年度安全生产执法检查计划",
    "某区危险化学品经营许可证办理结果",
    "{y}年生产安全事故调查报告（某建筑工地）",
    "应急避难场所名录及分布",
    "{y}年防汛抢险物资储备情况",
    "某企业行政处罚决定书",
    "{y}年部门预算及“三公”经费",
    "烟花爆竹经营（零售）许可发放情况",
    "森林火灾应急预案",
    "某工贸企业粉尘涉爆隐患整改情况",
    "应急管理综合行政执法事项清单",
]
NAMES = [
    "王",
    "李",
    "张",
    "刘",
    "陈",
    "杨",
    "黄",
    "赵",
    "吴",
    "周",
    "徐",
    "孙",
    "马",
    "朱",
    "胡",
    "郭",
    "何",
    "林",
]
ORGS = [
    "广州某化工有限公司",
    "广东某律师事务所",
    "某安全技术咨询有限公司",
    "某大学公共管理学院",
    "某社区服务中心",
    "某行业协会",
]
UNITS = ["法规处", "审批处", "危化处", "执法监督处", "规划财务处", "救援协调处", "指挥中心"]


def _pick(rng, weighted):
    return rng.choices([k for k, _ in weighted], weights=[w for _, w in weighted])[0]


def _id_number(rng) -> str:
    from gongkai.lib.pii import id_check_char

    body = (
        f"440106{rng.randint(1955, 2002)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        f"{rng.randint(100, 999)}"
    )
    return body + id_check_char(body)


def load(people, stdout):
    if DisclosureRequest.objects.filter(tracking_no__startswith="GK2022-").exists():
        stdout.write("依申请公开：演示数据已存在，跳过")
        return
    rng, press, units = (
        random.Random(2022),
        people["xinwen"],
        {u.unit.name: u.unit for u in people.values() if u.unit_id},
    )
    from gongkai.core.models import Unit

    units = {u.name: u for u in Unit.objects.filter(name__in=UNITS)}
    calendar = workday_calendar()
    made = 0
    # 2021 cases carried into 2022, the year itself, and cases open at the end of 2022.
    dates = [dt.date(2021, 12, rng.randint(13, 30)) for _ in range(6)]
    dates += sorted(
        dt.date(2022, 1, 4) + dt.timedelta(days=rng.randint(0, 358)) for _ in range(260)
    )
    for received in dates:
        with transaction.atomic():
            case = _new_case(rng, received, press)
            _handle(rng, case, people, units, calendar)
        made += 1
    _remedies(rng)
    today = dt.date.today()
    for offset in (2, 5, 9, 14, 17):  # open now, so the lists have live deadlines
        received = today - dt.timedelta(days=offset)
        if workday_calendar().knows_year(received.year):
            with transaction.atomic():
                case = _new_case(rng, received, press)
                case.accept(by=press)
                if offset > 8:
                    case.assign(by=press, unit=units[rng.choice(UNITS)])
            made += 1
    stdout.write(f"依申请公开：{made}件演示申请（含2021年结转、2022年全年、当前办理中）")


def _new_case(rng, received, press) -> DisclosureRequest:
    kind = _pick(rng, TYPES)
    person = rng.choice(NAMES) + rng.choice("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚")
    natural = kind == "natural_person"
    case = DisclosureRequest(
        applicant_type=kind,
        applicant_name=person if natural else rng.choice(ORGS),
        id_document=_id_number(rng) if natural else "91440101MA5CXXXX",
        contact_person="" if natural else person,
        phone=f"13{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}",
        description=rng.choice(TOPICS).format(y=received.year - rng.randint(0, 2)),
        delivery_form="electronic",
        delivery_method=rng.choice(["email", "post", "online"]),
        email="applicant@example.com",
        address="广州市天河区某路1号",
        channel=rng.choice(
            [Channel.ONLINE] * 6 + [Channel.REGISTERED_MAIL, Channel.IN_PERSON, Channel.EMAIL]
        ),
        received_on=received,
    )
    create_registered(case, [], actor=press, note="演示数据")
    return case


LATE_REASON = "涉及多个处室，协调和检索耗时较长"


def _handle(rng, case, people, units, calendar) -> None:
    press, office_head = people["xinwen"], people["xinwen_head"]
    outcome = _pick(rng, OUTCOMES)
    day = calendar.add_workdays(case.received_on, rng.randint(1, 3)).due
    case.accept(by=press, on=day)
    if (
        outcome in (Outcome.ABANDONED_NO_SUPPLEMENT, Outcome.UNCLEAR_AFTER_SUPPLEMENT)
        or rng.random() < 0.05
    ):
        items = "请明确所需信息的名称、文号或时间范围"
        if outcome == Outcome.ABANDONED_NO_SUPPLEMENT:
            # entered later (补录), with what became of it: no supplement within the period
            case.request_supplement(by=press, items=items, on=day, not_supplemented=True)
            reply_on = calendar.add_workdays(day, 16).due
            case.reply(
                by=press,
                outcome=outcome,
                text="您未在补正期限内补正，本机关不再处理该申请。",
                on=reply_on,
            )
            case.serve(by=press, method="post", on=reply_on)
            return
        notice_on, day = day, calendar.add_workdays(day, rng.randint(2, 6)).due
        case.request_supplement(by=press, items=items, on=notice_on, supplemented_on=day)
    case.assign(by=press, unit=units[rng.choice(list(units))], on=day)
    if outcome in (Outcome.PARTIAL, Outcome.WITHHELD_THIRD_PARTY) and rng.random() < 0.6:
        sent = calendar.add_workdays(day, 2).due
        case.start_consultation(
            by=press, kind=Consultation.Kind.THIRD_PARTY, party="相关企业", sent_on=sent
        )
        day = calendar.add_workdays(sent, rng.randint(5, 15)).due
        case.end_consultation(
            by=press, answered_on=day, result="第三方不同意公开涉及商业秘密的内容", objected=True
        )
    if outcome == Outcome.ABANDONED_FEE_UNPAID:  # 109号: a fee notice, 20 WD unpaid, then no more
        DisclosureRequest.objects.filter(pk=case.pk).update(pieces=11)
        case.pieces = 11
        sent = calendar.add_workdays(day, 2).due
        case.send_fee_notice(by=press, method="per_piece", pages=0, sent_on=sent)
        reply_on = calendar.add_workdays(case.pending_fee_notice().payment_due, 1).due
        case.reply(
            by=press,
            outcome=outcome,
            text="您未在缴费期限内缴纳信息处理费，本机关不再处理该申请。",
            on=reply_on,
            late_reason=LATE_REASON,
        )
        case.serve(by=press, method="post", on=reply_on)
        return
    if rng.random() < 0.04:
        case.extend(
            by=office_head,
            workdays=20,
            reason="申请内容涉及多个处室，需要协调",
            notified_on=calendar.add_workdays(day, 3).due,
        )
    reply_on = calendar.add_workdays(day, rng.randint(3, 14)).due
    if case.due_date and reply_on > case.due_date and rng.random() < 0.9:
        reply_on = case.due_date  # most replies are on time; a few are late, as in life
    case.reply(
        by=press,
        outcome=outcome,
        text=_reply_text(outcome),
        on=reply_on,
        withheld_reason="涉及第三方商业秘密"
        if outcome in (Outcome.PARTIAL, Outcome.WITHHELD_THIRD_PARTY)
        else (
            "属于过程性信息"
            if outcome in (Outcome.WITHHELD_PROCESS, Outcome.WITHHELD_ENFORCEMENT)
            else ""
        ),
        referral="广州市市场监督管理局，电话 12345" if outcome == Outcome.NOT_THIS_AGENCY else "",
        files=[_provided_pdf(case)] if outcome in HANDS_OVER else [],  # asked for electronically
        **(_earlier(case) if outcome == Outcome.DUPLICATE else {}),
        late_reason=LATE_REASON,  # kept only when the reply is late
    )
    case.serve(by=press, method=rng.choice(["post", "email", "online"]), on=reply_on)
    if reply_on.year <= 2022 or rng.random() < 0.5:
        case.archive(by=press, on=calendar.add_workdays(reply_on, 5).due)


def _provided_pdf(case):
    """The information a 予以公开/部分公开 reply hands over (each demo applicant asked for it
    electronically): a one-page PDF."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    body = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    return SimpleUploadedFile(f"{case.tracking_no}提供的信息.pdf", body)


def _earlier(case) -> dict:
    """A 重复申请 names the same applicant's earlier answered application (第三十六条第（六）项):
    in the demo, one received on paper before the system, two months earlier."""
    return {
        "earlier_no": f"应急依申请〔{case.received_on.year}〕{case.pk % 90 + 10}号",
        "earlier_on": case.received_on - dt.timedelta(days=60),
    }


def _reply_text(outcome) -> str:
    return {
        Outcome.DISCLOSED: (
            "经查，您申请的信息属于可以公开的政府信息，现将相关文件随本告知书提供给您。"
        ),
        Outcome.ALREADY_PUBLIC: (
            "您申请的信息已于本局门户网站“政府信息公开”栏目主动公开，可在该栏目查阅。"
        ),
        Outcome.NOT_EXIST: "经检索，本机关未制作或获取您所申请的政府信息，该政府信息不存在。",
        Outcome.NEEDS_CREATION: "您申请的内容需要本机关对现有信息进行加工、分析，本机关不予提供。",
    }.get(outcome, "现将处理结果告知如下。")


def _remedies(rng) -> None:
    refused = list(
        DisclosureRequest.objects.filter(
            outcome__in=[
                Outcome.PARTIAL,
                Outcome.WITHHELD_THIRD_PARTY,
                Outcome.WITHHELD_PROCESS,
                Outcome.NOT_EXIST,
            ]
        ).order_by("pk")
    )
    plan = [
        ("reconsideration", "upheld"),
        ("reconsideration", "upheld"),
        ("reconsideration", "upheld"),
        ("reconsideration", "corrected"),
        ("reconsideration", "pending"),
        ("litigation_direct", "upheld"),
        ("litigation_direct", "pending"),
        ("litigation_after", "other"),
    ]
    for case, (kind, result) in zip(
        rng.sample(refused, min(len(plan), len(refused))), plan, strict=False
    ):
        filed = case.replied_on + dt.timedelta(days=rng.randint(10, 50))
        Remedy.objects.create(
            case=case,
            kind=kind,
            filed_on=filed,
            result=result,
            body="广州市人民政府" if kind == "reconsideration" else "广州铁路运输法院",
            decided_on=None
            if result == "pending"
            else min(filed + dt.timedelta(days=60), dt.date(2022, 12, 28)),
        )
