"""`gongkai qa import FILE.jsonl` and `gongkai qa ask QUESTION… [--file FILE] --json`: checking
answers in bulk. The model loads once per run, so a file of a few hundred questions is cheap.
`gongkai qa elsewhere`: after editing data/elsewhere.tsv, store its vectors beside it."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.answers import index, retrieval, services
from gongkai.answers.views_common import answer_text


class Command(BaseCommand):
    help = "政策问答：导入（import）、提问（ask）、重建索引（reindex）、保存向量（elsewhere）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser(
            "import",
            help="导入段落：每行 {id, title, text, source, asked（可选）}。运维人员的批量工具"
            "（首次装载、基准测试）：不经处室负责人审核，导入后立即用于答复；含个人信息的行"
            "同样拒绝导入。工作人员请在系统“批量导入”页面导入（须经审核）",
        )
        imp.add_argument("file")
        ask = sub.add_parser("ask", help="提问，每个问题输出一行 JSON")
        ask.add_argument("questions", nargs="*")
        ask.add_argument("--file", help="每行一个问题")
        ask.add_argument("--json", action="store_true", help="输出 JSON（每行一个对象）")
        sub.add_parser("reindex", help="按现有文件和条目重建全部段落")
        sub.add_parser("elsewhere", help="修改 data/elsewhere.tsv 后，重新计算并保存其向量")

    def execute(self, *args, **options):
        if options.get("action") == "elsewhere":
            # Regenerates a data file beside the code: no database, no server, so no system
            # checks (a secret key is for running the site, not for computing vectors).
            options["skip_checks"] = True
        return super().execute(*args, **options)

    def handle(self, *args, action, **options):
        if action == "import":
            try:
                data = Path(options["file"]).read_bytes()
            except OSError as error:
                raise CommandError(f"无法读取文件：{error}") from error
            try:
                result = services.import_jsonl(data)
            except services.ImportErrors as error:
                raise CommandError(
                    "导入失败，未导入任何内容：\n" + "\n".join(error.errors)
                ) from error
            self.stdout.write(f"已导入{result.passages}个段落")
        elif action == "reindex":
            self.stdout.write(f"已重建{index.reindex_all()}个段落")
        elif action == "elsewhere":
            count = retrieval.store_elsewhere_vectors()
            self.stdout.write(
                f"已保存{count}个其他部门问题的向量：{retrieval.ELSEWHERE_VECTORS.name}"
            )
        else:
            self._ask(options)

    def _ask(self, options):
        questions = list(options["questions"])
        if options["file"]:
            text = Path(options["file"]).read_text(encoding="utf-8")
            questions += [line.strip() for line in text.splitlines() if line.strip()]
        if not questions:
            raise CommandError("请给出问题，或用 --file 指定问题文件")
        for question in questions:
            answer = services.question_ask(text=question, log=False)
            record = {
                "question": question,
                "refused": answer.refused,
                "answer": "" if answer.refused else answer_text(answer),
                "sources": [
                    {"id": c.passage.key, "title": str(c.passage), "score": round(c.score, 5)}
                    for c in answer.candidates
                ],
            }
            if options["json"]:
                self.stdout.write(json.dumps(record, ensure_ascii=False))
            else:
                mark = "拒答" if answer.refused else "答复"
                top = record["sources"][0]["title"] if record["sources"] else ""
                self.stdout.write(f"{question}\t{mark}\t{top}\t{answer.reason}")
