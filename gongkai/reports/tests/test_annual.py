"""The annual report in the national format (国办公开办函〔2021〕30号; rules.md §3)."""

import datetime as dt
import io
import json
from io import StringIO
from zoneinfo import ZoneInfo

import docx
import time_machine
from django.core.management import call_command
from django.urls import reverse

from gongkai.core.models import AuditEntry
from gongkai.disclosure_requests.models import CaseStatus, DisclosureRequest, Remedy
from gongkai.disclosure_requests.services import create_registered
from gongkai.disclosure_requests.taxonomy import HANDS_OVER, Outcome
from gongkai.publications.models import Category, Document, Kind, Validity
from gongkai.reports import tables
from gongkai.reports.docx_export import report_docx
from gongkai.reports.models import AnnualReport, ManualFigure
from gongkai.reports.report import build
from gongkai.testing import a_pdf

D = dt.date
# Table 三's rows, typed from the national format (国办公开办函〔2021〕30号; rules.md §3.3).
OFFICIAL_ROWS = [
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "三、本年度办理结果",
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "（三）不予公开",
    "1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”",
    "4.保护第三方合法权益",
    "5.属于三类内部事务信息",
    "6.属于四类过程性信息",
    "7.属于行政执法案卷",
    "8.属于行政查询事项",
    "（四）无法提供",
    "1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确",
    "（五）不予处理",
    "1.信访举报投诉类申请",
    "2.重复申请",
    "3.要求提供公开出版物",
    "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
    "（六）其他处理",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
    "（七）总计",
    "四、结转下年度继续办理",
]


def _case(cast, received, kind="natural_person", outcome=None, replied=None):
    case = DisclosureRequest(
        applicant_type=kind,
        applicant_name="某",
        id_document="x",
        phone="1",
        description="某信息",
        delivery_form="electronic",
        delivery_method="online",
        channel="online",
        received_on=received,
    )
    create_registered(case, [], actor=cast.press, note="")
    if outcome:
        reason = "理由" if outcome in (Outcome.PARTIAL, Outcome.WITHHELD_PROCESS) else ""
        files = [a_pdf()] if outcome in HANDS_OVER else []  # online: the information itself
        case.reply(
            by=cast.press,
            outcome=outcome,
            text="答复",
            on=replied,
            withheld_reason=reason,
            files=files,
        )
    return case


def _cast_year(cast):
    _case(cast, D(2021, 12, 20), outcome=Outcome.DISCLOSED, replied=D(2022, 1, 10))  # carried in
    _case(cast, D(2022, 3, 1), "commercial", Outcome.PARTIAL, D(2022, 3, 20))
    _case(cast, D(2022, 5, 1), "legal_service", Outcome.NOT_EXIST, D(2022, 5, 20))
    _case(cast, D(2022, 6, 1), outcome=Outcome.WITHHELD_PROCESS, replied=D(2022, 6, 20))
    _case(cast, D(2022, 12, 20))  # carried out, still open
    _case(
        cast, D(2022, 12, 26), outcome=Outcome.DISCLOSED, replied=D(2023, 1, 5)
    )  # carried out, replied next year


def test_the_json_has_every_official_row_and_column_in_order(cast):
    data = build(2022)
    table = data["tables"]["applications"]
    assert table["columns"] == [
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
    ]
    assert [r["label"] for r in table["rows"]] == OFFICIAL_ROWS
    assert [s["heading"] for s in data["sections"]] == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    assert data["tables"]["review_litigation"]["columns"] == [
        "结果维持",
        "结果纠正",
        "其他结果",
        "尚未审结",
        "总计",
    ]


