"""The permission matrix: every URL pattern × every kind of visitor × GET and POST, in one table.

Rows are URL names; each row gives the expected outcome for GET and for POST as one letter per
visitor, in the order of ROLES:

    anon     anonymous visitor
    citizen  a browser that proved an application's number + query code (the public case pages)
    clerk    处室经办人 of 法规处, the unit that owns every object below
    other    处室经办人 of 审批处 (another unit)
    head     处室负责人 of 法规处
    reviewer 保密审查员
    leader   签发领导
    press    政务公开管理员 (新闻处; also a 经办人 of 新闻处)
    admin    系统管理员 (is_staff, as the demo makes it; not a superuser)
    auditor  审计查阅 (read-only, of 办公室): reads what the press office reads, and every staff
             page; every POST refused (F) but signing in and out and an (empty) password change

    O 200              R redirect (not to a login page)      L redirect to a login page
    F 403              N 404                                  M 405 (wrong method)
    C 409 (the edit form refuses the save)
    B 400 (the form refuses what was posted: an empty POST)
    W the legitimate writer: 200 or a redirect (to a login page too, for signing out), and the
      database may change

Every cell but W must leave the database as it was: every row of every table compared after a
POST, the number of rows in each after a GET (sessions and throttle counters aside). A URL
pattern without a row fails the test, so a new page must be given its row here. Each cell runs
in a savepoint that is rolled back, so the cells do not depend on each other (files are not
rolled back: attachment_delete comes after attachment_download).
"""

import datetime as dt
import hashlib
import io

import docx
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from gongkai.core import audit
from gongkai.core.models import AuditEntry
from gongkai.testing import APPLICATION_FORM

ROLES = (
    "anon", "citizen", "clerk", "other", "head", "reviewer", "leader", "press", "admin", "auditor"
)  # fmt: skip

