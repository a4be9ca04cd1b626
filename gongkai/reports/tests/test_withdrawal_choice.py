"""撤回方式: who withdraws a published report chooses 更正 or 撤回不再公开 (the default). Only a
version withdrawn as 更正 comes back, marked 已被更正, once the new report is published; one
withdrawn as hidden (a citizen's name, a figure that must not stand) stays off the portal for
good, its files and 索引号 too."""

import pytest
from django.urls import reverse

from gongkai.core.models import AuditEntry
from gongkai.publications.models import Document, DocumentStatus, DomainError, Withdrawal
from gongkai.reports.models import AnnualReport
from gongkai.reports.tests.test_annual import _sent_2022

REVIEWERS = ("press_head", "reviewer", "leader")


def _publish(cast, document):
    for name in REVIEWERS:
        document.approve(by=getattr(cast, name))
    document.refresh_from_db()
    assert document.status == DocumentStatus.PUBLISHED
    return document


def _withdraw_on_the_page(client, cast, document, **choice):
    """撤回 as the press office does it: the document's staff page, its form."""
    client.force_login(cast.press)
    url = reverse("publications:document_act", args=[document.pk, "withdraw"])
    return client.post(url, {"reason": "年报中出现申请人姓名", **choice}, follow=True)


def _published_and_withdrawn(client, cast, withdrawal):
    """The 2022 report published, then withdrawn on the page as `withdrawal`: the document (its
    choice on the record and in the audit entry) and its file."""
    first = _publish(cast, _sent_2022(client, cast, "1520"))
    file = first.attachments.get()
    page = _withdraw_on_the_page(client, cast, first, withdrawal=withdrawal).content.decode()
    said = "（更正，更正版本发布后" if withdrawal == Withdrawal.CORRECTION else "（撤回不再公开）"
    assert said in page  # the staff page says how it was withdrawn
    first.refresh_from_db()
    assert first.status == DocumentStatus.WITHDRAWN and first.withdrawal == withdrawal
    entry = AuditEntry.objects.filter(action="document.withdraw").latest("id")
    assert entry.after == {"status": "withdrawn", "withdrawal": withdrawal}
    return first, file


def _resend(client, cast):
    """The report corrected and sent again, then published; the new document."""
    report = AnnualReport.objects.get(year=2022)
    report.set_figure(by=cast.press, key="licensing", value="1600")
    client.force_login(cast.press)
    assert client.post(reverse("reports:annual_submit", args=[2022])).status_code == 302
    report.refresh_from_db()
    return _publish(cast, report.document)


def _public_pages(client, second):
    client.logout()
    return {
        "catalogue": client.get(reverse("publications_public:catalogue")),
        "search": client.get(reverse("publications_public:search"), {"q": "年度报告"}),
        "sitemap": client.get(reverse("publications_public:sitemap")),
        "feed": client.get(reverse("publications_public:feed")),
        "annual list": client.get(reverse("reports_public:annual_list")),
        "report page": client.get(reverse("publications_public:document", args=[second.pk])),
    }


def test_the_page_offers_the_choice_with_hidden_checked(client, cast):
    first = _publish(cast, _sent_2022(client, cast))
    page = client.get(reverse("publications:document_detail", args=[first.pk])).content.decode()
    assert "撤回方式" in page and "撤回不再公开" in page and "更正（将发布更正版本" in page
    assert 'value="hidden" id="id_withdrawal_0" required checked' in page
    assert 'value="correction" id="id_withdrawal_1" required checked' not in page


