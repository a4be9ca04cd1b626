import pytest
from django.urls import reverse

from gongkai.core import audit
from gongkai.core.models import AuditEntry


def test_the_audit_log_is_append_only(cast):
    entry = audit.record(
        cast.admin, "unit.update", cast.units["法规处"], before={"a": 1}, after={"a": 2}
    )
    entry.action = "auth.login"
    with pytest.raises(TypeError, match="只能追加"):
        entry.save()
    with pytest.raises(TypeError, match="只能追加"):
        entry.delete()
    with pytest.raises(TypeError, match="只能追加"):
        AuditEntry.objects.all().update(action="x")
    with pytest.raises(TypeError, match="只能追加"):
        AuditEntry.objects.all().delete()


def test_it_refuses_unknown_actions(cast):
    with pytest.raises(ValueError):
        audit.record(cast.admin, "no.such.action")


def test_the_press_office_reads_and_exports_the_log(client, cast):
    audit.record(
        cast.admin,
        "unit.update",
        cast.units["法规处"],
        before={"full_name": "旧"},
        after={"full_name": "新"},
    )
    client.force_login(cast.press)
    assert "修改单位" in client.get(reverse("core:audit_list")).content.decode()
    response = client.get(reverse("core:audit_export"))
    body = b"".join(response.streaming_content).decode("utf-8")
    assert (
        body.startswith("\ufeff时间,操作人")
        and "修改单位" in body
        and '"{""full_name"": ""新""}"' in body
    )


def test_a_clerk_cannot_read_the_log(client, cast):
    client.force_login(cast.clerk)
    assert client.get(reverse("core:audit_list")).status_code == 403
    assert client.get(reverse("core:audit_export")).status_code == 403


def test_it_stores_the_client_address_of_the_request(client, cast):
    client.force_login(cast.admin)
    client.post(
        reverse("core:unit_create"),
        {"name": "统计处", "kind": "department", "order": 1},
        REMOTE_ADDR="::ffff:10.1.2.3",
    )
    assert AuditEntry.objects.get(action="unit.create").ip == "10.1.2.3"


def test_the_log_reads_as_words_not_codes(client, cast):
    from gongkai.plans.models import Plan, Task
    from gongkai.publications.models import Category, Document

    document = Document.create_draft(
        by=cast.clerk,
        title="关于加强危险化学品安全管理的通知",
        category=Category.OTHER_MANDATED,
        written_on="2022-09-01",
        body="<p>正文</p>",
    )
    audit.record(
        cast.leader,
        "document.approve",
        document,
        before={"status": "review_3"},
        after={"status": "published"},
        comment="同意发布",
    )
    audit.record(
        cast.clerk,
        "document.edit",
        document,
        before={"expires_on": None},
        after={"expires_on": "2022-09-30", "business_related": True},
    )
    plan = Plan.objects.create(year=2022, title="2022年工作方案", source_sha256="x")
    task = Task.objects.create(plan=plan, number=3, requirement="健全舆情监测")
    audit.record(
        cast.clerk,
        "task.report_progress",
        task,
        before={"status": "not_started"},
        after={"status": "in_progress"},
    )
    client.force_login(cast.press)
    page = client.get(reverse("core:audit_list")).content.decode()
    assert "状态：三审（签发领导） → 已发布" in page and "意见：同意发布" in page
    assert "失效日期：— → 2022年9月30日" in page and "涉企政策：是" in page
    assert "状态：未开始 → 推进中" in page
    assert "review_3" not in page and "{&#x27;" not in page and "not_started" not in page


def test_the_action_filter_shows_labels(client, cast):
    audit.record(cast.admin, "unit.update", cast.units["法规处"], before={"a": 1}, after={"a": 2})
    client.force_login(cast.press)
    page = client.get(reverse("core:audit_list")).content.decode()
    assert '<option value="unit.update" >修改单位</option>' in page


def test_the_csv_keeps_the_json_and_adds_the_words(client, cast):
    audit.record(
        cast.admin,
        "unit.update",
        cast.units["法规处"],
        before={"full_name": "旧名"},
        after={"full_name": "新名"},
    )
    client.force_login(cast.press)
    body = b"".join(client.get(reverse("core:audit_export")).streaming_content).decode("utf-8")
    assert '"{""full_name"": ""新名""}"' in body
    assert body.splitlines()[0].endswith(",变更内容") and "：旧名 → 新名" in body


