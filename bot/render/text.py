"""Briefings as readable Markdown for the terminal, the console channel and files."""

from __future__ import annotations

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
