"""Renderers: platform-neutral replies and briefings to each platform's format (its limits live here)."""
