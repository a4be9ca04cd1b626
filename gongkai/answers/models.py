"""政策问答 — the policy Q&A library and what it answers from.

An `Entry` (问答条目) is a question as citizens ask it, a plain-Chinese answer and the rules it
rests on (`EntrySource`: a published document and, where it applies, the article). It goes
through the unit head's approval before it answers anyone (see TRANSITIONS), and leaves the
answers by itself when a source document is withdrawn, repealed or replaced.

A `Passage` is one answerable piece: an article of a published rule, a paragraph of another
published document, an imported passage (`gongkai qa import`) or a published entry. Passages
exist only while what they come from may answer; each carries its jieba words (for the BM25
index) and its e5 embedding, both computed when it is created, never per question.

An `AskedQuestion` is one question asked in the portal, with the outcome: staff see the ones
that got no good answer and turn them into entries.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from gongkai.core import audit, publicity, review
from gongkai.core.errors import DomainError
from gongkai.core.models import AuditEntry, Unit
from gongkai.core.notifications import notify
from gongkai.core.roles import Role
from gongkai.core.workflow import ShownState, step_not_taken
from gongkai.lib.pii import KIND_LABELS, scan_text

audit.register_actions(
    **{
        "answer_entry.create": "新建问答条目",
        "answer_entry.edit": "修改问答条目",
        "answer_entry.submit": "提交问答条目审核",
        "answer_entry.approve": "审核通过问答条目",
        "answer_entry.return": "退回问答条目",
        "answer_entry.withdraw": "撤下问答条目",
        "answer_entry.source_ended": "来源文件失效，问答条目自动撤下",
        "answer_import": "批量导入问答条目和段落",
        "answer_passage.approve": "审核通过导入段落",
        "answer_passage.withdraw": "撤下导入段落",
    }
)


class EntryStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PENDING = "pending", "待处室负责人审核"
    PUBLISHED = "published", "已发布"
    WITHDRAWN = "withdrawn", "已撤下"


S = EntryStatus
CLERK, HEAD, SYSTEM = "clerk", "head", "system"
LEADER_FOR_HEAD = "leader_for_head"  # a 签发领导, for an entry the unit's head wrote (core.review)


@dataclass(frozen=True)
class Transition:
    label: str
    sources: frozenset
    target: str
    who: tuple


def _t(label, sources, target, who=(CLERK, HEAD)):
    return Transition(label, frozenset(sources), target, who)


TRANSITIONS = {
    "submit": _t("提交审核", {S.DRAFT}, S.PENDING),
    "approve": _t("审核通过并发布", {S.PENDING}, S.PUBLISHED, who=(HEAD, LEADER_FOR_HEAD)),
    "return": _t("退回修改", {S.PENDING}, S.DRAFT, who=(HEAD, LEADER_FOR_HEAD)),
    "withdraw": _t("撤下", {S.PUBLISHED}, S.WITHDRAWN, who=(HEAD,)),
    "redraft": _t("重新修改", {S.WITHDRAWN}, S.DRAFT),
    "source_ended": _t("来源文件失效", {S.DRAFT, S.PENDING, S.PUBLISHED}, S.WITHDRAWN, (SYSTEM,)),
}


class PublicEntryManager(models.Manager):
    """The only way the portal reads entries: approved and published."""

    def get_queryset(self):
        return super().get_queryset().filter(status=EntryStatus.PUBLISHED)


class Entry(ShownState, models.Model):
    """问答条目 — one question as citizens ask it, answered in plain Chinese with its sources."""

    SEEN_STEPS = ("approve", "return")  # their forms carry the wording shown (seen_token)

    question = models.CharField("问题", max_length=200)
    phrasings = models.TextField("其他问法", blank=True, help_text="每行一种问法")
    answer = models.TextField("答复")
    unit = models.ForeignKey(
        Unit, verbose_name="责任单位", on_delete=models.PROTECT, related_name="answer_entries"
    )
    topics = models.CharField("主题", max_length=200, blank=True, help_text="用顿号分隔")
    media = models.FileField("图解", upload_to="answers/%Y/", blank=True)
    media_kind = models.CharField(max_length=10, blank=True, editable=False)
    checked_on = models.DateField("最近核对日期", default=timezone.localdate)
    status = models.CharField(
        "状态", max_length=20, choices=EntryStatus.choices, default=EntryStatus.DRAFT
    )
    from_question = models.ForeignKey(
        "AskedQuestion",
        verbose_name="来自群众提问",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField("发布时间", null=True, blank=True)
    withdrawn_reason = models.TextField("撤下理由", blank=True)
    # The create form's key bound to what it sent (core.idempotent): sent twice, one draft.
    idempotency_key = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )

    objects = models.Manager()
    public = PublicEntryManager()

    class Meta:
        ordering = ["-id"]
        verbose_name = verbose_name_plural = "问答条目"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=EntryStatus.values), name="answer_entry_status_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(status=EntryStatus.PUBLISHED)
                | models.Q(approved_by__isnull=False, approved_at__isnull=False),
                name="answer_entry_published_is_approved",
            ),
        ]

    def __str__(self):
        return self.question

    def get_staff_url(self) -> str:
        """The staff page of the entry (问答条目), the link a notification about it carries."""
        return reverse("answers:entry_detail", args=[self.pk])

    @property
    def phrasing_list(self) -> list[str]:
        return [line.strip() for line in self.phrasings.splitlines() if line.strip()]

    @property
    def topic_list(self) -> list[str]:
        return [t.strip() for t in self.topics.replace(",", "、").split("、") if t.strip()]

    def audit_snapshot(self) -> dict:
        return {
            "question": self.question,
            "phrasings": self.phrasings,
            "answer": self.answer,
            "topics": self.topics,
            "checked_on": self.checked_on.isoformat() if self.checked_on else None,
            "media": self.media.name or "",
            "sources": [str(s) for s in self.sources.all()] if self.pk else [],
        }

    def fingerprint(self) -> str:
        """What an edit form was opened on: a save from a second tab left open after another
        edit is refused instead of overwriting it (services.entry_save)."""
        snapshot = json.dumps(self.audit_snapshot(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(snapshot.encode()).hexdigest()[:32]

    def personal_data(self) -> list[str]:
        """The personal data the public would read in the entry, as "问题：银行卡号6222****0123":
        the scan every document gets before approval (lib.pii) on each public field, and in the
        question and its phrasings — a citizen's words, taken from the question log — the
        question log's nets too (core.publicity: a name, a mistyped ID number, 微信号…)."""
        return personal_data_in(
            [
                (self._meta.get_field(name).verbose_name, getattr(self, name) or "", nets)
                for name, nets in (
                    ("question", True),
                    ("phrasings", True),
                    ("answer", False),
                    ("topics", False),
                )
            ]
        )

    # ---- who may act ----------------------------------------------------------------------

    def _is(self, user, who: str) -> bool:
        if who == SYSTEM or not user.is_authenticated:
            return False
        if who == LEADER_FOR_HEAD:
            return review.leader_stands_in(user, self.unit_id, self.writer_ids())
        if user.unit_id != self.unit_id:
            return False
        return user.has_role(Role.UNIT_HEAD if who == HEAD else Role.CLERK)

    def writer_ids(self) -> set[int]:
        """Who wrote the entry under review: whoever created, edited or submitted it (a head who
        rewrote a clerk's draft does not approve his own wording; core.review)."""
        return writers_of([self])[self.pk]

    def may(self, user, verb: str) -> bool:
        transition = TRANSITIONS[verb]
        if self.status not in transition.sources:
            return False
        if verb == "approve" and user.pk in self.writer_ids():
            return False
        return any(self._is(user, who) for who in transition.who)

    def may_edit(self, user) -> bool:
        return self.status == S.DRAFT and (self._is(user, CLERK) or self._is(user, HEAD))

    def actions_for(self, user) -> list[str]:
        return [verb for verb in TRANSITIONS if self.may(user, verb)]

    def moved_on_message(self, user, verb: str, posted=None) -> str:
        """Why a step ("edit": the edit form) sent from a page left open was not taken: the
        entry has since left the state it starts from, where this user could take it
        (core.workflow); "" when that is not the reason."""
        if verb == "edit":
            label, sources, theirs = (
                "修改",
                {S.DRAFT},
                self._is(user, CLERK) or self._is(user, HEAD),
            )
        elif verb in TRANSITIONS and verb != "source_ended":
            step = TRANSITIONS[verb]
            label, sources = step.label, step.sources
            theirs = any(self._is(user, who) for who in step.who)
        else:
            return ""
        if not theirs or self.status in sources:
            return ""
        return step_not_taken("问答条目", self.get_status_display(), label)

    # ---- the verbs ------------------------------------------------------------------------

    def _begin(self, verb: str, by) -> None:
        fresh = type(self).objects.select_for_update().get(pk=self.pk)
        for field in self._meta.concrete_fields:
            setattr(self, field.attname, getattr(fresh, field.attname))
        transition = TRANSITIONS[verb]
        if self.status not in transition.sources:
            raise DomainError(
                f"问答条目当前为“{self.get_status_display()}”，不能{transition.label}"
            )
        if by is not None and not any(self._is(by, who) for who in transition.who):
            if verb in ("approve", "return", "withdraw"):
                raise DomainError(f"只有{self.unit}的处室负责人可以{transition.label}")
            raise DomainError(f"您无权对此问答条目{transition.label}")
        self._status_before = self.status

    def seen_token(self) -> str:
        """What a review page showed: the wording (a tab left open while the entry was
        returned, edited and sent again would publish an answer its head never read)."""
        return self.fingerprint()

    def seen_changed(self, seen: str) -> str:
        return "此页面显示的问答条目已被修改（问题、答复或依据已更新），请刷新后重新审核。"

    def _move(self, verb: str, by, **data) -> None:
        before = self._status_before
        self.status = TRANSITIONS[verb].target
        self.save()
        audit.record(
            by,
            f"answer_entry.{verb}",
            self,
            before={"status": before},
            after={"status": self.status},
            **data,
        )

    @transaction.atomic
    def submit(self, *, by) -> None:
        self._begin("submit", by)
        if not self.sources.exists():
            raise DomainError("请至少注明一项依据（已发布的文件，及适用的条款）后再提交审核")
        self.submitted_by = by
        self._move("submit", by)
        if review.written_by_head(self.unit_id, self.writer_ids()):
            for person in review.checkers(self.unit_id, self.writer_ids()):
                notify(
                    user=person,
                    key=f"answer_entry.submit:{self.pk}:{self.submitted_by_id}",
                    text=f"政策问答“{self.question}”由处室负责人起草，待审核",
                    link=self.get_staff_url(),
                )

    @transaction.atomic
    def approve(self, *, by, comment: str = "", seen: str | None = None) -> None:
        """审核通过: the unit's head, not one who wrote or submitted it, or a 签发领导 for the
        head's own entry (core.review); then it answers. `seen`: the fingerprint the page
        showed (the staff form sends it)."""
        self._begin("approve", by)
        self.check_seen(seen)
        if by.pk in self.writer_ids():
            raise DomainError(
                "起草、修改或提交问答条目的人不能审核自己的问答条目。" + review.STAND_IN
            )
        ended = [s for s in self.sources.select_related("document") if not s.document_in_force]
        if ended:
            raise DomainError(f"依据《{ended[0].document.title}》已不再有效或已撤回，不能发布")
        if found := self.personal_data():
            raise DomainError(
                f"问答条目含有个人信息（{'；'.join(found)}），不能发布：请退回经办人删除后再审核",
                field="comment",
            )
        self.approved_by, self.approved_at = by, timezone.now()
        self._move("approve", by, comment=comment)
        from gongkai.answers import index

        index.add_entry(self)

    @transaction.atomic
    def return_(self, *, by, comment: str, seen: str | None = None) -> None:
        if not (comment or "").strip():
            raise DomainError("退回时必须填写退回意见")
        self._begin("return", by)
        self.check_seen(seen)
        self._move("return", by, comment=comment.strip())

    @transaction.atomic
    def withdraw(self, *, by, reason: str) -> None:
        if not (reason or "").strip():
            raise DomainError("撤下时必须填写理由")
        self._begin("withdraw", by)
        self.withdrawn_reason = reason.strip()
        self._move("withdraw", by, reason=reason.strip())
        from gongkai.answers import index

        index.retire(self.passages.all())  # a question it answered is told so (retrieval.ask)

    @transaction.atomic
    def redraft(self, *, by) -> None:
        self._begin("redraft", by)
        self.approved_by = self.approved_at = None
        self._move("redraft", by)

    @transaction.atomic
    def source_ended(self, *, document) -> None:
        """来源文件失效: a source was withdrawn, repealed or replaced; the entry stops answering."""
        self._begin("source_ended", None)
        self.withdrawn_reason = f"依据《{document.title}》已撤回或不再有效"
        self._move("source_ended", None, document=document.pk)
        from gongkai.answers import index

        index.retire(self.passages.all())


