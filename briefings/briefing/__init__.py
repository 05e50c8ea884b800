"""Briefings: a window's stories selected, ranked, summarised in verbatim cited sentences, verified and recorded
(``build.build_briefing``)."""
