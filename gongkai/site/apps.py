from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The floor above the apps: what gathers every app (the staff dashboard, `gongkai remind`,
    `gongkai demo`, the ledger's evidence from other apps), wired in `parts.py`."""

    name = "gongkai.site"
    verbose_name = "全站"

    def ready(self):
        # The ledger sits beside publications and never imports it: its evidence is handed
        # down from here.
        from gongkai.plans import related
        from gongkai.site import parts

        for provider in parts.TASK_EVIDENCE:
            related.register(provider)
