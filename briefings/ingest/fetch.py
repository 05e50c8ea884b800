"""A careful HTTP GET for feeds and pages.

Only http and https; every address a host resolves to must be public (no loopback, private, link-local,
CGNAT, multicast or reserved ranges, IPv4-mapped and 6to4 forms unwrapped), and the connection goes to the
address that was checked. Every redirect hop is checked again (at most five). Connect, read and total
deadlines; the decoded body is capped (gzip bombs); the content type must be in an allow-list.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore

from briefings import __version__
from briefings.errors import (
    BadContentType,
    BlockedAddress,
    FetchCancelled,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    ResponseTooLarge,
)

FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/x-rss+xml",
        "application/xml",
        "text/xml",
        "text/plain",
    }
)
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml"})
ANY_TYPES = FEED_TYPES | PAGE_TYPES
_REDIRECTS = frozenset({301, 302, 303, 307, 308})

Resolver = Callable[[str, int], list[str]]


@dataclass(frozen=True)
class FetchPolicy:
    """Limits for every fetch.

    ``allow_private`` lifts the address check entirely; ``allow_networks`` (CIDR strings such as
    ``10.1.2.0/24``) admits just those non-public networks, e.g. one intranet feed server."""

    allow_private: bool = False
    allow_networks: tuple[str, ...] = ()
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    user_agent: str = f"Briefbot/{__version__} (self-hosted news briefing bot)"


@dataclass(frozen=True)
class FetchResponse:
    """A fetched body (decoded from gzip/deflate) with what the caller needs to interpret it."""

    url: str
    status: int
    content: bytes
    content_type: str
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def system_resolver(host: str, port: int) -> list[str]:
    """All addresses ``host`` resolves to (numeric forms like ``2130706433`` and ``127.1`` included)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


_EMBEDDING_PREFIXES = tuple(
    ipaddress.IPv6Network(prefix)
    for prefix in (
        "64:ff9b::/96",  # well-known NAT64 prefix (RFC 6052): the translator connects to the embedded IPv4 host
        "::ffff:0:0:0/96",  # IPv4-translated addresses (RFC 2765, SIIT)
        "::/96",  # deprecated IPv4-compatible addresses (RFC 4291 2.5.5.1)
    )
)
_NAT64_LOCAL = ipaddress.IPv6Network("64:ff9b:1::/48")
"""Local-use NAT64 (RFC 8215): the embedded address may sit at any offset, so the whole prefix is refused."""


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address carried in the last 32 bits of an address in a prefix that embeds one there."""
    if any(ip in prefix for prefix in _EMBEDDING_PREFIXES):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def refusal(address: str) -> str | None:
    """Why Briefbot will not connect to ``address``, or None when it is a public unicast address."""
    try:
        ip = given = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return f"{address} is not an IP address"
    if isinstance(ip, ipaddress.IPv6Address):
        if ip in _NAT64_LOCAL:
            return f"{address} is a local-use NAT64 address"
        inner = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None) or _embedded_ipv4(ip)
        if inner is not None:
            ip = inner
    what = address if ip is given else f"{address} (which carries {ip})"
    if ip.is_multicast:
        return f"{what} is a multicast address"
    if not ip.is_global:
        return f"{what} is not a public address"
    return None


Deadline = Callable[[], float | None]
"""The calling thread's deadline (``time.monotonic()`` seconds) for the exchange in progress, or None; raises
FetchCancelled once the fetcher is cancelled."""

SLICE_SECONDS = 0.5
"""A blocking read waits at most this long at a time, so a deadline or a cancel is noticed promptly."""


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write ends by the exchange's deadline: httpcore's timeouts apply per
    read, so a server trickling its status line or headers a byte at a time would otherwise never time out.
    Reads wait in slices, so a fetcher cancelled while a server keeps silent lets go within half a second."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: Deadline) -> None:
        self._inner = inner
        self._deadline = deadline

    def _timeout(self, timeout: float | None) -> float | None:
        deadline = self._deadline()
        if deadline is None:
            return timeout
        left = deadline - time.monotonic()
        if left <= 0:
            raise httpcore.ReadTimeout("the total deadline passed")
        return left if timeout is None else min(timeout, left)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        end = None if timeout is None else time.monotonic() + timeout
        while True:
            left = None if end is None else end - time.monotonic()
            wait = self._timeout(left)
            try:
                return self._inner.read(max_bytes, SLICE_SECONDS if wait is None else min(wait, SLICE_SECONDS))
            except httpcore.ReadTimeout:
                if end is not None and time.monotonic() >= end:
                    raise

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._timeout(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        inner = self._inner.start_tls(ssl_context, server_hostname, self._timeout(timeout))
        return _DeadlineStream(inner, self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _GuardedBackend(httpcore.NetworkBackend):
    """Resolves and checks the host at connect time, connects to the checked address, and holds every read and
    write to the exchange's deadline."""

    def __init__(self, policy: FetchPolicy, resolver: Resolver, deadline: Deadline) -> None:
        self._policy = policy
        self._resolver = resolver
        self._deadline = deadline
        self._inner = httpcore.SyncBackend()

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        addresses = _checked_addresses(host, port, self._policy, self._resolver)
        error: Exception | None = None
        for address in addresses:
            try:
                stream = self._inner.connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
                continue
            return _DeadlineStream(stream, self._deadline)
        assert error is not None
        raise error

    def connect_unix_socket(self, path, timeout=None, socket_options=None):
        raise BlockedAddress("unix sockets are never fetched", path)

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


