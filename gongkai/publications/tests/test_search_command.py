"""`gongkai search reindex` rebuilds the index after a restore or a dictionary change."""

from io import StringIO

from django.core.management import call_command
from django.db import connection

from gongkai.publications import search


def test_it_rebuilds_an_emptied_index_from_the_published_documents(make_draft, publish):
    publish(make_draft(title="关于做好防汛防旱工作的通知"))
    make_draft(title="防汛物资储备草稿")  # a draft is never indexed
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM publications_search")  # as after restoring the rows alone
    assert search.search("防汛").total == 0
    out = StringIO()
    call_command("search", "reindex", stdout=out)
    assert out.getvalue() == "已重建全文检索索引：1篇已发布文件\n"
    assert [d.title for d, _ in search.search("防汛").rows] == ["关于做好防汛防旱工作的通知"]
