"""The e2e tests' live server: pytest-django's, with a WSGI server that ends its connections."""

import socket
import threading

from django.core.servers.basehttp import ThreadedWSGIServer
from pytest_django.live_server_helper import LiveServer


class WSGIServerEndingItsConnections(ThreadedWSGIServer):
    """The live server, but closing ends the browser's open keep-alive connections and waits
    for their threads. Django's server leaves them running (daemon threads), each blocked on a
    connection Chromium keeps until the browser quits, after the live server has stopped and
    handed the shared in-memory SQLite connection back to the main thread; each then closed
    that connection from its own thread ("DatabaseWrapper objects created in a thread can only
    be used in that same thread"), or on PostgreSQL held its own connection open past the end."""

    daemon_threads = False  # so that ThreadingMixIn.server_close joins them

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._open_lock = threading.Lock()
        self._open = set()

    def process_request(self, request, client_address):
        with self._open_lock:
            self._open.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request):
        with self._open_lock:
            self._open.discard(request)
        super().shutdown_request(request)

    def server_close(self):
        with self._open_lock:
            still_open = list(self._open)
        for request in still_open:  # the thread reading it sees the end and finishes
            try:
                request.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # closed meanwhile by its thread
        super().server_close()


def start_live_server(addr: str) -> LiveServer:
    """A started pytest-django live server on `addr` (host or host:port) whose stop() returns
    only once every request thread it started has ended."""
    server = LiveServer(addr, start=False)
    server.thread.server_class = WSGIServerEndingItsConnections
    server.start()
    return server
