"""Staff pages under real use: a form left open in another tab, a remedy typed with a mistake."""

import datetime as dt

from django.urls import reverse

from gongkai.disclosure_requests.models import CaseStatus, RequestEvent
from gongkai.disclosure_requests.taxonomy import Outcome
from gongkai.testing import registered_case

D = dt.date


def test_a_step_sent_from_a_stale_tab_says_the_case_moved_on_and_shows_it(cast, client):
    case = registered_case(cast)[0]
    client.force_login(cast.press)
    step = reverse("disclosure_requests:step", args=[case.pk, "accept"])
    client.post(step, {"on": "2022-09-29", "note": "材料齐全"})  # the first tab
    response = client.post(step, {"on": "2022-09-29", "note": ""}, follow=True)  # the stale one
    page = response.content.decode()
    assert response.status_code == 200
    # The first tab did it: said, by whom and when (probe 12).
    assert f"已由{cast.press}于" in page and "办理完成，本次提交未重复办理" in page
    assert "页面不存在" not in page and response.context["case"].pk == case.pk
    assert RequestEvent.objects.filter(case=case, kind="accept").count() == 1
    case.refresh_from_db()
    assert case.status == CaseStatus.REVIEWING


def test_a_step_not_yet_possible_says_so_not_that_the_case_moved_on(cast, client):
    """Probe 11 F1.3: 延期 before 受理 was told "该申请已进入下一步" although the case had not
    moved; the step is simply not possible in its state (one wording for every such step)."""
    case = registered_case(cast)[0]
    client.force_login(cast.press_head)
    step = reverse("disclosure_requests:step", args=[case.pk, "extend"])
    page = client.post(
        step, {"workdays": 20, "notified_on": "2022-09-29", "reason": "需要调取档案"}, follow=True
    ).content.decode()
    assert "该申请当前为“已登记”，在此状态下不能延期答复" in page
    assert "已进入下一步" not in page
    case.refresh_from_db()
    assert case.extension_workdays == 0 and not case.events.filter(kind="extend").exists()


def test_a_step_outside_the_users_role_is_still_not_found(cast, client):
    case = registered_case(cast)[0]
    case.accept(by=cast.press, on=D(2022, 9, 29))
    client.force_login(cast.clerk)  # a unit clerk, not the office; the case is not theirs
    step = reverse("disclosure_requests:step", args=[case.pk, "accept"])
    assert client.post(step, {"on": "2022-09-29"}).status_code == 404


def _replied(cast):
    case = registered_case(cast)[0]
    case.reply(
        by=cast.press,
        outcome=Outcome.WITHHELD_PROCESS,
        text="不予公开",
        withheld_reason="过程性信息",
        on=D(2022, 10, 10),
    )
    return case


def test_a_remedy_with_a_wrong_date_keeps_what_was_typed_and_names_the_field(cast, client):
    case = _replied(cast)
    client.force_login(cast.press)
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    typed = {
        "kind": "reconsideration",
        "filed_on": tomorrow,
        "body": "广州市天河区人民政府",
        "result": "pending",
        "note": "申请人不服不予公开答复",
    }
    response = client.post(reverse("disclosure_requests:remedy_add", args=[case.pk]), typed)
    assert response.status_code == 400
    form = response.context["remedy_form"]
    assert form.errors["filed_on"] == ["申请/起诉日期不能晚于今天。"]
    page = response.content.decode()
    assert 'value="广州市天河区人民政府"' in page and "申请人不服不予公开答复" in page
    assert f'value="{tomorrow}"' in page
    assert "<details open" in page  # the form is open where the mistake is
    assert not case.remedies.exists()
