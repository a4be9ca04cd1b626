"""The portal as Chinese portals are expected to be: 公开指南 (kept by the press office),
公开制度, annual reports by year, 最新公开 on the home page, one nav bar everywhere."""

from django.urls import reverse

from gongkai.core.models import AuditEntry
from gongkai.publications.models import PortalPage
from gongkai.reports.models import AnnualReport


def test_the_home_page_lists_the_latest_published_documents_only(client, cast, make_draft, publish):
    published = publish(make_draft(title="关于做好汛期安全防范工作的通知"))
    make_draft(title="尚在起草的通知")
    page = client.get("/").content.decode()
    assert "最新公开" in page and published.title in page
    assert reverse("publications_public:document", args=[published.pk]) in page
    assert "尚在起草的通知" not in page


def test_the_home_cards_lead_to_the_guide_and_the_annual_reports(client, db):
    page = client.get("/").content.decode()
    assert f'href="{reverse("publications_public:guide")}"' in page
    assert f'href="{reverse("reports_public:annual_list")}"' in page


def test_home_and_apply_pages_carry_the_portal_nav(client, db):
    for url in [
        "/",
        reverse("disclosure_requests_public:apply"),
        reverse("publications_public:catalogue"),
    ]:
        page = client.get(url).content.decode()
        assert 'class="portal-nav"' in page, url
        assert ">公开指南</a>" in page and ">年度报告</a>" in page and ">依申请公开</a>" in page


def test_the_guide_shows_its_defaults_before_anyone_edits_it(client, db):
    page = client.get(reverse("publications_public:guide")).content.decode()
    assert "政府信息公开指南" in page and "20个工作日内答复" in page


def test_the_press_office_edits_the_guide_and_the_portal_shows_it_at_once(client, cast):
    guide_url = reverse("publications_public:guide")
    assert "020-83186312" not in client.get(guide_url).content.decode()  # now cached
    client.force_login(cast.press)
    url = reverse("publications:portal_page_edit", args=["guide"])
    form = client.get(url).context["form"]
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data.update(
        office_name="广州市应急管理局办公室",
        address="广州市越秀区某路1号",
        hours="工作日9:00—12:00，14:00—18:00",
        phone="020-83186312",
    )
    response = client.post(url, data)
    assert response.status_code == 302
    saved = PortalPage.objects.get(slug="guide")
    assert saved.phone == "020-83186312" and saved.updated_by == cast.press
    entry = AuditEntry.objects.get(action="portal_page.edit")
    assert entry.after["phone"] == "020-83186312" and entry.before["phone"] == ""
    client.logout()
    page = client.get(guide_url).content.decode()
    assert "020-83186312" in page and "广州市越秀区某路1号" in page


def test_only_the_press_office_edits_the_guide(client, cast):
    url = reverse("publications:portal_page_edit", args=["guide"])
    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(cast.clerk)
    assert client.post(url, {"phone": "1"}).status_code == 403
    assert not PortalPage.objects.exists()


def test_the_rules_page_is_there(client, db):
    response = client.get(reverse("publications_public:rules"))
    assert response.status_code == 200 and "政府信息公开制度" in response.content.decode()


def test_the_annual_report_list_shows_published_reports_only(client, cast, make_draft, publish):
    published = publish(make_draft(title="2022年政府信息公开工作年度报告"))
    AnnualReport.objects.create(year=2022, document=published)
    AnnualReport.objects.create(
        year=2023, document=make_draft(title="2023年政府信息公开工作年度报告")
    )
    page = client.get(reverse("reports_public:annual_list")).content.decode()
    assert "2022年政府信息公开工作年度报告" in page and "2022年" in page
    assert "2023年政府信息公开工作年度报告" not in page
