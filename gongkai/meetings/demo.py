"""Demo meetings: the bureau's 2022 plan — one decision meeting with public attendance a quarter
(seed item 11) — each put through the real steps on its own dates: the notice drafted by a
unit's clerk and published by its head or the press office, sign-ups through the same service
as the public form, the selection (one oversubscribed meeting drawn by lottery, one by
invitation), attendance, opinions and a published summary.

The people are invented, and so are the seed values: "387" is not the real 福彩3D number of
14 September 2022, only the demo's stand-in for it.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from gongkai.meetings.forms import SignUpForm
from gongkai.meetings.models import Handling, Meeting
from gongkai.meetings.services import meeting_create, signup_submit

SHANGHAI = ZoneInfo("Asia/Shanghai")

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高梁郑谢宋"
GIVEN = ["建华", "丽娟", "志强", "秀英", "伟", "海燕", "国强", "晓红", "明", "春梅", "文杰", "淑珍"]
DISTRICTS = [
    "越秀区",
    "海珠区",
    "荔湾区",
    "天河区",
    "白云区",
    "黄埔区",
    "番禺区",
    "花都区",
    "南沙区",
]
JOBS = [
    "社区工作者",
    "企业安全员",
    "教师",
    "退休职工",
    "个体经营者",
    "工程师",
    "律师",
    "物业管理员",
]
STATEMENTS = [
    "我长期关注社区安全，希望了解方案对居民的影响并提出建议。",
    "本人从事企业安全管理工作，熟悉一线情况，愿意提供意见。",
    "家附近有相关设施，希望方案能兼顾居民的安全和出行。",
    "作为志愿者参加过应急演练，希望参与讨论宣传和培训的安排。",
]

# (key, unit, title, topics, starts, seats, selection, opens, closes, seed date, sign-ups,
#  present of the attendees (by order), opinions, summary)
MEETINGS = [
    (
        "q1",
        "法规处",
        "《广州市应急管理局安全生产约谈办法》修订审议会",
        "审议《广州市应急管理局安全生产约谈办法（修订稿）》",
        "2022-03-22 15:00",
        5,
        "first_come",
        "2022-03-08 09:00",
        "2022-03-18 17:00",
        None,
        4,
        [True, True, True, False],
        [
            (0, "建议约谈记录向社会公开，接受监督。", Handling.ADOPTED, ""),
            (
                1,
                "建议对小微企业约谈前先行书面提醒。",
                Handling.PARTLY,
                "对首次发现的一般隐患先行书面提醒；重大事故隐患仍直接约谈。",
            ),
        ],
        "3名公众代表列席会议（1名因事缺席），发表意见2条，采纳1条、部分采纳1条，已吸收进办法第三条。",
    ),
    (
        "q2",
        "新闻处",
        "2022年汛期防灾减灾宣传工作方案审议会",
        "审议2022年汛期防灾减灾宣传工作方案\n研究“防灾减灾日”社区宣传活动安排",
        "2022-06-14 15:00",
        6,
        "lottery",
        "2022-05-30 09:00",
        "2022-06-08 17:00",
        "2022-06-09",
        5,
        [True, True, True, True, True],
        [(2, "建议宣传材料增加粤语和英语版本。", Handling.ADOPTED, "")],
        "5名公众代表列席（报名5人，未超过席位，全部列席），意见1条已采纳。",
    ),
    (
        "q3",
        "法规处",
        "危险化学品仓储安全专项整治方案审议会",
        "审议《广州市危险化学品仓储安全专项整治方案（征求意见稿）》",
        "2022-09-20 15:00",
        8,
        "lottery",
        "2022-09-01 09:00",
        "2022-09-13 17:00",
        "2022-09-14",
        23,
        [True, True, True, True, True, True, True, False],
        [
            (
                0,
                "建议公布全市危化品仓库分布和安全距离。",
                Handling.PARTLY,
                "公布各区仓库数量和检查结果；具体位置涉及公共安全，不予公开。",
            ),
            (3, "建议整治期间增加夜间巡查。", Handling.ADOPTED, ""),
            (
                5,
                "建议将居民小区周边仓库一律搬迁。",
                Handling.NOT_ADOPTED,
                "搬迁须依规划和安全评价逐一论证，方案改为对不符合安全距离的仓库限期整改或搬迁。",
            ),
        ],
        "报名23人，超过8个席位，按公布的种子公开抽签；7名代表列席，发表意见3条：采纳1条、部分采纳1条、不予采纳1条（理由见下）。",
    ),
    (
        "q4",
        "新闻处",
        "烟花爆竹安全管理宣传及举报奖励办法审议会",
        "审议烟花爆竹安全管理宣传方案\n审议安全生产举报奖励办法实施细则",
        "2022-12-13 15:00",
        3,
        "invite",
        None,
        None,
        None,
        0,
        [True, True, False],
        [(1, "建议举报奖励发放流程在网站公开。", Handling.ADOPTED, "")],
        "邀请3名公众代表（人大代表、社区工作者、企业安全员），2名列席，意见1条已采纳。",
    ),
]

INVITED = [
    ("何志强", "越秀区", "市人大代表"),
    ("梁秀英", "白云区", "社区工作者"),
    ("罗文杰", "黄埔区", "企业安全员"),
]


def _at(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    return dt.datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=SHANGHAI)


def _person(i: int) -> dict:
    return {
        "name": SURNAMES[i % len(SURNAMES)] + GIVEN[(i * 7) % len(GIVEN)],
        "phone": f"139{20220000 + i:08d}",
        "district": DISTRICTS[i % len(DISTRICTS)],
        "occupation": JOBS[(i * 3) % len(JOBS)],
        "statement": STATEMENTS[i % len(STATEMENTS)],
        "conflicts": "无" if i % 5 else "本人在相关企业工作",
        "publish_consent": "on" if i % 4 else "",
        "eligible": "on",
    }


def load(people, stdout):
    if Meeting.objects.exists():
        stdout.write("决策会议：演示数据已存在，跳过")
        return
    staff = {
        "法规处": (people["fagui"], people["fagui_head"]),
        "新闻处": (people["xinwen"], people["xinwen_head"]),
    }
    serial = 0
    for (
        key, unit_name, title, topics, starts, seats, selection, opens, closes, seed_date,
        count, present, opinions, summary,
    ) in MEETINGS:  # fmt: skip
        clerk, head = staff[unit_name]
        starts_at, closes_at = _at(starts), _at(closes)
        drafted = (closes_at or starts_at) - dt.timedelta(days=14)
        meeting = meeting_create(
            by=clerk,
            unit=clerk.unit,
            title=title,
            topics=topics,
            starts_at=starts_at,
            place="广州市应急管理局3楼第一会议室",
            public_seats=seats,
            selection=selection,
            signup_opens=_at(opens),
            signup_closes=closes_at,
            seed_source=f"{seed_date[:4]}年{int(seed_date[5:7])}月{int(seed_date[8:])}日中国福利彩票3D开奖号码"
            if seed_date
            else "",
            seed_date=dt.date.fromisoformat(seed_date) if seed_date else None,
            live_stream=key == "q3",
            notice="列席代表可在会上就议题发表意见，会议材料会前3日通过电子邮件或短信发送。",
            created_at=drafted,
        )
        meeting.submit(by=clerk, at=drafted + dt.timedelta(hours=2))
        meeting.publish(by=head, note="同意发布", at=drafted + dt.timedelta(days=1))
        opened = _at(opens)
        for i in range(count):
            form = SignUpForm(_person(serial))
            form.is_valid()
            signup_submit(
                meeting=meeting,
                form=form,
                idempotency_key=f"demo-{key}-{i}",
                ip=None,
                at=opened + dt.timedelta(hours=5 + i * 7),
            )
            serial += 1
        if selection == "invite":
            for name, district, job in INVITED:
                invited_at = drafted + dt.timedelta(days=3)
                meeting.invite(
                    by=clerk,
                    name=name,
                    district=district,
                    occupation=job,
                    publish_consent=True,
                    at=invited_at,
                )
        selected_at = (closes_at or starts_at - dt.timedelta(days=3)) + dt.timedelta(days=1)
        if seed_date and count > seats:
            seed_at = _at(f"{seed_date} 21:40")  # the evening the value is published
            meeting.record_seed(by=clerk, value="387", at=seed_at)
            selected_at = seed_at + dt.timedelta(hours=12)
        meeting.select(by=clerk, at=selected_at)
        attendees = list(meeting.attendees())
        here = [s for s, came in zip(attendees, present, strict=False) if came]
        after = starts_at + dt.timedelta(hours=3)
        meeting.record_attendance(by=clerk, present=here, at=after)
        for index, text, handling, response in opinions:
            meeting.add_opinion(
                by=clerk,
                speaker=here[index % len(here)],
                text=text,
                handling=handling,
                response=response,
                at=after,
            )
        meeting.submit_summary(by=clerk, summary=summary, at=after + dt.timedelta(days=4))
        meeting.publish_summary(by=head, note="同意公开", at=after + dt.timedelta(days=5))
    stdout.write(
        f"决策会议：2022年{len(MEETINGS)}次，公众代表报名{serial}人，其中1次报名超过席位经公开抽签"
    )
