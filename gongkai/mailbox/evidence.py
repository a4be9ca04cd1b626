"""Messages as evidence for the ledger (gongkai.site.parts): a task about 留言 / 领导信箱 (the
seed's item 8) shows the plan year's handling figures without anyone uploading them."""

from __future__ import annotations

from django.urls import reverse

from gongkai.mailbox import statistics


def _one(value) -> str:
    return "—" if value is None else f"{value:.1f}"


def for_task(task) -> list[dict]:
    if "领导信箱" not in task.kinds_of_evidence():  # plans.evidence_kinds
        return []
    year = task.plan.year
    total = statistics.year_table(year)["total"]
    url = reverse("mailbox_reports_public:statistics") + f"?year={year}"
    lines = [
        f"{year}年收到留言{total['received']}件（有效{total['valid']}件），"
        f"已答复{total['answered']}件，办理中{total['pending']}件",
        f"按期答复{total['on_time']}件（{_one(total['on_time_rate'])}%），"
        f"平均用时{_one(total['workdays'])}个工作日（{_one(total['calendar_days'])}个自然日）",
        f"留言人评价{total['rated']}件，满意和基本满意{total['satisfied']}件"
        f"（{_one(total['satisfaction_rate'])}%）",
    ]
    return [{"title": line, "url": url, "date": None, "kind": "留言办理"} for line in lines]
