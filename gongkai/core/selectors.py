"""Reads of the directory that several apps need."""

from django.db.models import QuerySet

from gongkai.core.models import User
from gongkai.core.roles import Role


def unit_staff(unit) -> QuerySet[User]:
    """The active clerks and head(s) of a unit: who acts on the unit's work."""
    return units_staff([unit.pk])


def units_staff(unit_ids) -> QuerySet[User]:
    """The same for several units at once (a sweep groups them by `unit_id`)."""
    return User.objects.filter(
        is_active=True, unit_id__in=unit_ids, groups__name__in=[Role.CLERK, Role.UNIT_HEAD]
    ).distinct()


def disclosure_office() -> QuerySet[User]:
    """The active people of the disclosure office (政务公开管理员)."""
    return User.objects.filter(is_active=True, groups__name=Role.PRESS_OFFICE).distinct()


def leaders() -> QuerySet[User]:
    """The active 签发领导 (局领导)."""
    return User.objects.filter(is_active=True, groups__name=Role.LEADER).distinct()
