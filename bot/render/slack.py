"""Replies and briefings as Slack Block Kit messages, within Slack's limits, with untrusted text escaped.

Limits (slack_sdk 3.x): 50 blocks per message, 3,000 characters per section, 150 per header; messages over about
10,000 characters of blocks fail (``msg_blocks_too_long``), so long replies are split into several messages.
A citation link is never cut, and text is cut only between characters. Every piece of article text and echoed
input has ``&``, ``<`` and ``>`` escaped (and nothing else), which keeps ``<!channel>`` and ``<@U…>`` inert.
"""

from __future__ import annotations

import re

from bot.render.limits import pack_lines
from bot.replies import Reply
from briefings.models import Briefing, Citation

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_HEADER = 150
MAX_MESSAGE = 10_000
MAX_FALLBACK = 3000
_SAFE_URL = re.compile(r"^https?://[^\s<>|]+$")


def escape(text: str) -> str:
    """Slack's three control characters, and nothing else."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def cut(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut at a character boundary with an ellipsis; entities are not split."""
    if len(text) <= limit:
        return text
    cut_at = limit - 1
    amp = text.rfind("&", max(0, cut_at - 6), cut_at)
    if amp != -1 and ";" not in text[amp:cut_at]:
        cut_at = amp  # do not leave half of "&amp;"
    return text[:cut_at] + "…"


def link(citation: Citation, label: str) -> str:
    """``<url|label>`` for a safe http(s) URL, else the escaped label alone."""
    text = escape(label).replace("|", "¦")
    if citation.url and _SAFE_URL.match(citation.url):
        return f"<{citation.url}|{text}>"
    return text


def outlet(citation: Citation) -> str:
    """How a citation is shown beside a sentence: the outlet's name."""
    return citation.source or "source"


def _cite_line(n: int, c: Citation) -> str:
    meta = ", ".join(x for x in (c.source, c.published[:10]) if x)
    return f"[{n}] " + link(c, cut(c.title, 200)) + (f" ({escape(meta)})" if meta else "")


def _section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _context(text: str) -> dict:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text}]}


def _pieces(text: str, limit: int) -> list[str]:
    """Escaped text in section-sized pieces, split at line breaks."""
    return pack_lines(text.split("\n"), limit, cut)


def _size(block: dict) -> int:
    if block["type"] == "header":
        return len(block["text"]["text"])
    if block["type"] == "context":
        return sum(len(e.get("text", "")) for e in block["elements"])
    if block["type"] == "image":
        return len(block.get("alt_text", "")) + 100
    return len(block.get("text", {}).get("text", ""))


def _messages(title: str, blocks: list[dict]) -> list[dict]:
    """Pack blocks into messages under the block count and size limits; the header goes on the first."""
    header = {"type": "header", "text": {"type": "plain_text", "text": cut(title, MAX_HEADER), "emoji": False}}
    messages: list[list[dict]] = [[header]]
    size = _size(header)
    for block in blocks:
        if len(messages[-1]) >= MAX_BLOCKS or size + _size(block) > MAX_MESSAGE:
            messages.append([])
            size = 0
        messages[-1].append(block)
        size += _size(block)
    fallback = cut(title, MAX_FALLBACK)
    later = cut(f"{title} (continued)", MAX_FALLBACK)
    return [{"text": fallback if i == 0 else later, "blocks": m} for i, m in enumerate(messages)]


def render_reply(reply: Reply) -> list[dict]:
    """A command reply as one or more ``chat.postMessage``/``respond`` payloads (without channel)."""
    blocks: list[dict] = []
    for block in reply.blocks:
        text = escape(block.text)
        if block.heading:
            text = f"*{escape(block.heading)}*\n{text}"
        blocks.extend(_section(piece) for piece in _pieces(text, MAX_SECTION))
    if reply.citations:
        lines = [_cite_line(n, c) for n, c in enumerate(reply.citations, 1)]
        blocks.extend(_context(piece) for piece in _pieces("\n".join(lines), MAX_SECTION))
    return _messages(escape(reply.title), blocks)


def render_briefing(briefing: Briefing) -> list[dict]:
    """A scheduled briefing: a header, one section per story with its cited sentences, sources, notes."""
    title = "Briefing" + (f" for {briefing.channel}" if briefing.channel else "")
    blocks: list[dict] = []
    for item in briefing.items:
        head = ("Update: " if item.update else "") + (cut(item.headline, 300) or "(untitled)")
        lines = [f"*{link(item.headline_citation, head)}*"]
        for sentence in item.sentences:
            said = f"{escape(sentence.speaker)}: " if sentence.speaker else ""
            lines.append(f"• {said}{escape(sentence.text)} ({link(sentence.citation, outlet(sentence.citation))})")
        blocks.extend(_section(piece) for piece in _pieces("\n".join(lines), MAX_SECTION))
        meta = f"{item.sources} source{'s' if item.sources != 1 else ''}"
        if item.actors:
            meta += " · " + escape(", ".join(item.actors[:5]))
        blocks.append(_context(cut(meta, MAX_SECTION)))
    for note in briefing.notes:
        if note.strip():
            blocks.append(_context(cut(escape(note), MAX_SECTION)))
    if not blocks:
        blocks.append(_section("Nothing to report."))
    return _messages(title, blocks)
