"""Second outside probe, findings 9 and 2, in Chromium: a late reply says why and stays late on
the case page and in the list; a citizen whose 补正 period has ended is told so and whom to call
instead of being offered the form. Each story checks the records it leaves behind."""

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine
from playwright.sync_api import expect

from gongkai.core.models import AuditEntry
from gongkai.disclosure_requests.models import CaseStatus, DisclosureRequest
from gongkai.testing import registered_case

SHANGHAI = ZoneInfo("Asia/Shanghai")
D = dt.date


def _step(page, label):
    step = page.locator("details.step", has=page.locator("summary", has_text=label))
    step.locator("summary").click()
    return step


@time_machine.travel(dt.datetime(2022, 11, 3, 10, 0, tzinfo=SHANGHAI), tick=True)
def test_a_late_reply_says_why_and_stays_late(page, live_server, e2e_cast, login, tmp_path):
    """Received 2022-09-28, due 10-31; replied 11-03: 3 working days late (11/1, 11/2, 11/3)."""
    case, _ = registered_case(e2e_cast, D(2022, 9, 28))
    case.assign(by=e2e_cast.press, unit=e2e_cast.units["法规处"], on=D(2022, 9, 29))

    login("xinwen")
    page.goto(f"{live_server.url}/staff/requests/{case.pk}/")
    reply = _step(page, "作出答复")
    reply.locator("[name=outcome]").select_option("disclosed")
    reply.locator("[name=text]").fill("现予以公开。")
    reply.locator("[name=on]").fill("2022-11-03")
    reply.get_by_role("button", name="作出答复").click()
    late_field = page.locator(".field.has-error", has=page.locator("[name=late_reason]"))
    expect(late_field).to_contain_text(
        "答复期限为2022年10月31日，本答复超期3个工作日：请填写超期原因"
    )
    assert not DisclosureRequest.objects.get(pk=case.pk).replies.exists()  # nothing written

    page.locator("[name=late_reason]").fill("承办单位检索档案耗时较长")
    provided = tmp_path / "执法检查记录.pdf"  # asked for online: the records themselves
    provided.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    page.locator("[name=files]").set_input_files(str(provided))
    page.get_by_role("button", name="作出答复").click()
    expect(page.locator(".messages")).to_contain_text("已作出答复")
    expect(page.locator("#late-reply")).to_have_text("超期答复（3个工作日）")
    expect(page.locator(".clock")).to_contain_text("超期原因：承办单位检索档案耗时较长")

    page.goto(f"{live_server.url}/staff/requests/?state=late")
    expect(page.locator("table.cases")).to_contain_text(case.tracking_no)
    expect(page.locator("table.cases")).to_contain_text("超期答复（3个工作日）")

    case.refresh_from_db()
    assert case.status == CaseStatus.REPLIED
    assert case.replied_on == D(2022, 11, 3) and case.due_date == D(2022, 10, 31)
    event = case.events.get(kind="reply")
    assert event.data["late_reason"] == "承办单位检索档案耗时较长"
    assert event.data["late_workdays"] == 3
    entry = AuditEntry.objects.get(action="request.reply", target_id=str(case.pk))
    assert entry.data["on"] == "2022-11-03" and entry.data["late_workdays"] == 3


@time_machine.travel(dt.datetime(2022, 10, 27, 10, 0, tzinfo=SHANGHAI), tick=True)
def test_a_citizen_past_the_supplement_period_is_told_whom_to_contact(page, live_server, e2e_cast):
    """补正 asked 2022-09-30 with the default 15 WD: the period ended 10-26. On 10-27 the
    citizen's page (390 px) offers no form and says the period ended and whom to call."""
    case, code = registered_case(e2e_cast, D(2022, 9, 28))
    with time_machine.travel(dt.datetime(2022, 9, 30, 10, 0, tzinfo=SHANGHAI), tick=False):
        case.request_supplement(by=e2e_cast.press, items="请写明文件名称", on=D(2022, 9, 30))

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/apply/lookup/")
    page.get_by_label("申请编号").fill(case.tracking_no)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    lapsed = page.locator("#supplement-lapsed")
    expect(lapsed).to_contain_text("补正期限已于2022年10月26日届满")
    expect(lapsed).to_contain_text("如有正当理由未能按期补正，请与")
    expect(page.get_by_role("button", name="提交补正")).to_have_count(0)

    case.refresh_from_db()
    assert case.status == CaseStatus.AWAITING_SUPPLEMENT and case.supplement_received_on is None
