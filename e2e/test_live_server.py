"""The live server the e2e tests share stops only once the threads of its connections have
ended, so none of them touches the database after the test run has taken it back."""

import http.client
import threading

from e2e.live_server import start_live_server


def _request_threads():
    return {t for t in threading.enumerate() if "process_request_thread" in t.name}


def test_it_ends_a_kept_alive_connections_thread_before_it_stops(transactional_db):
    threads_before = _request_threads()
    server = start_live_server("localhost")
    browser = http.client.HTTPConnection(server.thread.host, server.thread.port, timeout=10)
    browser.request("GET", "/static/gongkai/site.js")
    response = browser.getresponse()
    response.read()
    assert response.status == 200
    assert response.getheader("Connection") != "close"  # kept alive, as Chromium keeps it
    waiting = _request_threads() - threads_before
    assert len(waiting) == 1  # its thread waits for the connection's next request

    server.stop()

    assert [t for t in waiting if t.is_alive()] == []
    browser.close()
