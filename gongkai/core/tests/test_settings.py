import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from gongkai.settings import env_bool, env_int


def test_env_bool_refuses_typos(monkeypatch):
    monkeypatch.setenv("X_FLAG", "ture")
    with pytest.raises(ImproperlyConfigured, match="只能是 True 或 False"):
        env_bool("X_FLAG", False)
    monkeypatch.setenv("X_FLAG", "TRUE")
    assert env_bool("X_FLAG", False) is True


def test_env_int_refuses_words(monkeypatch):
    monkeypatch.setenv("X_NUM", "ten")
    with pytest.raises(ImproperlyConfigured, match="必须是整数"):
        env_int("X_NUM", 1)


def _check(tmp_path, **env):
    base = {"PATH": os.environ["PATH"], "GONGKAI_VAR_DIR": str(tmp_path)}
    return subprocess.run(
        [sys.executable, "-m", "gongkai", "check"], capture_output=True, text=True, env=base | env
    )  # noqa: S603


def test_it_refuses_to_start_without_debug_on_the_dev_key(tmp_path):
    result = _check(tmp_path, GONGKAI_DEBUG="false")
    assert result.returncode != 0 and "gongkai.E001" in result.stderr


def test_it_starts_with_a_real_key(tmp_path):
    result = _check(tmp_path, GONGKAI_DEBUG="false", GONGKAI_SECRET_KEY="k" * 60)
    assert result.returncode == 0, result.stderr
