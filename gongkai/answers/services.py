"""Writes of the Q&A library: entries, their sources, bulk import (JSON Lines), asking."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from gongkai.answers import index, retrieval
from gongkai.answers.models import (
    AskedQuestion,
    Entry,
    EntrySource,
    Outcome,
    Passage,
    PassageKind,
    PassageStatus,
)
from gongkai.answers.passages import answers_from, split
from gongkai.core import audit, publicity, review
from gongkai.core.errors import DomainError
from gongkai.core.idempotent import create_from_form
from gongkai.core.notifications import notify

MAX_IMPORT_LINES = 5000


# ---- asking -------------------------------------------------------------------------------


def question_ask(*, text: str, log: bool = True) -> retrieval.Answer:
    """Answer one question (refused, and told so, when it stands in for a withdrawn entry or
    document: retrieval.stands_in_for_withdrawn); a portal question is logged with its
    outcome: its text only, with any name, ID number, phone, bank card, e-mail or address a
    citizen typed into it masked (core.publicity, full-width digits too)."""
    answer = retrieval.ask(text)
    if log and answer.question:
        best = answer.candidates[0].passage if answer.candidates else None
        AskedQuestion.objects.create(
            text=masked(answer.question)[:200],  # a masked e-mail is 3 characters longer
            outcome=Outcome.REFUSED if answer.refused else Outcome.ANSWERED,
            best=best,
            best_title=str(best)[:400] if best else "",
            reason=answer.reason[:300],
        )
    return answer


def masked(text: str) -> str:
    return publicity.masked(text, {})


def unanswered():
    return AskedQuestion.objects.filter(outcome=Outcome.REFUSED, entry__isnull=True)


# ---- entries ------------------------------------------------------------------------------


def article_text(document, article: str) -> str:
    """The text of 第X条 of a document, for the quote shown beside an answer."""
    for piece in split(document.body_text):
        if piece.label == article:
            return piece.text
    return ""


@transaction.atomic
def entry_save(
    *, entry: Entry, sources: list[dict], by, question: AskedQuestion | None = None, seen=None
):
    """Create or edit a draft entry with its sources [{document, article}] (quotes filled in
    from the document's own text). `seen`: what the edit form was opened on (Entry.seen_token,
    core.workflow.ShownState); when the entry has changed since (another tab, a colleague),
    nothing is saved. None: not asked (a new entry, a script)."""
    creating = entry.pk is None
    current = None if creating else Entry.objects.select_for_update().get(pk=entry.pk)
    if current is not None and not current.may_edit(by):
        raise DomainError("只有本单位的经办人或负责人可以修改草稿状态的问答条目")
    if current is not None and current.changed_since(seen):  # told as an edit, not a review
        raise DomainError(
            "保存失败：在您编辑期间，该问答条目已被他人修改。您填写的内容仍保留在表单中，"
            "请重新打开修改页面，对照最新内容后再保存。"
        )
    before = {} if creating else current.audit_snapshot()
    if creating:
        entry.created_by, entry.unit = by, by.unit
        entry.from_question = question
    entry.full_clean()
    entry.save()
    entry.sources.all().delete()
    for source in sources:
        document, article = source["document"], source.get("article", "").strip()
        if not answers_from(document):
            raise DomainError(f"《{document.title}》未公开或已不再有效，不能作为依据")
        quote = article_text(document, article) if article else ""
        if article and not quote:
            raise DomainError(f"《{document.title}》中没有{article}")
        EntrySource.objects.create(entry=entry, document=document, article=article, quote=quote)
    if question is not None:
        AskedQuestion.objects.filter(pk=question.pk).update(entry=entry)
    after = entry.audit_snapshot()
    if creating:
        audit.record(by, "answer_entry.create", entry, after=after)
    else:
        before, after = audit.changed_fields(before, after)
        if after:  # a save that changed nothing is no edit (nor makes its sender a writer)
            audit.record(by, "answer_entry.edit", entry, before=before, after=after)
    return entry


def entry_create(*, form, by, question: AskedQuestion | None = None) -> tuple[Entry, bool]:
    """新建 from the staff form: (entry, created). The form's key, bound to what it sent and who
    sent it (core.idempotent.create_from_form), makes a resubmitted or retried form find the
    first draft instead of writing a second (probe 7 N1)."""

    def create(key: str) -> Entry:
        entry = form.instance
        entry.idempotency_key = key
        return entry_save(entry=entry, sources=form.sources(), by=by, question=question)

    return create_from_form(Entry, form, by, create)


# ---- bulk import --------------------------------------------------------------------------


@dataclass
class ImportResult:
    passages: int = 0
    entries: int = 0
    entries_already: int = 0  # lines whose entry an earlier import (or line) already made


class ImportErrors(DomainError):
    def __init__(self, errors: list[str]):
        super().__init__("；".join(errors[:3]))
        self.errors = errors


def _text(record, key, line, errors, *, required=True, max_length=None) -> str:
    value = record.get(key, "")
    if not isinstance(value, str):
        errors.append(f"第{line}行：“{key}”应为文字")
        return ""
    value = value.strip()
    if required and not value:
        errors.append(f"第{line}行：缺少“{key}”")
    if max_length and len(value) > max_length:
        errors.append(f"第{line}行：“{key}”超过{max_length}字")
    return value


def _document(ref, line, errors):
    from gongkai.publications.models import Document

    found = Document.public.filter(doc_no=ref).first() if ref else None
    found = found or Document.public.filter(title=ref).first()
    if found is None:
        errors.append(f"第{line}行：找不到已公开的依据文件“{ref}”（请填写文号或完整标题）")
    elif not answers_from(found):
        errors.append(f"第{line}行：依据文件《{found.title}》已不再有效")
        return None
    return found


def parse_jsonl(data: bytes) -> tuple[list, list[str]]:
    """Lines as (line number, kind, fields); every problem as one Chinese line, by number."""
    errors, records = [], []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], ["文件不是 UTF-8 编码的文本，请另存为 UTF-8 后再导入"]
    lines = text.splitlines()
    if len(lines) > MAX_IMPORT_LINES:
        return [], [f"一次最多导入{MAX_IMPORT_LINES}行，请拆分文件"]
    seen = set()
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError:
            errors.append(f"第{number}行：不是有效的 JSON（检查引号、逗号和括号）")
            continue
        if not isinstance(record, dict):
            errors.append(f"第{number}行：应为一个 JSON 对象 {{…}}")
            continue
        if record.get("type", "passage") == "entry" or "question" in record:
            records.append((number, "entry", _entry_fields(record, number, errors)))
        else:
            fields = _passage_fields(record, number, errors)
            if fields["id"] in seen:
                errors.append(f"第{number}行：编号“{fields['id']}”与前面的行重复")
            seen.add(fields["id"])
            records.append((number, "passage", fields))
    if not records and not errors:
        errors.append("文件中没有可导入的内容")
    return records, errors


def _passage_fields(record, line, errors) -> dict:
    fields = {
        "id": _text(record, "id", line, errors, max_length=100),
        "title": _text(record, "title", line, errors, max_length=300),
        "text": _text(record, "text", line, errors),
        "source": _text(record, "source", line, errors, required=False, max_length=300),
    }
    asked = record.get("asked", [])
    if not isinstance(asked, list) or not all(isinstance(q, str) for q in asked):
        errors.append(f"第{line}行：“asked”应为文字列表（群众的问法）")
        asked = []
    fields["asked"] = "\n".join(q.strip() for q in asked if q.strip())
    if fields["id"].startswith(("doc", "entry")):
        errors.append(f"第{line}行：编号不能以 doc 或 entry 开头（系统保留）")
    scanned = Passage(title=fields["title"], text=fields["text"], asked=fields["asked"])
    if found := scanned.personal_data():
        errors.append(f"第{line}行：含有个人信息（{'；'.join(found)}），请删除后再导入")
    return fields


def _entry_fields(record, line, errors) -> dict:
    phrasings = record.get("phrasings", [])
    if not isinstance(phrasings, list) or not all(isinstance(p, str) for p in phrasings):
        errors.append(f"第{line}行：“phrasings”应为文字列表")
        phrasings = []
    sources = []
    raw_sources = record.get("sources", [])
    if not isinstance(raw_sources, list) or not raw_sources:
        errors.append(f"第{line}行：至少要有一项依据（sources）")
        raw_sources = []
    for source in raw_sources:
        if not isinstance(source, dict):
            errors.append(f'第{line}行：依据应写成 {{"document": 文号或标题, "article": 第X条}}')
            continue
        document = _document(str(source.get("document", "")).strip(), line, errors)
        article = str(source.get("article", "")).strip()
        if document is not None and article and not article_text(document, article):
            errors.append(f"第{line}行：《{document.title}》中没有{article}")
        if document is not None:
            sources.append({"document": document, "article": article})
    return {
        "question": _text(record, "question", line, errors, max_length=200),
        "phrasings": "\n".join(p.strip() for p in phrasings if p.strip()),
        "answer": _text(record, "answer", line, errors),
        "topics": _text(record, "topics", line, errors, required=False, max_length=200),
        "sources": sources,
    }


def import_key(fields: dict, unit_id: int) -> str:
    """The key an imported entry is stored under (Entry.idempotency_key), so the same line
    imported again finds the first draft instead of making a second. Entry lines have no id in
    the format (only passages do, and a passage's id replaces it), so the key is the line's
    content: question, other phrasings, answer, topics and sources (document and article), for
    the importer's unit. Not the question alone: a line whose answer was corrected is a new
    draft for the head to compare, never a silent overwrite of a draft a clerk may have edited
    since; the draft keeps the key it was imported under, so editing it does not make the line
    new again. Another unit importing the same line gets its own draft."""
    content = {
        "unit": unit_id,
        **{name: fields[name] for name in ("question", "phrasings", "answer", "topics")},
        "sources": [[s["document"].pk, s["article"]] for s in fields["sources"]],
    }
    text = json.dumps(content, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(f"answers.import:{text}".encode()).hexdigest()


def import_jsonl(data: bytes, *, by=None) -> ImportResult:
    """All or nothing: any bad line (personal data too) and nothing is imported; the errors name
        every line. Passages are kept under their id (importing the same id again replaces it);
    entries under their line's content (import_key: the same line again is no second draft).
        Staff's import (`by`): entries come in as drafts and passages as PENDING, both of the
        importer's unit, to go through the head's approval (Passage.approve). Without `by` (the
        operator's `gongkai qa import`) passages answer at once: that command is the bulk tool for
        a first load and the benchmarks, run by whoever runs the server."""
    records, errors = parse_jsonl(data)
    if errors:
        raise ImportErrors(errors)
    if by is None and any(kind == "entry" for _, kind, _ in records):
        raise ImportErrors(["命令行导入只接受段落；问答条目请在系统中导入（需要责任单位）"])
    result = ImportResult()
    reviewed = {}
    if by is not None:
        reviewed = {
            "status": PassageStatus.PENDING,
            "unit": by.unit,
            "imported_by": by,
            "imported_at": timezone.now(),
        }
    with transaction.atomic():
        passages, entries = [], []
        for line, kind, fields in records:
            if kind == "passage":
                index.remove(Passage.objects.filter(key=fields["id"]))
                passages.append(
                    Passage(
                        kind=PassageKind.IMPORTED,
                        key=fields["id"],
                        title=fields["title"],
                        text=fields["text"],
                        source=fields["source"],
                        asked=fields["asked"],
                        position=line,
                        **reviewed,
                    )
                )
            else:
                key = import_key(fields, by.unit_id)
                if Entry.objects.filter(idempotency_key=key).exists():
                    result.entries_already += 1  # imported before: not a second draft
                    continue
                sources = fields.pop("sources")
                try:
                    entry = Entry(idempotency_key=key, **fields)
                    entries.append(entry_save(entry=entry, sources=sources, by=by))
                except (ValidationError, DomainError) as error:
                    message = getattr(error, "messages", [str(error)])
                    raise ImportErrors([f"第{line}行：{'；'.join(message)}"]) from error
        index.save_passages(passages)
        result.passages, result.entries = len(passages), len(entries)
        if by is not None:
            audit.record(
                by,
                "answer_import",
                None,
                passages=result.passages,
                entries=result.entries,
                entries_already=result.entries_already,
                passage_ids=[p.pk for p in passages],
                passage_keys=[p.key for p in passages],
                entry_ids=[e.pk for e in entries],
            )
            if passages:
                _tell_checkers(by, passages[0])
    return result


def _tell_checkers(by, first: Passage) -> None:
    """The unit's heads (a 签发领导 for a head's own import) are told passages wait for them."""
    link = reverse("answers:passage_list") + "?status=pending"
    for person in review.checkers(by.unit_id, {by.pk}):
        notify(
            user=person,
            key=f"answer_passage.pending:{first.pk}",
            text=f"{by}导入的政策问答段落待审核，审核通过后才用于答复群众",
            link=link,
        )