def personal_data_in(fields) -> list[str]:
    """[(label, text, nets)] → ["正文：手机号码139****5678", …]: lib.pii's scan on each text,
    and where `nets` the question log's nets as well (core.publicity)."""
    found = []
    for label, text, nets in fields:
        kinds = [f"{KIND_LABELS[hit.kind]}{hit.masked}" for hit in scan_text(text)]
        if nets:
            scanned = set(KIND_LABELS.values())
            kinds += [k for k in publicity.personal_data_in(text, {}) if k not in scanned]
        if kinds:
            found.append(f"{label}：{'、'.join(dict.fromkeys(kinds))}")
    return found


def writers_of(entries) -> dict[int, set[int]]:
    """Entry.writer_ids for several entries, in one read of the audit log (a list of 50
    waiting entries asks once, not 50 times)."""
    log = AuditEntry.objects.filter(
        action="answer_entry.edit",
        target_type=Entry._meta.label_lower,
        target_id__in=[str(e.pk) for e in entries if e.pk],
        actor__isnull=False,
    ).values_list("target_id", "actor_id")
    editors: dict[str, set[int]] = {}
    for target_id, actor_id in log:  # no query at all when no entry is saved yet
        editors.setdefault(target_id, set()).add(actor_id)
    return {
        e.pk: {pk for pk in (e.created_by_id, e.submitted_by_id) if pk is not None}
        | editors.get(str(e.pk), set())
        for e in entries
    }


