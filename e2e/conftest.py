"""End-to-end tests: the real app on a live server (a free loopback port, a fresh database),
driven by Debian's Chromium through Playwright. Never `playwright install`."""

import os
import shutil
from pathlib import Path

import pytest

from e2e.live_server import start_live_server

CHROMIUM = os.environ.get("GONGKAI_CHROMIUM", "/usr/bin/chromium")
E2E_DIR = Path(__file__).resolve().parent


def pytest_itemcollected(item):
    """Every test under e2e/ carries the `e2e` marker, set here once, so `-m e2e` and
    `-m "not e2e"` select right; a plain `pytest` (make test) still runs them all."""
    if E2E_DIR in Path(item.path).resolve().parents:
        item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not shutil.which(CHROMIUM):
        pytest.fail(
            f"找不到 Chromium（{CHROMIUM}）：请运行 scripts/system-deps 安装 Debian 的 chromium"
        )
    flags = [
        "--no-sandbox",
        "--headless",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": flags}


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server, whose request threads all end before it stops."""
    addr = (
        request.config.getvalue("liveserver")
        or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    server = start_live_server(addr)
    yield server
    server.stop()


@pytest.fixture
def e2e_cast(transactional_db):
    from gongkai.mailbox import search as mailbox_search
    from gongkai.publications import search
    from gongkai.testing import Cast

    # A live-server test's database is emptied by deleting rows, which leaves the full-text
    # index (not a model) holding rows of documents gone with an earlier test.
    search.reindex_all()
    mailbox_search.words_index.clear()
    return Cast()


@pytest.fixture
def login(page, live_server):
    from gongkai.testing import TEST_PASSWORD

    def sign_in(username):
        page.goto(f"{live_server.url}/staff/login/")
        page.get_by_label("用户名").fill(username)
        page.get_by_label("密码").fill(TEST_PASSWORD)
        page.get_by_role("button", name="登录").click()
        page.wait_for_url(f"{live_server.url}/staff/")

    return sign_in
