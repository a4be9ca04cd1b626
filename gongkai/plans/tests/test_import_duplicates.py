"""Probe 8 findings on the plan import: the same plan imported again in other bytes (P1), long
cells cut silently (P2), a 序号 beyond what the database stores (P3). Each refused step writes
nothing."""

import io

import pytest
from django.core.management import CommandError, call_command

from gongkai.core.models import AuditEntry, UnitAlias
from gongkai.plans import services
from gongkai.plans.demo import SEED
from gongkai.plans.importers import PlanImportError
from gongkai.plans.models import Assignment, HeaderSynonym, Plan, Progress, ProgressStatus, Task
from gongkai.plans.tests.test_import_preview import (
    PLAN,
    PLAN_ROWS,
    _confirm,
    _map_columns,
    _plan_docx,
    _upload,
)

# The same plan re-saved with one more task: other bytes, same title, the same first three tasks.
RESAVED = _plan_docx([*PLAN_ROWS, ["4. 更新公开目录", "每季度更新", "新闻处", "12月底前"]])


def _written():
    """Everything an import writes, counted."""
    return [
        model.objects.count()
        for model in (Plan, Task, Assignment, AuditEntry, UnitAlias, HeaderSynonym)
    ]


@pytest.fixture
def imported(client, cast):
    """The 2024 plan imported once through the preview (法规科 mapped to 法规处)."""
    client.force_login(cast.press)
    response = _confirm(
        client, _map_columns(client, _upload(client)), unit_0=str(cast.units["法规处"].pk)
    )
    assert response.status_code == 302
    return Plan.objects.get()


@pytest.mark.django_db
def test_the_same_plan_in_other_bytes_is_named_in_the_preview_and_not_saved_without_a_choice(
    client, imported
):
    before = _written()
    preview = _upload(client, RESAVED, "安排（修订）.docx")
    page = preview.content.decode()
    assert "本年度已有相同的工作方案" in page
    assert f"2024年已有工作方案《{imported.title}》" in page and "标题相同" in page
    assert "取消导入" in page

    refused = _confirm(client, preview)

    assert refused.status_code == 400
    assert refused.context["duplicate_form"].errors["decision"] == [
        "请选择替换原方案，或作为另一份方案导入；不需要导入请点“取消导入”。"
    ]
    assert _written() == before


@pytest.mark.django_db
def test_a_separate_plan_needs_a_reason_and_the_reason_is_audited(client, imported):
    preview = _upload(client, RESAVED, "安排（修订）.docx")
    before = _written()

    refused = _confirm(client, preview, decision="separate")

    assert refused.status_code == 400
    assert refused.context["duplicate_form"].errors["reason"] == [
        "请说明为什么作为另一份方案导入。"
    ]
    assert _written() == before

    saved = _confirm(client, preview, decision="separate", reason="本年度的补充方案")

    assert saved.status_code == 302
    assert Plan.objects.filter(year=2024).count() == 2
    entry = AuditEntry.objects.filter(action="plan.import").latest("pk")
    assert entry.data["reason"] == "本年度的补充方案"
    assert entry.data["separate_from"] == [imported.pk]


@pytest.mark.django_db
def test_replacing_a_plan_nobody_reported_on_leaves_one_ledger(client, imported):
    preview = _upload(client, RESAVED, "安排（修订）.docx")

    response = _confirm(client, preview, decision="replace")

    assert response.status_code == 302
    plan = Plan.objects.get()
    assert plan.pk != imported.pk and plan.source_name == "安排（修订）.docx"
    assert sorted(plan.tasks.values_list("number", flat=True)) == [1, 2, 3, 4]
    assert Task.objects.count() == 4
    entry = AuditEntry.objects.filter(action="plan.import").latest("pk")
    assert [r["id"] for r in entry.data["replaced"]] == [imported.pk]
    assert entry.data["replaced"][0]["tasks"] == 3


@pytest.mark.django_db
def test_a_plan_a_unit_reported_on_is_not_replaced_and_the_reports_are_named(
    client, cast, imported
):
    share = Assignment.objects.get(task__plan=imported, task__number=1, unit__name="法规处")
    share.report_progress(by=cast.clerk, text="已公开", status=ProgressStatus.ONGOING)
    preview = _upload(client, RESAVED, "安排（修订）.docx")
    assert "替换原方案——不可用：已有单位报送进展（第1项（法规处））" in preview.content.decode()
    before = _written()

    refused = _confirm(client, preview, decision="replace")

    assert refused.status_code == 400
    assert (
        "原方案已有单位报送进展（第1项（法规处）），不能替换。"
        in (refused.context["duplicate_form"].errors["decision"][0])
    )
    assert _written() == before and Progress.objects.count() == 1
    assert Plan.objects.get() == imported


@pytest.mark.django_db
def test_the_service_refuses_a_replacement_of_a_reported_plan_even_without_the_form(cast, imported):
    share = Assignment.objects.get(task__plan=imported, task__number=1, unit__name="法规处")
    share.report_progress(by=cast.clerk, text="已公开", status=ProgressStatus.ONGOING)
    parsed = services.plan_parse(data=RESAVED, filename="x.docx", year=2024)
    before = _written()
    with pytest.raises(services.SimilarPlanExists, match="不能替换"):
        services.plan_create(
            by=cast.press,
            parsed=parsed,
            source_name="x.docx",
            source_sha256="b" * 64,
            duplicate=services.REPLACE,
        )
    assert _written() == before


