"""The demo bureau: 广州市应急管理局, every unit its 2022 plan names, and one login per role."""

from __future__ import annotations

from django.db import transaction

from gongkai.core.models import Unit, User
from gongkai.core.roles import Role

D, S, L = Unit.Kind.DEPARTMENT, Unit.Kind.SUBORDINATE, Unit.Kind.LEADERSHIP

# (name, full name, kind, aliases) — aliases are how plans write the unit.
UNITS = [
    ("办公室", "办公室（保密办）", D, "局办公室、局保密办、保密办"),
    ("新闻处", "新闻宣传处", D, "新闻宣传处"),
    ("法规处", "政策法规处", D, "政策法规处"),
    ("审批处", "行政审批处", D, "行政审批处"),
    ("指挥处", "应急指挥处", D, "应急指挥处"),
    ("科技处", "科技和信息化处", D, "科技和信息化处、信息化处"),
    ("规划财务处", "规划财务处", D, "财务处"),
    ("人事处", "人事处", D, ""),
    ("风险监测处", "风险监测和综合减灾处", D, "风险监测和综合减灾处、减灾处"),
    ("救援协调处", "救援协调和预案管理处", D, "救援协调和预案管理处、预案处"),
    ("危化处", "危险化学品安全监督管理处", D, "危险化学品安全监督管理处"),
    ("执法监督处", "执法监督处", D, ""),
    ("机关党委", "机关党委（人事处）", D, "局机关党委"),
    ("指挥中心", "广州市应急管理指挥中心", S, "应急指挥中心"),
    ("执法支队", "广州市安全生产执法监察支队", S, "执法监察支队"),
    ("宣教中心", "广州市应急管理宣传教育中心", S, "宣传教育中心"),
    ("保障中心", "广州市应急救援保障中心", S, "救援保障中心"),
    ("局领导", "局领导班子", L, "局党委、局领导班子"),
]

# (username, name, unit, roles)
PEOPLE = [
    ("admin", "系统管理员", "办公室", [Role.SYSADMIN]),
    ("xinwen", "叶玉才", "新闻处", [Role.PRESS_OFFICE, Role.CLERK]),
    ("xinwen_head", "陈志强", "新闻处", [Role.PRESS_OFFICE, Role.UNIT_HEAD]),
    ("fagui", "李晓梅", "法规处", [Role.CLERK]),
    ("fagui_head", "王建国", "法规处", [Role.UNIT_HEAD]),
    ("shenpi", "张丽华", "审批处", [Role.CLERK]),
    ("zhihui", "刘伟", "指挥中心", [Role.CLERK]),
    ("baomi", "赵敏", "办公室", [Role.CONFIDENTIALITY_REVIEWER]),
    ("lingdao", "黄振华", "局领导", [Role.LEADER]),
    # A second 签发领导: one who did a head's own 一审 may not also sign it off (三审).
    ("lingdao2", "孙立新", "局领导", [Role.LEADER]),
]
DEMO_PASSWORD = "Gongkai@2022"  # noqa: S105 — the published demo login (passes the validators)


@transaction.atomic
def ensure_units() -> dict[str, Unit]:
    units = {}
    for order, (name, full_name, kind, aliases) in enumerate(UNITS, start=1):
        units[name], _ = Unit.objects.get_or_create(
            name=name,
            defaults={"full_name": full_name, "kind": kind, "aliases": aliases, "order": order},
        )
    return units


@transaction.atomic
def ensure_people(password: str = DEMO_PASSWORD) -> dict[str, User]:
    units = ensure_units()
    people = {}
    for username, full_name, unit, roles in PEOPLE:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, full_name=full_name, unit=units[unit])
            user.set_password(password)
            user.is_staff = Role.SYSADMIN in roles  # Django admin: system administrators only
            user.save()
            user.set_roles(roles)
        people[username] = user
    return people
