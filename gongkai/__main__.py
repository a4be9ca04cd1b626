"""The `gongkai` command: Django's manage.py, plus `serve` (granian on IPv4 and IPv6)."""

import os
import signal
import subprocess
import sys
import time


def main(argv=None):
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    argv[0] = "gongkai"
    if len(argv) > 1 and argv[1] == "serve":
        return serve(argv[2:])
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


# Reading a request happens in granian's Rust event loop: a slow client (slowloris) costs a
# socket, not one of the Python threads that run Django, and one that has not sent its
# headers within this many milliseconds is dropped. (gunicorn's sync workers were held by
# two slow connections.)
HEADER_READ_TIMEOUT_MS = 10_000


def serve(args):
    """Run the production server on 0.0.0.0 and [::] (seed item 27: IPv6), static via whitenoise."""
    import argparse

    parser = argparse.ArgumentParser(prog="gongkai serve", description="启动生产服务器")
    parser.add_argument("--port", type=int, default=int(os.environ.get("GONGKAI_PORT", "8000")))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("GONGKAI_WORKERS", "2")))
    parser.add_argument("--ipv4-only", action="store_true", help="仅监听 IPv4（无 IPv6 的主机）")
    parser.add_argument(
        "--host", action="append", metavar="ADDRESS",
        help="只监听这些地址（可重复），如反向代理在本机时 --host 127.0.0.1",
    )  # fmt: skip
    options = parser.parse_args(args)
    hosts = options.host or listen_hosts(ipv4_only=options.ipv4_only)
    commands = [server_command(host, options.port, options.workers) for host in hosts]
    if len(commands) == 1:
        os.execv(sys.executable, commands[0])  # noqa: S606 — replaces this process, fixed arguments
    return _run_side_by_side(commands)


def server_command(host: str, port: int, workers: int) -> list[str]:
    return [
        sys.executable, "-m", "granian", "gongkai.wsgi:application",
        "--interface", "wsgi",
        "--host", host,
        "--port", str(port),
        "--workers", str(workers),
        "--http1-header-read-timeout", str(HEADER_READ_TIMEOUT_MS),
        "--respawn-failed-workers",
        "--access-log",
    ]  # fmt: skip


def listen_hosts(*, ipv4_only: bool = False) -> list[str]:
    """Where to listen so that both IPv4 and IPv6 clients reach the server.

    On Linux a socket on :: also takes IPv4 unless net.ipv6.bindv6only is set, and then a
    second bind on 0.0.0.0 fails with "address in use"; so bind :: alone where it is
    dual-stack, and both where it is not (one server each).
    """
    any_v4 = "0.0.0.0"  # noqa: S104 — a server must listen beyond loopback
    if ipv4_only:
        return [any_v4]
    try:
        with open("/proc/sys/net/ipv6/bindv6only") as flag:
            dual_stack = flag.read().strip() == "0"
    except OSError:
        dual_stack = False
    return ["::"] if dual_stack else [any_v4, "::"]


def _run_side_by_side(commands: list[list[str]]) -> int:
    """One server per address family: both stop when either stops or on SIGTERM/SIGINT."""
    servers = [subprocess.Popen(command) for command in commands]  # noqa: S603 — fixed arguments

    def stop(signum, frame):
        for server in servers:
            if server.poll() is None:
                server.send_signal(signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    while all(server.poll() is None for server in servers):
        time.sleep(0.5)
    stop(None, None)
    return max(server.wait() or 0 for server in servers)


if __name__ == "__main__":
    main()