def test_it_counts_new_carried_and_outcomes_by_applicant_type(cast):
    _cast_year(cast)
    rows = {r["key"]: r["values"] for r in tables.applications_table(2022)["rows"] if r["values"]}
    assert rows["new"] == [3, 1, 0, 0, 1, 0, 5]
    assert rows["carried_in"] == [1, 0, 0, 0, 0, 0, 1]
    assert rows["1"] == [1, 0, 0, 0, 0, 0, 1]
    assert rows["2"] == [0, 1, 0, 0, 0, 0, 1]  # 部分公开 counts only here (rules.md §3.3)
    assert rows["3.6"] == [1, 0, 0, 0, 0, 0, 1]
    assert rows["4.1"] == [0, 0, 0, 0, 1, 0, 1]
    assert rows["total"] == [2, 1, 0, 0, 1, 0, 4]
    assert rows["carried_out"] == [2, 0, 0, 0, 0, 0, 2]
    assert tables.check_applications(tables.applications_table(2022)) == []


def test_the_checks_name_the_cell_that_does_not_add_up(cast):
    _cast_year(cast)
    table = tables.applications_table(2022)
    for row in table["rows"]:
        if row["key"] == "1":
            row["values"][0] += 1  # a hand edit breaks the 勾稽关系
    problems = tables.check_applications(table)
    assert any(p.startswith("“自然人”列：各办理结果之和（3）") for p in problems)
    assert any("（一）予以公开" in p and "各类申请人之和" in p for p in problems)


SHANGHAI = ZoneInfo("Asia/Shanghai")


def _at(*args):
    return dt.datetime(*args, tzinfo=SHANGHAI)


def _regulatory(cast, kind, title, written_on, published, **fields):
    """A 规章 or 行政规范性文件 taken through the review chain, published at `published`."""
    document = Document.create_draft(
        by=cast.clerk,
        title=title,
        kind=kind,
        written_on=written_on,
        category=Category.REGULATIONS_NORMATIVE_DOCS,
        body="<p>第一条</p>",
        **fields,
    )
    document.submit(by=cast.clerk, at=published)
    document.approve(by=cast.head, at=published)
    document.approve(by=cast.reviewer, at=published)
    document.approve(by=cast.leader, at=published, waiver="解读另行发布")
    return document


def _regulatory_year(cast):
    """规章: R1 made 2021, in force; R2 made 2022, repealed through set_validity on 2023-05-10;
    R3 made 2023. 行政规范性文件: N1 made 2022, marked 失效 on 2023-11-20; N2 made 2023; N3 a
    2023 draft never published (counted nowhere)."""
    _regulatory(cast, Kind.RULE, "R1", D(2021, 3, 1), _at(2021, 3, 10, 9))
    r2 = _regulatory(cast, Kind.RULE, "R2", D(2022, 6, 1), _at(2022, 6, 8, 9))
    _regulatory(cast, Kind.RULE, "R3", D(2023, 2, 1), _at(2023, 2, 9, 9))
    n1 = _regulatory(cast, Kind.NORMATIVE, "N1", D(2022, 9, 1), _at(2022, 9, 9, 9))
    _regulatory(cast, Kind.NORMATIVE, "N2", D(2023, 3, 1), _at(2023, 3, 9, 9))
    Document.create_draft(
        by=cast.clerk,
        title="N3",
        kind=Kind.NORMATIVE,
        written_on=D(2023, 4, 1),
        category=Category.REGULATIONS_NORMATIVE_DOCS,
        body="<p>草稿</p>",
    )
    with time_machine.travel(_at(2023, 5, 10, 15), tick=False):
        r2.set_validity(by=cast.clerk, validity=Validity.REPEALED, note="上位法已废止")
    with time_machine.travel(_at(2023, 11, 20, 15), tick=False):
        n1.set_validity(by=cast.clerk, validity=Validity.EXPIRED, note="有效期届满")


def test_table_two_counts_a_document_repealed_through_its_validity_in_that_year(cast):
    """Table 二, 第二十条第（一）项, 2023 by hand: 规章 制发 1 (R3), 废止 1 (R2), 现行有效 2 (R1,
    R3); 行政规范性文件 制发 1 (N2), 废止 1 (N1), 现行有效 1 (N2)."""
    _regulatory_year(cast)
    rows = build(2023)["tables"]["proactive"]["blocks"][0]["rows"]
    assert [(r["label"], r["values"]) for r in rows] == [
        ("规章", [1, 1, 2]),
        ("行政规范性文件", [1, 1, 1]),
    ]
    assert build(2023)["problems"] == []