def test_withdrawn_as_hidden_stays_hidden_after_the_new_report_is_published(
    client, cast, django_capture_on_commit_callbacks
):
    """Fails on main: report_submit made the new report the correction of the withdrawn one, and
    the withdrawn version came back on its own, marked 已被更正, with its 索引号 and files."""
    with django_capture_on_commit_callbacks(execute=True):
        first, file = _published_and_withdrawn(client, cast, Withdrawal.HIDDEN)
        second = _resend(client, cast)
    assert second.corrects is None  # the step forbidden: no link to the hidden version
    pages = _public_pages(client, second)
    old_url = reverse("publications_public:document", args=[first.pk])
    assert client.get(old_url).status_code == 404
    assert client.get(reverse("publications_public:attachment", args=[file.pk])).status_code == 404
    assert not Document.shown.filter(pk=first.pk).exists()
    new_url = reverse("publications_public:document", args=[second.pk])
    for name, response in pages.items():
        assert response.status_code == 200, name
        text = response.content.decode()
        assert first.index_no not in text and old_url not in text, name
        assert "已被更正" not in text and "本件更正" not in text, name
    for name in ("catalogue", "search", "sitemap", "annual list"):
        assert new_url in pages[name].content.decode(), name  # the lists do list the new one


def test_withdrawn_as_correction_comes_back_marked_and_keeps_its_files(
    client, cast, django_capture_on_commit_callbacks
):
    """更正 chosen: as before, the first version's page is shown marked 已被更正 once the
    correction is published — and now its files download too (they were 404: Document.public)."""
    with django_capture_on_commit_callbacks(execute=True):
        first, file = _published_and_withdrawn(client, cast, Withdrawal.CORRECTION)
        client.logout()
        file_url = reverse("publications_public:attachment", args=[file.pk])
        assert client.get(file_url).status_code == 404  # not until the correction is out
        second = _resend(client, cast)
    assert second.corrects == first
    client.logout()
    old = client.get(reverse("publications_public:document", args=[first.pk]))
    assert old.status_code == 200 and "已被更正" in old.content.decode()
    assert file_url in old.content.decode()
    download = client.get(file_url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == file.file.open("rb").read()
    new = client.get(reverse("publications_public:document", args=[second.pk])).content.decode()
    assert first.index_no in new and "本件更正" in new


def test_a_withdrawal_without_a_valid_choice_is_refused_and_nothing_written(client, cast):
    first = _publish(cast, _sent_2022(client, cast))
    for choice in ({}, {"withdrawal": "shown"}):
        response = _withdraw_on_the_page(client, cast, first, **choice)
        assert "请选择撤回方式" in response.content.decode()
    with pytest.raises(DomainError, match="请选择撤回方式"):
        first.withdraw(by=cast.press, reason="误发", withdrawal="shown")
    first.refresh_from_db()
    assert first.status == DocumentStatus.PUBLISHED and first.withdrawal == ""
    assert first.withdrawn_at is None
    assert not AuditEntry.objects.filter(action="document.withdraw").exists()


def test_the_migration_keeps_corrected_rows_shown_and_hides_the_rest(client, cast):
    """0015: rows withdrawn before the choice existed are hidden, unless a published correction
    already points at them (shown marked 已被更正 until now: kept so)."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("gongkai.publications.migrations.0015_document_withdrawal")
    first = _publish(cast, _sent_2022(client, cast, "1520"))
    first.withdraw(by=cast.press, reason="行政许可数有误", withdrawal=Withdrawal.CORRECTION)
    second = _resend(client, cast)
    second.withdraw(by=cast.press, reason="误发", withdrawal=Withdrawal.CORRECTION)
    # as they stood before 0015: no choice recorded, one published correction of `first` only
    Document.objects.filter(pk__in=[first.pk, second.pk]).update(withdrawal="")
    third = _resend(client, cast)
    Document.objects.filter(pk=third.pk).update(corrects=first)
    migration.existing_withdrawals(apps, None)
    first.refresh_from_db()
    second.refresh_from_db()
    third.refresh_from_db()
    assert first.withdrawal == Withdrawal.CORRECTION
    assert second.withdrawal == Withdrawal.HIDDEN
    assert third.withdrawal == ""  # published: nothing to choose
    assert list(Document.shown.filter(pk__in=[first.pk, second.pk])) == [first]
