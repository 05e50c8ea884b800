"""Briefbot's domain, laid out as the data flows:

    ingest/     sources (files, feeds, pages) → clean articles, deduplicated          → store
    extract/    articles → actors, aliases, events (spaCy + general data + a profile)  → store
    store/      the only place with SQL: articles, actors and events, stories and briefings, slots, runs
    stories/    the articles of a window → stories (the same development across outlets)
    briefing/   a briefing's window → stories ranked, summarised, verified → Briefing
    answers/    a question → candidate sentences → the answer span, cited → Answer
    queries/    what commands look up: actors by any name, profiles, timelines, source health
    text/       small pure functions: cleaning, sentences, similarity, dates, URLs, fingerprints
    models.py   the records passed between them; errors.py the one error tree

This package is synchronous and never imports a chat SDK or the scheduler; ``bot`` builds on it.
"""

__version__ = "0.1.0"
