"""Rewrite the README's configuration reference table from the settings table (``bot.config.SETTINGS``).

    python scripts/settings_reference.py

A test fails when the README and the settings table disagree; this makes them agree again.
"""

from __future__ import annotations

from pathlib import Path

from bot.config import settings_markdown

README = Path(__file__).resolve().parent.parent / "README.md"
HEADER = "| setting | type | default | what |"


def main() -> None:
    text = README.read_text(encoding="utf-8")
    start = text.index(HEADER)
    end = text.index("\n\n", start)
    README.write_text(text[:start] + settings_markdown() + text[end:], encoding="utf-8")


if __name__ == "__main__":
    main()
