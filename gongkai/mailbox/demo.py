"""Demo messages: the last twelve months of a municipal 应急管理局's leader mailbox — a few hundred
messages on the topics people really write about, most answered in time, some late, some open,
some declined, merged or routed, many published with masked copies — and one topic (电动自行车
充电) that jumps in the last full week, so that the signals page has something to flag.

Every step goes through the message's own verbs. The verbs stamp today's date (受理日期, 答复
日期, 公开时间, 评价日期) because that is what they mean in real use; a demo of a past year then
moves those dates back with `.update()` — only the dates the verbs stamped, recomputing the
reply deadline from the moved acceptance date with the same calendar. The audit log keeps the
time the demo was loaded: it records when things were done in this database.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from gongkai.core.bureau import DEMO_PASSWORD, ensure_units
from gongkai.core.calendar import workday_calendar
from gongkai.core.models import Notification, User
from gongkai.core.roles import Role
from gongkai.mailbox import masking
from gongkai.mailbox.models import (
    Category,
    Channel,
    Message,
    MessageEvent,
    MessageStatus,
    NotPublishedReason,
    Route,
    Satisfaction,
    reply_workdays,
)
from gongkai.mailbox.services import create

KEY = "demo-message-"
DAYS = 365
SPIKE_WORD = "电动自行车"

# Handling staff the mailbox needs beyond the bureau's demo logins: (username, name, unit, role).
HANDLERS = [
    ("weihua", "周海燕", "危化处", Role.CLERK),
    ("weihua_head", "郑国栋", "危化处", Role.UNIT_HEAD),
    ("zhifa", "何俊杰", "执法支队", Role.CLERK),
    ("zhifa_head", "罗志明", "执法支队", Role.UNIT_HEAD),
    ("zhihui_head", "梁永康", "指挥中心", Role.UNIT_HEAD),
    ("shenpi_head", "吴慧玲", "审批处", Role.UNIT_HEAD),
]

PLACES = ["白云区", "天河区", "海珠区", "番禺区", "黄埔区", "花都区", "越秀区", "荔湾区", "增城区"]
STREETS = ["同和街", "石牌街", "新港街", "大石街", "夏港街", "新华街", "北京街", "沙面街", "荔城街"]
SURNAMES = "陈李黄张梁刘林何罗郑周吴谢邓冯曾彭萧蔡潘"
GIVEN = ["伟", "芳", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明"]

# topic → (handling unit, weight, seasonal months or None, [(category, subject, body)]).
# {p} place, {s} street, {phone} a mobile, {id} an ID number: people do write these in the text.
TOPICS = {
    "加油站": ("危化处", 10, None, [
        ("consult", "小区旁边建加油站，安全距离够不够？",
         "你好，我是{p}{s}的居民，我们小区东边在建一个加油站，离住宅楼大概就二三十米，"
         "请问加油站和民用建筑的安全距离国家是怎么规定的？审批的时候有没有考虑？"),
        ("complain", "投诉{p}某加油站离学校太近",
         "领导好！{p}{s}那个加油站离小学门口不到50米，每天小孩上学放学都经过，"
         "家长们都很担心。请你们派人去核实一下安全距离是否符合规范。我电话{phone}。"),
        ("suggest", "建议公开加油站和危化品仓库的位置",
         "建议应急局在网站上公开全市加油站、危化品仓库的位置和安全距离，方便市民了解周边危险源。"),
    ]),
    "危化品": ("危化处", 7, None, [
        ("complain", "{p}有仓库疑似非法存放危化品",
         "{s}工业园里面有个仓库晚上经常有车来卸桶装的东西，味道很刺鼻，怀疑是危险化学品，"
         "没有任何标识。请尽快去查一下！联系人电话{phone}。"),
        ("consult", "危险化学品经营许可证怎么办理",
         "我想开一家化工原料贸易公司，只做票据不存货，请问危险化学品经营许可证要什么材料？在哪里办？"),
    ]),
    "燃气": ("执法支队", 9, (11, 12, 1, 2, 3), [
        ("complain", "餐馆违规使用液化气钢瓶",
         "{p}{s}美食街好几家大排档把液化气瓶放在门口人行道上，旁边就是炉头，太危险了，"
         "上次还看到有瓶子漏气。希望有关部门管一管。"),
        ("help", "老旧小区燃气管道老化怎么办",
         "我家住{p}{s}的老小区，燃气管道都生锈了，楼下闻到过煤气味，找物业没人理，"
         "请问应该找哪个部门？我身份证号{id}，电话{phone}，可以联系我。"),
        ("consult", "燃气泄漏报警器是不是必须装",
         "请问餐饮店是不是必须安装可燃气体报警器？有没有文件规定？我们是小店，想了解一下。"),
    ]),
    "电动自行车": ("执法支队", 8, None, [
        ("complain", "楼道里电动自行车充电没人管",
         "我住{p}{s}，我们楼有人把电动自行车推进楼道充电，电线从窗户拉出来，晚上一直充，"
         "看新闻电动自行车起火很吓人，跟物业说了也没用，请问电动自行车在楼道充电有没有人管？"),
        ("suggest", "建议小区多建电动自行车充电桩",
         "电动自行车越来越多，小区里没有集中充电的地方，大家只能飞线充电或者拿电池上楼。"
         "建议推动小区建设电动自行车集中充电桩，从源头解决充电安全问题。"),
        ("consult", "电动自行车电池能不能带进电梯",
         "请问电动自行车和电池带进电梯有没有规定？我们小区物业说不行，有的业主说可以，想问清楚。"),
    ]),
    "消防通道": ("执法支队", 7, None, [
        ("complain", "{p}{s}小区消防通道被长期占用",
         "小区的消防通道天天停满车，物业收了停车费就不管了，真有火灾消防车根本进不来。"
         "已经反映好几次，请领导重视。联系电话{phone}。"),
        ("complain", "商场安全出口被锁",
         "{p}某商场晚上把两个安全出口用铁链锁住了，说是防盗，这样出事怎么疏散？请去检查。"),
    ]),
    "避难场所": ("指挥中心", 5, None, [
        ("consult", "附近的应急避难场所在哪里",
         "请问{p}{s}附近有没有应急避难场所？地图上查不到，发生地震或者台风要去哪里？"),
        ("suggest", "应急避难场所要有明显标识",
         "我们小区旁边的公园说是应急避难场所，但是一个牌子都没有，很多人都不知道。"
         "建议完善标识，定期开放演练。"),
    ]),
    "安全生产培训": ("审批处", 7, None, [
        ("consult", "特种作业操作证到期怎么复审",
         "我的低压电工作业证快到期了，请问复审在哪里办，要不要重新培训？"
         "证号就是身份证号{id}，麻烦告知一下流程。"),
        ("help", "安全生产培训证书查询不到",
         "去年参加的安全生产管理人员培训，考试也过了，但是在网上查不到证书，"
         "单位要用，很着急，请帮忙查一下，电话{phone}。"),
        ("consult", "安全管理人员证书网上能办吗",
         "请问生产经营单位安全生产管理人员的安全生产知识和管理能力考核，能不能全程网上办理？"),
    ]),
    "台风": ("指挥中心", 8, (5, 6, 7, 8, 9, 10), [
        ("suggest", "台风预警信息要早点发到小区",
         "这次台风来之前，我们小区很多老人根本不知道要转移，手机也不会看。"
         "建议台风防汛预警通过居委会、小区广播多渠道通知。"),
        ("help", "{p}{s}一下雨就水浸街",
         "每次暴雨{s}路口都水浸到膝盖，上周还有车熄火在水里。防汛的时候能不能提前安排抽水？"),
        ("consult", "台风停课停工是谁发布的",
         "请问台风红色预警的时候停工停课是哪个部门发布的？企业不停工怎么办？"),
    ]),
    "复工": ("执法支队", 5, (1, 2, 3), [
        ("consult", "春节后企业复工要做哪些安全检查",
         "我们是一家小型五金加工厂，节后准备复工，请问复工前要做哪些安全检查，有没有检查表可以参考？"),
        ("complain", "工厂复工没做安全培训就开工",
         "我在{p}一家工厂上班，节后直接让我们上机器，没有任何安全培训，设备也没检查。"
         "不方便留名，希望能去抽查一下。"),
    ]),
    "有限空间": ("执法支队", 3, None, [
        ("report", "检举某公司有限空间作业不按规定",
         "{p}某环保公司清理污水池的时候不通风不检测就让工人下去，之前还出过事被压下来了，"
         "请纪检和执法部门调查。"),
    ]),
}  # fmt: skip  # a table: one topic a block, the letters as people write them

REPLIES = {
    "consult": "您好！您反映的问题收悉。经了解，{topic}方面的规定如下："
    "相关标准和办理流程已在本局门户网站“办事服务”栏目公开，您也可拨打12345热线咨询。感谢您对应急管理工作的关心和支持！",
    "complain": "您好！收到您的来信后，我局立即组织执法人员到现场核查。经查，您反映的{topic}问题"
    "基本属实，已责令相关单位限期整改，并将跟踪整改落实情况。感谢您的监督！",
    "suggest": "您好！感谢您对{topic}工作提出的宝贵建议。我局已将您的建议转相关处室研究，"
    "将在下一步工作中统筹考虑、逐步完善。",
    "help": "您好！您反映的{topic}问题收悉。我局已协调属地应急管理部门和有关单位跟进处理，"
    "工作人员将与您联系。如仍有困难，可再次来信。",
    "report": "您好！您检举的问题已收悉，我局已按规定组织核查处理。"
    "根据有关规定，核查情况不予公开。",
}


def load(people, stdout):
    if Message.objects.filter(idempotency_key__startswith=KEY).exists():
        stdout.write("领导信箱：演示数据已存在，跳过")
        return
    rng = random.Random(2022)
    handlers = _handlers(people)
    calendar = workday_calendar(provisional=True)
    today = timezone.localdate()
    plan = _plan(rng, today)
    earlier = {}
    # One message forgotten with its unit for over two months: the 60-day alarm has a case.
    stuck = next(n for n, (when, _) in enumerate(plan, 1) if (today - when.date()).days < 75)
    for n, (when, topic) in enumerate(plan, start=1):
        with transaction.atomic():
            message = _write(rng, n, when, topic)
            _handle(rng, message, topic, today, calendar, handlers, earlier, stuck=n == stuck)
        if message.status in (MessageStatus.ASSIGNED, MessageStatus.DRAFTED):
            earlier[topic] = message  # a later letter on the same matter may be merged into it
    # The verbs told the units of every step of the past year as it was loaded: those
    # notifications arrive read; `gongkai remind` sends what is due now.
    Notification.objects.filter(key__startswith="messages:", read_at__isnull=True).update(
        read_at=timezone.now()
    )
    stdout.write(f"领导信箱：演示留言 {len(plan)} 件（{SPIKE_WORD}在上周集中反映）")
    stdout.write("领导信箱办理账号：" + "、".join(f"{u}（{unit}）" for u, _, unit, _ in HANDLERS))


def _handlers(people) -> dict:
    """The bureau's demo logins plus a clerk and a head for each unit the messages go to."""
    units = ensure_units()
    found = dict(people)
    for username, full_name, unit, role in HANDLERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, full_name=full_name, unit=units[unit])
            user.set_password(DEMO_PASSWORD)
            user.save()
            user.set_roles([role])
        found[username] = user
    by_unit = {}
    for user in found.values():
        if user.unit_id is None:
            continue
        slot = by_unit.setdefault(user.unit.name, {"unit": user.unit})
        if user.has_role(Role.UNIT_HEAD):
            slot["head"] = user
        elif user.has_role(Role.CLERK):
            slot.setdefault("clerk", user)
    by_unit["press"] = found["xinwen"]
    return by_unit


