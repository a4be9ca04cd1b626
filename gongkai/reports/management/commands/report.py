"""`gongkai report annual --year Y [--json | --docx FILE | --html FILE]`."""

import json
from pathlib import Path

from django.core.management.base import CommandError

from gongkai.core.management.base import GongkaiCommand
from gongkai.reports.docx_export import report_docx
from gongkai.reports.html_export import report_html
from gongkai.reports.models import AnnualReport
from gongkai.reports.report import build


class Command(GongkaiCommand):
    help = "生成政府信息公开工作年度报告（国办公开办函〔2021〕30号格式）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="kind", required=True)
        annual = sub.add_parser("annual", help="年度报告")
        annual.add_argument("--year", type=int, required=True)
        out = annual.add_mutually_exclusive_group()
        out.add_argument("--json", action="store_true", help="以JSON输出到标准输出")
        out.add_argument("--docx", metavar="FILE", help="写出Word文件")
        out.add_argument("--html", metavar="FILE", help="写出HTML文件")

    def handle(self, *args, year, **options):
        if not 2000 <= year <= 2100:
            raise CommandError(f"年度不正确：{year}")
        data = build(year, AnnualReport.objects.filter(year=year).first())
        if options["docx"]:
            Path(options["docx"]).write_bytes(report_docx(data))
        elif options["html"]:
            Path(options["html"]).write_text(report_html(data), encoding="utf-8")
        else:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=1, default=str))
        for problem in data["problems"]:
            self.stderr.write(f"勾稽不符：{problem}")
