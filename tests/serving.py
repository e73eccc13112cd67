"""Serve a folder on 127.0.0.1 for a test: one place for the tests' local HTTP server.

Used by the browser tests (the built site) and the live-app procedures (a stand-in for
a source-code host). The server picks a free port and runs in a daemon thread; leaving
the ``with`` block shuts it down and closes the socket.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without writing a line per request into the test output."""

    def log_message(self, *args):  # noqa: ANN002, D102
        pass


@contextmanager
def serve_directory(directory: Path, handler: type[http.server.BaseHTTPRequestHandler]
                    = QuietHandler, quiet_errors: bool = False) -> Iterator[str]:
    """Serve DIRECTORY with HANDLER; yields the base URL, ``http://127.0.0.1:PORT``.

    QUIET_ERRORS drops the traceback a dropped connection prints (a browser that
    cancels a fetch when it navigates away).
    """
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    if quiet_errors:
        server.handle_error = lambda *args: None
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