# (GET, POST), one letter per visitor: anon citizen clerk other head reviewer leader press admin
MATRIX = {
    # ---- core ----
    "home":                           ("OOOOOOOOOO", "OOOOOOOOOF"),
    "core:login":                     ("OORRRRRRRR", "OORRRRRRRR"),
    "core:logout":                    ("MMMMMMMMMM", "LLWWWWWWWW"),
    "core:dashboard":                 ("LLOOOOOOOO", "LLOOOOOOOF"),
    "core:password_change":           ("LLOOOOOOOO", "LLOOOOOOOO"),  # empty POST: nothing changed
    "core:unit_list":                 ("LLFFFFFOOO", "LLFFFFFOOF"),  # press: the learned names
    "core:learned_alias_change":      ("MMMMMMMMMM", "LLFFFFFRRF"),  # empty POST: nothing changed
    "core:unit_create":               ("LLFFFFFFOO", "LLFFFFFFOF"),
    "core:unit_edit":                 ("LLFFFFFFOO", "LLFFFFFFOF"),
    "core:user_list":                 ("LLFFFFFFOO", "LLFFFFFFOF"),
    "core:user_create":               ("LLFFFFFFOO", "LLFFFFFFOF"),
    "core:user_edit":                 ("LLFFFFFFOO", "LLFFFFFFOF"),
    "core:audit_list":                ("LLFFFFFOOO", "LLFFFFFOOF"),
    "core:audit_export":              ("LLFFFFFOOO", "LLFFFFFOOF"),
    "core:deadline":                  ("LLOOOOOOOO", "LLOOOOOOOF"),
    "core:notifications_read":        ("MMMMMMMMMM", "LLWWWWWWWF"),
    # the clerk's own reminder, whose mail went out: nothing to resend; anyone else's: 404
    "core:notification_resend":       ("MMMMMMMMMM", "LLRNNNNNNF"),
    "core:holidays":                  ("LLFFFFFFOO", "LLFFFFFFOF"),
    "core:holiday_override_delete":   ("MMMMMMMMMM", "LLFFFFFFWF"),
    "core:holiday_schedule_confirm":  ("MMMMMMMMMM", "LLFFFFFFWF"),
    # ---- plans (the ledger is bureau-wide; a task's page only for its units) ----
    "plans:plan_list":                ("LLRRRRRRRR", "LLRRRRRRRF"),  # one plan: straight to it
    "plans:plan_import":              ("LLFFFFFOFO", "LLFFFFFOFF"),
    "plans:header_synonym_change":    ("MMMMMMMMMM", "LLFFFFFRFF"),  # empty POST: nothing changed
    "plans:plan_detail":              ("LLOOOOOOOO", "LLOOOOOOOF"),
    "plans:plan_export":              ("LLFFFFFOFO", "LLFFFFFOFF"),
    "plans:plan_archive":             ("LLFFFFFOFO", "LLFFFFFOFF"),
    "plans:task_detail":              ("LLONONOOOO", "LLONONOOOF"),
    "plans:report_progress":          ("MMMMMMMMMM", "LLWNWFFNFF"),
    "plans:assign_units":             ("MMMMMMMMMM", "LLFFFFFBFF"),
    "plans:task_evidence_kinds":      ("MMMMMMMMMM", "LLFFFFFWFF"),
    "plans:evidence_download":        ("LLONONOOOO", "LLONONOOOF"),
    # ---- publications (a document of 法规处 at 一审, drafted and submitted by the clerk) ----
    "publications:home":              ("LLOOOOOOOO", "LLOOOOOOOF"),
    "publications:document_create":   ("LLOOOFFOFO", "LLOOOFFOFF"),
    "publications:document_detail":   ("LLONOOOOOO", "LLONOOOOOF"),
    "publications:document_edit":     ("LLONOOOOOO", "LLCNCCCCCF"),
    "publications:accept_hit":        ("MMMMMMMMMM", "LLRNRRRRRF"),
    "publications:attachment_add":    ("MMMMMMMMMM", "LLRNWRRRRF"),
    "publications:document_act":      ("MMMMMMMMMM", "LLRNWRRRRF"),
    "publications:attachment_download": ("LLONOOOOOO", "LLONOOOOOF"),
    "publications:attachment_delete": ("MMMMMMMMMM", "LLRNWRRRRF"),
    "publications:campaign_list":     ("LLOOOOOOOO", "LLOOOOOOOF"),
    "publications:campaign_detail":   ("LLOOOOOOOO", "LLOOOOOOOF"),
    "publications:campaign_export":   ("LLFFFFFOFO", "LLFFFFFOFF"),
    "publications:cleanup_decide":    ("MMMMMMMMMM", "LLWNWNRWRF"),
    "publications:portal_page_edit":  ("LLFFFFFOFO", "LLFFFFFOFF"),  # an empty POST saves nothing
    # ---- disclosure applications (handled by 法规处, replied) ----
    "disclosure_requests:list":       ("LLOOOFFOFO", "LLOOOFFOFF"),
    "disclosure_requests:register":   ("LLFFFFFOFO", "LLFFFFFOFF"),
    "disclosure_requests:statistics": ("LLFFFFFOFO", "LLFFFFFOFF"),
    "disclosure_requests:detail":     ("LLONOFFOFO", "LLONOFFOFF"),
    "disclosure_requests:step":       ("MMMMMMMMMM", "LLWNWFFWFF"),
    "disclosure_requests:remedy_add": ("MMMMMMMMMM", "LLFFFFFWFF"),
    "disclosure_requests:letter":     ("LLONOFFOFO", "LLONOFFOFF"),
    "disclosure_requests:attachment": ("LLONOFFOFO", "LLONOFFOFF"),
    "disclosure_requests:supplement_notice": ("LLNNNFFNFN", "LLNNNFFNFF"),  # none was asked
    "disclosure_requests:fee_notice": ("LLNNNFFNFN", "LLNNNFFNFF"),  # no fee was charged
    "disclosure_requests:extension_notice": ("LLONOFFOFO", "LLONOFFOFF"),  # extended, 5 WD
    # ---- the mailbox's figures: statistics for all staff, signals for the office and leaders ----
    "mailbox_reports:statistics":     ("LLOOOOOOOO", "LLOOOOOOOF"),
    "mailbox_reports:signals":        ("LLFFFFOOFO", "LLFFFFOOFF"),
    "mailbox_reports:signal_note":    ("MMMMMMMMMM", "LLFFFFFRFF"),  # no signal: refused, no change
    "mailbox_reports:signal_interpretation": ("MMMMMMMMMM", "LLFFFFFRFF"),
    # ---- reports ----
    "reports:dashboard":              ("LLFFFFOOFO", "LLFFFFOOFF"),
    "reports:annual":                 ("LLFFFFWWFO", "LLFFFFWWFF"),  # first view makes the row
    "reports:annual_edit":            ("MMMMMMMMMM", "LLFFFFFWFF"),
    "reports:annual_submit":          ("MMMMMMMMMM", "LLFFFFFWFF"),
    "reports:cell_records":           ("LLFFFFFOFO", "LLFFFFFOFF"),
    "reports:annual_download":        ("LLFFFFWWFO", "LLFFFFWWFF"),
    # ---- decision meetings (a 法规处 meeting drawn by lottery; a 法规处 draft to edit) ----
    "meetings:list":                  ("LLOOOFOOFO", "LLOOOFOOFF"),
    "meetings:create":                ("LLOOOFFOFO", "LLOOOFFOFF"),  # an empty POST saves nothing
    "meetings:detail":                ("LLONOFOOFO", "LLONOFOOFF"),
    "meetings:edit":                  ("LLONOFFNFN", "LLONOFFNFF"),  # the unit's own draft only
    "meetings:step":                  ("MMMMMMMMMM", "LLWNWFNWFF"),
    "meetings_public:list":           ("OOOOOOOOOO", "OOOOOOOOOF"),
    "meetings_public:detail":         ("OOOOOOOOOO", "OOOOOOOOOF"),
    "meetings_public:signup":         ("OOOOOOOOOO", "OOOOOOOOOF"),  # an empty POST: the form
    "meetings_public:result":         ("OOOOOOOOOO", "OOOOOOOOOF"),
    "meetings_public:list_text":      ("OOOOOOOOOO", "OOOOOOOOOF"),
    "meetings_public:draw_script":    ("OOOOOOOOOO", "OOOOOOOOOF"),
    "meetings_public:lookup":         ("OOOOOOOOOO", "OOOOOOOOOF"),
    "meetings_public:status":         ("RORRRRRRRR", "RORRRRRRRF"),
    # ---- 政策问答 (a draft entry of 法规处 to edit, a pending one to approve) ----
    "answers:entry_list":             ("LLOOOOOOOO", "LLOOOOOOOF"),
    "answers:entry_create":           ("LLOOOFFOFO", "LLOOOFFOFF"),  # an empty POST saves nothing
    "answers:entry_detail":           ("LLONONOOOO", "LLONONOOOF"),
    "answers:entry_edit":             ("LLONONNNNN", "LLONONNNNF"),
    "answers:entry_act":              ("MMMMMMMMMM", "LLRNWNRRRF"),
    "answers:import":                 ("LLFFFFFOFO", "LLFFFFFOFF"),
    "answers:passage_list":           ("LLOOOOOOOO", "LLOOOOOOOF"),
    "answers:passage_detail":         ("LLONONOOOO", "LLONONOOOF"),
    "answers:passage_act":            ("MMMMMMMMMM", "LLRNWNRRRF"),  # the importer cannot approve
    "answers:unanswered":             ("LLOOOOOOOO", "LLOOOOOOOF"),
    "answers:search":                 ("LLOOOOOOOO", "LLOOOOOOOF"),
    "answers_public:ask":             ("OOOOOOOOOO", "OOOOOOOOOF"),  # an empty question: nothing
    "answers_public:media":           ("NNNNNNNNNN", "NNNNNNNNNF"),  # the entry is not published
    # ---- the public portal (a published document and its attachment) ----
    "publications_public:catalogue":  ("OOOOOOOOOO", "OOOOOOOOOF"),
    "publications_public:document":   ("OOOOOOOOOO", "OOOOOOOOOF"),
    "publications_public:attachment": ("OOOOOOOOOO", "OOOOOOOOOF"),
    "publications_public:business":   ("OOOOOOOOOO", "OOOOOOOOOF"),
    "publications_public:regulations": ("OOOOOOOOOO", "OOOOOOOOOF"),
    "publications_public:search":     ("OOOOOOOOOO", "OOOOOOOOOF"),
    "publications_public:feed":       ("OOOOOOOOOO", "OOOOOOOOOF"),
    "publications_public:sitemap":    ("OOOOOOOOOO", "OOOOOOOOOF"),
    "publications_public:guide":      ("OOOOOOOOOO", "OOOOOOOOOF"),
    "publications_public:rules":      ("OOOOOOOOOO", "OOOOOOOOOF"),
    "reports_public:annual_list":     ("OOOOOOOOOO", "OOOOOOOOOF"),
    "mailbox_reports_public:statistics": ("OOOOOOOOOO", "OOOOOOOOOF"),
    # ---- applying and following a case: only the browser that proved the code sees it ----
    "disclosure_requests_public:apply":  ("OOOOOOOOOO", "OOOOOOOOOF"),
    "disclosure_requests_public:lookup": ("OOOOOOOOOO", "OOOOOOOOOF"),
    "disclosure_requests_public:status": ("RORRRRRRRR", "RCRRRRRRRF"),  # no 补正 asked: refused
    "disclosure_requests_public:letter": ("RORRRRRRRR", "RORRRRRRRF"),
    "disclosure_requests_public:file":   ("RORRRRRRRR", "RORRRRRRRF"),
    "disclosure_requests_public:supplement_notice": ("RNRRRRRRRR", "RNRRRRRRRF"),  # none was asked
    "disclosure_requests_public:fee_notice": ("RNRRRRRRRR", "RNRRRRRRRF"),  # no fee was charged
    "disclosure_requests_public:extension_notice": ("RORRRRRRRR", "RORRRRRRRF"),
    # ---- the leader mailbox (a message answered by 法规处 and published) ----
    "mailbox:list":                   ("LLOOOFOOFO", "LLOOOFOOFF"),
    "mailbox:hotline":                ("LLFFFFFOFO", "LLFFFFFOFF"),
    "mailbox:detail":                 ("LLONOFOOFO", "LLONOFOOFF"),
    "mailbox:step":                   ("MMMMMMMMMM", "LLWNWFNWFF"),
    "mailbox:file":                   ("LLONOFOOFO", "LLONOFOOFF"),
    "mailbox_public:write":           ("OOOOOOOOOO", "OOOOOOOOOF"),
    "mailbox_public:lookup":          ("OOOOOOOOOO", "OOOOOOOOOF"),
    "mailbox_public:status":          ("RORRRRRRRR", "RORRRRRRRF"),
    "mailbox_public:replies":         ("OOOOOOOOOO", "OOOOOOOOOF"),
    "mailbox_public:reply":           ("OOOOOOOOOO", "OOOOOOOOOF"),
    # ---- consultations (a draft of 法规处 published and open for comment) ----
    "consultations:list":             ("LLOOOFOOFO", "LLOOOFOOFF"),
    "consultations:create":           ("LLOOOFFOFO", "LLOOOFFOFF"),
    "consultations:detail":           ("LLONOFOOFO", "LLONOFOOFF"),
    "consultations:edit":             ("LLONOFFOFR", "LLONOFFOFF"),
    "consultations:comment_register": ("MMMMMMMMMM", "LLBNBFFBFF"),
    "consultations:decide":           ("MMMMMMMMMM", "LLBNBFFBFF"),
    "consultations:draft_feedback":   ("MMMMMMMMMM", "LLRNRFFRFF"),  # still open: refused
    "consultations_public:list":      ("OOOOOOOOOO", "OOOOOOOOOF"),
    "consultations_public:page":      ("OOOOOOOOOO", "OOOOOOOOOF"),
    # ---- Django's admin: one sign-in page (ours); the admin itself for is_staff only ----
    "admin:login":                    ("LLLLLLLLLL", "LLLLLLLLLF"),
    "admin:index":                    ("LLLLLLLLOL", "LLLLLLLLOF"),
}  # fmt: skip  # a table: one row per URL, one column per role (GET, POST)

