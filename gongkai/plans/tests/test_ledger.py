"""The work ledger: import into the database, scoping by unit, progress with evidence, reminders."""

import datetime as dt
import json
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from gongkai.core.models import AuditEntry, Notification
from gongkai.plans import services
from gongkai.plans.importers import PlanImportError
from gongkai.plans.models import Assignment, Evidence, Plan, Progress, ProgressStatus, Task
from gongkai.testing import seen_on_page

SEED = Path(__file__).parents[1] / "seed" / "guangzhou-yjj-2022.txt"


@pytest.fixture
def plan(cast):
    return services.plan_import(
        by=cast.press, data=SEED.read_bytes(), filename="seed.txt", year=2022
    ).plan


def _task(plan, number):
    return plan.tasks.get(number=number)


def _report(client, task, *, seen=None, **data):
    """报送 from the task page opened now, or from one that showed `seen` (a tab left open)."""
    if seen is None:
        seen = seen_on_page(client, reverse("plans:task_detail", args=[task.pk]))
    return client.post(reverse("plans:report_progress", args=[task.pk]), data | {"seen": seen})


def test_it_imports_the_seed_with_units_expanded(plan, cast):
    assert plan.tasks.count() == 38
    task1 = _task(plan, 1)
    assert task1.due_date == dt.date(2022, 8, 31) and task1.ongoing
    lead = task1.assignments.get(role=Assignment.Role.LEAD)
    assert lead.unit.name == "新闻处"
    support = set(
        task1.assignments.filter(role=Assignment.Role.SUPPORT).values_list("unit__kind", flat=True)
    )
    assert support == {"department", "subordinate"}  # 各处室 + 直属单位
    assert not task1.assignments.filter(role=Assignment.Role.SUPPORT, unit__name="新闻处").exists()
    assert AuditEntry.objects.filter(action="plan.import", actor=cast.press).count() == 1


def test_related_units_wait_for_the_press_office(plan):
    """Item 7: 新闻处牵头，相关处室、直属单位配合 — 相关处室 is chosen by the press office."""
    assert _task(plan, 7).units_to_choose == ["相关处室"]


def test_reimporting_the_same_file_changes_nothing(plan, cast):
    again = services.plan_import(
        by=cast.press, data=SEED.read_bytes(), filename="again.txt", year=2022
    )
    assert not again.created and again.plan == plan
    assert Plan.objects.count() == 1 and Task.objects.count() == 38


def test_a_broken_file_writes_nothing(cast):
    with pytest.raises(PlanImportError):
        services.plan_import(
            by=cast.press, data=b"\x00\x01 not a plan at all", filename="x.txt", year=2022
        )
    assert (
        not Plan.objects.exists() and not AuditEntry.objects.filter(action="plan.import").exists()
    )


