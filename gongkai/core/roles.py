"""Staff roles (角色), stored as Django groups named in Chinese."""

from django.db import models


class Role(models.TextChoices):
    PRESS_OFFICE = "政务公开管理员", "政务公开管理员（新闻处）"
    CLERK = "处室经办人", "处室经办人"
    UNIT_HEAD = "处室负责人", "处室负责人"
    CONFIDENTIALITY_REVIEWER = "保密审查员", "保密审查员"
    LEADER = "签发领导", "签发领导"
    SYSADMIN = "系统管理员", "系统管理员"
    # 审计查阅: an auditor (审计、巡视、上级检查) reading the records of every unit, years later;
    # changes nothing (core.middleware.ReadOnlyRoles refuses every verb).
    AUDITOR = "审计查阅", "审计查阅（只读）"


# Roles whose work spans the whole bureau: they see every unit's records.
BUREAU_WIDE_ROLES = frozenset({Role.PRESS_OFFICE, Role.LEADER, Role.SYSADMIN, Role.AUDITOR})
# Roles that only read: an account holding one is read-only whatever else it holds, so an
# auditor's account cannot be made to act by adding a role to it.
READ_ONLY_ROLES = frozenset({Role.AUDITOR})