def _plan(rng, today) -> list[tuple[dt.datetime, str]]:
    """(when written, topic) for the year, oldest first: the topics by weight and season, about
    six a week, and the spike — a dozen more 电动自行车 letters in the last full week."""
    names = list(TOPICS)
    start = today - dt.timedelta(days=DAYS)
    plan = []
    for offset in range(DAYS):
        day = start + dt.timedelta(days=offset)
        for _ in range(rng.choice((0, 0, 1, 1, 1, 2))):
            weights = [_weight(t, day) for t in names]
            plan.append((_at(rng, day), rng.choices(names, weights)[0]))
    last_week = today - dt.timedelta(days=today.weekday() + 7)
    for _ in range(14):  # an e-bike fire on the news: the letters come in that week
        plan.append((_at(rng, last_week + dt.timedelta(days=rng.randint(0, 6))), SPIKE_WORD))
    return sorted(plan)


def _weight(topic: str, day: dt.date) -> int:
    """Seasonal topics three times as often in season (台风 in summer, 燃气 in winter); 复工
    letters only around the Spring Festival."""
    weight, season = TOPICS[topic][1], TOPICS[topic][2]
    if season is None:
        return weight
    if day.month in season:
        return weight * 3
    return 0 if topic == "复工" else weight


def _at(rng, day: dt.date) -> dt.datetime:
    hour = rng.choice((8, 9, 10, 11, 12, 14, 15, 16, 20, 21, 22, 23))
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, rng.randint(0, 59))))


