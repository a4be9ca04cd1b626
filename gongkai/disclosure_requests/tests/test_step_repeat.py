"""Probe 6 F4: a double click on 提交办理意见 or 添加备注 recorded the step twice (and the file
twice). The identical repeat within minutes is refused under the row lock; nothing written."""

from django.urls import reverse

from gongkai.core import audit
from gongkai.core.models import AuditEntry
from gongkai.disclosure_requests.models import CaseFile, RequestEvent
from gongkai.testing import a_pdf, handling_case, on_day


def _step(case, verb):
    return reverse("disclosure_requests:step", args=[case.pk, verb])


def _steps_logged() -> int:
    """Audit entries but the reads a page shown again logs (audit.READ_ACTIONS)."""
    return AuditEntry.objects.exclude(action__in=audit.READ_ACTIONS).count()


def test_a_double_clicked_proposal_is_recorded_once(cast, client):
    case = handling_case(cast)
    client.force_login(cast.clerk)
    proposal = {"text": "检索到文件一份，建议予以公开"}
    with on_day(2022, 9, 30, 10):
        assert (
            client.post(
                _step(case, "propose"), {**proposal, "files": [a_pdf("found.pdf")]}
            ).status_code
            == 302
        )
        audits = _steps_logged()
        again = client.post(_step(case, "propose"), {**proposal, "files": [a_pdf("found.pdf")]})
    assert again.status_code == 400
    assert again.context["steps"][0][2].errors["text"] == [
        "这条办理意见已于10:00提交，未重复保存。"
    ]
    assert RequestEvent.objects.filter(case=case, kind="propose").count() == 1
    assert CaseFile.objects.filter(case=case, purpose="found").count() == 1
    assert _steps_logged() == audits


def test_a_double_clicked_note_is_recorded_once_and_a_later_one_is_not(cast, client):
    case = handling_case(cast)
    client.force_login(cast.press)
    with on_day(2022, 9, 30, 10):
        client.post(_step(case, "note"), {"text": "已电话联系申请人"})
        audits = _steps_logged()
        again = client.post(_step(case, "note"), {"text": "已电话联系申请人"})
        assert "这条备注已于10:00保存，未重复保存。" in again.content.decode()
        assert _steps_logged() == audits
        client.post(_step(case, "note"), {"text": "申请人同意延后领取"})  # another note
    with on_day(2022, 9, 30, 11):  # the same words an hour later: a new call, recorded
        client.post(_step(case, "note"), {"text": "已电话联系申请人"})
    notes = RequestEvent.objects.filter(case=case, kind="note").values_list("note", flat=True)
    assert list(notes) == ["已电话联系申请人", "申请人同意延后领取", "已电话联系申请人"]
