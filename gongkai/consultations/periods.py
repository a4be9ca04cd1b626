"""How long a draft must stay open for comment (participation.md §10), by what it is.

- 重大行政决策: 一般不少于30日 (重大行政决策程序暂行条例 第十五条) [V];
- 规章草案: 一般不少于30日 (规章制定程序条例 第十五条) [V];
- 行政规范性文件: 一般不少于7个工作日, 与市场主体生产经营活动密切相关的不少于30日
  (国办发〔2018〕37号 as quoted by the 法治政府建设示范指标) [V-secondary: settings];
- 其他: no minimum.
A shorter period is lawful only with a reason shown to the public ("应当予以说明").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings

from gongkai.core.calendar import add_workdays, workday_calendar
from gongkai.lib.cndate import cn_date


@dataclass(frozen=True)
class Minimum:
    amount: int
    workdays: bool
    source: str

    def __str__(self) -> str:
        return f"{self.amount}{'个工作日' if self.workdays else '日'}"

    def earliest_close(self, opens_on: dt.date) -> dt.date:
        """The first closing day that keeps the period: the opening day not counted."""
        if self.workdays:
            return add_workdays(opens_on, self.amount, workday_calendar(provisional=True)).due
        return opens_on + dt.timedelta(days=self.amount)


def minimum(decision_type: str, affects_business: bool = False) -> Minimum | None:
    days = settings.CONSULTATION_MINIMUM_PERIODS
    if decision_type == "major_decision":
        return Minimum(days["major_decision"], False, "《重大行政决策程序暂行条例》第十五条")
    if decision_type == "rule":
        return Minimum(days["rule"], False, "《规章制定程序条例》第十五条")
    if decision_type == "normative" and affects_business:
        return Minimum(days["normative_business"], False, "国办发〔2018〕37号（待核实）")
    if decision_type == "normative":
        return Minimum(days["normative_workdays"], True, "国办发〔2018〕37号（待核实）")
    return None


def shortfall(decision_type, affects_business, opens_on, closes_on) -> str | None:
    """Why the period is too short for its kind, or None when it is long enough."""
    rule = minimum(decision_type, affects_business)
    if rule is None or closes_on >= rule.earliest_close(opens_on):
        return None
    return (
        f"征求意见期限一般不少于{rule}（{rule.source}），自{cn_date(opens_on)}起应至少到"
        f"{cn_date(rule.earliest_close(opens_on))}"
    )
