"""The optional ``/healthz`` endpoint: process up, store reachable, last poll per source, last post per channel."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from datetime import UTC, datetime

from briefings.errors import StoreError
from briefings.queries.sources import source_health
from briefings.store import open_store


def health_report(database: str) -> tuple[int, dict]:
    """(HTTP status, body) from a fresh read-only look at the store."""
    try:
        with open_store(database, readonly=True) as store, store.errors_as_store_errors():
            store.articles.count()
            sources = {
                h.source: {"last_success": h.last_success, "last_error": h.last_error}
                for h in source_health(store, datetime.now(UTC))
            }
            channels = {
                name: {"last_post": sent, "last_status": status}
                for name, (sent, status) in store.slots.by_channel().items()
            }
    except StoreError as exc:
        return 503, {"status": "error", "store": f"unreachable: {exc}"}
    return 200, {"status": "ok", "store": "ok", "sources": sources, "channels": channels}


async def start_health_server(host: str, port: int, report: Callable[[], tuple[int, dict]]) -> asyncio.Server:
    """A minimal HTTP/1.1 server answering ``GET /healthz`` (404 for anything else)."""

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request = await asyncio.wait_for(reader.readline(), timeout=5)
            while (await asyncio.wait_for(reader.readline(), timeout=5)) not in (b"\r\n", b"\n", b""):
                pass
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
        except (TimeoutError, ConnectionError):
            pass
        finally:
            writer.close()

    return await asyncio.start_server(handle, host, port)
