from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "gongkai.meetings"
    label = "meetings"
    verbose_name = "决策会议公众列席"
