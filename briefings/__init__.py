"""Briefbot's domain: the article store, ingestion, extraction, briefings and answers.

This package is synchronous and never imports a chat SDK or the scheduler; ``bot`` builds on it.
"""

__version__ = "0.1.0"