# Django's admin has a URL per model and action, all behind admin:index's is_staff check and
# Django's model permissions; the two rows above stand for them.
ADMIN_NAMESPACE = "admin"
LOGIN_PAGES = ("/staff/login/", "/admin/login/")
# A visit may sign in, count a try, or generate a published document's page (静态化: a page is
# stored on its first visit when publishing did not store it, e.g. in a test transaction).
NOT_COMPARED = {"sessions.session", "core.throttle", "publications.documentpage"}


def _url_names() -> set[str]:
    names = set()

    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or namespace
                if inner == ADMIN_NAMESPACE:
                    names.update({"admin:login", "admin:index"})
                else:
                    walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern):
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns)
    return names


def _snapshot(*, rows: bool, reads: bool = True) -> str:
    """Every row of every table (for POSTs), or how many rows each table has (for GETs).
    `reads=False`: without the audit log's read entries, which a page shown to someone allowed
    to see it writes (audit.record_read); a refused visitor writes none."""
    digest = hashlib.sha256()
    for model in apps.get_models():
        if model._meta.label_lower in NOT_COMPARED:
            continue
        digest.update(model._meta.label_lower.encode())
        found = model._base_manager.order_by("pk")
        if model is AuditEntry and not reads:
            found = found.exclude(action__in=audit.READ_ACTIONS)
        if rows:
            for row in found.values_list():
                digest.update(repr(row).encode())
        else:
            digest.update(str(found.count()).encode())
    return digest.hexdigest()


