"""A real HTTP server on loopback that serves files the test puts in it, as public sources."""

import contextlib
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    # Seconds the server waits before answering (a slow source); released by `stop`.
    delay: float = 0.0
    content_type: str = "text/yaml; charset=utf-8"


@dataclass
class SourceServer:
    """Serve `routes` (path → Route) on 127.0.0.1; `url(path)` gives the address."""

    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)

    def __post_init__(self):
        self._stopping = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                server.requests.append(self.path)
                route = server.routes.get(self.path)
                if route is None:
                    self.send_error(404)
                    return
                if route.delay:
                    server._stopping.wait(route.delay)
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                # The client may give up first, as a harvest does on a huge file.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(route.body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def serve(self, path: str, body: bytes | str, **options) -> str:
        """Serve `body` at `path`; returns its URL."""
        self.routes[path] = Route(body.encode() if isinstance(body, str) else body, **options)
        return self.url(path)

    def stop(self):
        self._stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()
