"""The `gongkai` command fails in one Chinese line (issue 15, item 12): on a database nobody has
migrated, every command of ours says to run `gongkai migrate`; bad arguments and unreadable
files give one 错误：… line and a non-zero exit. Never a traceback."""

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def _env(tmp: Path) -> dict:
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "GONGKAI_DATABASE_URL": f"sqlite:///{tmp}/db.sqlite3",
        "GONGKAI_VAR_DIR": str(tmp),
        "GONGKAI_MEDIA_ROOT": str(tmp / "media"),
        "GONGKAI_SECRET_KEY": "cli-test-secret-key-that-is-long-enough-for-django-checks",
        "DJANGO_SETTINGS_MODULE": "gongkai.settings",
    }


def _run_all(tmp: Path, commands: list[str]) -> dict[str, subprocess.CompletedProcess]:
    def run(command):
        return subprocess.run(
            [sys.executable, "-m", "gongkai", *command.split()],
            cwd=tmp,
            env=_env(tmp),
            capture_output=True,
            text=True,
            timeout=120,
        )

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(commands, pool.map(run, commands), strict=True))


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cli")
    (tmp / "plan.txt").write_text(
        "序号\t工作任务\t完成时限\t责任单位\n1\t做好年度报告\t1月31日前\t办公室\n"
    )
    (tmp / "binary.txt").write_bytes(b"\x00\x01\x02garbage")
    (tmp / "a-directory").mkdir()
    return tmp


# Our own apps' commands (gongkai help: [core] deadline demo remind scan, [plans] plan,
# [reports] report), each with arguments that would work on a migrated database.
OUR_COMMANDS = [
    "deadline 2022-10-01",
    "demo",
    "remind",
    "plan import plan.txt --year 2022",
    "report annual --year 2022",
]


def test_every_command_on_an_unmigrated_database_says_to_migrate_first(files):
    results = _run_all(files, OUR_COMMANDS)
    for command, done in results.items():
        assert "Traceback" not in done.stderr, command
        assert done.returncode != 0, command
        assert (
            done.stderr.strip()
            == "错误：数据库尚未初始化或未升级到当前版本，请先运行 gongkai migrate"
        ), command


def test_scan_needs_no_database(files):
    (files / "名单.txt").write_text("联系人手机13912345678")
    [done] = _run_all(files, ["scan 名单.txt"]).values()
    assert done.returncode == 0 and "139****5678" in done.stdout and "Traceback" not in done.stderr


BAD = {
    "deadline": "错误：缺少必需的参数: date（gongkai help 子命令 查看用法）",
    "deadline 2022-13-45": "错误：日期格式不正确：'2022-13-45'，应为 YYYY-MM-DD，例如 2022-09-28",
    "deadline 2030-01-01": "错误：请先维护2030年节假日安排",
    "deadline 2022-10-01 --days x": "错误：工作日天数必须是整数：'x'",
    "plan import": "错误：缺少必需的参数: file, --year（gongkai help 子命令 查看用法）",
    "plan import nope.txt --year 2022": "错误：找不到文件：nope.txt",
    "plan import a-directory --year 2022": "错误：找不到文件：a-directory",
    "plan import binary.txt --year 2022": (
        "错误：无法识别文件的文字编码，请另存为UTF-8或GBK编码的文本、Word或Excel文件后再上传。"
    ),
    "plan import plan.txt --year abc": (
        "错误：argument --year: 不是整数: 'abc'（gongkai help 子命令 查看用法）"
    ),
    "plan import plan.txt --year 1900": "错误：年度不正确：1900",
    "report annual --year 9999": "错误：年度不正确：9999",
    "report annual --year 2022 --docx no/such/dir/r.docx": (
        "错误：无法读写文件“no/such/dir/r.docx”（文件或目录不存在）"
    ),
    "report annual --year 2022 --html a-directory": (
        "错误：无法读写文件“a-directory”（这是一个目录）"
    ),
    "scan nope.pdf": "错误：文件不存在：nope.pdf",
    "remind --days x": "错误：argument --days: 不是整数: 'x'（gongkai help 子命令 查看用法）",
    "demo extra": "错误：无法识别的参数: extra（gongkai help 子命令 查看用法）",
}


def test_bad_arguments_and_files_on_a_migrated_database_give_one_chinese_line(files):
    [migrated] = _run_all(files, ["migrate -v0"]).values()
    assert migrated.returncode == 0, migrated.stderr
    results = _run_all(files, list(BAD))
    for command, done in results.items():
        assert "Traceback" not in done.stderr, command
        assert done.returncode != 0, command
        assert done.stderr.strip() == BAD[command], command