def _phone(rng) -> str:
    return f"1{rng.choice('3578')}{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}"


def _id_number(rng) -> str:
    """A plausible 18-digit number with the right GB 11643 check digit."""
    body = f"4401{rng.randint(1, 16):02d}{rng.randint(1960, 2000)}{rng.randint(1, 12):02d}"
    body += f"{rng.randint(1, 28):02d}{rng.randint(100, 999)}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(d) * w for d, w in zip(body, weights, strict=True))
    return body + "10X98765432"[total % 11]


def _write(rng, n, when, topic) -> Message:
    category, subject, body = rng.choice(TOPICS[topic][3])
    place, street, phone = rng.choice(PLACES), rng.choice(STREETS), _phone(rng)
    fill = {"p": place, "s": street, "phone": phone, "id": _id_number(rng)}
    hotline = rng.random() < 0.1 and category != Category.REPORT
    message = Message(
        idempotency_key=f"{KEY}{n}",
        channel=Channel.HOTLINE if hotline else Channel.MAILBOX,
        hotline_order_no=f"GZ12345-{when:%Y%m%d}-{n:04d}" if hotline else "",
        category=category,
        subject=subject.format(**fill)[:100],
        body=body.format(**fill),
        name=rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(("", "", rng.choice(GIVEN))),
        phone=phone,
        address=f"广州市{place}{street}{rng.randint(1, 200)}号" if rng.random() < 0.4 else "",
        publish_consent=not hotline and category != Category.REPORT and rng.random() < 0.65,
        submitted_at=when,
    )
    create(message, (), actor=None, note="12345工单" if hotline else "网上留言")
    return message


