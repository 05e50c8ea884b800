"""Briefings as readable Markdown for the terminal, the console channel and files."""

from __future__ import annotations

from bot.replies import Block, Reply
from briefings.models import Briefing, Citation


def _when(stamp: str) -> str:
    return stamp[:16].replace("T", " ")


def _cite(citation: Citation) -> str:
    parts = [citation.source or "unknown outlet", citation.published[:10]]
    if citation.url:
        parts.append(citation.url)
    return f"{citation.title} ({', '.join(parts)}) [#{citation.article_id}]"


def render_briefing(briefing: Briefing) -> str:
    """Markdown: a heading with the window, one numbered item per story, sentences with numbered citations."""
    where = f" for {briefing.channel}" if briefing.channel else ""
    lines = [f"# Briefing{where}: {_when(briefing.since)} to {_when(briefing.until)} UTC"]
    if briefing.dry_run:
        lines.append("_(dry run: nothing recorded)_")
    lines.append("")
    references: dict[int, int] = {}
    cited: list[Citation] = []

    def ref(citation: Citation) -> int:
        if citation.article_id not in references:
            references[citation.article_id] = len(references) + 1
            cited.append(citation)
        return references[citation.article_id]

    for number, item in enumerate(briefing.items, 1):
        label = "Update: " if item.update else ""
        sources = f"{item.sources} source{'s' if item.sources != 1 else ''}"
        lines.append(f"{number}. **{label}{item.headline}** [{ref(item.headline_citation)}] ({sources})")
        for sentence in item.sentences:
            lines.append(f"   - {sentence.text} [{ref(sentence.citation)}]")
        if item.actors:
            lines.append(f"   Actors: {', '.join(item.actors)}")
        if item.sources > 1:
            lines.append(f"   Outlets: {', '.join(item.outlets)}")
        lines.append("")
    if cited:
        lines.append("Sources:")
        lines.extend(f"[{references[c.article_id]}] {_cite(c)}" for c in cited)
        lines.append("")
    for note in briefing.notes:
        lines.append(f"Note: {note}")
    return "\n".join(lines).rstrip() + "\n"


def briefing_blocks(briefing: Briefing) -> tuple[list[Block], list[Citation]]:
    """A briefing as reply blocks (one per story, then the notes) and the citations they number."""
    order: list[Citation] = []
    index: dict[int, int] = {}

    def ref(citation: Citation) -> str:
        if citation.article_id not in index:
            order.append(citation)
            index[citation.article_id] = len(order)
        return f"[{index[citation.article_id]}]"

    blocks = []
    for item in briefing.items:
        lines = [f"{s.text} {ref(s.citation)}" for s in item.sentences]
        meta = f"{item.sources} source{'s' if item.sources != 1 else ''}"
        if item.actors:
            meta += " · " + ", ".join(item.actors[:4])
        lines.append(meta)
        heading = ("Update: " if item.update else "") + item.headline + " " + ref(item.headline_citation)
        blocks.append(Block("\n".join(lines), heading=heading, cites=tuple(s.citation for s in item.sentences)))
    for note in briefing.notes:
        blocks.append(Block(note))
    return blocks, order


def render_reply(reply: Reply) -> str:
    """A reply as plain text with Markdown emphasis: title, blocks, numbered sources."""
    lines = [f"## {reply.title}", ""]
    for block in reply.blocks:
        if block.heading:
            lines.append(f"**{block.heading}**")
        lines.append(block.text)
        lines.append("")
    if reply.citations:
        lines.append("Sources:")
        lines.extend(f"[{n}] {_cite(c)}" for n, c in enumerate(reply.citations, 1))
        lines.append("")
    if reply.image is not None:
        lines.append(f"(chart: {reply.image.name}, {len(reply.image.data) // 1024} KB)")
    return "\n".join(lines).rstrip() + "\n"