def test_the_log_keeps_the_units_name_as_it_was_when_written(client, cast):
    """Probe 11 F4.2 — fails on main: the CSV's 单位 column followed the live unit row, so acts
    done as 法规处 read as done by 政策法规处 after the rename."""
    import csv

    from gongkai.core.audit_display import CSV_HEADER

    unit = cast.units["法规处"]
    audit.record(cast.clerk, "request.note", unit, unit=unit, what="改名前")
    client.force_login(cast.admin)
    form = {"name": "政策法规处", "full_name": "", "kind": unit.kind, "aliases": unit.aliases}
    form |= {"order": unit.order, "is_active": "on"}
    assert client.post(reverse("core:unit_edit", args=[unit.pk]), form).status_code == 302
    unit.refresh_from_db()
    audit.record(cast.clerk, "request.note", unit, unit=unit, what="改名后")
    rows = AuditEntry.objects.filter(action="request.note").order_by("pk")
    assert [r.unit_name for r in rows] == ["法规处", "政策法规处"]
    body = b"".join(client.get(reverse("core:audit_export")).streaming_content).decode("utf-8")
    table = list(csv.reader(body.lstrip("\ufeff").splitlines()))
    unit_column, data_column = CSV_HEADER.index("单位"), CSV_HEADER.index("说明")
    said = {row[data_column]: row[unit_column] for row in table[1:] if "改名" in row[data_column]}
    assert said == {'{"what": "改名后"}': "政策法规处", '{"what": "改名前"}': "法规处"}


def _audit_rows(client, **query) -> list[list[str]]:
    import csv

    body = b"".join(client.get(reverse("core:audit_export"), query).streaming_content).decode(
        "utf-8"
    )
    return list(csv.reader(body.lstrip("\ufeff").splitlines()))[1:]


def test_the_log_filters_by_date_range_and_unit_and_the_export_follows(client, cast):
    """Probe 11 F4.3 — fails on main: no date or unit filter, so "all of 2026" could not be
    exported. Days are Beijing days: 2027-01-01 00:30 in Beijing is 2026-12-31 UTC."""
    import datetime as dt

    import time_machine

    from gongkai.core.audit_display import CSV_HEADER

    beijing = dt.timezone(dt.timedelta(hours=8))
    fagui, xinwen = cast.units["法规处"], cast.units["新闻处"]
    for at, unit, what in [
        (dt.datetime(2025, 12, 31, 23, 30, tzinfo=beijing), fagui, "2025年末"),
        (dt.datetime(2026, 1, 1, 0, 30, tzinfo=beijing), fagui, "2026年初"),
        (dt.datetime(2026, 6, 1, 10, tzinfo=beijing), xinwen, "2026年中"),
        (dt.datetime(2027, 1, 1, 0, 30, tzinfo=beijing), fagui, "2027年初"),
    ]:
        with time_machine.travel(at, tick=False):
            audit.record(cast.clerk, "request.note", unit, unit=unit, what=what)
    client.force_login(cast.press)
    data = CSV_HEADER.index("说明")

    def said(**query):
        return sorted(r[data] for r in _audit_rows(client, **query) if "年" in r[data])

    year = {"since": "2026-01-01", "until": "2026年12月31日"}
    assert said(**year) == ['{"what": "2026年中"}', '{"what": "2026年初"}']
    assert said(**year, unit=fagui.pk) == ['{"what": "2026年初"}']
    page = client.get(reverse("core:audit_list"), {**year, "unit": fagui.pk}).content.decode()
    assert "2026年初" in page and "2026年中" not in page and "2025年末" not in page
    export = AuditEntry.objects.filter(action="audit.export").latest("pk")
    assert "since=2026-01-01" in export.data["what"]  # the export logs its filter


def test_a_mistyped_date_shows_the_error_and_exports_nothing(client, cast):
    """The step it forbids: a filter with an error exports nothing and logs no export; the
    list shows the error at the field, and no rows (never the whole log)."""
    audit.record(cast.clerk, "request.note", None, what="任一记录")
    client.force_login(cast.press)
    before = AuditEntry.objects.count()
    response = client.get(reverse("core:audit_export"), {"since": "2026-13-45"})
    assert response.status_code == 302 and "audit/?since=2026-13-45" in response["Location"]
    assert AuditEntry.objects.count() == before  # no audit.export written
    page = client.get(response["Location"]).content.decode()
    assert "起始日期：日期不存在" in page and "任一记录" not in page
    late = client.get(reverse("core:audit_list"), {"since": "2026-02-01", "until": "2026-01-01"})
    assert "截止日期不能早于起始日期" in late.content.decode()
