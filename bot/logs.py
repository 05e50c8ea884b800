"""Logging setup: plain or JSON lines on stderr, with every secret redacted from every record.

The filter sits on the handler, so records from slack_sdk, discord.py and APScheduler pass through it too.
It replaces the configured secret values, anything shaped like a Slack or Discord token, and Slack response URLs
(plain or form-encoded), and cuts a record longer than ``MAX_MESSAGE`` characters. An exception attached to a
record becomes one line (its type and message); only Briefbot's own records keep their traceback, and only when
the log level is DEBUG."""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterable
from typing import TextIO

_TOKEN = re.compile(
    r"xox[abposr]-[\w-]+|xapp-[\w-]+|[MNO][\w-]{23,27}\.[\w-]{6}\.[\w-]{27,40}"
    r"|https?(?::|%3A)(?://|%2F%2F)hooks\.slack\.com[^\s\"'&]*"  # response_url: a capability, never logged
)
REDACTED = "[redacted]"
MAX_MESSAGE = 8_000
"""Characters kept of one log record (a traceback fits): a library that logs a request body whole cannot fill the
log with a megabyte of untrusted text."""


OWN_LOGGERS = frozenset(("bot", "briefings", "briefbot"))
"""Loggers whose tracebacks are kept at DEBUG (Briefbot's own bugs); a library's exception is always one line."""


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text.splitlines()[0]}" if text else type(exc).__name__


class SecretFilter(logging.Filter):
    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self.secrets = sorted({s for s in secrets if s and len(s) >= 6}, key=len, reverse=True)

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return _TOKEN.sub(REDACTED, text)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            if record.name.split(".")[0] in OWN_LOGGERS and logging.getLogger().isEnabledFor(logging.DEBUG):
                message += "\n" + logging.Formatter().formatException(record.exc_info)
            else:
                message += f" ({_one_line(record.exc_info[1])})"
        record.exc_info = None
        record.exc_text = None
        message = self.redact(message)
        if len(message) > MAX_MESSAGE:
            message = f"{message[:MAX_MESSAGE]}… [{len(message) - MAX_MESSAGE} more characters not logged]"
        record.msg = message
        record.args = ()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return json.dumps(
            {
                "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
                "level": record.levelname,
                "logger": record.name,
                "message": record.getMessage(),
            },
            ensure_ascii=False,
        )


def setup_logging(level: str, *, json_lines: bool, secrets: Iterable[str], stream: TextIO | None = None) -> None:
    """Replace the root logger's handlers with one that redacts ``secrets``."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.addFilter(SecretFilter(secrets))
    handler.setFormatter(
        JsonFormatter() if json_lines else logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
