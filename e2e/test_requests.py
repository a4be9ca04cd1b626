"""Issue story: a citizen applies and gets a number; the office asks for a supplement, the citizen
supplies it and the due date restarts (第三十条); a third-party consultation pauses the clock
(第三十三条); a partial-disclosure letter is generated and delivered; the citizen sees it."""

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine
from playwright.sync_api import expect

from gongkai.disclosure_requests.models import CaseStatus, DisclosureRequest
from gongkai.disclosure_requests.taxonomy import Outcome

SHANGHAI = ZoneInfo("Asia/Shanghai")
D = dt.date


def _step(page, label, fields: dict, button=None):
    step = page.locator("details.step", has=page.locator("summary", has_text=label))
    step.locator("summary").click()
    for name, value in fields.items():
        if name.startswith("select:"):
            step.locator(f"[name={name[7:]}]").select_option(value)
        elif name.startswith("file:"):
            step.locator(f"[name={name[5:]}]").set_input_files(value)
        else:
            step.locator(f"[name={name}]").fill(value)
    step.get_by_role("button", name=button or label).click()
    expect(page.locator(".messages")).to_contain_text(f"已{label}")


def _due(page) -> str:
    return page.locator("section.clock").inner_text()


@time_machine.travel(dt.datetime(2022, 9, 28, 10, 0, tzinfo=SHANGHAI), tick=True)
def test_an_application_from_submission_to_served_letter(
    page, live_server, e2e_cast, login, tmp_path
):
    citizen = page.context.browser.new_page()
    citizen.goto(f"{live_server.url}/apply/")
    citizen.get_by_label("自然人").check()
    citizen.get_by_label("申请人姓名/名称").fill("王小明")
    citizen.get_by_role("textbox", name="身份证明").fill("11010519491231002X")
    citizen.get_by_label("联系电话").fill("13800138000")
    citizen.get_by_label("电子邮箱").fill("wang@example.com")
    citizen.get_by_label("所需信息的内容描述").fill("贵局2022年对某化工企业的安全生产执法检查记录")
    citizen.get_by_label("提供形式").select_option(label="电子文档")
    citizen.get_by_label("获取方式").select_option(label="电子邮件")
    citizen.get_by_label("本人承诺").check()
    citizen.get_by_role("button", name="提交申请").click()
    number = citizen.locator("#tracking-no").inner_text()
    code = citizen.locator("#query-code").inner_text()
    assert number.startswith("GK2022-") and len(code) == 8

    with time_machine.travel(dt.datetime(2022, 9, 30, 9, 0, tzinfo=SHANGHAI), tick=True):
        login("xinwen")
        page.goto(f"{live_server.url}/staff/requests/")
        page.get_by_role("link", name=number).click()
        case_url = page.url
        expect(page.locator("section.clock")).to_contain_text("2022年10月31日")  # 第三十三条: 20 WD
        _step(page, "告知补正", {"on": "2022-09-30", "items": "请写明执法检查的时间范围和企业名称"})
        expect(page.locator("section.clock")).to_contain_text("等待申请人补正")

    with time_machine.travel(dt.datetime(2022, 10, 10, 9, 0, tzinfo=SHANGHAI), tick=True):
        other = citizen.context.browser.new_page()
        other.goto(f"{live_server.url}/apply/lookup/")
        other.get_by_label("申请编号").fill(number)
        other.get_by_label("查询码").fill(code)
        other.get_by_role("button", name="查询").click()
        expect(other.locator("#stage")).to_have_text("待补正")
        expect(other.get_by_text("请写明执法检查的时间范围")).to_be_visible()
        other.get_by_label("补正内容").fill("2022年1月至6月，广州某化工有限公司")
        other.get_by_role("button", name="提交补正").click()
        expect(other.get_by_text("补正材料已提交")).to_be_visible()

        login("xinwen")  # twelve days later: yesterday's staff session has expired
        page.goto(case_url)
        # restarted from 10/10
        expect(page.locator("section.clock")).to_contain_text("2022年11月7日")
        _step(page, "交办承办单位", {"select:unit": "执法监督处"})

    with time_machine.travel(dt.datetime(2022, 10, 12, 9, 0, tzinfo=SHANGHAI), tick=True):
        login("xinwen")
        page.goto(case_url)
        _step(page, "征求意见", {"party": "广州某化工有限公司", "sent_on": "2022-10-12"})
        expect(page.locator("section.clock")).to_contain_text("征求意见期间不计入答复期限")

    with time_machine.travel(dt.datetime(2022, 10, 20, 9, 0, tzinfo=SHANGHAI), tick=True):
        login("xinwen")
        page.goto(case_url)
        _step(
            page,
            "收到意见",
            {"answered_on": "2022-10-19", "result": "不同意公开涉及工艺参数的内容"},
        )
        expect(page.locator("section.clock")).to_contain_text("2022年11月14日")  # 5 WD not counted
        provided = tmp_path / "执法检查记录（删去工艺参数）.pdf"
        provided.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
        _step(
            page,
            "作出答复",
            {
                "select:outcome": "partial",
                "text": "现提供执法检查记录（删去工艺参数）。",
                "withheld_reason": "工艺参数属于第三方商业秘密（第十五条）",
                "on": "2022-10-20",
                "file:files": str(provided),  # asked for by e-mail: the records themselves
            },
        )
        with page.expect_download() as letter:
            page.get_by_role("link", name="答复告知书 PDF").click()
        assert open(letter.value.path(), "rb").read(5) == b"%PDF-"

    with time_machine.travel(dt.datetime(2022, 10, 21, 9, 0, tzinfo=SHANGHAI), tick=True):
        login("xinwen")
        page.goto(case_url)
        _step(page, "送达", {"on": "2022-10-21"})
        other.goto(f"{live_server.url}/apply/lookup/")  # eleven days on: a new visit
        other.get_by_label("申请编号").fill(number)
        other.get_by_label("查询码").fill(code)
        other.get_by_role("button", name="查询").click()
        expect(other.locator("#stage")).to_have_text("已送达")
        expect(other.locator("#outcome")).to_contain_text("部分公开")
        expect(other.locator("body")).not_to_contain_text("王小明")

    # What the story left behind: one case, its steps in order, the dates the law gives.
    case = DisclosureRequest.objects.get(tracking_no=number)
    assert case.status == CaseStatus.SERVED and case.outcome == Outcome.PARTIAL
    assert case.replies.get().attachments.get().original_name == provided.name
    assert (case.supplement_requested_on, case.supplement_received_on) == (
        D(2022, 9, 30),
        D(2022, 10, 10),
    )
    assert case.due_date == D(2022, 11, 14) and case.served_on == D(2022, 10, 21)
    assert case.consultations.get().answered_on == D(2022, 10, 19)
    assert case.replies.get().withheld_reason == "工艺参数属于第三方商业秘密（第十五条）"
    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds == [
        "register",
        "request_supplement",
        "receive_supplement",
        "assign",
        "start_consultation",
        "end_consultation",
        "reply",
        "serve",
    ]