def test_table_two_counts_the_repealed_as_in_force_the_year_before(cast):
    """2022 by hand: 规章 制发 1 (R2), 废止 0, 现行有效 2 (R1, R2 — repealed only in 2023);
    行政规范性文件 制发 1 (N1), 废止 0, 现行有效 1 (N1)."""
    _regulatory_year(cast)
    rows = build(2022)["tables"]["proactive"]["blocks"][0]["rows"]
    assert [r["values"] for r in rows] == [[1, 0, 2], [1, 0, 1]]


def test_table_two_adds_up_for_a_document_made_in_december_and_published_in_january(cast):
    """上年有效 + 本年制发 − 本年废止 = 本年有效 in both years: a 规章 of 2022-12-28 published on
    2023-01-05 is 制发 and 现行有效 in 2022 (成文日期), and 上年有效 in 2023."""
    _regulatory(cast, Kind.RULE, "跨年规章", D(2022, 12, 28), _at(2023, 1, 5, 9))
    assert build(2022)["tables"]["proactive"]["blocks"][0]["rows"][0]["values"] == [1, 0, 1]
    assert build(2023)["tables"]["proactive"]["blocks"][0]["rows"][0]["values"] == [0, 0, 1]
    assert build(2022)["problems"] == build(2023)["problems"] == []


def test_table_two_counts_a_term_that_ran_out_before_the_clean_up_marks_it(cast):
    """A 行政规范性文件 of 2021-07-01 with 有效期至2023-06-30 (its 失效日期, typed when drafted) is
    still labelled 现行有效: 2023 by hand — 制发 0, 废止 1, 现行有效 0; 2022 — 0, 0, 1."""
    _regulatory(
        cast,
        Kind.NORMATIVE,
        "有效期两年",
        D(2021, 7, 1),
        _at(2021, 7, 8, 9),
        expires_on=D(2023, 6, 30),
    )
    assert build(2023)["tables"]["proactive"]["blocks"][0]["rows"][1]["values"] == [0, 1, 0]
    assert build(2022)["tables"]["proactive"]["blocks"][0]["rows"][1]["values"] == [0, 0, 1]


def test_the_checks_name_the_table_two_row_that_does_not_add_up(cast):
    """Table 二's own identity, per row: 上年有效 (2) + 本年制发 (1) − 本年废止 (1) must be 现行有效
    (2); a figure changed by hand to 3 is named with every term."""
    _regulatory_year(cast)
    table = tables.proactive_table(2023, {})
    assert tables.check_proactive(table) == []
    table["blocks"][0]["rows"][0]["values"][2] = 3
    table["blocks"][0]["rows"][1]["values"][0] = 0
    assert tables.check_proactive(table) == [
        "表二“规章”行：上年现行有效件数（2）+ 本年制发件数（1）− 本年废止件数（1）≠ "
        "现行有效件数（3）",
        "表二“行政规范性文件”行：上年现行有效件数（1）+ 本年制发件数（0）− "
        "本年废止件数（1）≠ 现行有效件数（1）",
    ]


def test_a_department_without_rules_writes_a_slash_and_is_not_checked_there(cast):
    """rules.md §3.3: “/” for 规章 where the body cannot make them; the identity skips that row."""
    _regulatory_year(cast)
    table = tables.proactive_table(2023, {"rules_not_applicable": "on"})
    assert table["blocks"][0]["rows"][0]["values"] == ["/", "/", "/"]
    assert tables.check_proactive(table) == []


