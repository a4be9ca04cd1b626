"""`gongkai backup`: an online copy of the SQLite database that restores to the same records."""

import sqlite3

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from gongkai.core import audit
from gongkai.core.models import AuditEntry, User


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL is backed up with pg_dump")
@pytest.mark.django_db(transaction=True)  # committed rows, as in a running site
def test_the_backup_holds_every_record_and_passes_the_integrity_check(cast, tmp_path):
    audit.record(cast.admin, "unit.update", cast.clerk.unit, after={"name": "法规处"})
    target = tmp_path / "gongkai-backup.sqlite3"
    call_command("backup", str(target))
    copy = sqlite3.connect(target)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        users = {row[0] for row in copy.execute("SELECT username FROM core_user")}
        logged = copy.execute("SELECT action, actor_name FROM core_auditentry").fetchall()
    finally:
        copy.close()
    assert users == set(User.objects.values_list("username", flat=True)) and "fagui" in users
    assert logged == [("unit.update", "系统管理员")] and AuditEntry.objects.count() == 1
    assert not (tmp_path / "gongkai-backup.sqlite3.part").exists()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL is backed up with pg_dump")
def test_the_backup_never_overwrites_a_file(db, tmp_path):
    target = tmp_path / "old.sqlite3"
    target.write_bytes(b"an earlier backup")
    with pytest.raises(CommandError, match="已存在"):
        call_command("backup", str(target))
    assert target.read_bytes() == b"an earlier backup"


@pytest.mark.skipif(connection.vendor == "sqlite", reason="the PostgreSQL message")
def test_on_postgresql_it_points_to_pg_dump(db, tmp_path):
    with pytest.raises(CommandError, match="pg_dump"):
        call_command("backup", str(tmp_path / "x.sqlite3"))
    assert not (tmp_path / "x.sqlite3").exists()