class EntrySource(models.Model):
    """依据 — a published document an entry rests on, and the article (第X条) inside it."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="sources")
    document = models.ForeignKey(
        "publications.Document",
        verbose_name="依据文件",
        on_delete=models.PROTECT,
        related_name="answer_sources",
    )
    article = models.CharField("条款", max_length=30, blank=True, help_text="如：第三十三条")
    quote = models.TextField("条款原文", blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"《{self.document.title}》{self.article}"

    @property
    def document_in_force(self) -> bool:
        from gongkai.answers.passages import answers_from

        return answers_from(self.document)


class PassageKind(models.TextChoices):
    ARTICLE = "article", "条款"
    SECTION = "section", "段落"
    IMPORTED = "imported", "导入段落"
    ENTRY = "entry", "问答条目"


class PassageStatus(models.TextChoices):
    """Only an imported passage has a review of its own (导入段落, 先审后发). A document's and an
    entry's passages are LIVE while what they come from may answer, and WITHDRAWN (retired:
    out of the word index, vectors kept) once it is withdrawn, repealed or replaced."""

    PENDING = "pending", "待处室负责人审核"
    LIVE = "live", "已发布"
    WITHDRAWN = "withdrawn", "已撤下"


class Passage(models.Model):
    """One answerable piece of text, with its index words and its e5 embedding.

    A passage imported by staff on the web comes in PENDING, in the importer's unit, and answers
    nobody until a head of that unit who did not import it approves it (core.review, as entries);
    the operator's bulk `gongkai qa import` (benchmarks, a first load) puts passages LIVE with no
    unit. Either kind of import refuses a line holding personal data (`personal_data`)."""

    kind = models.CharField(max_length=20, choices=PassageKind.choices)
    key = models.CharField("编号", max_length=120, unique=True)
    document = models.ForeignKey(
        "publications.Document",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="answer_passages",
    )
    entry = models.ForeignKey(
        Entry, null=True, blank=True, on_delete=models.CASCADE, related_name="passages"
    )
    title = models.CharField("标题", max_length=300)
    label = models.CharField("条款", max_length=60, blank=True)
    heading = models.CharField("章节", max_length=100, blank=True)
    text = models.TextField("正文")
    source = models.CharField("来源", max_length=300, blank=True)
    position = models.PositiveIntegerField(default=0)
    # How citizens ask for this passage (data/asked.tsv, one question a line): indexed with
    # the text for both retrievers, never shown as the answer.
    asked = models.TextField("群众问法", blank=True, default="")
    embedding = models.BinaryField()
    asked_embedding = models.BinaryField(blank=True, default=b"")  # one e5 vector a question
    status = models.CharField(
        "状态", max_length=20, choices=PassageStatus.choices, default=PassageStatus.LIVE
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name="责任单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    imported_at = models.DateTimeField("导入时间", null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField("发布时间", null=True, blank=True)
    withdrawn_reason = models.TextField("撤下理由", blank=True)

    class Meta:
        ordering = ["document_id", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=PassageKind.values), name="answer_passage_kind_valid"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(kind=PassageKind.ENTRY, entry__isnull=False, document__isnull=True)
                    | models.Q(kind=PassageKind.IMPORTED, entry__isnull=True, document__isnull=True)
                    | models.Q(
                        kind__in=[PassageKind.ARTICLE, PassageKind.SECTION],
                        entry__isnull=True,
                        document__isnull=False,
                    )
                ),
                name="answer_passage_has_one_origin",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=PassageStatus.values),
                name="answer_passage_status_valid",
            ),
            models.CheckConstraint(  # staff's import answers only once a head approved it
                condition=~models.Q(imported_by__isnull=False, status=PassageStatus.LIVE)
                | models.Q(approved_by__isnull=False, approved_at__isnull=False),
                name="answer_passage_imported_live_is_approved",
            ),
        ]

    def __str__(self):
        return f"{self.title} {self.label}".strip()

    def personal_data(self) -> list[str]:
        """What a citizen would read of personal data in an imported passage: the entry's scan
        with the question log's nets on every field, as nobody wrote it in the system (a
        mistyped ID number is refused too; the 条例 and 109号 trip none of them)."""
        return personal_data_in(
            [("标题", self.title, True), ("正文", self.text, True), ("群众问法", self.asked, True)]
        )

    def may_approve(self, user) -> bool:
        """A head of the importing unit who did not import it, or a 签发领导 for a head's own
        import (core.review)."""
        return (
            self.status == PassageStatus.PENDING
            and self.unit_id is not None
            and review.may_check(user, self.unit_id, {self.imported_by_id})
        )

    def may_withdraw(self, user) -> bool:
        """The unit's head, or the 政务公开管理员 who runs the import (any unit's, and the
        operator's passages that have no unit)."""
        if self.kind != PassageKind.IMPORTED or self.status == PassageStatus.WITHDRAWN:
            return False
        if not user.is_authenticated:
            return False
        if user.has_role(Role.PRESS_OFFICE):
            return True
        return (
            self.unit_id is not None
            and user.unit_id == self.unit_id
            and user.has_role(Role.UNIT_HEAD)
        )

    def _locked(self) -> Passage:
        fresh = type(self).objects.select_for_update().get(pk=self.pk)
        for field in self._meta.concrete_fields:
            setattr(self, field.attname, getattr(fresh, field.attname))
        return self

    @transaction.atomic
    def approve(self, *, by, comment: str = "") -> None:
        """审核通过: from now on it answers the public."""
        self._locked()
        if self.status != PassageStatus.PENDING:
            raise DomainError(f"该段落当前为“{self.get_status_display()}”，不能审核")
        if by.pk == self.imported_by_id:
            raise DomainError("导入段落的人不能审核自己导入的段落。" + review.STAND_IN)
        if not self.may_approve(by):
            raise DomainError(f"只有{self.unit or '导入单位'}的处室负责人可以审核该段落")
        if found := self.personal_data():
            raise DomainError(f"段落含有个人信息（{'；'.join(found)}），不能发布")
        self.status, self.approved_by, self.approved_at = PassageStatus.LIVE, by, timezone.now()
        self.save(update_fields=["status", "approved_by", "approved_at"])
        audit.record(
            by,
            "answer_passage.approve",
            self,
            before={"status": PassageStatus.PENDING},
            after={"status": self.status},
            key=self.key,
            comment=comment,
        )

    @transaction.atomic
    def withdraw(self, *, by, reason: str) -> None:
        """撤下: it answers nobody any more; the row stays, with who withdrew it and why."""
        if not (reason or "").strip():
            raise DomainError("撤下时必须填写理由")
        self._locked()
        before = self.status
        if not self.may_withdraw(by):
            if self.status == PassageStatus.WITHDRAWN:
                raise DomainError("该段落已撤下")
            raise DomainError("只有该段落所属单位的处室负责人或政务公开管理员可以撤下")
        self.status, self.withdrawn_reason = PassageStatus.WITHDRAWN, reason.strip()
        self.save(update_fields=["status", "withdrawn_reason"])
        audit.record(
            by,
            "answer_passage.withdraw",
            self,
            before={"status": before},
            after={"status": self.status},
            key=self.key,
            reason=self.withdrawn_reason,
        )


class Outcome(models.TextChoices):
    ANSWERED = "answered", "已答复"
    REFUSED = "refused", "未能答复"


class AskedQuestion(models.Model):
    """群众提问 — the text of one question asked in the portal and what it got; nothing else
    about the person is kept."""

    text = models.CharField("问题", max_length=200)
    asked_at = models.DateTimeField("提问时间", default=timezone.now, db_index=True)
    outcome = models.CharField("结果", max_length=20, choices=Outcome.choices)
    best = models.ForeignKey(
        Passage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    best_title = models.CharField("最佳答复", max_length=400, blank=True)
    reason = models.CharField("判断依据", max_length=300, blank=True)
    entry = models.ForeignKey(
        Entry,
        verbose_name="据此新建的条目",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-asked_at", "-id"]
        indexes = [models.Index(fields=["outcome", "-asked_at"], name="answers_asked_outcome")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome__in=Outcome.values), name="answers_asked_outcome_valid"
            ),
        ]

    def __str__(self):
        return self.text
