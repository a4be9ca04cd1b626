"""`gongkai plan import FILE --year 2022 [--dry-run] [--json] [--force-new]`: a yearly plan into
the ledger. A plan like one the year already has is refused unless --force-new."""

import json
from pathlib import Path

from django.core.management.base import CommandError

from gongkai.core.management.base import GongkaiCommand
from gongkai.plans import services
from gongkai.plans.importers import PlanImportError


class Command(GongkaiCommand):
    help = "导入年度政务公开工作实施方案（文本/网页、Word、Excel）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="导入工作方案")
        imp.add_argument("file")
        imp.add_argument("--year", type=int, required=True, help="方案年度，如 2022")
        imp.add_argument("--dry-run", action="store_true", help="只识别、不保存")
        imp.add_argument("--json", action="store_true", help="以JSON输出识别结果")
        imp.add_argument(
            "--force-new",
            action="store_true",
            help="该年度已有标题或任务相同的方案时，仍作为另一份方案导入（记入操作日志）",
        )

    def handle(self, *args, action, file, year, dry_run, force_new=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"找不到文件：{file}")
        data = path.read_bytes()
        try:
            result = None
            if not dry_run:
                result = services.plan_import(
                    by=None, data=data, filename=path.name, year=year, force_new=force_new
                )
            # A file imported before has no fresh parse: make one only then, for the listing.
            parsed = (result and result.parsed) or services.plan_parse(
                data=data, filename=path.name, year=year
            )
        except services.NoSuchDate as error:
            raise CommandError(error.in_the_file()) from None  # no checkbox here: fix the file
        except services.SimilarPlanExists as error:
            raise CommandError(
                "；".join(s.describe() for s in error.similar)
                + "。本次未导入任何内容。如确属另一份方案，请加 --force-new 重新导入。"
            ) from None
        except PlanImportError as error:
            raise CommandError(str(error)) from None
        if options["json"]:
            self.stdout.write(_dumps(parsed.to_json()))
        else:
            for item in parsed.items:
                flags = f"  ⚠ {'；'.join(item.flags)}" if item.flags else ""
                self.stdout.write(
                    f"{item.number:>3}. {item.due_date or '—'} {'、'.join(item.lead_units)}{flags}"
                )
        if dry_run:
            reqs = [item.requirement for item in parsed.items]
            title = parsed.title or services.default_title(year)
            for similar in services.similar_plans(year, title, reqs):
                self.stderr.write(f"注意：{similar.describe()}；导入时须加 --force-new。")
        if result is not None:
            state = "已导入" if result.created else "此前已导入，未作更改"
            self.stderr.write(f"{state}：{result.plan.title}（{result.plan.tasks.count()}项）")


def _dumps(data):
    return json.dumps(data, ensure_ascii=False, indent=1)