def _outcome(response) -> str:
    if response.status_code in (301, 302):
        return "L" if response["Location"].startswith(LOGIN_PAGES) else "R"
    return {200: "O", 400: "B", 403: "F", 404: "N", 405: "M", 409: "C"}.get(
        response.status_code, str(response.status_code)
    )


def _pending_passage(cast):
    """A passage 法规处's clerk imported, waiting for the head (services: the page is the
    press office's)."""
    import json

    from gongkai.answers.models import Passage
    from gongkai.answers.services import import_jsonl

    line = {"id": "matrix-1", "title": "约谈记录", "text": "约谈应当制作约谈记录。"}
    import_jsonl(json.dumps(line, ensure_ascii=False).encode(), by=cast.clerk)
    return Passage.objects.get(key="matrix-1")


def _world(cast):
    """One object of each kind, all belonging to 法规处 (the clerk's and the head's unit)."""
    from gongkai.answers.models import Entry
    from gongkai.answers.services import entry_save
    from gongkai.core.models import HolidayOverride, HolidaySchedule, UnitAlias
    from gongkai.disclosure_requests.models import DisclosureRequest
    from gongkai.disclosure_requests.public_views import SESSION_KEY
    from gongkai.disclosure_requests.taxonomy import Outcome
    from gongkai.mailbox.public_views import SESSION_KEY as MESSAGE_SESSION_KEY
    from gongkai.meetings.public_views import SESSION_KEY as SIGNUP_SESSION_KEY
    from gongkai.plans.models import (
        Assignment,
        Evidence,
        HeaderSynonym,
        Plan,
        ProgressStatus,
        Task,
    )
    from gongkai.publications.models import Category, CleanupCampaign, Document, Kind

    cast.admin.is_staff = True
    cast.admin.save()
    alias = UnitAlias.objects.create(
        name="法规科", unit=cast.units["法规处"], created_by=cast.press
    )
    synonym = HeaderSynonym.objects.create(word="谁来做", role="units", created_by=cast.press)
    plan = Plan.objects.create(
        year=2022, title="2022年政务公开工作要点", source_sha256="0" * 64, imported_by=cast.press
    )
    task = Task.objects.create(
        plan=plan,
        number=12,
        requirement="开展规范性文件清理",
        deadline_text="2022年12月底前",
        units_text="法规处",
    )
    share = Assignment.objects.create(
        task=task, unit=cast.units["法规处"], role=Assignment.Role.LEAD
    )
    share.report_progress(
        by=cast.clerk,
        text="完成清理",
        status=ProgressStatus.DONE,
        files=[SimpleUploadedFile("清理结果.pdf", b"%PDF-1.4 cleanup results")],
    )
    evidence = Evidence.objects.get()

    def draft(title, kind=Kind.GENERAL):
        doc = Document.create_draft(
            by=cast.clerk,
            title=title,
            kind=kind,
            written_on=dt.date(2022, 9, 1),
            category=Category.REGULATIONS_NORMATIVE_DOCS,
            body="<p>各区应急管理局：加强危险化学品安全生产监督管理。</p>",
        )
        doc.add_attachment(by=cast.clerk, upload=_docx("附件正文"))
        doc.submit(by=cast.clerk)
        return doc

    published = draft("广州市应急管理局安全生产约谈办法", kind=Kind.NORMATIVE)
    published.approve(by=cast.head)
    published.approve(by=cast.reviewer)
    published.approve(by=cast.leader, waiver="未制发解读：测试")
    published.refresh_from_db()
    in_review = draft("关于加强危险化学品安全管理的通知")
    campaign = CleanupCampaign.start(
        by=cast.press, year=timezone.localtime(published.published_at).year
    )

    citizen = Client()  # applies, and so is shown the number and the query code
    form = {**APPLICATION_FORM, "idempotency_key": "m-1"}
    assert citizen.post(reverse("disclosure_requests_public:apply"), form).status_code == 200
    case = DisclosureRequest.objects.get()
    case.assign(by=cast.press, unit=cast.units["法规处"])
    case.extend(
        by=cast.press_head, workdays=5, reason="需调取档案", notified_on=timezone.localdate()
    )
    case.reply(
        by=cast.press,
        outcome=Outcome.ALREADY_PUBLIC,
        text="该信息已主动公开，获取方式如下。",
        on=timezone.localdate(),
        files=[SimpleUploadedFile("答复材料.pdf", b"%PDF-1.4 provided")],
    )
    provided = case.attachments.get()
    assert case.tracking_no in citizen.session[SESSION_KEY]
    meeting, meeting_draft, signup = _drawn_meeting(cast)

    schedule = HolidaySchedule.objects.create(year=2027, notice="2027年部分节假日安排的通知")
    override = HolidayOverride.objects.create(
        date=dt.date(2026, 12, 31), is_workday=False, name="测试"
    )
    reminder = cast.clerk.notifications.create(key="k", text="第12项任务即将到期")
    draft_entry, pending_entry = (
        entry_save(
            entry=Entry(question=question, answer="按规定约谈。"),
            sources=[{"document": published, "article": ""}],
            by=cast.clerk,
        )
        for question in ("企业为什么被约谈", "约谈以后做什么")
    )
    pending_entry.submit(by=cast.clerk)
    pending_passage = _pending_passage(cast)
    today = timezone.localdate().isoformat()
    message, message_file = _answered_message(cast)
    consultation = _open_consultation(cast)
    return {
        "sessions": {
            SESSION_KEY: [case.tracking_no],
            MESSAGE_SESSION_KEY: [message.tracking_no],
            SIGNUP_SESSION_KEY: [signup.receipt_no],
        },
        "args": {
            "mailbox:detail": [message.pk],
            "consultations:detail": [consultation.pk],
            "consultations:edit": [consultation.pk],
            "consultations:comment_register": [consultation.pk],
            "consultations:decide": [consultation.pk],
            "consultations:draft_feedback": [consultation.pk],
            "consultations_public:page": [consultation.pk],
            "mailbox:step": [message.pk, "note"],
            "mailbox:file": [message.pk, message_file.pk],
            "mailbox_public:status": [message.tracking_no],
            "mailbox_public:reply": [message.pk],
            "core:unit_edit": [cast.units["法规处"].pk],
            "core:learned_alias_change": [alias.pk],
            "plans:header_synonym_change": [synonym.pk],
            "core:user_edit": [cast.clerk.pk],
            "core:holiday_override_delete": [override.pk],
            "core:notification_resend": [reminder.pk],
            "core:holiday_schedule_confirm": [schedule.year],
            "plans:plan_detail": [plan.pk],
            "plans:plan_export": [plan.pk, 3, "xlsx"],
            "plans:plan_archive": [plan.pk],
            "plans:task_detail": [task.pk],
            "plans:report_progress": [task.pk],
            "plans:assign_units": [task.pk],
            "plans:task_evidence_kinds": [task.pk],
            "plans:evidence_download": [evidence.pk],
            "answers:entry_detail": [pending_entry.pk],
            "answers:entry_edit": [draft_entry.pk],
            "answers:entry_act": [pending_entry.pk, "approve"],
            "answers:passage_detail": [pending_passage.pk],
            "answers:passage_act": [pending_passage.pk, "approve"],
            "answers_public:media": [pending_entry.pk],
            "publications:document_detail": [in_review.pk],
            "publications:document_edit": [in_review.pk],
            "publications:accept_hit": [in_review.pk],
            "publications:attachment_add": [in_review.pk],
            "publications:document_act": [in_review.pk, "approve"],
            "publications:attachment_download": [in_review.attachments.get().pk],
            "publications:attachment_delete": [in_review.attachments.get().pk],
            "publications:campaign_detail": [campaign.pk],
            "publications:campaign_export": [campaign.pk],
            "publications:cleanup_decide": [campaign.items.get().pk],
            "disclosure_requests:detail": [case.pk],
            "disclosure_requests:step": [case.pk, "note"],
            "disclosure_requests:remedy_add": [case.pk],
            "disclosure_requests:letter": [case.pk, "docx"],
            "disclosure_requests:attachment": [case.pk, provided.pk],
            "disclosure_requests:supplement_notice": [case.pk, "docx"],
            "disclosure_requests:fee_notice": [case.pk, "docx"],
            "disclosure_requests:extension_notice": [case.pk, "docx"],
            "disclosure_requests_public:file": [case.tracking_no, provided.pk],
            "disclosure_requests_public:supplement_notice": [case.tracking_no, "docx"],
            "disclosure_requests_public:fee_notice": [case.tracking_no, "docx"],
            "disclosure_requests_public:extension_notice": [case.tracking_no, "docx"],
            "publications:portal_page_edit": ["guide"],
            "reports:annual": [2022],
            "reports:annual_edit": [2022],
            "reports:annual_submit": [2022],
            "reports:cell_records": [2022],
            "reports:annual_download": [2022, "html"],
            "meetings:detail": [meeting.pk],
            "meetings:edit": [meeting_draft.pk],
            "meetings:step": [meeting.pk, "note"],
            "meetings_public:detail": [meeting.pk],
            "meetings_public:signup": [meeting.pk],
            "meetings_public:result": [meeting.pk],
            "meetings_public:list_text": [meeting.pk],
            "meetings_public:status": [signup.receipt_no],
            "publications_public:document": [published.pk],
            "publications_public:attachment": [published.attachments.get().pk],
            "disclosure_requests_public:status": [case.tracking_no],
            "disclosure_requests_public:letter": [case.tracking_no, "docx"],
        },
        "query": {
            "reports:cell_records": "?row=new&col=total",
            "publications_public:search": "?q=约谈",
        },
        "post": {
            "publications:document_act": {"comment": "同意"},
            "publications:attachment_add": lambda: {"file": _docx("补充附件")},
            "publications:cleanup_decide": {"decision": "confirm", "note": "继续有效"},
            "plans:report_progress": lambda: {
                "text": "进展",
                "status": ProgressStatus.IN_PROGRESS,
                "seen": share.seen_token(),  # what the task page shows: its latest report
            },
            "disclosure_requests:step": {"text": "已电话联系申请人", "on": today},
            "disclosure_requests:remedy_add": {
                "kind": "reconsideration",
                "filed_on": today,
                "body": "广州市人民政府",
                "result": "pending",
            },
            "mailbox:step": {"text": "已电话联系留言人"},
            "meetings:step": {"text": "已电话通知列席代表"},
        },
    }


