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
    # A redirect's target (with status 301/302), and a status of its own for HEAD requests
    # (405: a server that refuses them).
    location: str = ""
    head_status: int | None = None
    # Seconds between the bytes of the body (a source that trickles); released by `stop`.
    trickle: float = 0.0


@dataclass
class SourceServer:
    """Serve `routes` (path → Route) on 127.0.0.1; `url(path)` gives the address."""

    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    # The most requests it was answering at the same time (politeness of a client).
    most_at_once: int = 0

    def __post_init__(self):
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._at_once = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                route = self._answer("GET")
                if route is not None:
                    # The client may give up first, as a harvest does on a huge file.
                    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                        server._write_body(self.wfile, route)

            def do_HEAD(self):
                self._answer("HEAD")

            def _answer(self, method):
                server.requests.append(self.path if method == "GET" else f"{method} {self.path}")
                with server._counting():
                    return self._respond(method)

            def _respond(self, method):
                route = server.routes.get(self.path)
                if route is None:
                    self.send_error(404)
                    return None
                if route.delay:
                    server._stopping.wait(route.delay)
                status = (
                    route.head_status if method == "HEAD" and route.head_status else route.status
                )
                self.send_response(status)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(route.body)))
                if route.location:
                    self.send_header("Location", route.location)
                self.end_headers()
                return route

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @contextlib.contextmanager
    def _counting(self):
        with self._lock:
            self._at_once += 1
            self.most_at_once = max(self.most_at_once, self._at_once)
        try:
            yield
        finally:
            with self._lock:
                self._at_once -= 1

    def _write_body(self, out, route: Route) -> None:
        if not route.trickle:
            out.write(route.body)
            return
        for byte in route.body:
            out.write(bytes([byte]))
            out.flush()
            if self._stopping.wait(route.trickle):
                return

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
