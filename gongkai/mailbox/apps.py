from django.apps import AppConfig


class MailboxConfig(AppConfig):
    name = "gongkai.mailbox"
    label = "mailbox"
    verbose_name = "领导信箱"

    def ready(self):
        from gongkai.core.calendar import calendar_changed
        from gongkai.mailbox.services import recompute_messages

        calendar_changed.connect(recompute_messages, dispatch_uid="mailbox")
