from django.apps import AppConfig


class DisclosureRequestsConfig(AppConfig):
    name = "gongkai.disclosure_requests"
    label = "disclosure_requests"
    verbose_name = "依申请公开"

    def ready(self):
        from gongkai.core.calendar import calendar_changed
        from gongkai.disclosure_requests.services import recompute_open_cases

        calendar_changed.connect(recompute_open_cases, dispatch_uid="disclosure_requests")
