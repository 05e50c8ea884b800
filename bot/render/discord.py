"""Replies and briefings as Discord embeds (plain dicts, ``discord.Embed.from_dict`` reads them), within
Discord's limits, which discord.py does not enforce: title 256, description 4,096, 25 fields of 256/1,024,
footer 2,048, 6,000 characters across the embeds of one message, 10 embeds, content 2,000. Longer replies are
split into several messages. Article text and echoed input are escaped for markdown and mentions, so
``@everyone``, ``<@&123>`` and ``[text](url)`` in an article stay inert text.
"""

from __future__ import annotations

import re

from bot.render.limits import pack_lines
from bot.replies import Reply
from briefings.models import Briefing, Citation, CitedSentence

TITLE = 256
DESCRIPTION = 4096
FIELDS = 25
FIELD_NAME = 256
FIELD_VALUE = 1024
FOOTER = 2048
TOTAL = 6000
EMBEDS = 10
CONTENT = 2000
COLOUR = 0x2C3E50

_MARKDOWN = re.compile(r"([\\*_~`|>#\[\]()-])")
_MENTION = re.compile(r"@(everyone|here)|<(@[!&]?|#)(\d+)>")
_SAFE_URL = re.compile(r"^https?://[^\s<>()\[\]]+$")


def escape(text: str) -> str:
    """Markdown characters backslash-escaped; @everyone/@here and user, role and channel mentions broken with a
    zero-width space so they neither ping nor render."""
    text = _MARKDOWN.sub(r"\\\1", text)
    return _MENTION.sub(lambda m: "@\u200b" + m.group(1) if m.group(1) else f"<\u200b{m.group(2)}{m.group(3)}>", text)


def cut(text: str, limit: int) -> str:
    """At most ``limit`` characters, with an ellipsis, never ending in a lone escaping backslash."""
    if len(text) <= limit:
        return text
    text = text[: limit - 1]
    if text.endswith("\\") and not text.endswith("\\\\"):
        text = text[:-1]
    return text + "…"


def link(citation: Citation, label: str) -> str:
    """``[label](url)`` for a safe http(s) URL, else the escaped label."""
    text = escape(label)
    if citation.url and _SAFE_URL.match(citation.url):
        return f"[{text}]({citation.url})"
    return text


def _embed_size(embed: dict) -> int:
    size = len(embed.get("title", "")) + len(embed.get("description", ""))
    size += len(embed.get("footer", {}).get("text", ""))
    size += sum(len(f["name"]) + len(f["value"]) for f in embed.get("fields", []))
    return size


def _pack(embeds: list[dict]) -> list[dict]:
    """Messages of at most 10 embeds and 6,000 characters each."""
    messages: list[list[dict]] = [[]]
    size = 0
    for embed in embeds:
        grow = _embed_size(embed)
        if messages[-1] and (len(messages[-1]) >= EMBEDS or size + grow > TOTAL):
            messages.append([])
            size = 0
        messages[-1].append(embed)
        size += grow
    return [{"content": "", "embeds": m} for m in messages if m]


def _chunks(lines: list[str], limit: int) -> list[str]:
    return pack_lines(lines, limit, cut)


def _sources_field(citations: list[Citation], start: int = 1) -> list[str]:
    lines = []
    for n, c in enumerate(citations, start):
        meta = ", ".join(x for x in (c.source, c.published[:10]) if x)
        lines.append(f"[{n}] " + link(c, cut(c.title, 150)) + (f" ({escape(meta)})" if meta else ""))
    return lines


def render_reply(reply: Reply) -> list[dict]:
    """A command reply as one or more ``followup.send`` payloads: ``{"content", "embeds": [embed dicts]}``."""
    title = cut(escape(reply.title), TITLE)
    paragraphs = []
    for block in reply.blocks:
        text = escape(block.text)
        paragraphs.append(f"**{escape(block.heading)}**\n{text}" if block.heading else text)
    descriptions = _chunks("\n\n".join(paragraphs).split("\n"), DESCRIPTION)
    embeds = [
        {"title": title if i == 0 else cut(f"{title} (continued)", TITLE), "description": d, "color": COLOUR}
        for i, d in enumerate(descriptions or [""])
    ]
    if reply.citations:
        values = _chunks(_sources_field(list(reply.citations)), FIELD_VALUE)
        sources_title = cut(f"{title} (sources)", TITLE)
        current: dict = {"title": sources_title, "color": COLOUR, "fields": []}
        for value in values:
            field = {"name": "Sources", "value": value, "inline": False}
            full = len(current["fields"]) >= FIELDS
            if current["fields"] and (full or _embed_size(current) + len(value) + 7 > TOTAL):
                embeds.append(current)
                current = {"title": sources_title, "color": COLOUR, "fields": []}
            current["fields"].append(field)
        embeds.append(current)
    if reply.image is not None:
        embeds[0]["image"] = {"url": f"attachment://{reply.image.name}"}
    return _pack(embeds)


def _said(sentence: CitedSentence) -> str:
    return f"{escape(sentence.speaker)}: " if sentence.speaker else ""


def render_briefing(briefing: Briefing) -> list[dict]:
    """A scheduled briefing: one embed per story (headline linked, cited sentences), notes in a last embed."""
    embeds = []
    for item in briefing.items:
        head = ("Update: " if item.update else "") + item.headline
        lines = [
            f"• {_said(s)}{escape(s.text)} ({link(s.citation, s.citation.source or 'source')})" for s in item.sentences
        ]
        meta = f"{item.sources} source{'s' if item.sources != 1 else ''}"
        if item.actors:
            meta += " · " + ", ".join(item.actors[:5])
        title, footer = cut(escape(head), TITLE), cut(meta, 512)
        # One embed must also fit the 6,000 characters a whole message may carry.
        description = cut("\n".join(lines), min(DESCRIPTION, TOTAL - len(title) - len(footer)))
        embed = {"title": title, "description": description, "color": COLOUR, "footer": {"text": footer}}
        url = item.headline_citation.url
        if url and _SAFE_URL.match(url):
            embed["url"] = url
        embeds.append(embed)
    if briefing.notes or not embeds:
        notes = "\n".join(escape(n) for n in briefing.notes) or "Nothing to report."
        embeds.append({"title": "Notes", "description": cut(notes, DESCRIPTION), "color": COLOUR})
    messages = _pack(embeds)
    where = f" for {briefing.channel}" if briefing.channel else ""
    messages[0]["content"] = cut(f"Briefing{where}: {briefing.since[:16]} to {briefing.until[:16]} UTC", CONTENT)
    return messages