def _checked_addresses(host: str, port: int, policy: FetchPolicy, resolver: Resolver) -> list[str]:
    try:
        addresses = resolver(host, port)
    except (OSError, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc}") from None
    if not addresses:
        raise FetchError(f"host {host!r} has no address")
    if not policy.allow_private:
        allowed = [ipaddress.ip_network(net, strict=False) for net in policy.allow_networks]
        for address in addresses:
            reason = refusal(address)
            if reason and not any(_in_network(address, net) for net in allowed):
                raise BlockedAddress(f"refused to fetch host {host!r}: {reason}")
    return addresses


def _in_network(address: str, network: ipaddress.IPv4Network | ipaddress.IPv6Network) -> bool:
    try:
        return ipaddress.ip_address(address.split("%", 1)[0]) in network
    except ValueError:
        return False


@dataclass(frozen=True)
class _Target:
    scheme: str
    host: str
    port: int
    path: str


def _parse_target(url: str) -> _Target:
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise FetchError(f"invalid URL: {exc}") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise BlockedAddress(f"only http and https URLs are fetched, not {scheme or 'a relative URL'!r}")
    if parts.username or parts.password:
        raise BlockedAddress("URLs with credentials are not fetched")
    if not parts.hostname:
        raise FetchError("URL has no host")
    try:
        host = parts.hostname.encode("idna").decode("ascii") if not parts.hostname.isascii() else parts.hostname
    except UnicodeError:
        raise FetchError(f"invalid host name {parts.hostname!r}") from None
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return _Target(scheme, host, port or (443 if scheme == "https" else 80), path)


def _header(headers: list[tuple[bytes, bytes]], name: bytes) -> str | None:
    for key, value in headers:
        if key.lower() == name:
            return value.decode("latin-1").strip()
    return None