def _handle(rng, message, topic, today, calendar, handlers, earlier, *, stuck=False) -> None:
    press = handlers["press"]
    received = timezone.localtime(message.submitted_at).date()
    accepted = received if calendar.is_workday(received) else calendar.add_workdays(received, 1).due
    if accepted > today:
        return  # written over the weekend: still 待受理
    roll = rng.random()
    if roll < 0.04:
        message.decline(by=press, reason="留言内容不完整，无法核实具体事项，请补充后重新留言。")
        return _dates(message, events={"decline": accepted})
    if roll < 0.07 and message.category != Category.REPORT:
        message.route(
            by=press,
            channel=Route.PETITION,
            notice="您反映的事项属于信访事项，已按《信访工作条例》转信访渠道办理，请留意信访部门的告知。",
        )
        return _dates(message, events={"route": accepted})
    if (
        roll < 0.10
        and topic in earlier
        # a 检举 is merged only into a 检举 (Message.merge)
        and (message.category != Category.REPORT or earlier[topic].category == Category.REPORT)
        and earlier[topic].status
        not in (
            MessageStatus.DECLINED,
            MessageStatus.ROUTED,
            MessageStatus.MERGED,
        )
    ):
        message.merge(by=press, into=earlier[topic], note="与此前留言反映同一问题，合并办理")
        return _dates(message, events={"merge": accepted})
    staff = handlers[TOPICS[topic][0]]
    # the demo's 检举 accuse companies, not a unit of the bureau
    message.assign(by=press, unit=staff["unit"], no_named_unit=True)
    due = calendar.add_workdays(accepted, reply_workdays(message.category)).due
    _dates(message, accepted_on=accepted, due_date=due, events={"assign": accepted})
    if stuck:
        return
    late = rng.random() < 0.08
    took = (
        reply_workdays(message.category) + rng.randint(1, 6)
        if late
        else rng.randint(1, reply_workdays(message.category))
    )
    replied = calendar.add_workdays(accepted, took).due
    drafted = calendar.add_workdays(accepted, max(took - 1, 0)).due
    if drafted > today or (today - received).days < 3 and rng.random() < 0.5:
        return  # still with the unit
    message.draft(by=staff["clerk"], text=REPLIES[message.category].format(topic=topic))
    _dates(message, events={"draft": drafted})
    if replied > today:
        return
    message.approve(by=staff["head"])
    message.release(by=press)
    _dates(message, replied_on=replied, events={"approve": replied, "release": replied})
    Message.objects.filter(merged_into=message).update(replied_on=replied)  # their copy too
    _after_reply(rng, message, replied, today, calendar, press)


