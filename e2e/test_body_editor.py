"""Issue story: a clerk pastes a body from Word into the 正文 editor: it shows formatted (not
raw <p> tags), and what is saved keeps the headings, paragraphs, list and table."""

from playwright.sync_api import expect

WORD_HTML = (
    "<html><head><style>p.MsoNormal{font-size:16pt}</style></head><body>"
    '<h1 style="mso-outline-level:1">第一章 总则</h1>'
    '<p class="MsoNormal"><span style="font-family:仿宋_GB2312">第一条 为规范安全生产约谈，'
    "制定本办法。</span></p>"
    '<table border="1"><tr><td>序号</td><td>约谈事项</td></tr><tr><td>1</td><td>'
    "重大隐患</td></tr></table>"
    "<ul><li>安全生产</li><li>应急救援</li></ul></body></html>"
)


def test_a_clerk_pastes_a_body_from_word_and_it_is_saved_with_its_structure(
    page, live_server, e2e_cast, login
):
    from gongkai.publications.models import Document

    login("fagui")
    page.goto(f"{live_server.url}/staff/publications/new/")
    page.get_by_label("名称").fill("广州市应急管理局安全生产约谈办法")
    page.get_by_label("公开目录分类").select_option(label="行政法规、规章和规范性文件")
    page.get_by_label("成文日期").fill("2022-09-01")
    editor = page.locator(".rt-area")
    expect(editor).to_be_visible()
    expect(page.locator("textarea[name=body]")).to_be_hidden()
    editor.click()
    editor.evaluate(
        """(el, html) => {
            const data = new DataTransfer();
            data.setData('text/html', html);
            data.setData('text/plain', el.innerText);
            const paste = {clipboardData: data, bubbles: true, cancelable: true};
            el.dispatchEvent(new ClipboardEvent('paste', paste));
        }""",
        WORD_HTML,
    )
    expect(editor.locator("h2")).to_have_text("第一章 总则")
    expect(editor.locator("table td").nth(3)).to_have_text("重大隐患")
    expect(editor).not_to_contain_text("<p>")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("草稿已保存")).to_be_visible()

    body = Document.objects.get().body
    assert "<h2>第一章 总则</h2>" in body
    assert "第一条 为规范安全生产约谈，制定本办法。" in body
    assert "<td>重大隐患</td>" in body and "<li>应急救援</li>" in body
    assert "style" not in body and "Mso" not in body

    # Opened again, the editor shows the saved body formatted, not as HTML source.
    page.goto(f"{live_server.url}/staff/publications/{Document.objects.get().pk}/edit/")
    expect(page.locator(".rt-area h2")).to_have_text("第一章 总则")
    expect(page.locator(".rt-area")).not_to_contain_text("<h2>")


def test_paragraphs_typed_with_enter_are_saved_as_paragraphs(page, live_server, e2e_cast, login):
    """Probe finding 8: typed "第一段。" Enter "第二段。" was saved as "第一段。第二段。<br>"."""
    from gongkai.publications.models import Document

    login("fagui")
    page.goto(f"{live_server.url}/staff/publications/new/")
    page.get_by_label("名称").fill("关于开展安全生产检查的通知")
    page.get_by_label("公开目录分类").select_option(label="行政法规、规章和规范性文件")
    page.get_by_label("成文日期").fill("2022-09-01")
    editor = page.locator(".rt-area")
    editor.click()
    page.keyboard.type("第一段。")
    page.keyboard.press("Enter")
    page.keyboard.type("第二段。")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.type("第三段。")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("草稿已保存")).to_be_visible()

    assert Document.objects.get().body == "<p>第一段。</p><p>第二段。</p><p>第三段。</p>"
    page.goto(f"{live_server.url}/staff/publications/{Document.objects.get().pk}/edit/")
    expect(page.locator(".rt-area p")).to_have_count(3)
