"""Staff pages: scoped to the user's unit (404 otherwise), login for anonymous visitors."""

import datetime as dt
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.publications.forms import BODY_REQUIRED
from gongkai.publications.models import Document, DocumentStatus
from gongkai.testing import a_pdf, seen_on_page

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


@pytest.fixture
def doc(make_draft):
    return make_draft()


def _create_data(**overrides):
    """The document form's POST: a 规范性文件 for 主动公开, written 2022-09-01."""
    data = {
        "title": "关于印发《安全生产约谈办法》的通知",
        "kind": "normative",
        "category": "regulations_normative_docs",
        "attribute": "proactive",
        "written_on": "2022-09-01",
        "body": "第一条 为规范安全生产约谈工作……",
    }
    return {**data, **overrides}


def _detail(doc):
    return reverse("publications:document_detail", args=[doc.pk])


@pytest.mark.parametrize("name", ["document_detail", "document_edit"])
def test_it_answers_404_to_another_units_clerk(client, cast, doc, name):
    client.force_login(cast.other_clerk)
    assert client.get(reverse(f"publications:{name}", args=[doc.pk])).status_code == 404


@pytest.mark.parametrize("verb", ["submit", "approve", "return", "withdraw"])
def test_it_answers_404_to_another_unit_posting_a_verb(client, cast, doc, verb):
    client.force_login(cast.other_clerk)
    response = client.post(
        reverse("publications:document_act", args=[doc.pk, verb]), {"comment": "x", "reason": "x"}
    )
    assert response.status_code == 404
    doc.refresh_from_db()
    assert doc.status == DocumentStatus.DRAFT


@pytest.mark.parametrize(
    "url",
    [
        lambda d: reverse("publications:home"),
        lambda d: reverse("publications:document_create"),
        lambda d: reverse("publications:document_detail", args=[d.pk]),
        lambda d: reverse("publications:document_edit", args=[d.pk]),
        lambda d: reverse("publications:campaign_list"),
    ],
)
def test_it_sends_anonymous_visitors_to_login(client, doc, url):
    response = client.get(url(doc))
    assert response.status_code == 302 and response["Location"].startswith(reverse("core:login"))


def test_the_reviewer_sees_documents_once_they_leave_the_unit(client, cast, doc):
    client.force_login(cast.reviewer)
    assert client.get(_detail(doc)).status_code == 404  # a draft stays in its unit
    doc.submit(by=cast.clerk)
    assert client.get(_detail(doc)).status_code == 200


def test_a_clerk_drafts_through_the_form(client, cast):
    client.force_login(cast.clerk)
    data = _create_data(doc_no="穗应急规字〔2022〕5号", business_related="on")
    response = client.post(reverse("publications:document_create"), data)
    doc = Document.objects.get()
    assert response.status_code == 302 and response["Location"] == _detail(doc)
    assert doc.unit == cast.clerk.unit and doc.validity == "current" and doc.business_related
    assert doc.body == "<p>第一条 为规范安全生产约谈工作……</p>"


@pytest.mark.parametrize("body", ["", "  \n ", "<p><br></p>", "<p>&nbsp;</p><p> </p>", "<h2></h2>"])
def test_a_draft_with_an_empty_body_is_refused_at_the_field(client, cast, body):
    """An editor left blank sends <p><br></p>: no text, no draft, the error under 正文."""
    client.force_login(cast.clerk)
    response = client.post(reverse("publications:document_create"), _create_data(body=body))
    assert response.status_code == 200
    assert response.context["form"].errors == {"body": [BODY_REQUIRED]}
    assert "请填写正文" in response.content.decode()
    assert not Document.objects.exists()


def test_editing_a_draft_to_an_empty_body_is_refused_and_keeps_the_old_one(client, cast, doc):
    client.force_login(cast.clerk)
    data = _create_data(body="<p><br></p>", version=doc.version)
    response = client.post(reverse("publications:document_edit", args=[doc.pk]), data)
    assert response.context["form"].errors == {"body": [BODY_REQUIRED]}
    doc.refresh_from_db()
    assert doc.body == "<p>各区应急管理局：加强危险化学品安全生产监督管理。</p>"
    assert doc.version == 1


def test_a_draft_with_its_attachments_may_go_without_a_body(client, cast, doc):
    """正文和附件不能都为空 (Document.submit): the attachment is the document."""
    doc.add_attachment(by=cast.clerk, upload=a_pdf("处罚决定书.pdf"))
    doc.refresh_from_db()
    client.force_login(cast.clerk)
    data = _create_data(body="<p><br></p>", version=doc.version)
    response = client.post(reverse("publications:document_edit", args=[doc.pk]), data)
    assert response.status_code == 302
    doc.refresh_from_db()
    assert doc.body == ""


def test_the_form_requires_a_reason_when_not_proactive(client, cast):
    client.force_login(cast.clerk)
    data = _create_data(
        title="内部通知",
        kind="general",
        category="other_mandated",
        attribute="not_disclosed",
        body="x",
    )
    response = client.post(reverse("publications:document_create"), data)
    assert response.status_code == 200 and "须写明理由" in response.content.decode()
    assert not Document.objects.exists()