def test_table_four_counts_results_as_at_the_year_end(cast):
    case = _case(cast, D(2022, 3, 1), outcome=Outcome.WITHHELD_PROCESS, replied=D(2022, 3, 20))
    Remedy.objects.create(
        case=case,
        kind="reconsideration",
        filed_on=D(2022, 4, 1),
        body="市政府",
        result="upheld",
        decided_on=D(2022, 6, 1),
    )
    Remedy.objects.create(
        case=case,
        kind="litigation_after",
        filed_on=D(2022, 7, 1),
        body="法院",
        result="corrected",
        decided_on=D(2023, 2, 1),
    )
    values = tables.review_litigation_table(2022)["values"]
    assert values[:5] == [1, 0, 0, 0, 1]
    assert values[10:] == [0, 0, 0, 1, 1]  # decided in 2023: 尚未审结 at the end of 2022
    assert tables.check_review_litigation(tables.review_litigation_table(2022)) == []


def test_the_docx_has_the_official_merged_header(cast):
    _cast_year(cast)
    document = docx.Document(io.BytesIO(report_docx(build(2022))))
    texts = [p.text for p in document.paragraphs]
    assert "三、收到和处理政府信息公开申请情况" in texts
    table3 = next(t for t in document.tables if "申请人情况" in t.cell(0, 3).text)
    assert (
        table3.cell(0, 0).text.startswith("（本列数据的勾稽关系为")
        and table3.cell(2, 2).text == table3.cell(0, 0).text
    )  # merged 3×3
    assert table3.cell(1, 4).text == table3.cell(1, 8).text == "法人或其他组织"  # colspan 5
    assert (
        len(table3.columns) == 10 and len(table3.rows) == 3 + len(OFFICIAL_ROWS) - 5
    )  # group rows are merged cells


def test_the_command_writes_json_docx_and_html(cast, tmp_path):
    _cast_year(cast)
    out = StringIO()
    call_command("report", "annual", "--year", "2022", "--json", stdout=out, stderr=StringIO())
    assert json.loads(out.getvalue())["tables"]["applications"]["rows"][0]["values"][-1] == 5
    call_command(
        "report", "annual", "--year", "2022", "--docx", str(tmp_path / "r.docx"), stderr=StringIO()
    )
    call_command(
        "report", "annual", "--year", "2022", "--html", str(tmp_path / "r.html"), stderr=StringIO()
    )
    assert (tmp_path / "r.docx").read_bytes()[:2] == b"PK"
    assert (
        'rowspan="3" colspan="3"' in (tmp_path / "r.html").read_text()
        or 'colspan="3" rowspan="3"' in (tmp_path / "r.html").read_text()
    )


def test_a_cell_shows_the_records_it_counts(client, cast):
    _cast_year(cast)
    client.force_login(cast.press)
    page = client.get(
        reverse("reports:cell_records", args=[2022]),
        {"row": "carried_out", "col": "natural_person"},
    )
    assert page.context["count"] == 2
    open_case = DisclosureRequest.objects.get(status=CaseStatus.REGISTERED)
    assert open_case.tracking_no in page.content.decode()


def test_figures_the_system_lacks_are_entered_with_their_author(client, cast):
    client.force_login(cast.press)
    client.post(
        reverse("reports:annual_edit", args=[2022]),
        {
            "licensing": "120",
            "penalty": "35",
            "coercion": "",
            "admin_fees": "1.25",
            "rules_not_applicable": "on",
        },
    )
    report = AnnualReport.objects.get(year=2022)
    blocks = build(2022, report)["tables"]["proactive"]["blocks"]
    assert blocks[0]["rows"][0]["values"] == ["/", "/", "/"]
    assert blocks[1]["rows"][0]["values"] == [120] and blocks[3]["rows"][0]["values"] == [1.25]
    assert report.figures.get(key="licensing").entered_by == cast.press


def test_only_the_office_and_leaders_see_reports(client, cast):
    url = reverse("reports:annual", args=[2022])
    client.force_login(cast.clerk)
    assert client.get(url).status_code == 403
    client.force_login(cast.leader)
    assert client.get(url).status_code == 200
    assert (
        client.post(reverse("reports:annual_edit", args=[2022]), {"licensing": "1"}).status_code
        == 403
    )
    client.logout()
    assert "/staff/login/" in client.get(url).url


