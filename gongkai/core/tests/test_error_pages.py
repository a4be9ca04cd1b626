"""Error pages a person can read (Chinese, the site's layout, a way back); no staff link that
leads to 403; a bad ?year= is a 400 that says what is wrong."""

import re

import pytest
from django.urls import reverse

from gongkai.plans import services as plan_services
from gongkai.plans.tests.test_ledger import SEED

START_PAGES = [
    "core:dashboard",
    "plans:plan_list",
    "publications:home",
    "disclosure_requests:list",
    "reports:dashboard",
    "core:deadline",
]
HREF = re.compile(r'href="(/staff/[^"#?]*)"')


@pytest.fixture
def ledger(cast):
    return plan_services.plan_import(
        by=cast.press, data=SEED.read_bytes(), filename="seed.txt", year=2022
    ).plan


@pytest.mark.parametrize(
    "who",
    ["admin", "press", "clerk", "head", "other_clerk", "subordinate_clerk", "reviewer", "leader"],
)
def test_no_staff_link_shown_to_a_user_leads_to_403(client, cast, ledger, who):
    client.force_login(getattr(cast, who))
    links = set()
    for name in START_PAGES:
        response = client.get(reverse(name), follow=True)
        if response.status_code == 200:
            links.update(HREF.findall(response.content.decode()))
    assert links
    forbidden = sorted(link for link in links if client.get(link).status_code == 403)
    assert forbidden == []


def test_the_404_page_is_chinese_in_the_portal_layout_with_a_way_back(client, db):
    response = client.get("/gk/doc/999999/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "页面不存在" in page and 'href="/"' in page and "portal-head" in page
    assert "Not Found" not in page


def test_the_403_page_says_why_and_leads_back_to_the_dashboard(client, cast):
    client.force_login(cast.clerk)
    response = client.get(reverse("core:user_list"))
    page = response.content.decode()
    assert response.status_code == 403
    assert "您没有此项操作的权限" in page and reverse("core:dashboard") in page
    assert "Forbidden" not in page


def test_the_500_page_is_chinese_and_needs_no_database():
    from django.template.loader import render_to_string

    page = render_to_string("500.html")
    assert "系统出现错误" in page and 'href="/"' in page


@pytest.mark.parametrize("name", ["reports:dashboard", "disclosure_requests:statistics"])
@pytest.mark.parametrize("year", ["abc", "20x2", "99999"])
def test_a_bad_year_is_a_400_that_says_so(client, cast, name, year):
    client.force_login(cast.press)
    response = client.get(reverse(name), {"year": year})
    assert response.status_code == 400
    page = response.content.decode()
    assert f"年份“{year}”不正确" in page and "portal-head" in page


def test_a_good_year_still_works(client, cast):
    client.force_login(cast.press)
    response = client.get(reverse("reports:dashboard"), {"year": "2022"})
    assert response.status_code == 200 and "2022年" in response.content.decode()


def test_a_stale_form_gets_a_chinese_page(cast):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.clerk)
    response = client.post(reverse("core:notifications_read"))
    assert response.status_code == 403 and "页面已过期" in response.content.decode()


def test_a_stale_citizen_form_is_told_to_go_back_not_to_reload(db):
    """Probe 12 T1: "返回上一页，刷新后重新提交" — a reload empties the form (280 typed characters
    lost on /hudong/); Back alone keeps them and the second submission works."""
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(reverse("mailbox_public:write"), {})
    page = response.content.decode()
    assert response.status_code == 403 and "页面已过期" in page
    assert "刷新后重新提交" not in page
    assert "您填写的内容仍在" in page and "请不要刷新上一页" in page


def test_the_stale_form_page_says_go_back_not_reload_and_links_back(cast):
    """Probe 12 T1: reloading the form empties it (280 characters lost); going back keeps them."""
    from django.test import Client

    from gongkai.mailbox.models import Message

    client = Client(enforce_csrf_checks=True)
    form = reverse("mailbox_public:write")
    response = client.post(
        form,
        {"kind": "consult", "text": "留言内容" * 70},
        HTTP_REFERER=f"http://testserver{form}",
    )
    page = response.content.decode()
    assert response.status_code == 403 and "页面已过期" in page
    assert "您填写的内容仍在，再点一次提交" in page and "刷新后重新提交" not in page
    assert f'href="{form}" data-back>返回上一页</a>' in page
    assert not Message.objects.exists()  # nothing written
    # A Referer from another site is not linked to.
    other = client.post(form, {"text": "x"}, HTTP_REFERER="https://evil.example/hudong/")
    assert 'href="/" data-back>返回上一页</a>' in other.content.decode()