def test_the_form_refuses_a_rule_that_is_not_proactive(client, cast):
    """条例 第二十条第（一）项: a 规章 is always 主动公开; the form says so next to 公开属性."""
    client.force_login(cast.clerk)
    data = _create_data(
        title="广州市安全生产约谈规定",
        kind="rule",
        attribute="on_request",
        attribute_reason="涉及内部管理",
    )
    response = client.post(reverse("publications:document_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["attribute"] == [
        "规章应当主动公开（《中华人民共和国政府信息公开条例》第二十条第（一）项），"
        "公开属性只能选择“主动公开”"
    ]
    assert not Document.objects.exists()


def test_a_document_cannot_expire_before_it_was_written(client, cast):
    client.force_login(cast.clerk)
    data = _create_data(title="广州市应急管理局安全生产约谈办法", expires_on="2021-09-01")
    response = client.post(reverse("publications:document_create"), data)
    assert response.status_code == 200
    assert "失效日期不能早于成文日期" in response.content.decode()
    assert not Document.objects.exists()


def test_the_review_page_walks_the_chain(client, cast, doc):
    for user, verb in [
        (cast.clerk, "submit"),
        (cast.head, "approve"),
        (cast.reviewer, "approve"),
        (cast.leader, "approve"),
    ]:
        client.force_login(user)
        data = {"comment": "同意", "waiver": ""}
        if verb == "approve":  # a review step carries the 第N版 its page shows
            data["seen"] = seen_on_page(client, _detail(doc))
        response = client.post(reverse("publications:document_act", args=[doc.pk, verb]), data)
        assert response.status_code == 302
    doc.refresh_from_db()
    assert doc.status == DocumentStatus.PUBLISHED
    client.force_login(cast.clerk)
    home = client.get(reverse("publications:home")).content.decode()
    assert "本单位已发布" in home and doc.index_no in home


def test_a_return_without_comment_is_refused(client, cast, doc):
    doc.submit(by=cast.clerk)
    client.force_login(cast.head)
    client.post(
        reverse("publications:document_act", args=[doc.pk, "return"]),
        {"comment": "", "seen": seen_on_page(client, _detail(doc))},
    )
    doc.refresh_from_db()
    assert doc.status == DocumentStatus.REVIEW_1


def test_waiting_for_my_review_shows_only_my_stage(client, cast, doc, make_draft):
    doc.submit(by=cast.clerk)
    client.force_login(cast.head)
    assert doc.title in client.get(reverse("publications:home")).content.decode()
    client.force_login(cast.leader)
    page = client.get(reverse("publications:home")).content.decode()
    assert "没有等待您审核的文件" in page


def test_the_dashboard_shows_documents_waiting_for_review(client, cast, doc):
    doc.submit(by=cast.clerk)
    client.force_login(cast.head)
    assert doc.title in client.get(reverse("core:dashboard")).content.decode()


def test_a_returned_draft_notifies_its_drafter(client, cast, doc):
    from gongkai.core.models import Notification

    doc.submit(by=cast.clerk)
    client.force_login(cast.head)
    client.post(
        reverse("publications:document_act", args=[doc.pk, "return"]),
        {"comment": "请补充依据", "seen": seen_on_page(client, _detail(doc))},
    )
    doc.refresh_from_db()
    assert doc.status == DocumentStatus.DRAFT
    note = Notification.objects.get()
    assert note.user == cast.clerk and "被退回修改：请补充依据" in note.text
    assert note.link == _detail(doc)
    client.force_login(cast.clerk)
    assert "请补充依据" in client.get(reverse("core:dashboard")).content.decode()


def test_the_review_queue_comes_first_on_the_dashboard_above_ledger_tasks(client, cast, make_draft):
    from pathlib import Path

    from gongkai.plans import services as plan_services

    seed = Path(__file__).parents[2] / "plans" / "seed" / "guangzhou-yjj-2022.txt"
    plan_services.plan_import(by=cast.press, data=seed.read_bytes(), filename="s.txt", year=2022)
    doc = make_draft()
    doc.submit(by=cast.clerk)
    client.force_login(cast.head)  # 法规处 负责人: 一审, and 法规处 has ledger tasks
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "待我审核" in page and "法规处的工作任务" in page
    assert page.index(doc.title) < page.index("法规处的工作任务")


WORD_PASTE = (
    '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>'
    "p.MsoNormal{font-size:16pt}</style></head>"
    '<body><div class="WordSection1"><h1 style="mso-outline-level:1">第一章 总则</h1>'
    '<p class="MsoNormal" style="text-indent:2em"><span style="font-family:仿宋_GB2312">'
    "第一条 为规范约谈。</span><o:p></o:p></p>"
    '<table class="MsoTableGrid" border="1"><tr><td style="width:100px">序号</td><td '
    'colspan="2">事项</td></tr></table>'
    "<ul><li>安全生产</li></ul><!--[if gte mso 9]><xml>x</xml><![endif]--></div></body></html>"
)


def test_the_body_editor_is_served_from_our_static_files_without_inline_script(client, cast):
    client.force_login(cast.clerk)
    page = client.get(reverse("publications:document_create")).content.decode()
    assert "data-richtext" in page and "/static/gongkai/richtext.js" in page
    scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", page, re.S)
    assert scripts and all(body.strip() == "" for body in scripts)  # src only, nothing inline
    assert "http://" not in "".join(re.findall(r'<script[^>]*src="([^"]+)"', page))


def test_a_body_pasted_from_word_keeps_its_structure_and_loses_its_styling(client, cast):
    client.force_login(cast.clerk)
    data = _create_data(
        title="安全生产约谈办法", kind="general", category="other_mandated", body=WORD_PASTE
    )
    client.post(reverse("publications:document_create"), data)
    body = Document.objects.get().body
    assert "<h2>第一章 总则</h2>" in body
    assert re.search(r"<p>(<span>)?第一条 为规范约谈。", body)
    assert '<td colspan="2">事项</td>' in body and "<li>安全生产</li>" in body
    assert "style" not in body and "Mso" not in body and "mso" not in body and "font" not in body


def test_a_head_is_not_offered_the_first_review_of_their_own_draft(cast, make_draft):
    from gongkai.publications.selectors import waiting_for

    own = make_draft(by=cast.head, title="负责人自己起草的通知")
    own.submit(by=cast.head)
    clerks = make_draft(title="经办人起草的通知")
    clerks.submit(by=cast.clerk)
    assert list(waiting_for(cast.head)) == [clerks]
    assert not own.may_review(cast.head)  # the list agrees with the verb


def test_the_first_review_list_reads_the_audit_log_once_however_many_wait(cast, make_draft):
    from gongkai.publications.selectors import waiting_for

    def queries_for_a_list_of(count):
        for n in range(count):
            make_draft(title=f"经办人起草的通知{n}").submit(by=cast.clerk)
        waiting_for(cast.head)  # the head's roles are read once and kept
        with CaptureQueriesContext(connection) as ctx:
            listed = list(waiting_for(cast.head))
        return len(listed), len(ctx.captured_queries)

    one, queries_for_one = queries_for_a_list_of(1)
    more, queries_for_more = queries_for_a_list_of(5)
    assert (one, more) == (1, 6)
    assert queries_for_more == queries_for_one


def test_a_future_written_date_and_an_earlier_effective_date_are_refused_at_their_fields(
    client, cast
):
    """Probe finding 16: 成文日期 2027-03-01 (future) with 施行日期 2026-12-01 before it was
    saved, and moved the 第二十六条 publish-by date. Today is 2022-11-10 here."""
    client.force_login(cast.clerk)
    data = _create_data(written_on="2022-12-01", effective_on="2022-11-01")
    with time_machine.travel(dt.datetime(2022, 11, 10, 10, tzinfo=SHANGHAI), tick=False):
        future = client.post(reverse("publications:document_create"), data)
        assert "成文日期不能晚于今天" in future.content.decode()
        assert not Document.objects.exists()
        data["written_on"] = "2022-11-08"
        before = client.post(reverse("publications:document_create"), data)
        assert "施行日期不能早于成文日期（2022年11月8日）" in before.content.decode()
        assert not Document.objects.exists()
        data["effective_on"] = "2022-11-08"
        client.post(reverse("publications:document_create"), data)
    doc = Document.objects.get()
    assert (doc.written_on, doc.effective_on) == (dt.date(2022, 11, 8), dt.date(2022, 11, 8))


def test_the_documents_page_and_dashboard_read_as_often_with_50_waiting_as_with_1(
    client, cast, make_draft
):
    """Review item 5, measured: 待我审核 on the documents page (11 queries) and the dashboard
    (18 today; its other sections belong to other apps, so only pinned to not grow) read as
    often whether 1 or 50 drafts wait for the head's 一审 (authors_of reads who wrote them
    at once)."""
    client.force_login(cast.head)

    def queries_with(count):
        while Document.objects.filter(status=DocumentStatus.REVIEW_1).count() < count:
            make_draft(title=f"经办人起草的通知{Document.objects.count()}").submit(by=cast.clerk)
        counts = []
        for name in ("publications:home", "core:dashboard"):
            with CaptureQueriesContext(connection) as ctx:
                page = client.get(reverse(name)).content.decode()
            counts.append(len(ctx.captured_queries))
        return counts, page.count("经办人起草的通知")

    (home_one, dashboard_one), shown_one = queries_with(1)
    (home_many, dashboard_many), shown_many = queries_with(50)
    assert (home_one, home_many) == (11, 11) and dashboard_many == dashboard_one
    assert (shown_one, shown_many) == (1, 20)  # the dashboard lists the first 20
