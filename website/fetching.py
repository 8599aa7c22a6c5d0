"""The one policy for everything the server fetches (harvest sources, evidence links):
http(s) to public addresses only, checked after DNS at every connection (so at every redirect
hop, and a name that resolves anew cannot slip through: the checked address is the one
connected to), within one deadline for the whole request, without proxies from the
environment. Every refusal gives the same message, whatever is behind the address."""

import functools
import ipaddress
import socket
import time
import typing
from urllib.parse import urlsplit

import anyio
import httpcore
import httpx
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

SCHEMES = ("http", "https")
LOCAL_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback")


class FetchRefused(Exception):
    """The address is not a public http(s) address; nothing was sent to it."""

    def __init__(self, url: str = ""):
        super().__init__(refusal_message(url))


def refusal_message(url: str) -> str:
    """The one Dutch message for every refused address."""
    return _("%(url)s: Labregister haalt alleen openbare http(s)-adressen op.") % {"url": url}


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if ip.version == 6 and ip.teredo:
        ip = ip.teredo[1]
    elif ip.version == 6 and (ip.ipv4_mapped or ip.sixtofour):
        # Python 3.11 calls ::ffff:127.0.0.1 global; judge the IPv4 address it carries.
        ip = ip.ipv4_mapped or ip.sixtofour
    if ip.is_loopback and settings.FETCH_ALLOW_LOOPBACK:
        return True
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_unspecified)


def check_url(url: str) -> None:
    """Refuse what can be told without DNS: another scheme, no host, a local name or a
    non-public address written as such. For validating what people enter."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").rstrip(".").lower()
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError as error:
        raise FetchRefused(url) from error
    if parts.scheme.lower() not in SCHEMES or not host:
        raise FetchRefused(url)
    if host in LOCAL_NAMES or host.endswith(".localhost"):
        if not settings.FETCH_ALLOW_LOOPBACK:
            raise FetchRefused(url)
        return
    try:
        public = _is_public(host)
    except ValueError:
        return  # a name: judged after DNS, when fetched
    if not public:
        raise FetchRefused(url)


def _public_address(host: str, infos) -> str:
    addresses = [info[4][0] for info in infos]
    # A name with one non-public address among public ones is refused whole.
    if not addresses or not all(_is_public(address) for address in addresses):
        raise FetchRefused(host)
    return addresses[0]


class Deadline:
    """One end time for a whole request: every connect, read and write gets what is left."""

    def __init__(self, seconds: float, clock=time.monotonic):
        self._clock = clock
        self._ends = clock() + seconds

    def limit(self, timeout: float | None, error: type[Exception]) -> float:
        left = self._ends - self._clock()
        if left <= 0:
            raise error("deadline")
        return left if timeout is None else min(timeout, left)


class DeadlineStream(httpcore.NetworkStream):
    """A connection whose reads and writes never wait past the request's deadline."""

    def __init__(self, stream: httpcore.NetworkStream, deadline: Deadline):
        self._stream, self._deadline = stream, deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, self._deadline.limit(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        limit = self._deadline.limit(timeout, httpcore.WriteTimeout)
        self._stream.write(buffer, limit)

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None):
        limit = self._deadline.limit(timeout, httpcore.ConnectTimeout)
        stream = self._stream.start_tls(ssl_context, server_hostname, limit)
        return DeadlineStream(stream, self._deadline)

    def get_extra_info(self, info: str) -> typing.Any:
        return self._stream.get_extra_info(info)


class _PublicBackend(httpcore.SyncBackend):
    def __init__(self, deadline: Deadline):
        self._deadline = deadline

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        limit = self._deadline.limit(timeout, httpcore.ConnectTimeout)
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError as error:
            raise httpcore.ConnectError(str(error)) from error
        address = _public_address(host, infos)
        stream = super().connect_tcp(address, port, limit, local_address, socket_options)
        return DeadlineStream(stream, self._deadline)


class _PublicAsyncBackend(httpcore.AnyIOBackend):
    async def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        try:
            infos = await anyio.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError as error:
            raise httpcore.ConnectError(str(error)) from error
        address = _public_address(host, infos)
        return await super().connect_tcp(address, port, timeout, local_address, socket_options)


@functools.cache
def _ssl_context():
    """One TLS context for every client of the policy: loading the CA bundle takes tens of
    milliseconds, and a harvest makes a client per file."""
    return httpx.create_ssl_context(trust_env=False)


class _Transport(httpx.HTTPTransport):
    def __init__(self, backend):
        super().__init__(verify=_ssl_context(), trust_env=False)
        # httpx takes no network backend of its own; its pool does.
        self._pool = httpcore.ConnectionPool(network_backend=backend, ssl_context=_ssl_context())


class _AsyncTransport(httpx.AsyncHTTPTransport):
    def __init__(self, max_connections: int):
        super().__init__(verify=_ssl_context(), trust_env=False)
        self._pool = httpcore.AsyncConnectionPool(
            network_backend=_PublicAsyncBackend(),
            max_connections=max_connections,
            ssl_context=_ssl_context(),
        )


def _checked_redirects(request: httpx.Request) -> None:
    check_url(str(request.url))


def _options(seconds: float, user_agent: str, max_redirects: int, hook) -> dict:
    """What every client of the policy shares: timeouts, redirects checked before they are
    followed, no proxies or settings from the environment."""
    return {
        "timeout": seconds,
        "follow_redirects": True,
        "max_redirects": max_redirects,
        "headers": {"User-Agent": user_agent},
        "trust_env": False,
        "event_hooks": {"request": [hook]},
    }


def public_client(seconds: float, user_agent: str, max_redirects: int = 5) -> httpx.Client:
    """A client for one request under the policy, ending within `seconds` whatever the
    server does."""
    transport = _Transport(_PublicBackend(Deadline(seconds)))
    options = _options(seconds, user_agent, max_redirects, _checked_redirects)
    return httpx.Client(transport=transport, **options)


def public_async_client(
    seconds: float, user_agent: str, max_connections: int, max_redirects: int = 10
) -> httpx.AsyncClient:
    """A client for many requests under the policy; each request's deadline is the
    caller's (`asyncio.timeout`), `seconds` bounds each connect, read and write."""

    async def checked(request: httpx.Request) -> None:
        _checked_redirects(request)

    options = _options(seconds, user_agent, max_redirects, checked)
    return httpx.AsyncClient(transport=_AsyncTransport(max_connections), **options)


def validate_public_url(value: str) -> None:
    """Django validator: the address may be fetched under the policy, as far as can be told
    without DNS."""
    try:
        check_url(value)
    except FetchRefused as error:
        raise ValidationError(str(error), code="not_public") from error
