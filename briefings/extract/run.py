"""Run extraction over article bodies in batches: spaCy ``nlp.pipe``, then actors and events per article.

The result is plain data (picklable), so it can be computed in a worker process and written by the main one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from briefings.extract.actors import extract_actors
from briefings.extract.events import extract_events, lexicon
from briefings.extract.gazetteer import gazetteer
from briefings.extract.model import load_model, resolve_model_name
from briefings.extract.profile import GENERAL
from briefings.extract.records import Extraction

BATCH = 32
MAX_CHARS = 30_000
"""Longer bodies (transcripts, digests) are read up to here: spaCy's memory grows with document length."""


def extract_texts(
    bodies: Iterable[tuple[str, date]], model: str | None = None, profile: str = GENERAL
) -> Iterator[Extraction]:
    """Extract from (body, publication date) pairs, in order, with ``nlp.pipe`` batches, with the data of
    ``profile``."""
    nlp = load_model(model, profile=profile)
    name = resolve_model_name(model)
    g = gazetteer(profile)
    lex = lexicon(profile)
    items = list(bodies)
    docs = nlp.pipe((body[:MAX_CHARS] for body, _ in items), batch_size=BATCH)
    for doc, (_, published) in zip(docs, items, strict=True):
        actors = extract_actors(doc, g)
        events = extract_events(doc, actors, published, lex)
        yield Extraction(actors.actors, actors.mentions, events, name, profile=profile)
