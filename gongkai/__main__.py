"""The `gongkai` command: Django's manage.py, plus `serve` (gunicorn on IPv4 and IPv6)."""

import os
import sys


def main(argv=None):
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    argv[0] = "gongkai"
    if len(argv) > 1 and argv[1] == "serve":
        return serve(argv[2:])
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


def serve(args):
    """Run the production server on 0.0.0.0 and [::] (seed item 27: IPv6), static via whitenoise."""
    import argparse

    parser = argparse.ArgumentParser(prog="gongkai serve", description="启动生产服务器")
    parser.add_argument("--port", type=int, default=int(os.environ.get("GONGKAI_PORT", "8000")))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("GONGKAI_WORKERS", "2")))
    parser.add_argument("--ipv4-only", action="store_true", help="仅监听 IPv4（无 IPv6 的主机）")
    options = parser.parse_args(args)
    binds = listen_addresses(options.port, ipv4_only=options.ipv4_only)
    gunicorn_args = [sys.executable, "-m", "gunicorn", "gongkai.wsgi:application"]
    for bind in binds:
        gunicorn_args += ["--bind", bind]
    gunicorn_args += [
        "--workers", str(options.workers),
        "--preload",  # load Django (and jieba's dictionary) once, before forking workers
        "--access-logfile", "-",
        "--timeout", "120",
    ]  # fmt: skip
    os.execv(sys.executable, gunicorn_args)  # noqa: S606 — replaces this process, fixed arguments


def listen_addresses(port: int, *, ipv4_only: bool = False) -> list[str]:
    """Where to listen so that both IPv4 and IPv6 clients reach the server.

    On Linux a socket on [::] also takes IPv4 unless net.ipv6.bindv6only is set, and then a
    second bind on 0.0.0.0 fails with "address in use"; so bind [::] alone where it is
    dual-stack, and both where it is not.
    """
    any_v4 = f"0.0.0.0:{port}"  # noqa: S104 — a server must listen beyond loopback
    if ipv4_only:
        return [any_v4]
    try:
        with open("/proc/sys/net/ipv6/bindv6only") as flag:
            dual_stack = flag.read().strip() == "0"
    except OSError:
        dual_stack = False
    return [f"[::]:{port}"] if dual_stack else [any_v4, f"[::]:{port}"]


if __name__ == "__main__":
    main()
