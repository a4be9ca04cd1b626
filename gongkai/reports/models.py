"""政府信息公开工作年度报告: the prose and hand-entered figures; every table is computed."""

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from gongkai.core import audit
from gongkai.core.errors import DomainError
from gongkai.core.workflow import lock_row

audit.register_actions(
    **{
        "report.edit": "编辑年度报告",
        "report.figure": "录入年度报告数据",
        "report.submit": "年度报告送审",
    }
)


class AnnualReport(models.Model):
    """One year's report. Tables 二 to 四 are computed from the records when shown."""

    year = models.PositiveIntegerField("年度", unique=True)
    overview = models.TextField(
        "一、总体情况",
        blank=True,
        help_text="主动公开、依申请公开、政府信息管理、平台建设、监督保障等情况",
    )
    problems = models.TextField("五、存在的主要问题及改进情况", blank=True)
    other_matters = models.TextField("六、其他需要报告的事项", blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    document = models.ForeignKey(
        "publications.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="送审发布的公开目录文件",
    )
    docx = models.ForeignKey(
        "publications.Attachment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="送审时附上的年度报告Word文件（重新送审时替换）",
    )
    # 送审时的数据: every figure of tables 二 to 四 and the fees as sent, [[cell, value], …] in
    # the tables' order. What the catalogue copy says, to tell the office when the records
    # have since moved (probe 9 finding 3: the live page said 7 复议, the published report 5).
    sent_figures = models.JSONField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-year"]
        verbose_name = verbose_name_plural = "年度报告"

    def __str__(self):
        return f"{self.year}年政府信息公开工作年度报告"

    @classmethod
    def for_writing(cls, year: int) -> "AnnualReport":
        """The year's report to write to, made on its first save. A year that has not begun
        has no work to report on (the report is written after the year, 条例 第四十九条):
        it is refused rather than saved for, say, 2100 (probe 4 finding 3)."""
        this_year = timezone.localdate().year
        if year > this_year:
            raise DomainError(
                f"{year}年度尚未开始，不能编写该年度的报告；最近可编写的是{this_year}年度。"
            )
        return cls.objects.get_or_create(year=year)[0]

    @property
    def submit_refusal(self) -> str:
        """Why 送审 is refused whatever the figures ("" if it is not): the report covers a year
        that has ended, published by 1月31日 of the next (条例 第四十九条; probe 5 finding 4)."""
        if self.year >= timezone.localdate().year:
            return f"{self.year}年度尚未结束，年度报告应在次年1月31日前编制发布（条例第四十九条）。"
        return ""

    def manual_values(self) -> dict:
        if self.pk is None:  # a report nobody has written to yet
            return {}
        return {f.key: f.value for f in self.figures.all()}

    @classmethod
    def published_notice(cls, received_on) -> str:
        """What the clerk registering a late-entered record of `received_on`'s year is told when
        that year's report is already published: it counts there, and the report page will
        show the published figures no longer match (probe 11 F2.3). "" otherwise."""
        from gongkai.publications.models import DocumentStatus

        year = received_on.year
        if not cls.objects.filter(year=year, document__status=DocumentStatus.PUBLISHED).exists():
            return ""
        return (
            f"本申请计入{year}年度报告，而该年度报告已经发布：报告数据将与已发布的不一致，"
            "请告知政务公开管理员（年度报告页面列出不一致的数据）。"
        )

    @property
    def published_without_figures(self) -> bool:
        """Published before the figures it was sent with were kept (reports/0003): which
        figures the records have moved since cannot be said, and the page says so."""
        from gongkai.publications.models import DocumentStatus

        if self.sent_figures or self.document_id is None:
            return False
        return self.document.status == DocumentStatus.PUBLISHED

    @property
    def locked_reason(self) -> str:
        """Why the report may not be changed now ("" if it may): the copy in review or in the
        catalogue was made from these values, and would no longer match them."""
        from gongkai.publications.models import REVIEW_STAGES, DocumentStatus

        if self.document_id is None:
            return ""
        status = self.document.status
        if status in REVIEW_STAGES:
            return (
                f"年度报告已送审，正在“{self.document.get_status_display()}”环节，"
                "审核期间不能修改；如需修改，请审核人退回后再改。"
            )
        if status == DocumentStatus.PUBLISHED:
            return "年度报告已在公开目录发布，不能再修改。"
        return ""

    def lock(self) -> None:
        """Re-read the row under a lock (in a transaction): of two pages opened at once, the
        second sees the first's 送审 or edit instead of acting on its stale copy (probe 9
        finding 1: two 送审 made two published reports)."""
        lock_row(self)
        document = self._meta.get_field("document")
        if document.is_cached(self):  # its status is read afresh too
            document.delete_cached_value(self)

    def _refuse_if_locked(self):
        self.lock()
        if self.locked_reason:
            raise DomainError(self.locked_reason)

    @transaction.atomic
    def edit(self, *, by, overview: str, problems: str, other_matters: str):
        """The prose: only its own fields are saved (a full save() of a stale copy wrote
        document=None back over a 送审)."""
        self._refuse_if_locked()
        before = {
            "overview": self.overview,
            "problems": self.problems,
            "other_matters": self.other_matters,
        }
        after = {"overview": overview, "problems": problems, "other_matters": other_matters}
        changed = audit.changed_fields(before, after)
        if not changed[1]:
            return
        for name, value in after.items():
            setattr(self, name, value)
        self.updated_at, self.updated_by = timezone.now(), by
        self.save(update_fields=[*changed[1], "updated_at", "updated_by"])
        audit.record(by, "report.edit", self, before=changed[0], after=changed[1])

    @transaction.atomic
    def set_figure(self, *, by, key: str, value: str):
        """A figure the system does not hold (e.g. 行政许可 decisions), with who entered it."""
        self._refuse_if_locked()
        figure, _ = ManualFigure.objects.get_or_create(
            report=self, key=key, defaults={"entered_by": by}
        )
        before = figure.value
        figure.value, figure.entered_by, figure.entered_at = value, by, timezone.now()
        figure.save()
        if before != value:
            audit.record(by, "report.figure", self, before={key: before}, after={key: value})

    @transaction.atomic
    def set_figures(self, *, by, values: dict):
        """The figures form as one change: all of them saved, or (refused) none."""
        for key, value in values.items():
            self.set_figure(by=by, key=key, value=value)


class ManualFigure(models.Model):
    """A hand-entered figure of table 二, and who entered it when."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="figures")
    key = models.CharField(max_length=40)
    value = models.CharField("数值", max_length=40, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "key"], name="one_figure_per_key")]

    def __str__(self):
        return f"{self.key}={self.value}"
