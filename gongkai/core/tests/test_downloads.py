"""Downloads keep their Chinese file names (Content-Disposition's filename*, RFC 6266) and the
type their ending names."""

import io
import json
from urllib.parse import unquote

import docx
from django.urls import reverse

from gongkai.plans.models import Plan


def _filename(response) -> str:
    kind, _, name = response["Content-Disposition"].partition("; filename*=")
    assert kind == "attachment" and name.lower().startswith("utf-8''")
    return unquote(name[len("utf-8''") :])


def test_the_quarterly_report_downloads_under_its_chinese_name(client, cast):
    plan = Plan.objects.create(
        year=2022, title="广州市应急管理局2022年政务公开工作实施方案", source_sha256="0" * 64
    )
    client.force_login(cast.press)
    response = client.get(reverse("plans:plan_export", args=[plan.pk, 3, "docx"]))
    assert _filename(response) == "2022年第三季度政务公开推进落实情况.docx"
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    text = docx.Document(io.BytesIO(response.getvalue())).paragraphs[0].text
    assert "第三季度" in text


def test_the_annual_report_json_downloads_under_the_reports_title(client, cast):
    client.force_login(cast.press)
    response = client.get(reverse("reports:annual_download", args=[2022, "json"]))
    assert _filename(response) == "广州市应急管理局2022年政府信息公开工作年度报告.json"
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.getvalue())
    assert data["title"] == "广州市应急管理局2022年政府信息公开工作年度报告"
