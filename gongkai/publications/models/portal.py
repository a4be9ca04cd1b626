"""The portal's own pages (公开指南, 公开制度), the token its list pages' cache is filed under,
and each published document's generated page."""

from __future__ import annotations

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from gongkai.core import audit
from gongkai.core.errors import DomainError
from gongkai.core.fields import EmailField
from gongkai.core.roles import Role
from gongkai.core.workflow import lock_row


class PortalGeneration(models.Model):
    """One row: the token under which the portal's cached pages are filed (see portal_cache)."""

    token = models.CharField(max_length=32)

    def __str__(self):
        return self.token


class DocumentPage(models.Model):
    """静态化 — a published document's portal page, generated when it is published and again
    whenever anything it shows changes (see publications.pages). Served only while the document
    is public: the look-up joins the document's own row, so a withdrawn document is never
    served from here, whatever this table still holds."""

    document = models.OneToOneField(
        "publications.Document", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    # The templates and settings the page was generated with: a page of another version is
    # generated again on its next visit (after an upgrade, or a change of AGENCY_NAME).
    version = models.CharField(max_length=16)
    title = models.TextField()  # HTML-escaped, for <title>
    html = models.TextField()  # the <article>
    generated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "文件页面"

    def __str__(self):
        return f"{self.document_id}@{self.version}"


audit.register_actions(**{"portal_page.edit": "修改公开指南/公开制度"})


class PortalPage(models.Model):
    """政府信息公开指南 and 政府信息公开制度 — portal pages the press office keeps up to date
    (条例第十二条: the guide names the categories, how to apply, and the office's address,
    hours and phone). One row per page, by `slug`; a page not yet edited shows its defaults."""

    class Slug(models.TextChoices):
        GUIDE = "guide", "政府信息公开指南"
        RULES = "rules", "政府信息公开制度"

    slug = models.CharField("页面", max_length=20, unique=True, choices=Slug.choices)
    intro = models.TextField("正文", blank=True, help_text="每段一行")
    categories = models.TextField(
        "公开的分类与编排体系", blank=True, help_text="主动公开信息的分类、编排和获取方式"
    )
    how_to_apply = models.TextField(
        "依申请公开的办理", blank=True, help_text="如何提出申请、办理流程、期限和收费"
    )
    office_name = models.CharField("工作机构", max_length=100, blank=True)
    address = models.CharField("办公地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=10, blank=True)
    hours = models.CharField("办公时间", max_length=200, blank=True)
    phone = models.CharField("联系电话", max_length=100, blank=True)
    fax = models.CharField("传真", max_length=100, blank=True)
    email = EmailField("电子邮箱", blank=True)
    version = models.PositiveIntegerField("版本", default=1)
    updated_at = models.DateTimeField("修改时间", default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    FIELDS = {
        Slug.GUIDE: [
            "intro",
            "categories",
            "how_to_apply",
            "office_name",
            "address",
            "postcode",
            "hours",
            "phone",
            "fax",
            "email",
        ],
        Slug.RULES: ["intro"],
    }

    class Meta:
        verbose_name = verbose_name_plural = "公开指南与制度"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(slug__in=["guide", "rules"]), name="portal_page_slug_valid"
            )
        ]

    def __str__(self):
        return self.get_slug_display()

    @classmethod
    def get(cls, slug: str) -> PortalPage:
        """The saved page, or an unsaved one holding the defaults."""
        page = cls.objects.filter(slug=slug).first()
        return page or cls(slug=slug, **PORTAL_PAGE_DEFAULTS[slug])

    @property
    def shown_version(self) -> int:
        """The version an edit form carries: 0 for the defaults of a page never saved."""
        return self.version if self.pk else 0

    @transaction.atomic
    def edit(self, *, by, version: int | None = None, **fields) -> None:
        """修改 by the press office; the audit entry holds what changed. `version`: the one
        the form was opened on (None: not asked, a script). The row is re-read under a lock;
        a form opened before a colleague's save changes nothing and says so (probe 9)."""
        if not by.has_role(Role.PRESS_OFFICE):
            raise DomainError("只有政务公开管理员（新闻处）可以修改公开指南和公开制度")
        if self.pk:
            lock_row(self)
        saved = type(self).objects.filter(slug=self.slug).values_list("version", flat=True)
        current = self.version if self.pk else (saved.first() or 0)
        if version is not None and int(version) != current:
            raise DomainError(
                f"保存失败：在您编辑期间，该页面已被他人修改（当前为第{current}版）。"
                "您填写的内容仍保留在表单中，请复制后重新打开本页，对照最新内容再保存。"
            )
        before = {name: getattr(self, name) for name in self.FIELDS[self.slug]}
        for name, value in fields.items():
            if name not in self.FIELDS[self.slug]:
                raise DomainError(f"该页面没有“{name}”一项")
            setattr(self, name, value.strip())
        self.full_clean(exclude=["updated_by"])
        self.version += 1 if self.pk else 0
        self.updated_at, self.updated_by = timezone.now(), by
        self.save()
        changed_before, changed_after = audit.changed_fields(
            before, {name: getattr(self, name) for name in self.FIELDS[self.slug]}
        )
        audit.record(by, "portal_page.edit", self, before=changed_before, after=changed_after)


# What a page says before the press office first edits it (条例第十二条's headings).
PORTAL_PAGE_DEFAULTS = {
    PortalPage.Slug.GUIDE: {
        "intro": (
            "为便于公民、法人和其他组织获取本机关的政府信息，"
            "根据《中华人民共和国政府信息公开条例》，编制本指南。"
        ),
        "categories": (
            "本机关主动公开的政府信息按《条例》第二十条分类编排，可在“法定主动公开目录”"
            "中按分类、年份和发布机构查阅，或通过“检索”按关键词查找。"
            "\n规章和行政规范性文件在“规章和规范性文件”栏目集中公开，并标注有效性。"
        ),
        "how_to_apply": (
            "公民、法人或者其他组织可以通过本网站在线提交政府信息公开申请，也可以当面、"
            "邮寄或传真提交申请。\n本机关收到申请后，能够当场答复的当场答复；不能当场答复的，"
            "自收到申请之日起20个工作日内答复；需要延长答复期限的，经负责人同意并告知申请人，"
            "延长不超过20个工作日。"
        ),
        "office_name": "",
        "hours": "工作日上午9:00—12:00，下午14:00—18:00（法定节假日除外）",
    },
    PortalPage.Slug.RULES: {
        "intro": (
            "本机关依据《中华人民共和国政府信息公开条例》建立健全政府信息公开工作制度，包括："
            "政府信息公开审查制度（发布前一审、二审、三审，涉密和个人信息审查）、"
            "依申请公开办理制度、政府信息公开工作年度报告制度、政府信息管理动态调整制度、"
            "规范性文件清理制度和政府信息公开监督保障制度。"
        ),
    },
}
