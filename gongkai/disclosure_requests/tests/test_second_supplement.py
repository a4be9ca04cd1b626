"""Probe 6 F3: a 补正 sent from a second tab (or after the first was received) was dropped
without a word. It is refused at the form, the text kept there, and nothing is written."""

import datetime as dt

from gongkai.core.models import AuditEntry
from gongkai.disclosure_requests.models import CaseFile, RequestEvent
from gongkai.testing import a_pdf, follow_application, on_day, registered_case


@on_day(2022, 10, 10)  # within the 补正 period (a later one is refused online: 第三十条)
def test_a_second_supplement_is_refused_visibly_and_nothing_is_written(cast, client):
    case, code = registered_case(cast)
    case.request_supplement(by=cast.press, items="请写明文件名称", on=dt.date(2022, 9, 30))
    status = follow_application(client, case, code)
    first = client.post(status, {"text": "第一标签页：文件名称A", "files": [a_pdf("tab1.pdf")]})
    audits = AuditEntry.objects.count()
    second = client.post(status, {"text": "第二标签页：还有文件B", "files": [a_pdf("tab2.pdf")]})
    assert first.status_code == 302
    assert second.status_code == 409
    page = second.content.decode()
    assert "本申请的补正已于2022年10月10日提交，本次提交的内容未保存" in page
    assert "第二标签页：还有文件B" in page  # kept in the page, to copy
    assert RequestEvent.objects.filter(case=case, kind="receive_supplement").count() == 1
    assert list(CaseFile.objects.filter(case=case).values_list("original_name", flat=True)) == [
        "tab1.pdf"
    ]
    assert AuditEntry.objects.count() == audits


def test_a_supplement_nobody_asked_for_is_refused_visibly(cast, client):
    case, code = registered_case(cast)
    status = follow_application(client, case, code)
    events = RequestEvent.objects.count()
    response = client.post(status, {"text": "补充说明"})
    assert response.status_code == 409
    assert (
        "本申请目前无需补正（办理阶段：已登记），本次提交的内容未保存" in response.content.decode()
    )
    assert RequestEvent.objects.count() == events and not CaseFile.objects.exists()
    empty = client.post(status, {})  # an empty POST is answered the same way
    assert empty.status_code == 409 and "本次提交的内容未保存" in empty.content.decode()
