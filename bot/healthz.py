"""The optional ``/healthz`` endpoint: process up, store readable, each configured source and channel by name.

Anyone who can reach the port reads the answer, so by default it holds no locations (paths, feed URLs, where a
credential could sit) and no error text: per configured name, whether it is fine and a few counts and times.
``[health] details = true`` adds each source's location and last error, for a port only operators reach.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from briefings.errors import StoreError
from briefings.queries.sources import of_location, source_health
from briefings.store import open_store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Watched:
    """A configured source as the health report sees it."""

    name: str
    location: str
    enabled: bool = True


def health_report(
    database: str, sources: Sequence[Watched] = (), channels: Sequence[str] | None = None, *, details: bool = False
) -> tuple[int, dict]:
    """(HTTP status, body) from a fresh read-only look at the store: the configured ``sources`` and ``channels``
    by name (``channels`` None: every channel the store has posted to)."""
    try:
        with open_store(database, readonly=True) as store, store.errors_as_store_errors():
            store.articles.count()
            rows = source_health(store, datetime.now(UTC))
            slots = store.slots.by_channel()
    except StoreError as exc:
        log.debug("health: the store cannot be read: %s", exc)
        body = {"status": "error", "store": "unreachable"}
        return 503, body | ({"reason": str(exc)} if details else {})
    report = {}
    for source in sources:
        matched = of_location(rows, source.location)
        latest = max(matched, key=lambda h: h.last_run) if matched else None
        entry: dict = {
            "enabled": source.enabled,
            "polled": latest is not None,
            "ok": latest is None or not latest.failing,
            "last_success": max((h.last_success for h in matched if h.last_success), default=None),
            "new_last_24h": sum(h.new_last_24h for h in matched),
        }
        if details:
            entry |= {"location": source.location, "last_error": latest.last_error if latest else None}
        report[source.name] = entry
    names = list(slots) if channels is None else channels
    posts = {
        name: dict(zip(("last_post", "last_status"), slots.get(name, (None, None)), strict=True)) for name in names
    }
    return 200, {"status": "ok", "store": "ok", "sources": report, "channels": posts}


HEAD_SECONDS = 5
"""Time a client has to send its request line and headers: a slow one does not hold a connection open."""


async def _head(reader: asyncio.StreamReader) -> bytes:
    """The request line, after reading (and ignoring) the headers up to the blank line."""
    request = await reader.readline()
    while (await reader.readline()) not in (b"\r\n", b"\n", b""):
        pass
    return request


async def start_health_server(host: str, port: int, report: Callable[[], tuple[int, dict]]) -> asyncio.Server:
    """A minimal HTTP/1.1 server answering ``GET /healthz`` (404 for anything else)."""

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request = await asyncio.wait_for(_head(reader), timeout=HEAD_SECONDS)
            parts = request.decode("latin-1").split()
            if len(parts) >= 2 and parts[0] == "GET" and parts[1].split("?")[0] == "/healthz":
                status, body = await asyncio.get_running_loop().run_in_executor(None, report)
            else:
                status, body = 404, {"error": "not found"}
            data = json.dumps(body).encode()
            reason = {200: "OK", 404: "Not Found", 503: "Service Unavailable"}[status]
            writer.write(
                f"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {len(data)}\r\n"
                "Connection: close\r\n\r\n".encode()
                + data
            )
            await writer.drain()
        except (TimeoutError, ConnectionError, ValueError):  # slow, gone, or a line past the reader's 64 KiB limit
            pass
        finally:
            writer.close()

    return await asyncio.start_server(handle, host, port)