@pytest.mark.django_db
def test_another_plan_of_the_same_year_is_imported_without_a_question(client, imported):
    other = _plan_docx(
        [["1. 公开财政预决算", "按时公开", "法规科", "6月底前"]], title="2024年预决算公开专项方案"
    )
    preview = _upload(client, other, "专项.docx")
    assert "本年度已有相同的工作方案" not in preview.content.decode()
    assert preview.context["duplicate_form"] is None
    assert _confirm(client, preview).status_code == 302
    assert Plan.objects.filter(year=2024).count() == 2


@pytest.mark.django_db
def test_the_command_refuses_the_same_plan_with_a_trailing_newline_unless_forced(tmp_path, cast):
    first, copy = tmp_path / "方案.txt", tmp_path / "方案副本.txt"
    first.write_bytes(SEED.read_bytes())
    copy.write_bytes(SEED.read_bytes() + b"\n")
    call_command("plan", "import", str(first), "--year", "2022")
    before = _written()

    with pytest.raises(CommandError, match="2022年已有工作方案.*本次未导入任何内容.*--force-new"):
        call_command("plan", "import", str(copy), "--year", "2022")
    assert _written() == before
    said = io.StringIO()
    call_command("plan", "import", str(copy), "--year", "2022", "--dry-run", stderr=said)
    assert "注意：2022年已有工作方案" in said.getvalue() and _written() == before

    call_command("plan", "import", str(copy), "--year", "2022", "--force-new")
    assert Plan.objects.filter(year=2022).count() == 2
    entry = AuditEntry.objects.filter(action="plan.import").latest("pk")
    assert entry.data["reason"] == "命令行导入时指定 --force-new"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "error"),
    [
        ("deadline_text", "完成时限不能超过200字（现有201字），请精简。"),
        ("subsection", "分项不能超过200字（现有201字），请精简。"),
    ],
)
def test_a_cell_longer_than_the_ledger_keeps_is_refused_at_its_field(client, cast, field, error):
    """P2: was saved cut to 200 characters without a word."""
    client.force_login(cast.press)
    preview = _map_columns(client, _upload(client))
    before = _written()

    refused = _confirm(client, preview, **{f"form-0-{field}": "甲" * 201})

    assert refused.status_code == 400
    assert refused.context["formset"].forms[0].errors[field] == [error]
    assert _written() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("posted", "errors_of"),
    [
        # P3: 3000000000 was stored on SQLite and is a DataError (a 500) on PostgreSQL's int4.
        ({"form-0-number": "3000000000"}, lambda page: page.context["formset"].forms[0].errors),
        # The unit select's key, beyond any: a field error too, not a server error.
        ({"unit_0": "3000000000"}, lambda page: page.context["units_form"].errors),
    ],
)
def test_a_number_beyond_what_the_ledger_stores_is_refused_at_its_field(
    client, cast, posted, errors_of
):
    client.force_login(cast.press)
    preview = _map_columns(client, _upload(client))
    before = _written()

    refused = _confirm(client, preview, **posted)

    assert refused.status_code == 400
    field = next(iter(posted)).removeprefix("form-0-")
    assert errors_of(refused)[field]  # said at the field
    if field == "number":
        assert errors_of(refused)[field] == ["序号不能大于99999。"]
    assert _written() == before


@pytest.mark.django_db
def test_the_service_refuses_a_number_beyond_what_the_ledger_stores(cast):
    parsed = services.plan_parse(data=PLAN, filename="安排.docx", year=2024, columns=None)
    parsed.items[0].number = 3_000_000_000
    with pytest.raises(PlanImportError, match="任务序号应在1至99999之间"):
        services.plan_create(
            by=cast.press, parsed=parsed, source_name="安排.docx", source_sha256="c" * 64
        )
    assert not Plan.objects.exists()


@pytest.mark.django_db
def test_a_cell_the_preview_does_not_show_is_cut_with_a_flag_saying_so(cast):
    parsed = services.plan_parse(data=PLAN, filename="安排.docx", year=2024)
    parsed.items[0].section = "乙" * 230
    plan = services.plan_create(
        by=cast.press, parsed=parsed, source_name="安排.docx", source_sha256="d" * 64
    )
    task = plan.tasks.get(number=parsed.items[0].number)
    assert task.section == "乙" * 200
    assert "工作任务超过200字，已截取前200字" in task.flags


@pytest.mark.django_db
def test_two_different_plans_without_a_title_row_are_not_taken_for_the_same(cast):
    """Both get the year's default title: that alone is no sign of the same plan."""
    for n, rows in enumerate([PLAN_ROWS, [["1. 公开财政预决算", "按时公开", "新闻处", "6月底前"]]]):
        parsed = services.plan_parse(data=_plan_docx(rows, title=""), filename="x.docx", year=2024)
        parsed.title = ""
        services.plan_create(
            by=cast.press, parsed=parsed, source_name="x.docx", source_sha256=str(n) * 64
        )
    assert list(Plan.objects.values_list("title", flat=True)) == ["2024年政务公开工作实施方案"] * 2
