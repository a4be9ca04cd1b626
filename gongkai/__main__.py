"""The `gongkai` command: Django's manage.py, plus `serve` (granian on IPv4 and IPv6)."""

import errno
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
    try:
        from django.core.management import execute_from_command_line

        execute_from_command_line(argv)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:  # one line for every failure; --traceback shows the rest
        if "--traceback" in argv:
            raise
        sys.stderr.write(explain(error) + "\n")
        sys.exit(2 if _is_usage_error(error) else 1)


# argparse speaks English; the phrases people meet most, in Chinese.
_ARGPARSE_PHRASES = {
    "the following arguments are required": "缺少必需的参数",
    "unrecognized arguments": "无法识别的参数",
    "invalid int value": "不是整数",
    "invalid choice": "无效的选项",
    "expected one argument": "缺少参数值",
    "not allowed with argument": "不能同时使用",
}


_OS_REASONS = {
    errno.ENOENT: "文件或目录不存在",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.EISDIR: "这是一个目录",
    errno.ENOTDIR: "路径中有一项不是目录",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "文件系统只读",
}


def explain(error: Exception) -> str:
    """One Chinese line saying what went wrong and, where we know it, what to do."""
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management.base import CommandError
    from django.db import DatabaseError

    if isinstance(error, DatabaseError):
        return _database_problem(error)
    if isinstance(error, CommandError):
        message = str(error).removeprefix("Error: ")
        for english, chinese in _ARGPARSE_PHRASES.items():
            message = message.replace(english, chinese)
        return f"错误：{message}（gongkai help 子命令 查看用法）"
    if isinstance(error, OSError):
        name = f"“{error.filename}”" if error.filename else ""
        reason = _OS_REASONS.get(error.errno) or error.strerror or str(error)
        return f"错误：无法读写文件{name}（{reason}）"
    if isinstance(error, ImproperlyConfigured):
        return f"错误：配置不正确：{_first_line(error)}"
    return f"错误：{_first_line(error) or type(error).__name__}（加 --traceback 查看详情）"


def _database_problem(error) -> str:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    try:
        connection.ensure_connection()
    except Exception as connect_error:  # noqa: BLE001 — any driver error means the same here
        return f"错误：无法连接数据库（{_first_line(connect_error)}），请检查 GONGKAI_DATABASE_URL"
    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception:  # noqa: BLE001 — the migration table itself is unreadable
        pending = True
    if pending:
        return "错误：数据库尚未初始化或未升级到当前版本，请先运行 gongkai migrate"
    return f"错误：数据库出错（{_first_line(error)}）"


def _first_line(error) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else ""


def _is_usage_error(error) -> bool:
    from django.core.management.base import CommandError

    return isinstance(error, CommandError)


# Reading a request happens in granian's Rust event loop: a slow client (slowloris) costs a
# socket, not one of the Python threads that run Django, and one that has not sent its
# headers within this many milliseconds is dropped. (gunicorn's sync workers were held by
# two slow connections.)
HEADER_READ_TIMEOUT_MS = 10_000
# Threads that run Django in each worker. Each keeps its own database connection (CONN_MAX_AGE),
# and granian's default for WSGI is hundreds: 16 busy clients took more than PostgreSQL's 100
# connections ("too many clients", answered 500). Django holds the GIL while it works, so a
# few threads per worker serve as many requests a second; waiting requests queue in granian.
THREADS = 4


def serve(args):
    """Run the production server on 0.0.0.0 and [::] (seed item 27: IPv6), static via whitenoise."""
    import argparse

    parser = argparse.ArgumentParser(prog="gongkai serve", description="启动生产服务器")
    parser.add_argument("--port", type=int, default=int(os.environ.get("GONGKAI_PORT", "8000")))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("GONGKAI_WORKERS", "2")))
    parser.add_argument(
        "--threads",
        type=int,
        default=int(os.environ.get("GONGKAI_THREADS", str(THREADS))),
        help="每个进程处理请求的线程数（每个线程各占一个数据库连接）",
    )
    parser.add_argument("--ipv4-only", action="store_true", help="仅监听 IPv4（无 IPv6 的主机）")
    parser.add_argument(
        "--host",
        action="append",
        metavar="ADDRESS",
        help="只监听这些地址（可重复），如反向代理在本机时 --host 127.0.0.1",
    )
    options = parser.parse_args(args)
    hosts = options.host or listen_hosts(ipv4_only=options.ipv4_only)
    commands = [
        server_command(host, options.port, options.workers, options.threads) for host in hosts
    ]
    if len(commands) == 1:
        os.execv(sys.executable, commands[0])  # noqa: S606 — replaces this process, fixed arguments
    return _run_side_by_side(commands)


def server_command(host: str, port: int, workers: int, threads: int = THREADS) -> list[str]:
    return [
        sys.executable,
        "-m",
        "granian",
        "gongkai.wsgi:application",
        "--interface",
        "wsgi",
        "--host",
        host,
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--blocking-threads",
        str(threads),
        "--http1-header-read-timeout",
        str(HEADER_READ_TIMEOUT_MS),
        "--respawn-failed-workers",
        "--access-log",
    ]


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