def test_the_dashboard_draws_its_charts(client, cast):
    _cast_year(cast)
    client.force_login(cast.press)
    page = client.get(reverse("reports:dashboard"), {"year": 2022}).content.decode()
    assert page.count("<svg") >= 2 and "每月答复的申请" in page and "平均答复用时" in page


def test_a_report_that_adds_up_goes_through_the_review_chain(client, cast):
    from gongkai.publications.models import DocumentStatus

    _cast_year(cast)
    report = AnnualReport.objects.create(year=2022, overview="2022年，本局认真贯彻落实《条例》……")
    client.force_login(cast.press)
    response = client.post(reverse("reports:annual_submit", args=[2022]))
    report.refresh_from_db()
    assert response.status_code == 302 and report.document.status == DocumentStatus.REVIEW_1
    assert (
        "（本列数据的勾稽关系为" in report.document.body
        and report.document.attachments.count() == 1
    )


def test_a_report_without_its_overview_is_not_submitted(client, cast):
    client.force_login(cast.press)
    response = client.post(reverse("reports:annual_submit", args=[2022]), follow=True)
    assert "请先填写“一、总体情况”" in response.content.decode()
    assert not AnnualReport.objects.exists()  # refused, so not even the year's row is saved
    assert not Document.objects.exists()


def test_other_matters_report_the_years_participation(cast):
    from gongkai.testing import written_message

    message = written_message()
    message.assign(by=cast.press, unit=cast.units["法规处"])
    message.draft(by=cast.clerk, text="答复")
    message.approve(by=cast.head)
    message.release(by=cast.press)
    written_message(subject="另一条")
    year = message.received_on.year
    other = build(year)["sections"][5]["text"]
    assert (
        "本年度公开征求意见0项，收到意见0条；邀请公众代表列席决策会议0次；"
        "领导信箱收到留言2件，已答复1件。"
    ) in other
    assert "领导信箱" not in build(year - 1)["sections"][5]["text"]  # nothing that year


def test_reading_a_years_report_writes_nothing(client, cast):
    client.force_login(cast.leader)
    assert client.get(reverse("reports:annual", args=[2031])).status_code == 200
    assert client.get(reverse("reports:annual_download", args=[2031, "json"])).status_code == 200
    assert not AnnualReport.objects.filter(year=2031).exists()


