"""Template filters for Chinese dates: {{ d|cndate }} → 2022年9月30日."""

import datetime as dt

from django import template
from django.utils import timezone

from gongkai.lib.cndate import cn_date, cn_datetime

register = template.Library()


@register.filter
def cndate(value, arg=""):
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return cn_date(value.date(), weekday=arg == "weekday")
    return cn_date(value, weekday=arg == "weekday")


@register.filter
def cndatetime(value):
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return cn_datetime(value)