class Fetcher:
    """Fetches URLs under a :class:`FetchPolicy`. One instance may be reused; close it when done."""

    def __init__(
        self,
        policy: FetchPolicy | None = None,
        resolver: Resolver = system_resolver,
        *,
        cancel: threading.Event | None = None,
    ) -> None:
        self.policy = policy or FetchPolicy()
        self._resolver = resolver
        self._local = threading.local()
        self._cancel = cancel
        """Set from another thread (Briefbot stopping): fetches in progress end with FetchCancelled."""
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl.create_default_context(),
            network_backend=_GuardedBackend(self.policy, resolver, self._deadline),
            max_connections=8,
            retries=0,
        )

    def close(self) -> None:
        self._pool.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def check(self, url: str) -> None:
        """Refuse a URL before fetching: scheme, credentials, and the addresses its host resolves to."""
        target = _parse_target(url)
        try:
            _checked_addresses(target.host, target.port, self.policy, self._resolver)
        except FetchError as exc:
            exc.where = url
            raise

    def _deadline(self) -> float | None:
        if self._cancel is not None and self._cancel.is_set():
            raise FetchCancelled("abandoned: Briefbot is stopping")
        return getattr(self._local, "deadline", None)

    def get(
        self,
        url: str,
        *,
        accept: frozenset[str] = ANY_TYPES,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> FetchResponse:
        """GET ``url`` following at most ``max_redirects`` checked redirects; raises a FetchError subclass."""
        self._deadline()  # a cancelled fetcher starts nothing
        deadline = time.monotonic() + self.policy.total_timeout
        self._local.deadline = deadline
        current = url
        try:
            for _hop in range(self.policy.max_redirects + 1):
                self.check(current)
                response, location = self._get_once(current, accept, etag, last_modified, deadline)
                if response is not None:
                    return response
                current = urljoin(current, location)
            raise FetchError(f"too many redirects (more than {self.policy.max_redirects})")
        except FetchError as exc:
            if not exc.where:
                exc.where = url
            if current != url and exc.where == current:
                exc.reason = f"{exc.reason} (redirected to {current})"
                exc.where = url
            raise
        finally:
            self._local.deadline = None

    def _get_once(
        self, url: str, accept: frozenset[str], etag: str | None, last_modified: str | None, deadline: float
    ) -> tuple[FetchResponse | None, str]:
        target = _parse_target(url)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchTimeout(f"no response within {self.policy.total_timeout:g} s")
        headers = [
            (b"User-Agent", self.policy.user_agent.encode()),
            (b"Accept", ", ".join(sorted(accept)).encode() + b", */*;q=0.1"),
            (b"Accept-Encoding", b"gzip, deflate"),
        ]
        if etag:
            headers.append((b"If-None-Match", etag.encode("latin-1", "replace")))
        if last_modified:
            headers.append((b"If-Modified-Since", last_modified.encode("latin-1", "replace")))
        timeouts = {
            "connect": min(self.policy.connect_timeout, remaining),
            "read": min(self.policy.read_timeout, remaining),
            "write": min(self.policy.read_timeout, remaining),
            "pool": min(self.policy.connect_timeout, remaining),
        }
        request_url = httpcore.URL(
            scheme=target.scheme.encode(), host=target.host.encode(), port=target.port, target=target.path.encode()
        )
        try:
            with self._pool.stream("GET", request_url, headers=headers, extensions={"timeout": timeouts}) as response:
                status = response.status
                if status in _REDIRECTS:
                    location = _header(response.headers, b"location")
                    if not location:
                        raise FetchError(f"redirect {status} without a Location header")
                    return None, location
                validators = (_header(response.headers, b"etag"), _header(response.headers, b"last-modified"))
                if status == 304:
                    return FetchResponse(url, status, b"", "", None, *validators), ""
                if status >= 400 or status < 200:
                    raise HTTPStatusError(f"HTTP {status}", status=status)
                content_type = _header(response.headers, b"content-type") or ""
                mime, _, params = content_type.partition(";")
                mime = mime.strip().lower()
                if mime not in accept:
                    raise BadContentType(f"content type {mime or '(none)'!r} is not accepted here")
                charset = None
                for param in params.split(";"):
                    key, _, value = param.partition("=")
                    if key.strip().lower() == "charset":
                        charset = value.strip().strip('"') or None
                body = self._read_body(response, _header(response.headers, b"content-encoding"), deadline)
                return FetchResponse(url, status, body, mime, charset, *validators), ""
        except httpcore.TimeoutException as exc:
            raise FetchTimeout(f"timed out ({type(exc).__name__})") from None
        except (httpcore.NetworkError, httpcore.ProtocolError, httpcore.UnsupportedProtocol) as exc:
            raise FetchError(f"connection failed: {exc or type(exc).__name__}") from None
        except ssl.SSLError as exc:
            raise FetchError(f"TLS error: {exc}") from None

    def _read_body(self, response: httpcore.Response, encoding: str | None, deadline: float) -> bytes:
        cap = self.policy.max_bytes
        encoding = (encoding or "identity").strip().lower()
        if encoding in ("gzip", "x-gzip"):
            decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            decoder = zlib.decompressobj()
        elif encoding == "identity":
            decoder = None
        else:
            raise FetchError(f"unsupported content encoding {encoding!r}")
        parts: list[bytes] = []
        size = 0
        for chunk in response.iter_stream():
            if time.monotonic() > deadline:
                raise FetchTimeout(f"body not received within {self.policy.total_timeout:g} s")
            if decoder is not None:
                try:
                    chunk = decoder.decompress(chunk, cap - size + 1)
                except zlib.error as exc:
                    raise FetchError(f"corrupt {encoding} body: {exc}") from None
            size += len(chunk)
            if size > cap:
                raise ResponseTooLarge(f"body larger than {cap:,} bytes")
            parts.append(chunk)
        return b"".join(parts)
