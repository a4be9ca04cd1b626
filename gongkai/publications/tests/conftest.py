import datetime as dt

import pytest

from gongkai.publications.models import Category, Document, Kind


@pytest.fixture
def make_draft(cast):
    def make(by=None, **fields):
        values = {
            "title": "广州市应急管理局关于加强危险化学品安全管理的通知",
            "category": Category.REGULATIONS_NORMATIVE_DOCS,
            "kind": Kind.GENERAL,
            "written_on": dt.date(2022, 9, 1),
            "body": "<p>各区应急管理局：加强危险化学品安全生产监督管理。</p>",
        }
        values.update(fields)
        return Document.create_draft(by=by or cast.clerk, **values)

    return make


@pytest.fixture
def publish(cast):
    def run(document, *, waiver="未制发解读：测试"):
        document.submit(by=cast.clerk)
        document.approve(by=cast.head, comment="同意")
        document.approve(by=cast.reviewer, comment="未发现涉密内容")
        document.approve(by=cast.leader, comment="同意发布", waiver=waiver)
        document.refresh_from_db()
        return document

    return run
