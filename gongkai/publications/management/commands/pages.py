"""`gongkai pages generate`: generate the portal page of every published document (静态化).

Publishing generates a document's page, and a change to anything it shows generates it again;
a page missing or made by older templates is generated on its next visit. This command does
them all at once: after an upgrade, or after documents were loaded in bulk.
"""

from gongkai.core.management.base import GongkaiCommand
from gongkai.publications import pages


class Command(GongkaiCommand):
    help = "已发布文件页面（静态化）维护"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        generate = sub.add_parser("generate", help="生成全部已发布文件的页面（升级或批量导入之后）")
        generate.add_argument("--missing", action="store_true", help="只生成缺少或版本过旧的页面")

    def handle(self, *args, action, missing=False, **options):
        count = pages.generate_all(missing_only=missing)
        self.stdout.write(f"已生成文件页面：{count}篇已发布文件")
