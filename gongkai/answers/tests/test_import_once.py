"""A Q&A library file imported twice makes one draft per entry line (services.import_key: entry
lines have no id in the format, so the line's content is the key). A line that says something
else is a new draft; a draft edited since is not made again by the old line."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.answers import services
from gongkai.answers.models import Entry, Passage, PassageKind
from gongkai.answers.tests.helpers import YUETAN, published
from gongkai.core.models import AuditEntry

pytestmark = pytest.mark.django_db

LINE = {
    "question": "老板为什么会被应急局叫去谈话？",
    "phrasings": ["企业负责人被约谈的原因"],
    "answer": "发生生产安全事故或者存在重大事故隐患的企业，主要负责人会被约谈。",
    "topics": "安全生产、约谈",
    "sources": [{"document": "广州市应急管理局安全生产约谈办法", "article": "第二条"}],
}
PASSAGE = {"id": "yuetan-note", "title": "约谈记录", "text": "约谈应当制作约谈记录。"}


def _file(*records) -> bytes:
    return "\n".join(json.dumps(r, ensure_ascii=False) for r in records).encode()


@pytest.fixture
def policy(cast):
    return published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)


def test_the_same_file_imported_twice_makes_one_draft_and_says_so(cast, policy):
    first = services.import_jsonl(_file(LINE, PASSAGE), by=cast.press)
    again = services.import_jsonl(_file(LINE, PASSAGE), by=cast.press)
    assert (first.entries, first.entries_already) == (1, 0)
    assert (again.entries, again.entries_already) == (0, 1)
    assert Entry.objects.count() == 1
    assert Passage.objects.filter(kind=PassageKind.IMPORTED).count() == 1
    assert AuditEntry.objects.filter(action="answer_entry.create").count() == 1
    second = AuditEntry.objects.filter(action="answer_import").order_by("pk").last()
    assert second.data["entry_ids"] == [] and second.data["entries_already"] == 1


def test_the_same_line_twice_in_one_file_is_one_draft(cast, policy):
    result = services.import_jsonl(_file(LINE, LINE), by=cast.press)
    assert (result.entries, result.entries_already) == (1, 1)
    assert Entry.objects.count() == 1


def test_a_line_that_says_something_else_is_a_new_draft(cast, policy):
    services.import_jsonl(_file(LINE), by=cast.press)
    corrected = LINE | {"answer": LINE["answer"] + "约谈应当制作约谈记录。"}
    other_article = LINE | {"sources": [LINE["sources"][0] | {"article": "第三条"}]}
    result = services.import_jsonl(_file(corrected, other_article), by=cast.press)
    assert (result.entries, result.entries_already) == (2, 0)
    assert Entry.objects.count() == 3


def test_a_draft_edited_since_is_not_made_again_by_the_old_line(cast, policy):
    services.import_jsonl(_file(LINE), by=cast.press)
    draft = Entry.objects.get()
    draft.answer = "改写后的答复：发生事故或存在重大隐患的，约谈主要负责人。"
    services.entry_save(
        entry=draft,
        sources=[{"document": policy, "article": "第二条"}],
        by=cast.press,
        seen=Entry.objects.get().seen_token(),
    )
    result = services.import_jsonl(_file(LINE), by=cast.press)
    assert result.entries == 0 and Entry.objects.get().answer.startswith("改写后的答复")


def test_the_import_page_says_what_was_not_imported_again(cast, client, policy):
    client.force_login(cast.press)
    url = reverse("answers:import")
    client.post(url, {"file": SimpleUploadedFile("qa.jsonl", _file(LINE))})
    page = client.post(url, {"file": SimpleUploadedFile("qa.jsonl", _file(LINE))}, follow=True)
    assert "已导入0个问答条目" in page.content.decode()
    assert "另有1个问答条目此前已导入，未重复导入。" in page.content.decode()
    assert Entry.objects.count() == 1
