"""The fetcher refuses non-public addresses, re-checks redirects, caps sizes and times, checks content types."""

from __future__ import annotations

import gzip
import time

import pytest

from briefings.errors import BadContentType, BlockedAddress, FetchError, FetchTimeout, HTTPStatusError, ResponseTooLarge
from briefings.ingest.fetch import FEED_TYPES, Fetcher, FetchPolicy, refusal
from tests.conftest import LOCAL, RSS, Response


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "239.255.255.250",
        "255.255.255.255",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "2002:7f00:1::",
        "ff02::1",
        # IPv6 forms that carry a private IPv4 address: NAT64 (RFC 6052, RFC 8215), IPv4-compatible, SIIT
        "64:ff9b::a00:1",
        "64:ff9b::7f00:1",
        "64:ff9b::a9fe:a9fe",
        "64:ff9b:1::808:808",
        "::a00:1",
        "::ffff:0:a00:1",
    ],
)
def test_non_public_addresses_are_refused(address: str) -> None:
    assert refusal(address) is not None


@pytest.mark.parametrize(
    "address", ["93.184.216.34", "1.1.1.1", "2606:4700:4700::1111", "::ffff:1.1.1.1", "64:ff9b::101:101"]
)
def test_public_addresses_are_allowed(address: str) -> None:
    assert refusal(address) is None


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://localhost/",
        "http://2130706433/",
        "http://0177.0.0.1/",
        "http://127.1/",
        "http://0x7f.0.0.1/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[64:ff9b::7f00:1]/",
        "http://[::ffff:0:a9fe:a9fe]/",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/",
    ],
)
def test_numeric_and_named_loopback_forms_are_blocked_before_connecting(url: str) -> None:
    with Fetcher(FetchPolicy()) as fetcher, pytest.raises(BlockedAddress) as info:
        fetcher.get(url)
    assert str(info.value).startswith(url)


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.com/x", "gopher://x/", "http://user:pw@example.com/"]
)
def test_only_plain_http_and_https_urls_are_fetched(url: str) -> None:
    with Fetcher(FetchPolicy()) as fetcher, pytest.raises(BlockedAddress):
        fetcher.get(url)


def test_default_policy_refuses_a_local_server(server) -> None:
    server.routes["/feed"] = Response(body=RSS.encode(), headers={"Content-Type": "application/rss+xml"})
    with Fetcher(FetchPolicy()) as fetcher, pytest.raises(BlockedAddress):
        fetcher.get(server.url("/feed"))
    assert server.requests == []


def test_connects_to_the_address_it_checked() -> None:
    """DNS rebinding: the check at connect time sees the second answer and refuses it."""
    answers = [["93.184.216.34"], ["10.0.0.7"]]

    def resolver(host: str, port: int) -> list[str]:
        return answers.pop(0)

    with Fetcher(FetchPolicy(), resolver=resolver) as fetcher, pytest.raises(BlockedAddress) as info:
        fetcher.get("http://rebind.example/feed")
    assert "10.0.0.7" in str(info.value)


def test_fetches_from_an_allowed_network(server, fetcher) -> None:
    server.routes["/feed"] = Response(body=RSS.encode(), headers={"Content-Type": "application/rss+xml; charset=utf-8"})
    response = fetcher.get(server.url("/feed"), accept=FEED_TYPES)
    assert response.status == 200
    assert response.content == RSS.encode()
    assert response.content_type == "application/rss+xml"
    assert response.charset == "utf-8"


def test_redirect_to_a_blocked_address_is_refused(server, fetcher) -> None:
    server.routes["/start"] = Response(302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})
    with pytest.raises(BlockedAddress) as info:
        fetcher.get(server.url("/start"))
    assert "redirected to http://169.254.169.254" in str(info.value)
    assert str(info.value).startswith(server.url("/start"))


def test_redirect_to_another_loopback_address_is_refused(server, fetcher) -> None:
    server.routes["/start"] = Response(301, headers={"Location": f"http://127.0.0.2:{server.port}/feed"})
    with pytest.raises(BlockedAddress):
        fetcher.get(server.url("/start"))


