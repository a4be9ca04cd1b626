"""年度规章、规范性文件清理: the yearly clean-up campaign and its items."""

from __future__ import annotations

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from gongkai.core import audit
from gongkai.core.errors import DomainError
from gongkai.core.models import Unit
from gongkai.core.roles import Role
from gongkai.publications.models.choices import REGULATORY_KINDS, Validity
from gongkai.publications.models.documents import Document

audit.register_actions(
    **{
        "cleanup.start": "启动年度文件清理",
        "cleanup.confirm": "清理：确认有效性",
        "cleanup.change": "清理：变更有效性",
    }
)


class CleanupCampaign(models.Model):
    """年度规章、规范性文件清理 (item 12): every published 规章/行政规范性文件 is confirmed or
    changed by its issuing unit."""

    year = models.PositiveIntegerField("年度", unique=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField("启动时间", default=timezone.now)

    class Meta:
        ordering = ["-year"]
        verbose_name = verbose_name_plural = "年度文件清理"

    def __str__(self):
        return f"{self.year}年规章和行政规范性文件清理"

    @classmethod
    @transaction.atomic
    def start(cls, *, by, year: int) -> CleanupCampaign:
        if not by.has_role(Role.PRESS_OFFICE):
            raise DomainError("只有政务公开管理员可以启动年度清理")
        if cls.objects.filter(year=year).exists():
            raise DomainError(f"{year}年的清理已经启动")
        campaign = cls.objects.create(year=year, started_by=by)
        documents = Document.objects.published().filter(
            kind__in=REGULATORY_KINDS, published_at__year__lte=year
        )
        CleanupItem.objects.bulk_create(
            CleanupItem(
                campaign=campaign, document=d, unit_id=d.unit_id, validity_before=d.validity
            )
            for d in documents
        )
        audit.record(by, "cleanup.start", campaign, year=year, items=len(documents))
        return campaign

    def completion(self) -> dict:
        counts = dict(self.items.values_list("decision").annotate(n=models.Count("id")))
        total = sum(counts.values())
        done = total - counts.get(CleanupItem.Decision.PENDING, 0)
        return {
            "total": total,
            "done": done,
            "percent": round(100 * done / total) if total else 100,
        }


class CleanupItem(models.Model):
    """One document in a clean-up campaign, assigned to its issuing unit."""

    class Decision(models.TextChoices):
        PENDING = "pending", "待清理"
        CONFIRMED = "confirmed", "确认有效性不变"
        CHANGED = "changed", "已变更有效性"

    campaign = models.ForeignKey(CleanupCampaign, on_delete=models.CASCADE, related_name="items")
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="cleanup_items")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(
        "清理结果", max_length=20, choices=Decision.choices, default=Decision.PENDING
    )
    validity_before = models.CharField("清理前有效性", max_length=20, choices=Validity.choices)
    validity_after = models.CharField(
        "清理后有效性", max_length=20, choices=Validity.choices, blank=True
    )
    note = models.TextField("说明", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField("清理时间", null=True, blank=True)

    class Meta:
        ordering = ["unit__order", "document__written_on", "id"]
        verbose_name = verbose_name_plural = "清理事项"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "document"], name="cleanup_item_once"),
            models.CheckConstraint(
                condition=models.Q(decision__in=["pending", "confirmed", "changed"]),
                name="cleanup_item_decision_valid",
            ),
        ]

    def __str__(self):
        return f"{self.campaign.year}年清理：{self.document}"

    @transaction.atomic
    def confirm(self, *, by, note: str = "") -> None:
        """确认: the document stays as it is."""
        self._check(by)
        self.decision, self.validity_after = self.Decision.CONFIRMED, self.document.validity
        self._decided(by, note)
        audit.record(by, "cleanup.confirm", self.document, campaign=self.campaign.year, note=note)

    @transaction.atomic
    def change(
        self, *, by, validity: str, replaced_by: Document | None = None, note: str = ""
    ) -> None:
        """变更: 已修订 / 已废止 / 失效 (or back to 现行有效), through the document's own verb."""
        self._check(by)
        if not (note or "").strip():
            raise DomainError("变更有效性时请说明依据")
        self.document.set_validity(by=by, validity=validity, replaced_by=replaced_by, note=note)
        self.decision, self.validity_after = self.Decision.CHANGED, validity
        self._decided(by, note)
        audit.record(
            by,
            "cleanup.change",
            self.document,
            campaign=self.campaign.year,
            validity=validity,
            note=note,
        )

    def _check(self, by) -> None:
        """Lock the item and re-read its decision: of two people deciding at once, the second
        is told it is done, instead of writing a second decision over the first."""
        if not (
            by.unit_id == self.unit_id and by.has_role(Role.CLERK, Role.UNIT_HEAD)
        ) and not by.has_role(Role.PRESS_OFFICE):
            raise DomainError("清理事项应由发文单位办理")
        locked = type(self).objects.select_for_update()
        self.decision = locked.values_list("decision", flat=True).get(pk=self.pk)
        if self.decision != self.Decision.PENDING:
            raise DomainError(f"该文件在本次清理中已办理（{self.get_decision_display()}）")

    def _decided(self, by, note: str) -> None:
        self.note, self.decided_by, self.decided_at = note.strip(), by, timezone.now()
        self.save()
