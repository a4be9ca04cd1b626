"""The staff menu (review of stop 28): at 1280 px the press office's menu wrapped 退出 onto a
second line under the bar. It fits on one line at 1280 px — every link, the user's name and 退出
in one row — and at 390 px it folds behind 菜单, opening into one item a line. Screenshots of the
dashboard at both widths when GONGKAI_SHOTS names a folder."""

import os

import pytest

SHOTS = os.environ.get("GONGKAI_SHOTS", "")

ROWS = """() => {
  const bar = document.querySelector('.topbar');
  const items = [...document.querySelectorAll('.mainnav > a, .mainnav .whoami, .mainnav form')];
  const middle = e => { const r = e.getBoundingClientRect(); return (r.top + r.bottom) / 2; };
  const tops = items.map(e => Math.round(middle(e)));
  const logout = document.querySelector('.mainnav form button').getBoundingClientRect();
  return {rows: new Set(tops.map(t => Math.round(t / 16))).size, tops,
          barBottom: bar.getBoundingClientRect().bottom, logoutBottom: logout.bottom,
          logoutRight: logout.right, overflow: document.documentElement.scrollWidth > innerWidth};
}"""


@pytest.mark.parametrize("who", ["press", "admin"])
def test_the_menu_is_one_line_at_1280_and_folds_at_390(page, live_server, e2e_cast, login, who):
    user = getattr(e2e_cast, who)
    login(user.username)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/staff/")
    wide = page.evaluate(ROWS)
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/dashboard-{who}-1280.png")
    assert wide["rows"] == 1, wide  # 退出 on the same line as 工作台
    assert wide["logoutRight"] <= 1280 and not wide["overflow"], wide

    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{live_server.url}/staff/")
    assert not page.locator(".mainnav").is_visible()
    page.get_by_text("菜单").click()
    page.get_by_role("button", name="退出").wait_for()
    narrow = page.evaluate(ROWS)
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/dashboard-{who}-390.png", full_page=True)
    assert not narrow["overflow"], narrow
    assert narrow["logoutRight"] <= 390, narrow
