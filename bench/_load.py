"""What the portal benches share: the server `gongkai serve` runs, and a keep-alive client loop.

The server is `gongkai serve`'s own command (granian, its worker count) bound to 127.0.0.1 on a
free port; the clients are threads, each with one keep-alive connection, asking for the next
path of a shared stream until the time is up.
"""

from __future__ import annotations

import http.client
import os
import socket
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(env: dict, port: int, workers: int | None = None) -> subprocess.Popen:
    """`gongkai serve`'s server command on 127.0.0.1:port; returns once it answers `/`."""
    from gongkai.__main__ import THREADS, server_command

    if workers is None:
        workers = int(os.environ.get("GONGKAI_WORKERS", "2"))  # as `gongkai serve` defaults
    threads = int(os.environ.get("GONGKAI_THREADS", str(THREADS)))
    server = subprocess.Popen(  # noqa: S603 — our own fixed command
        server_command("127.0.0.1", port, workers, threads),
        env={**os.environ, **env},
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 60
    while True:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/", headers={"Host": "127.0.0.1"})
            if conn.getresponse().status == 200:
                return server
        except OSError:
            if time.time() > deadline or server.poll() is not None:
                server.terminate()
                raise SystemExit("server did not start") from None
            time.sleep(0.3)


def stop_server(server: subprocess.Popen) -> None:
    server.terminate()
    server.wait(timeout=30)


class Paths:
    """A thread-safe stream of request paths (an iterator shared by the clients)."""

    def __init__(self, paths):
        self._iter, self._lock = iter(paths), threading.Lock()

    def next(self):
        with self._lock:
            return next(self._iter)


@dataclass
class Result:
    rps: float
    median: float  # ms
    p99: float  # ms
    errors: list = field(default_factory=list)  # (status, path)
    client_cpu: float = 0.0  # ms of this process's CPU (the client threads) per request


def load(port: int, paths: Paths, seconds: float, clients: int) -> Result:
    """`clients` threads, each with its own keep-alive connection, for `seconds`."""
    latencies, errors = [], []
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        while time.perf_counter() < stop:
            path = paths.next()
            t = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Host": "127.0.0.1"})
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as exc:
                status = type(exc).__name__
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            if status == 200:
                mine.append(time.perf_counter() - t)
            else:
                with lock:
                    errors.append((status, path))
        conn.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    # The client shares the machine with the server: its own CPU per request says how much of
    # the cores it takes (http.client in Python threads is not free).
    cpu = time.process_time()
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu
    latencies.sort()
    if not latencies:
        return Result(0.0, float("nan"), float("nan"), errors)
    p99 = latencies[max(0, int(len(latencies) * 0.99) - 1)] * 1000
    client_cpu = cpu * 1000 / (len(latencies) + len(errors))
    return Result(
        len(latencies) / elapsed, statistics.median(latencies) * 1000, p99, errors, client_cpu
    )


def workers_cpu(master: int) -> float:
    """Seconds of CPU used so far by the server (the master and its children): per request, a
    figure that other work on the machine does not move, unlike req/s."""
    ticks = 0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(entry.name) == master or int(fields[1]) == master:
                ticks += int(fields[11]) + int(fields[12])  # utime + stime
    return ticks / os.sysconf("SC_CLK_TCK")
