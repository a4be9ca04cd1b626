"""The 签发领导's staff dashboard: the mailbox addressed to the leaders shows them every open
message, and only links that open for them; the 依申请公开 cases are not theirs to see."""

import re

from django.urls import reverse

from gongkai.testing import handling_case, on_day, written_message


def _section(page: str, title: str) -> str:
    """The dashboard section headed `title` (from its heading to its end)."""
    assert f"<h2>{title}</h2>" in page, title
    return page.split(f"<h2>{title}</h2>")[1].split("</section>")[0]


def test_a_leader_sees_every_open_message_and_every_link_offered_opens(client, cast):
    with on_day(2022, 9, 1):
        ours = written_message()
        ours.assign(by=cast.press, unit=cast.units["法规处"])
        theirs = written_message()
        theirs.assign(by=cast.press, unit=cast.units["审批处"])
    client.force_login(cast.leader)
    with on_day(2022, 11, 1):
        page = client.get(reverse("core:dashboard")).content.decode()
        mailbox = _section(page, "领导信箱：待办留言")
        assert "办理中 2 件" in mailbox and "已超过答复期限 2 件" in mailbox
        assert "有 2 件有效留言超过60日未答复" in mailbox
        assert ours.tracking_no in mailbox and theirs.tracking_no in mailbox
        assert "<form" not in mailbox and "<button" not in mailbox
        links = re.findall(r'href="([^"]+)"', mailbox)
        assert reverse("mailbox_reports:signals") in links  # the leaders read 集中反映的问题
        for link in links:
            assert client.get(link).status_code == 200, link


def test_a_leader_gets_no_disclosure_request_section_as_the_lists_refuse_it(client, cast):
    """The 依申请公开 lists are the office's and the units' (applicants' identity data), so the
    leader's dashboard offers no section there, whose links would be refused (403)."""
    with on_day(2022, 9, 1):
        handling_case(cast)
    client.force_login(cast.leader)
    with on_day(2022, 11, 1):
        page = client.get(reverse("core:dashboard")).content.decode()
    assert "依申请公开：待办申请" not in page
    assert client.get(reverse("disclosure_requests:list")).status_code == 403
    client.force_login(cast.press)  # the office, who works them, gets it
    with on_day(2022, 11, 1):
        assert "依申请公开：待办申请" in client.get(reverse("core:dashboard")).content.decode()
