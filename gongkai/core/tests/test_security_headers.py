"""Security headers on every response, templates that need no 'unsafe-inline', quiet 403s,
and a clean `gongkai check --deploy` with production settings."""

import logging
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[3]
PAGES = ["/", "/apply/", "/apply/lookup/", "/staff/login/", "/gk/", "/gk/search/?q=应急"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_carries_the_security_headers(client, db, path):
    response = client.get(path)
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_staff_pages_and_refusals_carry_the_policy_too(client, cast):
    client.force_login(cast.clerk)
    assert (
        "frame-ancestors 'none'" in client.get(reverse("core:dashboard"))["Content-Security-Policy"]
    )
    assert (
        "frame-ancestors 'none'" in client.get(reverse("core:user_list"))["Content-Security-Policy"]
    )


INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=|javascript:", re.I)
# Rendered to PDF by WeasyPrint only, never served to a browser.
NOT_SERVED = {"disclosure_requests/letter.html"}


def test_no_template_has_inline_script_style_or_handlers():
    offenders = []
    for path in (ROOT / "gongkai").rglob("templates/**/*.html"):
        name = str(path).split("/templates/", 1)[1]
        if name not in NOT_SERVED and INLINE.search(path.read_text()):
            offenders.append(name)
    assert offenders == []


def test_hsts_is_sent_over_https_when_configured(db, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    response = Client().get("/staff/login/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000"


def test_a_refused_request_is_logged_in_one_line_without_a_traceback(client, db, caplog):
    from gongkai.core.models import User

    User.objects.create_user("norole", password="Huo-che-zhan-7")
    client.login(username="norole", password="Huo-che-zhan-7")
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get(reverse("core:dashboard")).status_code == 403
    refused = [r for r in caplog.records if r.name == "django.request"]
    assert len(refused) == 1 and "Forbidden" in refused[0].getMessage()
    assert refused[0].exc_info is None and "Traceback" not in caplog.text


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "PYTHONPATH": str(ROOT),
        "GONGKAI_VAR_DIR": str(tmp_path),
        "GONGKAI_SECRET_KEY": secrets.token_urlsafe(50),
        "GONGKAI_ALLOWED_HOSTS": "gk.example.gov.cn",
        "GONGKAI_HTTPS": "true",
    }
    run = subprocess.run(
        [sys.executable, "-m", "gongkai", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "no issues" in run.stdout


def test_a_malformed_trusted_proxy_stops_start_up(settings):
    from gongkai.core.checks import refuse_malformed_trusted_proxies

    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8", "proxy.internal"]
    errors = refuse_malformed_trusted_proxies(None)
    assert [e.id for e in errors] == ["gongkai.E002"] and "proxy.internal" in errors[0].msg
