"""A 检举 never reaches the unit it accuses (信访工作条例 第三十条第三款; probe 8 M1 and note
10): the office names the accused unit before a 检举 goes anywhere, corrects a type the writer
chose wrongly, and cannot merge a 检举 into another unit's message. Each refusal writes nothing."""

import pytest
from django.urls import reverse

from gongkai.core.errors import DomainError
from gongkai.core.models import AuditEntry
from gongkai.mailbox.forms import NO_NAMED_UNIT
from gongkai.mailbox.models import Category, Message, MessageStatus
from gongkai.testing import message_steps_logged, written_message

ACCUSATION = "法规处某科长收受企业好处后不予查处，请领导严查"


def _step(client, message, verb, data):
    return client.post(reverse("mailbox:step", args=[message.pk, verb]), data)


@pytest.mark.django_db
def test_a_report_is_not_assigned_until_the_office_names_the_accused_unit(client, cast):
    report = written_message(category=Category.REPORT, body=ACCUSATION)
    client.force_login(cast.press)
    response = _step(client, report, "assign", {"unit": cast.units["法规处"].pk})
    assert response.status_code == 400
    assert "请选择被检举单位" in response.content.decode()
    report.refresh_from_db()
    assert report.status == MessageStatus.RECEIVED and report.handling_unit is None
    assert message_steps_logged(report) == []
    with pytest.raises(DomainError, match="被检举单位"):
        report.assign(by=cast.press, unit=cast.units["法规处"])
    assert Message.objects.get(pk=report.pk).handling_unit is None

    fagui = cast.units["法规处"].pk
    response = _step(client, report, "assign", {"unit": fagui, "named_unit": fagui})
    assert response.status_code == 400 and "不得转给被检举的单位" in response.content.decode()
    assert (
        Message.objects.get(pk=report.pk).handling_unit is None
        and message_steps_logged(report) == []
    )

    response = _step(
        client, report, "assign", {"unit": cast.units["审批处"].pk, "named_unit": fagui}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.handling_unit.name, report.named_unit.name) == ("审批处", "法规处")
    entry = AuditEntry.objects.get(action="message.assign", target_id=str(report.pk))
    assert entry.data["named_unit"] == "法规处"


@pytest.mark.django_db
def test_a_report_of_a_company_goes_on_when_the_office_says_no_unit_is_accused(client, cast):
    report = written_message(category=Category.REPORT, body="检举某公司有限空间作业不按规定")
    client.force_login(cast.press)
    data = {"unit": cast.units["法规处"].pk, "named_unit": NO_NAMED_UNIT}
    assert _step(client, report, "assign", data).status_code == 302
    report.refresh_from_db()
    assert report.handling_unit.name == "法规处" and report.named_unit is None
    entry = AuditEntry.objects.get(action="message.assign", target_id=str(report.pk))
    assert entry.data["named_unit"] == "未指向本局具体单位"


@pytest.mark.django_db
def test_an_accusation_sent_as_a_complaint_is_reclassified_and_leaves_the_accused_unit(
    client, cast
):
    message = written_message(category=Category.COMPLAIN, body=ACCUSATION, publish_consent=True)
    message.assign(by=cast.press, unit=cast.units["法规处"])
    client.force_login(cast.press)
    page = client.get(reverse("mailbox:detail", args=[message.pk])).content.decode()
    assert "留言提到本局单位：法规处" in page
    fagui = cast.units["法规处"].pk
    change = {"category": Category.REPORT, "reason": "反映法规处工作人员问题", "named_unit": fagui}

    # While the accused unit handles it, the change is refused: nothing written.
    response = _step(client, message, "reclassify", change)
    assert response.status_code == 400 and "请先在“受理并交办”中改交其他单位" in (
        response.content.decode()
    )
    message.refresh_from_db()
    assert message.category == Category.COMPLAIN and message.named_unit is None
    assert message_steps_logged(message) == ["message.assign"]
    # Nor may the handling unit's clerk change the type (the office screens messages).
    with pytest.raises(DomainError, match="无权"):
        message.reclassify(by=cast.clerk, category=Category.SUGGEST, reason="x")
    assert Message.objects.get(pk=message.pk).category == Category.COMPLAIN
    # Without a reason: refused, nothing written.
    response = _step(client, message, "reclassify", {**change, "reason": ""})
    assert response.status_code == 400 and message_steps_logged(message) == ["message.assign"]

    message.assign(by=cast.press, unit=cast.units["审批处"], note="改由审批处办理")
    assert _step(client, message, "reclassify", change).status_code == 302
    message.refresh_from_db()
    assert message.category == Category.REPORT and message.named_unit.name == "法规处"
    entry = AuditEntry.objects.get(action="message.reclassify", target_id=str(message.pk))
    assert (entry.data["category_before"], entry.data["category"]) == ("投诉", "检举")
    assert entry.data["note"] == "反映法规处工作人员问题"
    assert not message.may_be_published  # a 检举 is never published, whatever was ticked
    with pytest.raises(DomainError, match="第三十条"):
        message.assign(by=cast.press, unit=cast.units["法规处"])
    assert Message.objects.get(pk=message.pk).handling_unit.name == "审批处"


@pytest.mark.django_db
def test_the_reply_period_is_counted_again_for_the_new_type(cast):
    message = written_message(category=Category.CONSULT)
    message.assign(by=cast.press, unit=cast.units["法规处"])
    five = Message.objects.get(pk=message.pk).due_date
    message.reclassify(by=cast.press, category=Category.COMPLAIN, reason="实为投诉")
    assert Message.objects.get(pk=message.pk).due_date > five


@pytest.mark.django_db
def test_a_report_is_not_merged_into_a_message_another_unit_handles(client, cast):
    ordinary = written_message(subject="执法支队检查", body="执法支队检查不规范")
    ordinary.assign(by=cast.press, unit=cast.units["执法支队"])
    report = written_message(category=Category.REPORT, body="检举执法支队某队员收受好处")
    client.force_login(cast.press)
    response = _step(client, report, "merge", {"into": ordinary.tracking_no})
    assert response.status_code == 400 and "检举类留言只能合并到同一检举" in (
        response.content.decode()
    )
    report.refresh_from_db()
    assert report.status == MessageStatus.RECEIVED and report.merged_into is None
    assert message_steps_logged(report) == []
    again = written_message(category=Category.REPORT, body="再次检举执法支队某队员收受好处")
    assert _step(client, again, "merge", {"into": report.tracking_no}).status_code == 302
    assert Message.objects.get(pk=again.pk).merged_into_id == report.pk