def test_redirects_are_followed_up_to_five(server, fetcher) -> None:
    for hop in range(7):
        server.routes[f"/r{hop}"] = Response(302, headers={"Location": f"/r{hop + 1}"})
    server.routes["/r7"] = Response(body=b"<rss></rss>", headers={"Content-Type": "application/rss+xml"})
    server.routes["/r2-ok"] = Response(302, headers={"Location": "/r5"})
    assert fetcher.get(server.url("/r2-ok")).content == b"<rss></rss>"
    with pytest.raises(FetchError, match="too many redirects"):
        fetcher.get(server.url("/r0"))


def test_oversized_body_is_refused(server) -> None:
    server.routes["/big"] = Response(body=b"x" * 200_000, headers={"Content-Type": "text/xml"})
    policy = FetchPolicy(allow_networks=("127.0.0.1/32",), max_bytes=100_000)
    with Fetcher(policy) as fetcher, pytest.raises(ResponseTooLarge):
        fetcher.get(server.url("/big"))


def test_gzip_bomb_is_capped_on_the_decoded_size(server, fetcher) -> None:
    bomb = gzip.compress(b"\0" * 60_000_000, compresslevel=9)
    assert len(bomb) < 100_000
    server.routes["/bomb"] = Response(body=bomb, headers={"Content-Type": "text/xml", "Content-Encoding": "gzip"})
    with pytest.raises(ResponseTooLarge):
        fetcher.get(server.url("/bomb"))


def test_gzip_body_is_decoded(server, fetcher) -> None:
    server.routes["/gz"] = Response(
        body=gzip.compress(RSS.encode()), headers={"Content-Type": "text/xml", "Content-Encoding": "gzip"}
    )
    assert fetcher.get(server.url("/gz")).content == RSS.encode()


def test_content_type_outside_the_allow_list_is_refused(server, fetcher) -> None:
    server.routes["/img"] = Response(body=b"\x89PNG", headers={"Content-Type": "image/png"})
    with pytest.raises(BadContentType, match="image/png"):
        fetcher.get(server.url("/img"))


def test_error_status_is_reported(server, fetcher) -> None:
    with pytest.raises(HTTPStatusError, match="HTTP 404") as info:
        fetcher.get(server.url("/missing"))
    assert info.value.status == 404


def test_total_deadline_stops_a_slow_drip(server) -> None:
    def drip(request):
        handler = request.handler
        handler.send_response(200)
        handler.send_header("Content-Type", "text/xml")
        handler.end_headers()
        for _ in range(40):
            handler.wfile.write(b"<")
            handler.wfile.flush()
            time.sleep(0.1)

    server.routes["/slow"] = drip
    policy = FetchPolicy(allow_networks=("127.0.0.1/32",), total_timeout=1.0, read_timeout=1.0)
    started = time.monotonic()
    with Fetcher(policy) as fetcher, pytest.raises(FetchTimeout):
        fetcher.get(server.url("/slow"))
    assert time.monotonic() - started < 3.5


def test_total_deadline_covers_a_status_line_and_headers_sent_a_byte_at_a_time(server) -> None:
    def trickle(request):
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nX-Padding: " + b"a" * 100
        for byte in head:
            request.handler.wfile.write(bytes([byte]))
            request.handler.wfile.flush()
            time.sleep(0.1)

    server.routes["/trickle"] = trickle
    policy = FetchPolicy(allow_networks=("127.0.0.1/32",), total_timeout=1.0, read_timeout=1.0)
    started = time.monotonic()
    with Fetcher(policy) as fetcher, pytest.raises(FetchTimeout):
        fetcher.get(server.url("/trickle"))
    assert time.monotonic() - started < 3.5


def test_conditional_request_headers_are_sent(server) -> None:
    def conditional(request):
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(304)
        return Response(body=RSS.encode(), headers={"Content-Type": "application/rss+xml", "ETag": '"v1"'})

    server.routes["/feed"] = conditional
    with Fetcher(LOCAL) as fetcher:
        first = fetcher.get(server.url("/feed"))
        assert first.etag == '"v1"' and not first.not_modified
        second = fetcher.get(server.url("/feed"), etag=first.etag)
        assert second.not_modified
