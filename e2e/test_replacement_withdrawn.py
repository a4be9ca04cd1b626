"""The press office withdraws a rule that an older one names as its 替代文件: the older rule's
portal page and the regulations library say the replacement is no longer public and link to
nothing (it would be a 404). The record keeps what the clean-up decided; the withdrawal is
audited and its message names the older rule."""

import os
import tempfile
from pathlib import Path

from playwright.sync_api import expect

from gongkai.answers.tests.helpers import published
from gongkai.core.models import AuditEntry
from gongkai.publications.models import Document, DocumentStatus, Validity

SHOTS = Path(os.environ.get("GONGKAI_SHOTS", tempfile.gettempdir())) / "gongkai-shots"


def _published(cast, title):
    return published(cast, title, ["第一条 为规范有限空间作业，制定本办法。"])


def test_a_withdrawn_replacement_is_named_as_gone_not_linked(page, live_server, e2e_cast, login):
    old = _published(e2e_cast, "广州市有限空间作业安全管理办法（2018年）")
    new = _published(e2e_cast, "广州市有限空间作业安全管理办法（2022年）")
    old.set_validity(by=e2e_cast.clerk, validity=Validity.AMENDED, replaced_by=new)
    new_href = f"/gk/doc/{new.pk}/"

    login("xinwen")
    page.goto(f"{live_server.url}/staff/publications/{new.pk}/")
    page.locator("#withdraw-reason").fill("新版办法暂缓施行")
    page.get_by_role("button", name="从门户网站撤回").click()
    expect(page.locator(".messages")).to_contain_text("已撤回")
    expect(page.locator(".messages")).to_contain_text(
        "《广州市有限空间作业安全管理办法（2018年）》"
    )
    page.get_by_role("button", name="退出").click()

    assert Document.objects.get(pk=new.pk).status == DocumentStatus.WITHDRAWN
    assert Document.objects.get(pk=new.pk).withdrawal == "hidden"  # the default choice
    assert Document.objects.get(pk=old.pk).replaced_by_id == new.pk
    assert AuditEntry.objects.filter(action="document.withdraw", target_id=str(new.pk)).count() == 1

    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}{old.get_absolute_url()}")
        expect(page.locator("body")).to_contain_text("本文件已修订；替代它的文件已不再公开。")
        assert page.locator(f"a[href='{new_href}']").count() == 0
        page.screenshot(path=str(SHOTS / f"replacement-gone-doc-{width}.png"), full_page=True)
        page.goto(f"{live_server.url}/gk/regulations/")
        expect(page.locator("body")).to_contain_text("替代文件：已不再公开")
        assert page.locator(f"a[href='{new_href}']").count() == 0
        page.screenshot(path=str(SHOTS / f"replacement-gone-list-{width}.png"), full_page=True)
