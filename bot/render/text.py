"""Briefings as readable Markdown for the terminal, the console channel and files."""

from __future__ import annotations

from bot.replies import Citations, Reply
from briefings.models import Briefing, Citation


def _when(stamp: str) -> str:
    return stamp[:16].replace("T", " ")


SHORT_TITLE = 60
"""Characters of a title in a briefing's source list: the outlet and link identify it; the headline is above."""


def _cite(citation: Citation, title_chars: int | None = None) -> str:
    title = citation.title
    if title_chars is not None and len(title) > title_chars:
        title = title[: title_chars - 1].rstrip() + "…"
    parts = [citation.source or "unknown outlet", citation.published[:10]]
    if citation.url:
        parts.append(citation.url)
    return f"{title} ({', '.join(parts)}) [#{citation.article_id}]"


def render_briefing(briefing: Briefing) -> str:
    """Markdown: a heading with the window, one numbered item per story, sentences with numbered citations."""
    where = f" for {briefing.channel}" if briefing.channel else ""
    lines = [f"# Briefing{where}: {_when(briefing.since)} to {_when(briefing.until)} UTC"]
    if briefing.dry_run:
        lines.append("_(dry run: nothing recorded)_")
    lines.append("")
    cite = Citations()
    for number, item in enumerate(briefing.items, 1):
        label = "Update: " if item.update else ""
        sources = f"{item.sources} source{'s' if item.sources != 1 else ''}"
        lines.append(f"{number}. **{label}{item.headline}** {cite(item.headline_citation)} ({sources})")
        for sentence in item.sentences:
            said = f"{sentence.speaker}: " if sentence.speaker else ""
            lines.append(f"   - {said}{sentence.text} {cite(sentence.citation)}")
        if item.actors:
            lines.append(f"   Actors: {', '.join(item.actors)}")
        if item.sources > 1:
            lines.append(f"   Outlets: {', '.join(item.outlets)}")
        lines.append("")
    if cite.order:
        lines.append("Sources:")
        lines.extend(f"[{n}] {_cite(c, SHORT_TITLE)}" for n, c in enumerate(cite.order, 1))
        lines.append("")
    for note in briefing.notes:
        lines.append(f"Note: {note}")
    return "\n".join(lines).rstrip() + "\n"


def render_reply(reply: Reply, *, chart_path: str | None = None) -> str:
    """A reply as plain text with Markdown emphasis: title, blocks, numbered sources (a briefing as a briefing).

    ``chart_path`` names the file the reply's chart was saved to."""
    if reply.briefing is not None:
        return render_briefing(reply.briefing)
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
    if reply.image is not None and chart_path:
        lines.append(f"Chart: {chart_path}")
    return "\n".join(lines).rstrip() + "\n"
