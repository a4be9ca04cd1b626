"""Touch targets on a phone (WCAG 2.5.5, 适老化, probe 13): the portal's nav links (about 34 px
high; 互动交流's row of links too) and the labels of radio buttons and checkboxes (about 26 px)
are 44 px hit areas at ≤ 720 px wide, without the nav taking the screen; a desktop is
unchanged. A label is tapped at the edge of its 44 px box and the application stored says what
was chosen there."""

import os

import pytest

from e2e.phone import scroll_width
from gongkai.disclosure_requests.models import DisclosureRequest

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SHOTS = os.environ.get("GONGKAI_SCREENSHOTS")

NAV_LINKS = ".portal-nav a"
CHOICE_LABELS = "fieldset.field label, .field > label:has(+ input[type=checkbox])"


def _heights(page, selector) -> list[float]:
    return page.eval_on_selector_all(
        selector, "els => els.map(el => el.getBoundingClientRect().height)"
    )


def _shoot(page, name, viewport):
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}-{viewport['width']}.png", full_page=True)


def test_on_a_phone_nav_links_and_choices_are_44_px_and_the_nav_leaves_the_screen(
    page, live_server, e2e_cast
):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/")
    _shoot(page, "home", PHONE)
    links = _heights(page, NAV_LINKS)
    assert len(links) == 12 and min(links) >= 44, links
    # The nav is at most a quarter of the phone's screen, and the page's heading is in view.
    nav = page.locator(".portal-nav").bounding_box()
    assert nav["height"] <= PHONE["height"] / 4, nav
    assert page.locator("h1").bounding_box()["y"] < PHONE["height"] / 2
    assert scroll_width(page) == PHONE["width"]
    # 互动交流's own row of links too.
    page.goto(f"{live_server.url}/hudong/")
    _shoot(page, "hudong", PHONE)
    tabs = _heights(page, ".subnav a")
    assert len(tabs) == 5 and min(tabs) >= 44, tabs
    page.goto(f"{live_server.url}/apply/")
    _shoot(page, "apply", PHONE)
    choices = _heights(page, CHOICE_LABELS)
    radios = page.locator("fieldset.field input[type=radio]").count()
    assert len(choices) == radios + 2 and min(choices) >= 44, choices  # 2: 第四十三条, 承诺
    assert scroll_width(page) == PHONE["width"]


@pytest.mark.parametrize("name", ["home", "apply"])
def test_a_desktop_is_unchanged(page, live_server, e2e_cast, name):
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/{'' if name == 'home' else 'apply/'}")
    _shoot(page, name, DESKTOP)
    if name == "home":
        links = _heights(page, NAV_LINKS)
        assert all(30 <= h < 40 for h in links), links
        # One line of links, as before.
        assert page.locator(".portal-nav").bounding_box()["height"] < 60
    else:
        choices = _heights(page, CHOICE_LABELS)
        assert all(20 <= h < 32 for h in choices), choices


def test_a_label_tapped_at_the_edge_of_its_box_chooses_its_option(page, live_server, e2e_cast):
    """The 44 px are the label's own: a tap near its bottom edge, below the text, still picks
    the radio button or ticks the checkbox, and the stored application says so."""
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/apply/")

    def tap_low(label):
        label.scroll_into_view_if_needed()
        box = label.bounding_box()
        assert box["height"] >= 44
        page.mouse.click(box["x"] + 4, box["y"] + box["height"] - 3)

    tap_low(page.locator("label[for=id_applicant_type_2]"))  # 科研机构
    assert page.locator("#id_applicant_type_2").is_checked()
    page.get_by_label("申请人姓名/名称").fill("华南应急研究所")
    page.get_by_label("联系人").fill("赵小红")
    page.get_by_role("textbox", name="身份证明").fill("11341702486344515H")
    page.get_by_label("联系电话").fill("13900139000")
    page.get_by_label("所需信息的内容描述").fill("贵局2022年度行政处罚决定书目录")
    page.get_by_label("提供形式").select_option(label="电子文档")
    page.get_by_label("获取方式").select_option(label="电子邮件")
    page.get_by_label("电子邮箱").fill("zhao@example.com")
    tap_low(page.locator("label[for=id_needs_assistance]"))
    tap_low(page.locator("label[for=id_agree]"))
    assert page.locator("#id_agree").is_checked()
    page.get_by_role("button", name="提交申请").click()
    number = page.locator("#tracking-no").inner_text()
    case = DisclosureRequest.objects.get(tracking_no=number)
    assert case.applicant_type == "research" and case.needs_assistance
    assert case.applicant_name == "华南应急研究所"