def test_an_invalid_figure_is_shown_at_its_field_and_nothing_is_saved(client, cast):
    """Probe finding 9: 行政许可 "1e3" with 行政处罚 99 gave "已保存。" and kept the old values."""
    report = AnnualReport.objects.create(year=2022)
    report.set_figure(by=cast.press, key="licensing", value="1520")
    report.set_figure(by=cast.press, key="penalty", value="87")
    client.force_login(cast.press)
    response = client.post(
        reverse("reports:annual_edit", args=[2022]),
        {"licensing": "1e3", "penalty": "99", "coercion": "20"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "已保存" not in page and "请输入整数" in page
    assert 'value="1e3"' in page and 'value="99"' in page  # what was typed stays to correct
    assert report.manual_values() == {"licensing": "1520", "penalty": "87"}


def test_a_report_under_review_cannot_be_edited(client, cast):
    """Probe finding 13: after 送审 the figures changed to 9999 under "已保存。" while the copy
    in review said 1520. The edit is refused, saying why; the report keeps its values."""
    _cast_year(cast)
    report = AnnualReport.objects.create(year=2022, overview="2022年，本局认真贯彻落实《条例》……")
    report.set_figure(by=cast.press, key="licensing", value="1520")
    client.force_login(cast.press)
    client.post(reverse("reports:annual_submit", args=[2022]))
    figures = client.post(
        reverse("reports:annual_edit", args=[2022]), {"licensing": "9999"}, follow=True
    ).content.decode()
    prose = client.post(
        reverse("reports:annual_edit", args=[2022]),
        {"overview": "改过的总体情况", "problems": "", "other_matters": ""},
        follow=True,
    ).content.decode()
    for page in (figures, prose):
        assert "年度报告已送审，正在“一审（处室负责人）”环节，审核期间不能修改" in page
        assert "已保存" not in page
    report.refresh_from_db()
    assert report.manual_values() == {"licensing": "1520"}
    assert report.overview == "2022年，本局认真贯彻落实《条例》……"
    assert "9999" not in client.get(reverse("reports:annual", args=[2022])).content.decode()


def test_a_field_error_does_not_claim_the_checks_passed(client, cast):
    """Re-probe: the page said "勾稽关系校验通过" beside "请输入整数": the check had run on the
    saved figures, not the ones typed. With a field in error it says it could not check, and
    offers no 送审; once the figures are saved it says the check passed."""
    _cast_year(cast)
    report = AnnualReport.objects.create(year=2022, overview="2022年，本局认真贯彻落实《条例》……")
    client.force_login(cast.press)
    response = client.post(
        reverse("reports:annual_edit", args=[2022]), {"licensing": "1e3", "penalty": "99"}
    )
    page = response.content.decode()
    assert response.status_code == 400 and "请输入整数" in page
    assert "勾稽关系校验通过" not in page
    assert "勾稽关系暂无法校验；请先改正标出的错误并保存" in page
    assert reverse("reports:annual_submit", args=[2022]) not in page
    assert report.manual_values() == {}
    response = client.post(
        reverse("reports:annual_edit", args=[2022]), {"licensing": "1000", "penalty": "99"}
    )
    assert response.status_code == 302
    saved = report.manual_values()
    assert (saved["licensing"], saved["penalty"]) == ("1000", "99")
    page = client.get(reverse("reports:annual", args=[2022])).content.decode()
    assert "勾稽关系校验通过" in page and "暂无法校验" not in page
    assert reverse("reports:annual_submit", args=[2022]) in page


def test_a_refused_figure_for_a_year_never_written_leaves_no_report_row(client, cast):
    """Probe 4 finding 3: 行政许可 "abc" for 2031 was refused, yet a 2031 report row was saved."""
    with time_machine.travel(dt.datetime(2032, 1, 10, 9, tzinfo=dt.UTC), tick=False):
        client.force_login(cast.press)
        response = client.post(reverse("reports:annual_edit", args=[2031]), {"licensing": "abc"})
    assert response.status_code == 400 and "请输入整数" in response.content.decode()
    assert not AnnualReport.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="report.").exists()


def test_a_report_for_a_year_that_has_not_begun_is_refused_and_nothing_saved(client, cast):
    """Probe 4 finding 3: 总体情况 for 2100 was saved. The report is written after its year
    (条例 第四十九条: last year's report by 1 月 31 日), so a later year is refused."""
    prose = {"overview": "未来", "problems": "", "other_matters": ""}
    with time_machine.travel(dt.datetime(2026, 11, 26, 9, tzinfo=dt.UTC), tick=False):
        client.force_login(cast.press)
        refused = client.post(reverse("reports:annual_edit", args=[2027]), prose)
        figures = client.post(reverse("reports:annual_edit", args=[2100]), {"licensing": "1"})
        saved = client.post(reverse("reports:annual_edit", args=[2026]), prose)
    page = refused.content.decode()
    assert refused.status_code == 400 and figures.status_code == 400
    assert "2027年度尚未开始，不能编写该年度的报告；最近可编写的是2026年度。" in page
    assert "已保存" not in page
    assert saved.status_code == 302
    assert list(AnnualReport.objects.values_list("year", "overview")) == [(2026, "未来")]
    assert not ManualFigure.objects.exists()


def _sent_2022(client, cast, licensing="1520"):
    """The 2022 report with 行政许可 `licensing`, sent by the press office; its document."""
    _cast_year(cast)
    report = AnnualReport.objects.get_or_create(year=2022)[0]
    report.edit(
        by=cast.press, overview="2022年，本局认真贯彻落实《条例》……", problems="", other_matters=""
    )
    report.set_figure(by=cast.press, key="licensing", value=licensing)
    client.force_login(cast.press)
    response = client.post(reverse("reports:annual_submit", args=[2022]))
    assert response.status_code == 302
    report.refresh_from_db()
    return report.document


def test_a_returned_report_sent_again_carries_only_its_new_word_file(client, cast):
    """Probe 5 finding 3: 1520 sent, returned, changed to 1600 and sent again: the document was
    published with two .docx of the same name, one saying 1520. The report's own file is
    replaced; a file someone else attached stays."""
    from gongkai.publications.models import DocumentStatus

    document = _sent_2022(client, cast, "1520")
    document.return_(by=cast.press_head, comment="请补充数据")
    document.refresh_from_db()
    other = document.add_attachment(by=cast.press, upload=a_pdf("附表说明.pdf"))
    report = AnnualReport.objects.get(year=2022)
    report.set_figure(by=cast.press, key="licensing", value="1600")
    response = client.post(reverse("reports:annual_submit", args=[2022]))
    assert response.status_code == 302
    report.refresh_from_db()
    document.refresh_from_db()
    assert report.document == document and document.status == DocumentStatus.REVIEW_1
    files = list(document.attachments.all())
    assert [f.original_name for f in files] == [
        "附表说明.pdf",
        "广州市应急管理局2022年政府信息公开工作年度报告.docx",
    ]
    assert files[0] == other and files[1] == report.docx
    assert "1600" in files[1].text and "1520" not in files[1].text
    detached = AuditEntry.objects.filter(action="document.detach")
    assert detached.count() == 1 and detached.get().actor == cast.press


def test_the_report_of_the_year_still_running_is_not_sent_and_nothing_is_saved(client, cast):
    """Probe 5 finding 4: the 2026 report was sent on 2026-11-27 and published with eleven
    months' figures (条例 第四十九条: the report covers the year before)."""
    prose = {"overview": "2026年，本局……", "problems": "", "other_matters": ""}
    with time_machine.travel(dt.datetime(2026, 11, 27, 9, tzinfo=dt.UTC), tick=False):
        client.force_login(cast.press)
        assert client.post(reverse("reports:annual_edit", args=[2026]), prose).status_code == 302
        response = client.post(reverse("reports:annual_submit", args=[2026]), follow=True)
    message = "2026年度尚未结束，年度报告应在次年1月31日前编制发布（条例第四十九条）。"
    page = response.content.decode()
    assert message in page
    assert reverse("reports:annual_submit", args=[2026]) not in page  # no 送审 offered
    report = AnnualReport.objects.get(year=2026)
    assert report.document is None and report.docx is None
    assert not Document.objects.exists()
    assert not AuditEntry.objects.filter(action="report.submit").exists()


def test_a_withdrawn_report_is_corrected_and_sent_again_as_a_new_document(client, cast):
    """Probe 5 finding 4: once withdrawn, 送审 said "已在“已撤回”环节，不能重复送审" for ever.
    The corrected report goes out as a new document; the withdrawn one keeps its 索引号 and
    the file it was published with."""
    from gongkai.publications.models import DocumentStatus

    first = _sent_2022(client, cast, "1520")
    first.approve(by=cast.press_head)
    first.approve(by=cast.reviewer)
    first.approve(by=cast.leader)
    first.withdraw(by=cast.press, reason="行政许可数有误")
    first.refresh_from_db()
    index_no = first.index_no
    report = AnnualReport.objects.get(year=2022)
    report.set_figure(by=cast.press, key="licensing", value="1600")
    response = client.post(reverse("reports:annual_submit", args=[2022]))
    assert response.status_code == 302
    report.refresh_from_db()
    first.refresh_from_db()
    second = report.document
    assert second != first and second.status == DocumentStatus.REVIEW_1
    assert first.status == DocumentStatus.WITHDRAWN and first.index_no == index_no
    assert "1520" in first.attachments.get().text
    assert list(second.attachments.all()) == [report.docx] and "1600" in report.docx.text
    entry = AuditEntry.objects.filter(action="report.submit").latest("id")
    assert entry.before == {"document": first.pk}
    assert entry.after == {"document": second.pk, "docx": report.docx.pk}


def test_every_figure_in_the_docx_is_centred_a_decimal_fee_too(cast):
    """Probe finding: "1.25" (万元) was left-aligned while every other figure was centred, as in
    the national format's tables."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    report = AnnualReport.objects.create(year=2022)
    report.set_figure(by=cast.press, key="admin_fees", value="1.25")
    document = docx.Document(io.BytesIO(report_docx(build(2022, report))))
    cells = [cell for table in document.tables for row in table.rows for cell in row.cells]
    figures = {c.text: c.paragraphs[0].alignment for c in cells if c.text in ("1.25", "0", "/")}
    assert figures.get("1.25") == WD_ALIGN_PARAGRAPH.CENTER
    assert set(figures.values()) == {WD_ALIGN_PARAGRAPH.CENTER}
    labels = [c.paragraphs[0].alignment for c in cells if c.text == "行政事业性收费"]
    assert labels == [WD_ALIGN_PARAGRAPH.LEFT]  # a label stays left


def test_a_corrected_report_stays_public_marked_and_linked_both_ways(
    client, cast, django_capture_on_commit_callbacks
):
    """Probe 11 F2.1 — fails on main: the first 2022 report answered 404 once its correction
    was published, its 索引号 gone, and the correction did not say what it corrected."""
    from gongkai.publications.models import DocumentStatus

    with django_capture_on_commit_callbacks(execute=True):
        first = _sent_2022(client, cast, "1520")
        for approver in (cast.press_head, cast.reviewer, cast.leader):
            first.approve(by=approver)
    first.withdraw(by=cast.press, reason="行政许可数有误，更正后重新发布", withdrawal="correction")
    first.refresh_from_db()
    client.logout()
    url = reverse("publications_public:document", args=[first.pk])
    assert client.get(url).status_code == 404  # withdrawn, its correction not yet published
    report = AnnualReport.objects.get(year=2022)
    report.set_figure(by=cast.press, key="licensing", value="1600")
    client.force_login(cast.press)
    assert client.post(reverse("reports:annual_submit", args=[2022])).status_code == 302
    report.refresh_from_db()
    second = report.document
    assert second.corrects == first
    client.logout()
    assert client.get(url).status_code == 404  # the correction is in review: still hidden
    with django_capture_on_commit_callbacks(execute=True):
        for approver in (cast.press_head, cast.reviewer, cast.leader):
            second.approve(by=approver)
    second.refresh_from_db()
    assert second.status == DocumentStatus.PUBLISHED
    old = client.get(url)
    assert old.status_code == 200
    page = old.content.decode()
    assert "已被更正" in page and first.index_no in page and second.index_no in page
    assert reverse("publications_public:document", args=[second.pk]) in page
    new = client.get(reverse("publications_public:document", args=[second.pk])).content.decode()
    assert f"本件更正{first.published_at.year}年" in new and first.index_no in new
    assert url in new


def test_a_report_withdrawn_for_another_reason_stays_hidden(client, cast):
    """The step it forbids: withdrawn and not corrected (or withdrawn for any other reason),
    the page is not shown, and no document claims to correct it."""
    from gongkai.publications.models import Document

    first = _sent_2022(client, cast, "1520")
    for approver in (cast.press_head, cast.reviewer, cast.leader):
        first.approve(by=approver)
    first.withdraw(by=cast.press, reason="误发")
    client.logout()
    assert client.get(reverse("publications_public:document", args=[first.pk])).status_code == 404
    assert not Document.objects.filter(corrects=first).exists()
    assert not Document.shown.filter(pk=first.pk).exists()
