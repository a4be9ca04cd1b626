"""Demo ledger: the seed plan imported as the bureau's 2022 ledger, with progress and evidence
posted by several units through the same method the UI uses, and some tasks left overdue."""

from __future__ import annotations

import datetime as dt
import io
import random
from pathlib import Path
from zoneinfo import ZoneInfo

import docx
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.plans import services
from gongkai.plans.models import Assignment, Progress, ProgressStatus

SEED = Path(__file__).parent / "seed" / "guangzhou-yjj-2022.txt"
SHANGHAI = ZoneInfo("Asia/Shanghai")

# Progress as units really write it, for the tasks the demo tells a story about.
STORIES = {
    1: (
        "新闻处",
        "已在局门户网站开设“涉企政策公开”专栏，集中公开行政许可、市场准入等政策性、规范性文件23件，并按月动态更新。",
        ProgressStatus.ONGOING,
    ),
    8: (
        "新闻处",
        "完成局门户网站互动交流、领导信箱栏目优化升级，建立留言“受理—转办—答复—回访”闭环机制，8月以来办结留言156件。",
        ProgressStatus.ONGOING,
    ),
    12: (
        "法规处",
        "第三季度对局门户网站现行公开的3件政府规章和41件行政规范性文件完成全面清理，重新公开有效文件38件，标注失效6件。",
        ProgressStatus.DONE,
    ),
    19: (
        "办公室",
        "修订《信息公开保密审查办法》，拟公开信息实行处室初审、局办公室保密审查两级把关，全年审查稿件412篇。",
        ProgressStatus.ONGOING,
    ),
    20: (
        "新闻处",
        "9月22日举办政务公开专题业务培训，各处室、直属单位经办人共58人参加。",
        ProgressStatus.DONE,
    ),
    23: (
        "新闻处",
        "制定依申请公开答复文书模板10类，建立重大疑难案件会商机制，全年受理申请27件，均在法定期限内答复。",
        ProgressStatus.ONGOING,
    ),
    31: (
        "新闻处",
        "对照《条例》第二十条梳理法定主动公开内容，补充完善机构职能、财政预决算等栏目信息。",
        ProgressStatus.IN_PROGRESS,
    ),
}
GENERIC = [
    "按方案要求落实，已在局门户网站和政务新媒体发布相关信息{n}条。",
    "已明确专人负责，本季度完成相关信息更新{n}条，台账资料已归档。",
    "结合本单位职责推进落实，组织专题研究{k}次，相关做法已形成制度。",
]


def load(people, stdout):
    press = people["xinwen"]
    result = services.plan_import(
        by=press,
        data=SEED.read_bytes(),
        filename="广州市应急管理局2022年政务公开工作实施方案.txt",
        year=2022,
    )
    plan = result.plan
    if not result.created or Progress.objects.filter(assignment__task__plan=plan).exists():
        stdout.write(f"工作台账：{plan.title} 已存在，跳过")
        return
    by_unit = {user.unit.name: user for user in people.values() if user.unit_id}
    rng = random.Random(2022)
    shares = list(
        Assignment.objects.filter(task__plan=plan)
        .select_related("task", "unit")
        .order_by("task__number", "unit__order")
    )
    posted = 0
    for assignment in shares:
        # Units without a demo login report through the press office's clerk, as often happens.
        author = by_unit.get(assignment.unit.name, press)
        story = STORIES.get(assignment.task.number)
        if story and story[0] == assignment.unit.name:
            text, status = story[1], story[2]
        elif rng.random() < 0.35:
            continue  # not every supporting unit reports: these stay 未开始, some overdue
        else:
            text = rng.choice(GENERIC).format(n=rng.randint(3, 40), k=rng.randint(1, 4))
            status = rng.choice(
                [
                    ProgressStatus.ONGOING,
                    ProgressStatus.ONGOING,
                    ProgressStatus.DONE,
                    ProgressStatus.IN_PROGRESS,
                ]
            )
        when = _posted_on(assignment, rng)
        files = _evidence_for(assignment, text) if story or rng.random() < 0.3 else []
        done_bare = status == ProgressStatus.DONE and not files  # 已完成 needs evidence
        progress = assignment.report_progress(
            by=author,
            text=text,
            status=status,
            links=_links(assignment, rng, done_bare),
            files=files,
        )
        Progress.objects.filter(pk=progress.pk).update(created_at=when)
        Assignment.objects.filter(pk=assignment.pk).update(updated_at=when)
        # the report that set 已完成 dates it (done_at), as it would have been sent then
        Assignment.objects.filter(pk=assignment.pk, done_at=progress.created_at).update(
            done_at=when
        )
        posted += 1
    stdout.write(f"工作台账：{plan.title}，{plan.tasks.count()}项任务，演示进展{posted}条")


def _posted_on(assignment, rng) -> dt.datetime:
    due = assignment.task.due_date or dt.date(2022, 12, 31)
    day = min(due, dt.date(2022, 12, 20)) - dt.timedelta(days=rng.randint(0, 60))
    return dt.datetime.combine(
        day, dt.time(9 + rng.randint(0, 8), rng.randint(0, 59)), tzinfo=SHANGHAI
    )


def _links(assignment, rng, needed: bool = False) -> str:
    if rng.random() < 0.5 and not needed:
        return ""
    return f"http://yjglj.gz.gov.cn/zwgk/content/post_{8000000 + assignment.pk * 37}.html"


def _evidence_for(assignment, text: str):
    document = docx.Document()
    document.add_heading(f"第{assignment.task.number}项任务落实情况", level=1)
    document.add_paragraph(f"报送单位：{assignment.unit.full_name or assignment.unit.name}")
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    name = f"{assignment.unit.name}-第{assignment.task.number}项落实情况.docx"
    return [
        SimpleUploadedFile(name, buffer.getvalue()),
        SimpleUploadedFile(
            f"{assignment.unit.name}-网页截图.pdf", _tiny_pdf(f"Task {assignment.task.number}")
        ),
    ]


def _tiny_pdf(label: str) -> bytes:
    """A valid one-page PDF, built by hand: the demo needs no PDF library."""
    stream = f"BT /F1 18 Tf 72 720 Td ({label}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources "
        b"<< /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
