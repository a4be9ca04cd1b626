"""The shared test cast: one bureau, its units and one person per role (see core/bureau.py)."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password

from gongkai.core.bureau import PEOPLE, ensure_units
from gongkai.core.models import User

TEST_PASSWORD = "Cast-password-2022"


class Cast:
    """Attributes: units by name (`cast.units["法规处"]`) and people: admin, press (新闻处),
    press_head (新闻处负责人, who heads the disclosure office),
    clerk (法规处 经办人), head (法规处 负责人), other_clerk (审批处), subordinate_clerk (指挥中心),
    reviewer (保密审查员), leader (签发领导)."""

    def __init__(self):
        self.units = ensure_units()
        hashed = make_password(TEST_PASSWORD)  # hash once: Argon2 is slow on purpose
        people = {}
        for username, full_name, unit, roles in PEOPLE:
            user = User.objects.create(
                username=username, full_name=full_name, unit=self.units[unit], password=hashed
            )
            user.set_roles(roles)
            people[username] = user
        self.admin = people["admin"]
        self.press = people["xinwen"]
        self.press_head = people["xinwen_head"]  # 政府信息公开工作机构负责人
        self.clerk = people["fagui"]
        self.head = people["fagui_head"]
        self.other_clerk = people["shenpi"]
        self.subordinate_clerk = people["zhihui"]
        self.reviewer = people["baomi"]
        self.leader = people["lingdao"]