def test_a_failure_midway_leaves_no_half_written_plan(cast, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Assignment.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        services.plan_import(by=cast.press, data=SEED.read_bytes(), filename="seed.txt", year=2022)
    assert not Plan.objects.exists() and not Task.objects.exists()


def test_the_command_prints_json_and_dry_run_saves_nothing(db):
    out = StringIO()
    call_command("plan", "import", str(SEED), "--year", "2022", "--dry-run", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["count"] == 38 and data["items"][11]["due_date"] == "2022-09-30"
    assert set(data["items"][0]) >= {
        "number",
        "section",
        "subsection",
        "requirement",
        "measures",
        "deadline_text",
        "due_date",
        "ongoing",
        "lead_units",
        "support_units",
        "units_text",
        "flags",
    }
    assert not Plan.objects.exists()


def test_the_command_refuses_a_missing_file(db):
    with pytest.raises(CommandError, match="找不到文件"):
        call_command("plan", "import", "/nonexistent.txt", "--year", "2022")


def test_a_clerk_sees_only_tasks_of_their_unit(client, plan, cast):
    client.force_login(cast.clerk)
    page = client.get(reverse("plans:plan_detail", args=[plan.pk])).content.decode()
    assert "法规处承担的任务" in page
    press_only = (
        Task.objects.filter(plan=plan).exclude(assignments__unit=cast.units["法规处"]).first()
    )
    assert press_only is not None  # e.g. item 3, 新闻处 alone
    assert client.get(reverse("plans:task_detail", args=[press_only.pk])).status_code == 404
    assert f'href="{reverse("plans:task_detail", args=[press_only.pk])}"' not in page


def test_anonymous_visitors_go_to_login(client, plan):
    for url in [
        reverse("plans:plan_detail", args=[plan.pk]),
        reverse("plans:task_detail", args=[_task(plan, 12).pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and "/staff/login/" in response.url


def test_a_clerk_posts_progress_with_a_file(client, plan, cast):
    task = _task(plan, 12)  # 法规处牵头
    client.force_login(cast.clerk)
    upload = SimpleUploadedFile("清理结果.pdf", b"%PDF-1.4 cleanup results")
    response = _report(
        client,
        task,
        text="完成规范性文件清理",
        status=ProgressStatus.DONE,
        links="https://example.gov.cn/a",
        files=[upload],
    )
    assert response.status_code == 302
    share = task.assignments.get(unit=cast.units["法规处"])
    assert share.status == ProgressStatus.DONE
    evidence = Evidence.objects.get()
    assert evidence.original_name == "清理结果.pdf" and evidence.kind == "pdf"
    entry = AuditEntry.objects.get(action="task.report_progress")
    assert entry.before == {"status": "not_started"} and entry.after == {"status": "done"}
    download = client.get(reverse("plans:evidence_download", args=[evidence.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 cleanup results"


def test_a_disguised_file_is_refused_and_nothing_is_saved(client, plan, cast):
    task = _task(plan, 12)
    client.force_login(cast.clerk)
    upload = SimpleUploadedFile("报告.pdf", b"MZ\x90 this is an executable")
    response = _report(client, task, text="x", status=ProgressStatus.DONE, files=[upload])
    assert response.status_code == 400 and "不是可接受的文件类型" in response.content.decode()
    assert not Progress.objects.exists()


def test_after_an_error_the_clerk_is_told_to_choose_the_files_again(client, plan, cast):
    """Probe finding 17(a): after a validation error the chosen evidence files were silently
    gone (a browser never keeps them): the page now says so next to 佐证材料."""
    task = _task(plan, 12)
    client.force_login(cast.clerk)
    files = [
        SimpleUploadedFile("清理结果.pdf", b"%PDF-1.4 cleanup results"),
        SimpleUploadedFile("清理目录.pdf", b"%PDF-1.4 list"),
    ]
    response = _report(
        client,
        task,
        text="完成规范性文件清理",
        status=ProgressStatus.DONE,
        links="www.gz.gov.cn",
        files=files,
    )
    page = response.content.decode()
    assert response.status_code == 400 and "网址应以 http:// 或 https:// 开头" in page
    assert "您选择的2个佐证材料尚未上传，请改正错误后重新选择文件" in page
    assert "完成规范性文件清理" in page
    assert not Progress.objects.exists() and not Evidence.objects.exists()


def test_another_units_clerk_cannot_post_or_download(client, plan, cast):
    task = _task(plan, 3)  # 新闻处 alone
    client.force_login(cast.clerk)
    assert (
        client.post(
            reverse("plans:report_progress", args=[task.pk]),
            {"text": "x", "status": ProgressStatus.DONE},
        ).status_code
        == 404
    )
    share = task.assignments.get()
    progress = share.report_progress(
        by=cast.press,
        text="舆情机制",
        status=ProgressStatus.ONGOING,
        files=[SimpleUploadedFile("a.pdf", b"%PDF-1.4 a")],
    )
    evidence = progress.evidence.get()
    assert client.get(reverse("plans:evidence_download", args=[evidence.pk])).status_code == 404


def test_the_press_office_chooses_related_units(client, plan, cast):
    task = _task(plan, 7)
    client.force_login(cast.clerk)
    url = reverse("plans:assign_units", args=[task.pk])
    assert client.post(url, {"support": [cast.units["法规处"].pk]}).status_code == 403
    client.force_login(cast.press)
    client.post(
        url,
        {
            "lead": [cast.units["新闻处"].pk],
            "support": [cast.units["法规处"].pk, cast.units["审批处"].pk],
        },
    )
    task.refresh_from_db()
    assert task.units_to_choose == []
    assert set(task.assignments.values_list("unit__name", flat=True)) == {
        "新闻处",
        "法规处",
        "审批处",
    }
    assert AuditEntry.objects.filter(action="plan.assign_units").exists()


def test_the_web_import_previews_and_saves_corrections(client, cast):
    client.force_login(cast.press)
    upload = SimpleUploadedFile("plan.txt", SEED.read_bytes())
    preview = client.post(reverse("plans:plan_import"), {"file": upload, "year": 2022})
    assert preview.status_code == 200 and "核对工作任务（共38项）" in preview.content.decode()
    assert not Plan.objects.exists()  # nothing saved before confirmation
    form = preview.context["formset"]
    assert (
        preview.context["title_form"].initial["title"]
        == "广州市应急管理局2022年政务公开工作实施方案"
    )
    data = {"token": preview.context["token"], **{k: v for k, v in _formset_data(form).items()}}
    data["form-0-deadline_text"] = "9月底前"
    data["form-0-due_date"] = "2022-09-30"
    data["title"] = "应急管理局2022年政务公开工作实施方案（修订）"
    response = client.post(reverse("plans:plan_import"), data)
    assert response.status_code == 302
    assert Task.objects.get(number=1).due_date == dt.date(2022, 9, 30)
    assert Plan.objects.get().title == "应急管理局2022年政务公开工作实施方案（修订）"


def _formset_data(formset):
    data = {f"form-{k}": v for k, v in formset.management_form.initial.items()}
    for i, form in enumerate(formset.forms):
        for name, value in form.initial.items():
            if value is None or value is False:
                continue
            data[f"form-{i}-{name}"] = "on" if value is True else value
    return data


def test_the_web_import_says_what_is_wrong(client, cast):
    client.force_login(cast.press)
    response = client.post(
        reverse("plans:plan_import"), {"file": SimpleUploadedFile("x.txt", b"   "), "year": 2022}
    )
    assert "文件" in response.content.decode() and not Plan.objects.exists()
    assert client.get(reverse("plans:plan_import")).status_code == 200
    client.force_login(cast.clerk)
    assert client.get(reverse("plans:plan_import")).status_code == 403


def test_remind_notifies_once_per_overdue_share(plan, cast):
    out = StringIO()
    call_command("remind", stdout=out)
    first = Notification.objects.filter(user=cast.clerk).count()
    assert first > 0 and "已逾期" in out.getvalue()
    call_command("remind", stdout=StringIO())
    assert Notification.objects.filter(user=cast.clerk).count() == first


def test_the_dashboard_lists_my_units_tasks_overdue_first(client, plan, cast):
    client.force_login(cast.clerk)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "法规处的工作任务" in page and "已逾期" in page


def test_it_pre_ticks_the_units_already_assigned(client, plan, cast):
    task = _task(plan, 1)  # 新闻处 leads; 各处室 and 直属单位 support
    client.force_login(cast.press)
    html = client.get(reverse("plans:task_detail", args=[task.pk])).content.decode()
    xinwen = cast.units["新闻处"].pk
    fagui = cast.units["法规处"].pk
    assert f'name="lead" value="{xinwen}" id="id_lead_' in html
    lead_box = html.split(f'name="lead" value="{xinwen}"')[1].split(">")[0]
    assert "checked" in lead_box
    support_box = html.split(f'name="support" value="{fagui}"')[1].split(">")[0]
    assert "checked" in support_box
    unticked = html.split(f'name="lead" value="{fagui}"')[1].split(">")[0]
    assert "checked" not in unticked


def test_posting_the_prefilled_form_plus_one_unit_only_adds_that_unit(client, plan, cast):
    task = _task(plan, 7)  # 新闻处 leads; 相关处室 (to choose) and 直属单位 support
    before = dict(task.assignments.values_list("unit__name", "role"))
    assert before["新闻处"] == "lead" and "法规处" not in before
    client.force_login(cast.press)
    form = client.get(reverse("plans:task_detail", args=[task.pk])).context["assign_form"]
    data = {
        "lead": form.initial["lead"],
        "support": [*form.initial["support"], cast.units["法规处"].pk],
    }
    response = client.post(reverse("plans:assign_units", args=[task.pk]), data)
    assert response.status_code == 302
    assert dict(task.assignments.values_list("unit__name", "role")) == {
        **before,
        "法规处": "support",
    }
    entry = AuditEntry.objects.get(action="plan.assign_units")
    assert entry.data["added"] == ["法规处"] and entry.data["removed"] == []


def test_removing_a_unit_that_reported_needs_a_confirmation(client, plan, cast):
    task = _task(plan, 3)  # 新闻处 alone
    task.assignments.get().report_progress(
        by=cast.press, text="舆情机制已建立", status=ProgressStatus.ONGOING
    )
    client.force_login(cast.press)
    url = reverse("plans:assign_units", args=[task.pk])
    response = client.post(url, {"lead": [cast.units["法规处"].pk]})
    assert response.status_code == 400
    assert "新闻处已报送进展" in response.content.decode()
    assert 'type="checkbox" name="confirm_remove"' in response.content.decode()
    assert list(task.assignments.values_list("unit__name", flat=True)) == ["新闻处"]
    assert not AuditEntry.objects.filter(action="plan.assign_units").exists()

    response = client.post(url, {"lead": [cast.units["法规处"].pk], "confirm_remove": "on"})
    assert response.status_code == 302
    assert list(task.assignments.values_list("unit__name", flat=True)) == ["法规处"]
    entry = AuditEntry.objects.get(action="plan.assign_units")
    assert entry.data["added"] == ["法规处"] and entry.data["removed"] == ["新闻处"]
    assert entry.data["removed_reports"][0]["text"] == "舆情机制已建立"


def test_removing_units_without_reports_is_listed_in_the_audit_entry(client, plan, cast):
    task = _task(plan, 1)
    before = set(task.assignments.values_list("unit__name", flat=True))
    client.force_login(cast.press)
    client.post(reverse("plans:assign_units", args=[task.pk]), {"lead": [cast.units["新闻处"].pk]})
    assert list(task.assignments.values_list("unit__name", flat=True)) == ["新闻处"]
    entry = AuditEntry.objects.get(action="plan.assign_units")
    assert set(entry.data["removed"]) == before - {"新闻处"} and entry.data["added"] == []


def test_a_due_date_outside_the_plan_year_is_refused_in_the_preview(client, cast):
    client.force_login(cast.press)
    upload = SimpleUploadedFile("plan.txt", SEED.read_bytes())
    preview = client.post(reverse("plans:plan_import"), {"file": upload, "year": 2022})
    data = {"token": preview.context["token"], **_formset_data(preview.context["formset"])}
    data |= preview.context["title_form"].initial
    data["form-0-due_date"] = "2202-09-30"
    response = client.post(reverse("plans:plan_import"), data)
    assert response.status_code == 400
    assert "截止日期2202年9月30日不在方案年度（2022年）内" in response.content.decode()
    assert not Plan.objects.exists()


def test_the_same_report_sent_twice_is_saved_once(client, plan, cast):
    """Probe 4 finding 4: a double click saved two identical progress rows."""
    task = _task(plan, 12)  # 法规处牵头
    data = {
        "text": "已全部完成。",
        "status": ProgressStatus.DONE,
        "links": "https://example.gov.cn/a",
    }
    with time_machine.travel(dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC), tick=False):
        client.force_login(cast.clerk)
        seen = seen_on_page(client, reverse("plans:task_detail", args=[task.pk]))
        first = _report(client, task, seen=seen, **data)
        again = _report(client, task, seen=seen, **data)  # the second click, from the same page
    assert first.status_code == 302 and again.status_code == 400
    assert again.context["form"].errors["text"] == ["这条进展已于17:30报送，未重复保存。"]
    assert list(Progress.objects.values_list("text", flat=True)) == ["已全部完成。"]
    assert AuditEntry.objects.filter(action="task.report_progress").count() == 1


def test_done_without_any_evidence_is_refused_and_nothing_saved(client, plan, cast):
    """Probe 4 finding 4 (a judgement): 已完成 with no file and no link was accepted."""
    task = _task(plan, 12)
    client.force_login(cast.clerk)
    response = _report(client, task, text="已全部完成。", status=ProgressStatus.DONE)
    assert response.status_code == 400
    assert response.context["form"].errors["files"] == [
        "标记为“已完成”须附佐证材料或相关链接（此前的进展中也没有）。"
    ]
    assert not Progress.objects.exists()
    assert task.assignments.get(unit=cast.units["法规处"]).status == ProgressStatus.NOT_STARTED


def test_done_may_rest_on_evidence_sent_with_an_earlier_report(client, plan, cast):
    task = _task(plan, 12)
    client.force_login(cast.clerk)
    upload = SimpleUploadedFile("清理目录.pdf", b"%PDF-1.4 list")
    _report(client, task, text="清理过半", status=ProgressStatus.IN_PROGRESS, files=[upload])
    response = _report(client, task, text="清理完毕", status=ProgressStatus.DONE)
    assert response.status_code == 302
    assert task.assignments.get(unit=cast.units["法规处"]).status == ProgressStatus.DONE


def test_done_work_does_not_go_back_to_not_started(client, plan, cast):
    task = _task(plan, 12)
    client.force_login(cast.clerk)
    _report(
        client, task, text="已完成", status=ProgressStatus.DONE, links="https://example.gov.cn/a"
    )
    response = _report(client, task, text="回退", status=ProgressStatus.NOT_STARTED)
    assert response.status_code == 400
    assert "不能改回“未开始”" in response.context["form"].errors["status"][0]
    assert list(Progress.objects.values_list("text", flat=True)) == ["已完成"]
    assert task.assignments.get(unit=cast.units["法规处"]).status == ProgressStatus.DONE
    reopened = _report(client, task, text="发现遗漏，继续清理", status=ProgressStatus.IN_PROGRESS)
    assert reopened.status_code == 302