def _open_consultation(cast):
    from gongkai.consultations import services

    today = timezone.localdate()
    consultation = services.create(
        by=cast.clerk,
        draft_title="危险化学品储存安全管理办法",
        draft_text="第一条 为加强管理，制定本办法。\n第二条 本办法自公布之日起施行。",
        explanation="依据安全生产法起草。",
        decision_type="normative",
        opens_on=today,
        closes_on=today + dt.timedelta(days=30),
        category="regulations_normative_docs",
    )
    document = consultation.document
    document.submit(by=cast.clerk)
    document.approve(by=cast.head)
    document.approve(by=cast.reviewer)
    document.approve(by=cast.leader)
    consultation.refresh_from_db()
    return consultation


def _answered_message(cast):
    from gongkai.mailbox.masking import suggested_copy
    from gongkai.mailbox.models import MessageFile
    from gongkai.testing import written_message

    message = written_message()
    attachment = MessageFile.store(message, SimpleUploadedFile("照片.pdf", b"%PDF-1.4 photo"))
    message.assign(by=cast.press, unit=cast.units["法规处"])
    message.draft(by=cast.clerk, text="加油站与住宅的安全间距按国家标准执行。")
    message.approve(by=cast.head)
    message.release(by=cast.press)
    message.publish(by=cast.press, **suggested_copy(message), names_checked=True)
    return message, attachment


