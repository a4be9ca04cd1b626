"""Issue 9 and 10 stories in Chromium: the office cannot take the steps the 条例 forbids and
reads why; the handling unit finds the records, the office replies with them, and the citizen
downloads them with number and query code. Each story checks the records it leaves behind."""

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import time_machine
from playwright.sync_api import expect

from gongkai.disclosure_requests.models import CaseFile, CaseStatus, DisclosureRequest
from gongkai.testing import registered_case

SHANGHAI = ZoneInfo("Asia/Shanghai")
D = dt.date
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


RECEIVED = D(2022, 9, 28)


def _case(cast, received=RECEIVED) -> tuple[DisclosureRequest, str]:
    return registered_case(
        cast, received, applicant_name="王小明", delivery_method="online", email="",
        description="贵局2022年对某化工企业的安全生产执法检查记录",
    )  # fmt: skip  # the citizen of this story


def _try(page, label, fields: dict):
    step = page.locator("details.step", has=page.locator("summary", has_text=label))
    step.locator("summary").click()
    for name, value in fields.items():
        if name.startswith("select:"):
            step.locator(f"[name={name[7:]}]").select_option(value)
        elif name.startswith("file:"):
            step.locator(f"[name={name[5:]}]").set_input_files(value)
        else:
            step.locator(f"[name={name}]").fill(value)
    step.get_by_role("button", name=label).click()


@time_machine.travel(dt.datetime(2022, 11, 15, 10, 0, tzinfo=SHANGHAI), tick=True)
def test_the_office_cannot_take_a_step_the_law_forbids(page, live_server, e2e_cast, login):
    late, _ = _case(e2e_cast)  # received 2022-09-28: 补正 by 10/12, reply by 10/31
    late.assign(by=e2e_cast.press, unit=e2e_cast.units["法规处"], on=D(2022, 9, 29))
    waiting, _ = _case(e2e_cast)
    with time_machine.travel(dt.datetime(2022, 9, 30, 10, 0, tzinfo=SHANGHAI), tick=False):
        waiting.request_supplement(by=e2e_cast.press, items="请写明时间范围", on=D(2022, 9, 30))

    login("xinwen_head")  # heads the disclosure office: may extend, in time
    page.goto(f"{live_server.url}/staff/requests/{late.pk}/")
    _try(page, "延期答复", {"reason": "涉及多个处室", "notified_on": "2022-11-15"})
    expect(page.locator(".field.has-error")).to_contain_text("答复期限已于2022年10月31日届满")

    fresh, _ = _case(e2e_cast, received=D(2022, 10, 20))  # 补正 limit 10/31
    page.goto(f"{live_server.url}/staff/requests/{fresh.pk}/")
    _try(page, "告知补正", {"items": "请写明文件名称", "on": "2022-11-15"})
    expect(page.get_by_role("alert")).to_contain_text("告知期限为2022年10月31日")

    page.goto(f"{live_server.url}/staff/requests/{waiting.pk}/")  # 补正期限 2022-10-26
    _try(
        page,
        "作出答复",
        {"select:outcome": "abandoned_no_supplement", "text": "不再处理", "on": "2022-10-26"},
    )
    expect(page.get_by_role("alert")).to_contain_text("补正期限至2022年10月26日")

    for case in (late, fresh, waiting):  # nothing the refused steps would have written
        case.refresh_from_db()
    assert late.extension_workdays == 0 and late.due_date == D(2022, 10, 31)
    assert fresh.supplement_requested_on is None and fresh.status == CaseStatus.REGISTERED
    assert waiting.status == CaseStatus.AWAITING_SUPPLEMENT and not waiting.replies.exists()


@time_machine.travel(dt.datetime(2022, 10, 20, 10, 0, tzinfo=SHANGHAI), tick=True)
def test_the_records_found_reach_the_citizen(page, live_server, e2e_cast, login, tmp_path):
    case, code = _case(e2e_cast)
    case.assign(by=e2e_cast.press, unit=e2e_cast.units["法规处"], on=D(2022, 9, 29))
    found = Path(tmp_path / "执法检查记录.pdf")
    found.write_bytes(PDF)

    login("fagui")  # the handling unit's clerk reports what it found
    page.goto(f"{live_server.url}/staff/requests/{case.pk}/")
    _try(
        page,
        "提交办理意见",
        {"text": "经检索，找到执法检查记录1份，建议予以公开。", "file:files": str(found)},
    )
    expect(page.locator(".messages")).to_contain_text("已提交办理意见")

    page.context.clear_cookies()
    login("xinwen")  # the office opens it, and replies with it
    page.goto(f"{live_server.url}/staff/requests/{case.pk}/")
    with page.expect_download() as opened:
        page.get_by_role("link", name="执法检查记录.pdf").click()
    assert Path(opened.value.path()).read_bytes() == PDF
    _try(
        page,
        "作出答复",
        {
            "select:outcome": "disclosed",
            "text": "现提供执法检查记录。",
            "on": "2022-10-20",
            "file:files": str(found),
        },
    )
    expect(page.locator(".messages")).to_contain_text("已作出答复")

    citizen = page.context.browser.new_page()
    citizen.goto(f"{live_server.url}/apply/lookup/")
    citizen.get_by_label("申请编号").fill(case.tracking_no)
    citizen.get_by_label("查询码").fill(code)
    citizen.get_by_role("button", name="查询").click()
    with citizen.expect_download() as downloaded:
        citizen.get_by_role("link", name="执法检查记录.pdf").click()
    assert Path(downloaded.value.path()).read_bytes() == PDF

    case.refresh_from_db()
    assert case.status == CaseStatus.REPLIED
    purposes = sorted(case.attachments.values_list("purpose", flat=True))
    assert purposes == [CaseFile.Purpose.FOUND, CaseFile.Purpose.PROVIDED]
    assert case.replies.get().attachments.get().original_name == "执法检查记录.pdf"
    assert list(case.events.values_list("kind", flat=True)) == [
        "register",
        "assign",
        "propose",
        "reply",
    ]


