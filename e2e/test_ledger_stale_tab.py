"""Two tabs on one task: the second reports 已完成, the first, still showing no report, sends
推进中. It is refused with who reported what and when; the share stays 已完成, one report."""

import os
from pathlib import Path

from playwright.sync_api import expect

SEED = Path(__file__).parents[1] / "gongkai" / "plans" / "seed" / "guangzhou-yjj-2022.txt"
SHOTS = os.environ.get("GONGKAI_SHOTS")  # a folder for screenshots of the refusal, if set


def _report(tab, text, status, link=""):
    tab.get_by_label("进展情况").fill(text)
    tab.get_by_label("状态").select_option(label=status)
    if link:
        tab.get_by_label("相关链接").fill(link)
    tab.get_by_role("button", name="报送").click()


def test_a_tab_opened_before_a_done_report_cannot_flip_it_back(page, live_server, e2e_cast, login):
    from gongkai.plans import services
    from gongkai.plans.models import Progress, ProgressStatus

    plan = services.plan_import(
        by=e2e_cast.press, data=SEED.read_bytes(), filename="seed.txt", year=2022
    ).plan
    task = plan.tasks.get(number=12)  # 法规处牵头
    login("fagui")
    url = f"{live_server.url}/staff/plans/tasks/{task.pk}/"
    page.goto(url)
    second = page.context.new_page()
    second.goto(url)
    _report(second, "规范性文件清理完毕，已重新公开。", "已完成", "https://example.gov.cn/a")
    expect(second.get_by_text("进展已报送")).to_be_visible()

    _report(page, "正在推进清理工作。", "推进中")
    refusal = page.get_by_text("报送了新的进展（状态“已完成”）")
    expect(refusal).to_be_visible()
    expect(page.get_by_label("进展情况")).to_have_value("正在推进清理工作。")
    share = task.assignments.get(unit__name="法规处")
    assert share.status == ProgressStatus.DONE
    assert list(Progress.objects.values_list("text", flat=True)) == [
        "规范性文件清理完毕，已重新公开。"
    ]
    if SHOTS:
        for width in (390, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            refusal.scroll_into_view_if_needed()
            page.screenshot(path=f"{SHOTS}/ledger-stale-{width}.png", full_page=True)


def test_after_a_missing_version_refusal_the_page_sent_again_is_taken(
    page, live_server, e2e_cast, login
):
    """A page whose hidden version went missing (an old cached page, a browser extension) is
    refused with 页面缺少进展版本; the page shown with that refusal carries what it shows now,
    so the clerk, having read it, sends it again and it is taken."""
    from gongkai.plans import services
    from gongkai.plans.models import Progress, ProgressStatus

    plan = services.plan_import(
        by=e2e_cast.press, data=SEED.read_bytes(), filename="seed.txt", year=2022
    ).plan
    task = plan.tasks.get(number=12)  # 法规处牵头
    share = task.assignments.get(unit__name="法规处")
    share.report_progress(by=e2e_cast.clerk, text="已启动清理。", status=ProgressStatus.IN_PROGRESS)
    login("fagui")
    page.goto(f"{live_server.url}/staff/plans/tasks/{task.pk}/")
    page.evaluate("document.querySelector('input[name=seen]').value = ''")
    _report(page, "规范性文件清理完毕。", "已完成", "https://example.gov.cn/a")
    expect(
        page.get_by_text("页面缺少进展版本：本页已显示最新进展，请核对后重新报送。")
    ).to_be_visible()
    assert page.locator("input[name=seen]").input_value() == str(share.seen_token())
    assert Progress.objects.count() == 1
    if SHOTS:
        for width in (390, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=f"{SHOTS}/ledger-missing-seen-{width}.png", full_page=True)

    page.get_by_role("button", name="报送").click()  # the text kept; files are chosen again
    expect(page.get_by_text("进展已报送")).to_be_visible()
    share.refresh_from_db()
    assert share.status == ProgressStatus.DONE and Progress.objects.count() == 2
