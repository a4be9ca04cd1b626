"""`gongkai demo`: load the demo bureau and everything the other apps show. Safe to run twice."""

from django.db import transaction

from gongkai.core.bureau import DEMO_PASSWORD, PEOPLE, ensure_people
from gongkai.core.management.base import GongkaiCommand
from gongkai.site import parts


class Command(GongkaiCommand):
    help = (
        "载入演示数据：广州市应急管理局及其处室、直属单位，每个角色一个账号，以及各模块的演示数据"
    )

    def handle(self, *args, **options):
        people = ensure_people()
        for load in parts.DEMO_LOADERS:
            # One part at a time, whole or not at all: a part left half-loaded would be
            # skipped by the next run (each loader skips when its records exist).
            with transaction.atomic():
                load(people, self.stdout)
        self.stdout.write(f"演示账号（密码均为 {DEMO_PASSWORD}）：")
        for username, full_name, unit, roles in PEOPLE:
            self.stdout.write(f"  {username:<12} {full_name}（{unit}）：{'、'.join(roles)}")
