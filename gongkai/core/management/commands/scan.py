"""`gongkai scan FILE... [--json]`: personal data (个人信息) in files before they are published."""

import json
from pathlib import Path

from django.core.management.base import CommandError

from gongkai.core.management.base import GongkaiCommand
from gongkai.lib.pii import KIND_LABELS, scan_text
from gongkai.lib.text_extract import extract_text


class Command(GongkaiCommand):
    help = (
        "扫描文件中的个人信息（身份证号、手机号码、银行卡号、电子邮箱、车牌号、住址），条例第十五条"
    )
    requires_system_checks = []  # reads files only; needs no database

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help=".txt .html .docx .pdf 文件")
        parser.add_argument("--json", action="store_true", help="以JSON输出")

    def handle(self, *args, **options):
        paths = [Path(name) for name in options["files"]]
        for path in paths:
            if not path.is_file():
                raise CommandError(f"文件不存在：{path}")
        results, failed = {}, []
        for path in paths:
            try:
                text = extract_text(path.read_bytes(), str(path))
            except OSError as exc:
                self.stderr.write(f"错误：{path}：无法读取（{exc.strerror or exc}）")
                failed.append(str(path))
                continue
            except ValueError as exc:  # unknown type, bad encoding, broken or unreadable file
                self.stderr.write(f"错误：{exc}")
                failed.append(str(path))
                continue
            results[str(path)] = scan_text(text)
        self._report(results, as_json=options["json"], single=len(paths) == 1)
        if failed:
            raise CommandError(f"{len(failed)} 个文件未能扫描：{'、'.join(failed)}")

    def _report(self, results, *, as_json, single):
        if as_json:
            data = {name: [hit.as_dict() for hit in hits] for name, hits in results.items()}
            if single:
                data = next(iter(data.values()), [])
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        for name, hits in results.items():
            for hit in hits:
                self.stdout.write(f"{name}:{hit.start}-{hit.end} {hit.kind} {hit.masked}")
            found = "、".join(sorted({KIND_LABELS[hit.kind] for hit in hits}))
            summary = f"发现 {len(hits)} 处个人信息（{found}）" if hits else "未发现个人信息"
            self.stderr.write(f"{name}：{summary}")