def _drawn_meeting(cast):
    """A 法规处 meeting whose sign-up closed and whose draw was made; and a draft of 法规处."""
    import time_machine

    from gongkai.meetings.services import meeting_create
    from gongkai.testing import published_meeting, signed_up

    now = timezone.now()
    with time_machine.travel(now - dt.timedelta(days=20), tick=False):
        meeting = published_meeting(cast, seats=1)
        signups = signed_up(meeting, 2)
    meeting.record_seed(by=cast.clerk, value="387")
    meeting.select(by=cast.clerk)
    draft = meeting_create(
        by=cast.clerk,
        unit=cast.units["法规处"],
        title="草稿会议",
        topics="议题",
        starts_at=now + dt.timedelta(days=10),
        place="会议室",
        public_seats=2,
        selection="first_come",
        signup_opens=now,
        signup_closes=now + dt.timedelta(days=5),
    )
    return meeting, draft, signups[0]


def _docx(text):
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile("附件.docx", buffer.getvalue())


def _auditor(cast):
    """审计查阅 (read-only), in 办公室: sees every unit's records, changes nothing."""
    from gongkai.core.models import User
    from gongkai.core.roles import Role

    user = User.objects.create(username="shenji", full_name="审计查阅", unit=cast.units["办公室"])
    user.set_roles([Role.AUDITOR])
    return user