def _after_reply(rng, message, replied, today, calendar, press) -> None:
    """Publication within a few working days (a few withheld, one forgotten), and ratings."""
    if message.may_be_published:
        published = calendar.add_workdays(replied, rng.randint(1, 5)).due
        roll = rng.random()
        if published <= today and roll < 0.88:
            message.publish(by=press, **masking.suggested_copy(message), names_checked=True)
            _dates(message, published_at=published, events={"publish": published})
        elif published <= today and roll < 0.97:
            message.withhold(by=press, reason=NotPublishedReason.SECRET_OR_PRIVATE)
            _dates(message, events={"withhold": published})
    rated = replied + dt.timedelta(days=rng.randint(0, 6))
    if rated <= today and rng.random() < 0.5:
        choice = rng.choices(
            (Satisfaction.SATISFIED, Satisfaction.BASIC, Satisfaction.UNSATISFIED), (70, 22, 8)
        )[0]
        message.rate(satisfaction=choice)
        _dates(message, rated_on=rated, events={"rate": rated})


def _dates(message, *, events: dict, **fields) -> None:
    """Move what the verbs stamped today to the day it happened in the demo year."""
    for name, value in fields.items():
        if name.endswith("_at"):  # a moment: 10:00 that day
            fields[name] = timezone.make_aware(dt.datetime.combine(value, dt.time(10)))
        setattr(message, name, fields[name])
    if fields:
        Message.objects.filter(pk=message.pk).update(**fields)
    for kind, day in events.items():
        at = timezone.make_aware(dt.datetime.combine(day, dt.time(16)))
        MessageEvent.objects.filter(message=message, kind=kind).update(at=at)