@time_machine.travel(dt.datetime(2022, 10, 20, 10, 0, tzinfo=SHANGHAI), tick=True)
def test_a_refused_reply_says_where_and_that_the_files_must_be_chosen_again(
    page, live_server, e2e_cast, login, tmp_path
):
    """Second probe, finding 3: 部分公开 with a PDF but no reason is refused at 不予公开的理由,
    the file input says the file must be chosen again, and nothing is saved; chosen again, the
    reply is saved with the file. A 重复申请 without the earlier application is refused at its
    field (第三十六条第（六）项)."""
    case, _ = _case(e2e_cast)
    case.assign(by=e2e_cast.press, unit=e2e_cast.units["法规处"], on=D(2022, 9, 29))
    found = Path(tmp_path / "执法检查记录（删去企业名单）.pdf")
    found.write_bytes(PDF)

    login("xinwen")
    page.goto(f"{live_server.url}/staff/requests/{case.pk}/")
    reply = {"select:outcome": "duplicate", "text": "重复申请，不予处理。", "on": "2022-10-20"}
    _try(page, "作出答复", reply)
    step = page.locator("details.step", has=page.locator("summary", has_text="作出答复"))
    expect(step.locator(".field.has-error", has=page.locator("[name=earlier_no]"))).to_contain_text(
        "请填写前次申请的编号"
    )

    page.goto(f"{live_server.url}/staff/requests/{case.pk}/")
    reply = {
        "select:outcome": "partial",
        "text": "部分公开，见附件。",
        "on": "2022-10-20",
        "file:files": str(found),
    }
    _try(page, "作出答复", reply)
    step = page.locator("details.step", has=page.locator("summary", has_text="作出答复"))
    expect(
        step.locator(".field.has-error", has=page.locator("[name=withheld_reason]"))
    ).to_contain_text("不予公开或部分公开的，应当告知理由")
    expect(step.locator(".field.has-error", has=page.locator("[name=files]"))).to_contain_text(
        "附件需要重新选择"
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.HANDLING and not case.replies.exists()
    assert not case.attachments.exists()

    step.locator("[name=withheld_reason]").fill("企业名单涉及第三方商业秘密（第十五条）")
    step.locator("[name=files]").set_input_files(str(found))
    step.get_by_role("button", name="作出答复").click()
    expect(page.locator(".messages")).to_contain_text("已作出答复")
    case.refresh_from_db()
    assert case.status == CaseStatus.REPLIED and case.outcome == "partial"
    saved = case.replies.get()
    assert saved.withheld_reason == "企业名单涉及第三方商业秘密（第十五条）"
    assert saved.attachments.get().purpose == CaseFile.Purpose.PROVIDED
    assert saved.attachments.get().original_name == found.name


@time_machine.travel(dt.datetime(2022, 10, 20, 10, 0, tzinfo=SHANGHAI), tick=True)
def test_the_reply_form_shows_the_fields_the_chosen_reply_type_needs(
    page, live_server, e2e_cast, login
):
    """Fifteen fields would face the clerk: choosing a reply type leaves those it needs
    (ReplyForm.FOR_OUTCOMES); the rest come back when the type changes."""
    case, _ = _case(e2e_cast)
    login("xinwen")
    page.goto(f"{live_server.url}/staff/requests/{case.pk}/")
    step = page.locator("details.step", has=page.locator("summary", has_text="作出答复"))
    step.locator("summary").click()
    fields = {name: step.locator(".field", has=page.locator(f"[name={name}]")) for name in (
        "withheld_reason", "files", "earlier_no", "referral", "text", "on", "late_reason"
    )}  # fmt: skip
    for field in fields.values():  # no type chosen yet: all of them
        expect(field).to_be_visible()
    step.locator("[name=outcome]").select_option("disclosed")
    for name in ("files", "text", "on", "late_reason"):
        expect(fields[name]).to_be_visible()
    for name in ("withheld_reason", "earlier_no", "referral"):
        expect(fields[name]).to_be_hidden()
    step.locator("[name=outcome]").select_option("duplicate")
    expect(fields["earlier_no"]).to_be_visible()
    expect(fields["files"]).to_be_hidden()
    expect(fields["withheld_reason"]).to_be_hidden()  # 不予处理 gives no 不予公开 reason