def _client_for(role, cast, world):
    client = Client()
    if role == "citizen":
        session = client.session
        session.update(world["sessions"])
        session.save()
        client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    elif role != "anon":
        people = {
            "clerk": cast.clerk,
            "other": cast.other_clerk,
            "head": cast.head,
            "reviewer": cast.reviewer,
            "leader": cast.leader,
            "press": cast.press,
            "admin": cast.admin,
        }
        client.force_login(_auditor(cast) if role == "auditor" else people[role])
    return client


def test_every_url_gives_each_visitor_what_the_table_says_and_refusals_change_nothing(cast):
    assert set(MATRIX) == _url_names(), "every URL pattern needs a row (and every row a URL)"
    world = _world(cast)
    clients = {role: _client_for(role, cast, world) for role in ROLES}
    cookies = {
        role: client.cookies.get(settings.SESSION_COOKIE_NAME) for role, client in clients.items()
    }
    # Every cell is rolled back, so every cell starts from this state.
    baseline = {
        (method, reads): _snapshot(rows=method == "POST", reads=reads)
        for method in ("GET", "POST")
        for reads in (True, False)
    }
    wrong = []
    for name, expected_by_method in MATRIX.items():
        url = reverse(name, args=world["args"].get(name, [])) + world["query"].get(name, "")
        for method, expected_row in zip(("GET", "POST"), expected_by_method, strict=True):
            for role, expected in zip(ROLES, expected_row, strict=True):
                client = clients[role]
                if cookies[role] is not None:  # a cell that signed out is undone: sign back in
                    client.cookies[settings.SESSION_COOKIE_NAME] = cookies[role].value
                with transaction.atomic():
                    try:
                        if method == "GET":
                            response = client.get(url)
                        else:
                            data = world["post"].get(name, {})
                            response = client.post(url, data() if callable(data) else data)
                        got = _outcome(response)
                    except Exception as error:  # a 500: report it with the others
                        got = f"500 ({type(error).__name__}: {error})"
                    shown = got in "OB"  # shown a page: a read may be logged, nothing else
                    after = (
                        _snapshot(rows=method == "POST", reads=not shown)
                        if expected != "W"
                        else None
                    )
                    before = baseline[method, not shown]
                    transaction.set_rollback(True)
                changed = after is not None and after != before
                fits = got in "ORL" if expected == "W" else got == expected
                if not fits or changed:
                    wrong.append(
                        f"{name} {method} {role}: expected {expected}, got {got}"
                        + (" and the database changed" if changed else "")
                    )
    assert wrong == [], "\n".join(wrong)
