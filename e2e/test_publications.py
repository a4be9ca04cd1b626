"""Issue story: a clerk drafts a normative document with an ID number in it, the scan flags it,
the three reviewers pass it in turn, it appears in the portal, search finds it by a
two-character word, and a citizen cannot open a draft by URL."""

import re

from playwright.sync_api import expect

from gongkai.lib.pii import id_check_char

ID = "44010619900307123" + id_check_char("44010619900307123")
TITLE = "广州市应急管理局有限空间作业安全约谈办法"


def _sign_out(page):
    page.get_by_role("button", name="退出").click()


def test_a_normative_document_goes_through_three_reviews_to_the_portal(
    page, live_server, e2e_cast, login
):
    from gongkai.publications.models import Document

    login("fagui")
    page.goto(f"{live_server.url}/staff/publications/")
    page.get_by_role("link", name="起草政府信息").click()
    page.get_by_label("名称").fill(TITLE)
    page.get_by_label("文号").fill("穗应急规字〔2022〕9号")
    page.get_by_label("文件类型").select_option(label="行政规范性文件")
    page.get_by_label("公开目录分类").select_option(label="行政法规、规章和规范性文件")
    page.get_by_label("成文日期").fill("2022-09-01")
    page.get_by_label("正文").fill(
        f"第一条 为规范有限空间作业，制定本办法。\n经办人身份证号{ID}，联系电话020-83186312。"
    )
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("草稿已保存")).to_be_visible()
    scan = page.locator("#scan")
    expect(scan).to_contain_text("1 处疑似个人信息")
    expect(scan).to_contain_text("身份证号")
    expect(scan).not_to_contain_text(ID)  # shown masked, never in full
    draft_id = Document.objects.get(title=TITLE).pk
    page.get_by_role("button", name="提交一审（处室负责人）").click()
    expect(page.get_by_text("已提交一审")).to_be_visible()
    _sign_out(page)

    # 一审: the 处室负责人 cannot pass it until the hit is dealt with. He returns it (had he
    # taken the number out himself, he could not approve his own wording, probe 7 F2).
    login("fagui_head")
    page.goto(f"{live_server.url}/staff/publications/")
    page.get_by_role("link", name=TITLE).first.click()
    expect(page.get_by_role("button", name="审核通过")).to_be_disabled()
    page.get_by_label("退回意见").fill("请删去经办人身份证号后重新提交")
    page.get_by_role("button", name="退回修改").click()
    expect(page.get_by_text("已退回起草单位修改")).to_be_visible()
    _sign_out(page)

    login("fagui")  # the clerk takes the number out and sends it again
    page.goto(f"{live_server.url}/staff/publications/{draft_id}/")
    page.get_by_role("link", name="修改正文和信息").click()
    page.get_by_label("正文").fill(
        "第一条 为规范有限空间作业，制定本办法。\n联系电话020-83186312。"
    )
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("修改已保存")).to_be_visible()
    expect(page.locator("#scan")).to_contain_text("未发现")
    page.get_by_role("button", name="提交一审（处室负责人）").click()
    expect(page.get_by_text("已提交一审")).to_be_visible()
    _sign_out(page)

    login("fagui_head")
    page.goto(f"{live_server.url}/staff/publications/{draft_id}/")
    page.get_by_label("审核意见").fill("同意，请保密审查")
    page.get_by_role("button", name="审核通过").click()
    expect(page.get_by_text("已转二审")).to_be_visible()
    _sign_out(page)

    login("baomi")  # 二审
    page.goto(f"{live_server.url}/staff/publications/{draft_id}/")
    page.get_by_label("审核意见").fill("不涉及国家秘密和个人隐私")
    page.get_by_role("button", name="审核通过").click()
    expect(page.get_by_text("已转三审")).to_be_visible()
    _sign_out(page)

    login("lingdao")  # 三审: no interpretation yet, so the waiver is asked for
    page.goto(f"{live_server.url}/staff/publications/")
    page.get_by_role("link", name=TITLE).first.click()
    page.get_by_label("不同步解读的理由").fill("解读材料随新闻发布会同步发布")
    page.get_by_role("button", name="签发并发布").click()
    expect(page.get_by_text("已签发并发布，索引号")).to_be_visible()
    history = page.locator(".history")
    expect(history.locator(".tag", has_text="通过")).to_have_count(3)
    expect(history.locator(".tag", has_text="退回")).to_have_count(1)
    _sign_out(page)

    # What the review left behind: published with its 索引号 and waiver, one approval per stage
    # by the person whose role decides it.
    published = Document.objects.get(pk=draft_id)
    assert published.status == "published" and published.published_at is not None
    assert re.fullmatch(r"11440100MB2D09172K/\d{4}-00001", published.index_no)
    assert published.interpretation_waiver == "解读材料随新闻发布会同步发布"
    approvals = published.steps.filter(action="approve").order_by("at", "pk")
    assert [(s.stage, s.actor.username) for s in approvals] == [
        ("review_1", "fagui_head"), ("review_2", "baomi"), ("review_3", "lingdao"),
    ]  # fmt: skip  # a table: stage and who decided it

    # A citizen: the portal, search by a two-character word, and a draft's URL.
    page.goto(f"{live_server.url}/gk/")
    page.get_by_role("link", name=TITLE).click()
    meta = page.locator("table.doc-meta")
    expect(meta).to_contain_text("穗应急规字〔2022〕9号")
    expect(meta).to_contain_text(re.compile(r"11440100MB2D09172K/\d{4}-00001"))
    expect(meta).to_contain_text("现行有效")
    page.goto(f"{live_server.url}/gk/search/")
    page.get_by_label("关键词").fill("约谈")
    page.get_by_role("button", name="检索").click()
    expect(page.get_by_text("找到 1 条结果")).to_be_visible()
    expect(page.locator("ol.results li").first).to_contain_text(TITLE)
    expect(page.locator("ol.results mark").first).to_be_visible()

    other = Document.create_draft(
        by=e2e_cast.clerk,
        title="尚在起草的文件",
        category="other_mandated",
        written_on="2022-09-02",
        body="草稿",
    )
    response = page.goto(f"{live_server.url}/gk/doc/{other.pk}/")
    assert response.status == 404
    expect(page.get_by_text("尚在起草的文件")).to_have_count(0)
