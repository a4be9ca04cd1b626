"""Demo 政策问答: the 政府信息公开条例 and the 109号 fee rules published by the 新闻处 (split into
articles by the publish signal), and a library of entries on the bureau's disclosure and
safety-production questions, each written by its unit's clerk and approved by its head."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

from gongkai.answers import services
from gongkai.answers.evaluation import DATA
from gongkai.answers.models import Entry
from gongkai.publications.models import Category, Document, Kind

SHANGHAI = ZoneInfo("Asia/Shanghai")
# (file, written on, published on)
LAWS = [("tiaoli.txt", "2019-04-03", "2019-05-10"), ("fees109.txt", "2020-11-17", "2020-12-01")]
PEOPLE = {"法规处": ("fagui", "fagui_head"), "新闻处": ("xinwen", "xinwen_head")}


def load(people, stdout):
    if Entry.objects.exists():
        stdout.write("政策问答：演示数据已存在，跳过")
        return
    for filename, written, published in LAWS:
        _publish_law(
            people, filename, dt.date.fromisoformat(written), dt.date.fromisoformat(published)
        )
    lines = (DATA / "demo_entries.jsonl").read_text(encoding="utf-8").splitlines()
    for line in lines:
        record = json.loads(line)
        clerk, head = (people[name] for name in PEOPLE[record.pop("unit")])
        services.import_jsonl(json.dumps(record, ensure_ascii=False).encode(), by=clerk)
        entry = Entry.objects.get(question=record["question"])
        entry.submit(by=clerk)
        entry.approve(by=head, comment="经核对依据条款，同意发布")
    stdout.write(f"政策问答：发布{Entry.public.count()}个问答条目，{len(LAWS)}件法规已按条拆分")


def _publish_law(people, filename, written, published):
    lines = (DATA / filename).read_text(encoding="utf-8").splitlines()
    title, doc_no, body = lines[0], lines[1], lines[2:]
    clerk = people["xinwen"]
    document = Document.create_draft(
        by=clerk,
        title=title,
        doc_no=doc_no,
        kind=Kind.GENERAL,
        category=Category.REGULATIONS_NORMATIVE_DOCS,
        written_on=written,
        body="".join(f"<p>{line}</p>" for line in body),
        summary=body[1][:120],
        topic="政务公开",
    )

    def at(days, hour):
        return dt.datetime.combine(published - dt.timedelta(days=days), dt.time(hour), SHANGHAI)

    document.submit(by=clerk, at=at(3, 9))
    document.approve(by=people["xinwen_head"], comment="同意转载", at=at(2, 10))
    document.approve(by=people["baomi"], comment="不涉密", at=at(1, 15))
    document.approve(by=people["lingdao"], comment="同意发布", at=at(0, 11))
