"""`gongkai serve` keeps answering while slow clients (slowloris) hold connections open.

The real server (`gongkai serve`, two processes: one per address) on a free loopback port,
50 connections that send their headers one byte at a time, and one ordinary visitor on each
address family who must get the sign-in page within a second. Bounded: the server is stopped
after at most ~40 s.
"""

import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from gongkai.__main__ import listen_hosts, server_command

ROOT = Path(__file__).resolve().parents[3]
SLOW_CLIENTS = 50
REQUEST = b"GET /staff/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow\r\n" * 50


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(host: str, port: int, timeout: float) -> tuple[int, float]:
    started = time.monotonic()
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.request("GET", "/staff/login/", headers={"Host": "127.0.0.1"})
        return conn.getresponse().status, time.monotonic() - started
    finally:
        conn.close()


@pytest.fixture
def server(tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "GONGKAI_VAR_DIR": str(tmp_path),
        "GONGKAI_LOG_LEVEL": "ERROR",
        "GONGKAI_DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
        "GONGKAI_SECRET_KEY": "slow-client-test-" + "k" * 40,
        "GONGKAI_ALLOWED_HOSTS": "127.0.0.1",
        "PYTHONPATH": str(ROOT),
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gongkai",
            "serve",
            "--port",
            str(port),
            "--host",
            "127.0.0.1",
            "--host",
            "::1",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: stopped whole, whatever it started
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if _get("127.0.0.1", port, 2)[0] == 200 and _get("::1", port, 2)[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                pytest.fail("gongkai serve did not start within 30 s")
            time.sleep(0.3)
        yield port
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def _trickle(sockets, stop: threading.Event):
    """Each slow client sends its request one byte at a time and never finishes it."""
    position = 0
    while not stop.is_set() and position < len(REQUEST):
        for s in sockets:
            try:
                s.send(REQUEST[position : position + 1])
            except OSError:
                pass
        position += 1
        stop.wait(0.05)


def test_it_answers_a_visitor_within_a_second_while_50_slow_clients_hold_connections(server):
    sockets = [
        socket.create_connection(("127.0.0.1", server), timeout=5) for _ in range(SLOW_CLIENTS)
    ]
    stop = threading.Event()
    trickler = threading.Thread(target=_trickle, args=(sockets, stop), daemon=True)
    trickler.start()
    try:
        time.sleep(1.5)  # every slow client has sent part of its headers
        for host in ["127.0.0.1", "::1"]:
            status, seconds = _get(host, server, timeout=5)
            assert status == 200 and seconds < 1.0, (host, status, seconds)
        assert trickler.is_alive()  # the slow clients were still sending when the visitor came
    finally:
        stop.set()
        trickler.join(timeout=5)
        for s in sockets:
            s.close()


def test_it_listens_on_ipv4_and_ipv6_by_default():
    any_v4 = "0.0.0.0"  # noqa: S104 — what a server must listen on
    assert listen_hosts() in (["::"], [any_v4, "::"])
    assert listen_hosts(ipv4_only=True) == [any_v4]


def test_it_runs_django_in_a_few_threads_per_worker_each_with_one_database_connection():
    """granian's default (hundreds of threads, each keeping a connection) used up PostgreSQL's
    100 connections under 16 clients."""
    command = server_command("127.0.0.1", 8000, 2)
    assert command[command.index("--blocking-threads") + 1] == "4"
    assert command[command.index("--workers") + 1] == "2"


def test_each_worker_reads_the_search_dictionary_before_its_first_request():
    """The first searches after a start waited seconds for jieba's dictionary."""
    check = (
        "import gongkai.wsgi, gongkai.lib.search_text as s; "
        "print('loaded' if s._jieba is not None else 'not loaded')"
    )
    env = {**os.environ, "GONGKAI_DEBUG": "true", "DJANGO_SETTINGS_MODULE": "gongkai.settings"}
    out = subprocess.run(
        [sys.executable, "-c", check],
        env=env,
        cwd=Path(__file__).resolve().parents[3],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip().splitlines()[-1] == "loaded"


def test_each_worker_leaves_what_it_loaded_at_start_out_of_full_garbage_collections():
    """A full pass over Django and the dictionary took about 20 ms, every thread waiting."""
    check = "import gc, gongkai.wsgi; print(gc.get_freeze_count())"
    env = {**os.environ, "GONGKAI_DEBUG": "true", "DJANGO_SETTINGS_MODULE": "gongkai.settings"}
    out = subprocess.run(
        [sys.executable, "-c", check],
        env=env,
        cwd=Path(__file__).resolve().parents[3],
        capture_output=True,
        text=True,
        check=True,
    )
    assert int(out.stdout.strip().splitlines()[-1]) > 50_000  # objects a full pass leaves out
