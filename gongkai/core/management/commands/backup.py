"""`gongkai backup FILE`: a consistent copy of the SQLite database while the site keeps running."""

import os
import sqlite3
from pathlib import Path

from django.core.management.base import CommandError
from django.db import connection

from gongkai.core.management.base import GongkaiCommand


class Command(GongkaiCommand):
    help = "在线备份 SQLite 数据库到一个新文件（服务无需停止）；PostgreSQL 请用 pg_dump，见 README"

    def add_arguments(self, parser):
        parser.add_argument("target", help="备份文件路径，如 /backup/gongkai-2022-09-30.sqlite3")

    def handle(self, *args, target, **options):
        if connection.vendor != "sqlite":
            raise CommandError(
                "当前数据库是 PostgreSQL：请用 pg_dump 备份（见 README“备份与恢复”）"
            )
        path = Path(target)
        if path.exists():
            raise CommandError(f"{path} 已存在：备份不覆盖已有文件，请换一个文件名")
        partial = path.with_name(path.name + ".part")
        connection.ensure_connection()
        try:
            copy = sqlite3.connect(partial)
            try:
                # SQLite's online backup API: a consistent snapshot even while others write.
                connection.connection.backup(copy)
                verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                copy.close()
        except (OSError, sqlite3.Error) as error:
            partial.unlink(missing_ok=True)
            raise CommandError(f"无法写入 {path}：{error}") from None
        if verdict != "ok":
            partial.unlink(missing_ok=True)
            raise CommandError(f"备份未通过完整性检查：{verdict}")
        os.replace(partial, path)  # the file appears whole or not at all
        self.stdout.write(f"已备份到 {path}（{path.stat().st_size // 1024} KB，完整性检查通过）")
