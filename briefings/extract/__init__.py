"""Extraction: actors (people, organisations, places, groups, with aliases) and events, with their evidence.

    body ──model.py────▶ spaCy entities, corrected with the gazetteer (places relabelled, non-actors dropped)
         ──actors.py───▶ the article's actors: names, roles, aliases, mentions      (names.py: keys across spellings)
         ──events.py───▶ events: type, who, on whom, where, when (timeexpr.py), numbers
         ──resolve.py──▶ joined to the store's actors and written with the article

``run.py`` runs the model in batches (in a worker process on large ingests), ``backlog.py`` extracts stored
articles later. ``gazetteer.py`` and ``profile.py`` hold what extraction knows: ``data/`` (true of news anywhere)
and a region pack from ``profiles/`` chosen in the configuration.
"""
