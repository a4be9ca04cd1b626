"""`gongkai search reindex`: rebuild the full-text index of published documents.

Needed after restoring a backup (the index may not match the rows) or after a change to the
jieba dictionary (stored words were segmented the old way). One transaction: the portal's
search keeps the old index until the new one is complete.
"""

from django.db import transaction

from gongkai.core.management.base import GongkaiCommand
from gongkai.publications import search


class Command(GongkaiCommand):
    help = "全文检索索引维护"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("reindex", help="重建全文检索索引（恢复备份或更新词典之后）")

    def handle(self, *args, action, **options):
        with transaction.atomic():
            count = search.reindex_all()
        self.stdout.write(f"已重建全文检索索引：{count}篇已发布文件")
