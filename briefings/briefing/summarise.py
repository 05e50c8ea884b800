"""Extractive story summaries: the sentences of stored articles that best cover a story, without repeats.

A sentence with no name, no event and no number is left out while others have one. Every sentence is scored by
how central it is to the story (cosine with the centroid of the story's text), how close it is to the headlines,
how early it sits in its article (news puts the development first) and whether it reports an event; background
sentences (anniversaries, history) are never chosen. The first sentence of one article's summary leans harder on
its headline (``SummaryWeights.lead_headline``): that is the development the item announces. Sentences are then
picked greedily with a redundancy penalty (maximal marginal relevance); a caller can keep an item to one
development and pass over fragments.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from briefings.text.attribution import (
    about_own_coverage,
    addresses_someone,
    closes_earlier_quote,
    has_open_quote,
    inside_quotations,
    invites_the_reader,
    is_attribution_only,
    needs_speaker,
)
from briefings.text.sentences import (
    MAX_CHARS,
    Sentence,
    background_only_by_time,
    dated_no_earlier,
    earlier_times,
    has_number,
    is_background,
    is_quotable,
    names_something,
    split_sentences,
    stands_alone,
)
from briefings.text.similarity import TfIdf, centroid, cosine, terms

MAX_SENTENCES_PER_ARTICLE = 30
MAX_QUOTE_CHARS = 600
"""A quotation running over several sentences is quoted whole up to this length."""
QUIET_TYPES = frozenset({"statement", "other"})
"""Event types that do not make a sentence count as reporting an event (everything is said by someone)."""


@dataclass(frozen=True)
class SummaryWeights:
    """How a sentence's score is made; ``bench.summaries`` measures the effect of changing them."""

    centrality: float = 0.35
    """Cosine with the centroid of every candidate sentence of the story: what the articles agree on."""
    headline: float = 0.45
    """Cosine with the centroid of the story's headlines: editors put the news in the headline."""
    position: float = 0.35
    """Times 1/sqrt(1 + index in the article): news writing puts the development first."""
    event: float = 0.1
    """Added when the sentence reports an event other than a statement."""
    lead_headline: float = 1.6
    """The headline weight for the first sentence of a one-article summary, with ``lead_position`` for its
    position: the lead reports what the headline announces, the sentences after it add to it (with the weights
    above). Chosen on the Kremlin's one-line summaries of its first 300 releases (``bench.summaries``): ROUGE-1/2/L
    21.86/6.88/17.40 with the weights above → 24.21/8.55/19.18 (Lead-1 23.80/7.64/18.34); on the 436 releases after
    them, not used to choose, 20.89/5.67/15.91 → 23.08/7.28/17.32 (Lead-1 22.50/6.42/17.21). Over several
    articles the headlines' centroid is what they share ("NATO", "President"), and weighting it this much put
    generic sentences and another development first in the briefings read (``bench.editorial``), so a story of
    several articles keeps the weights above."""
    lead_position: float = 0.2
    speech_event: float = 0.3
    """Added besides ``event`` in a one-article story told mostly in its speaker's voice (more than half its
    candidate sentences need their speaker named: an address, a transcript): a speech's headline quotes its
    rhetoric, and what makes one of its sentences news is a development it reports ("I held talks in Kyiv with the
    foreign ministers of Germany and the Netherlands." over "The Armed Forces of our state provided us all with
    good news"). On the editorial dev windows it changes 5 items of 300 (three lead with such a report instead of
    rhetoric or a speaker's aside, two reorder); the Kremlin one-line summaries are unchanged (23.94 / 8.51 /
    18.95); without the headline's weight for such stories ROUGE-1 fell to 23.63, below Lead-1."""
    redundancy: float = 0.5
    """A sentence this similar (cosine) to one already chosen or already sent is left out."""
    mmr_lambda: float = 0.7
    """Maximal marginal relevance: the share of a pick's value that is its score (the rest penalises overlap)."""


WEIGHTS = SummaryWeights()


class EventSpan(Protocol):
    """Where an event's evidence sentence sits in the article, and what kind of event it is."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def type(self) -> str: ...
    @property
    def background(self) -> bool: ...


@dataclass
class SummaryDoc:
    """An article as summarisation sees it."""

    article_id: int
    title: str
    body: str
    events: Sequence[EventSpan] = field(default_factory=tuple)
    outlet: str | None = None
    """The source's name: a sentence about its own coverage ("CNN's Matt Egan reports") is no news."""
    published: date | None = None
    """The day it was published: "in <its year>", "in <its month or the one before>" or "on <a day of the week
    before it>" in a sentence is no history (``dated_no_earlier``)."""


@dataclass(frozen=True)
class Pick:
    article_id: int
    sentence: Sentence
    score: float


@dataclass
class _Candidate:
    article_id: int
    sentence: Sentence
    vector: dict[str, float]
    position: float
    event: bool
    content: bool = True
    aside: bool = False
    """Its only background cues are past-time adverbials: ``dated_aside`` decides when it is about to be chosen."""
    published: date | None = None
    score: float = 0.0
    lead_score: float = 0.0


def candidates(doc: SummaryDoc, split: Sequence[Sentence] | None = None) -> list[tuple[Sentence, bool | None, bool]]:
    """The quotable sentences of an article with (is background, reports an event). A sentence whose quotation
    goes on into the next ones is extended to the closing mark (at most ``MAX_QUOTE_CHARS``) or left out. Background
    is None when its only cues are past-time adverbials: a parse decides whether they date the news or only a
    subordinate clause ("after previously being opposed"), which ``summarise`` asks only of a sentence it is about to
    choose. ``split``: the body's sentences, when the caller has split it already."""
    out = []
    sentences = list(split if split is not None else split_sentences(doc.body))[:MAX_SENTENCES_PER_ARTICLE]
    for n, sentence in enumerate(sentences):
        text = sentence.text
        if has_open_quote(text) and len(text) > MAX_CHARS and not closes_earlier_quote(text):
            # too long with the words that introduce it ('The message reads, in part:"…'): the quotation's first
            # sentence, if it is one (checked for quoting there)
            whole = _opening_of_quote(sentence)
            if whole is None:
                continue
            sentence = whole
        else:
            if not is_quotable(text) or is_attribution_only(text) or not stands_alone(text):
                continue  # furniture; "This was stated by ..."; a greeting or a sentence leaning on the one before
            if closes_earlier_quote(text):
                continue  # the end of a quotation, without its start
            if has_open_quote(text):
                whole = _to_closing_mark(doc.body, sentences, n) or _opening_of_quote(sentence)
                if whole is None:
                    continue  # half a quotation is not quoted
                sentence = whole
        overlapping = [e for e in doc.events if e.start < sentence.end and e.end > sentence.start]
        background: bool | None = any(e.background for e in overlapping)
        if not background and is_background(sentence.text):
            background = None if background_only_by_time(sentence.text) else True
            if background is None and doc.published is not None and dated_no_earlier(sentence.text, doc.published):
                background = False  # "in 2022" in a report of 2022: its own year
        if background is False and doc.published is not None and earlier_times(sentence.text, doc.published):
            background = None  # "on June 27" in a report of 8 July: the parse tells whether it dates the news
        event = any(not e.background and e.type not in QUIET_TYPES for e in overlapping)
        out.append((sentence, background, event))
    return out


def quoted_inside(body: str, sentences: Sequence[Sentence]) -> set[int]:
    """Where the ``sentences`` (the body split) inside a quotation start (``inside_quotations``) in an article that
    tells in its own words: quoted alone, their quotation marks are lost and the speaker's words read as the
    outlet's ("From 7 am, Donetsk Airport will temporarily suspend flights.", a notice of 2014 quoted in an address),
    so they are used only when nothing else is left. An article most of whose sentences are inside one is a text
    published whole (a message, 'The message reads, in part: "…'; a speech), whose speaker the item names: none is
    set apart (the Kremlin's one-line summaries measure it: ROUGE-1 23.99 with no sentence set apart, 21.20 with
    every such one left out, 23.82 with them used last, 23.94 with this; Lead-1 23.80)."""
    inside = inside_quotations(body, sentences)
    if 2 * len(inside) > len(sentences):
        return set()
    return {sentences[n].start for n in inside}


MIN_HEADLINE_WORDS = 4
"""Shortest sentence ``repeats_a_headline`` compares: fewer words are found inside many headlines by chance."""


def _plain(text: str) -> str:
    """Lower-case words joined by single spaces, with a space either side: what two renderings of a title share."""
    return " " + " ".join(re.findall(r"[^\W_]+", text.lower())) + " "


def repeats_a_headline(text: str, plain_headlines: Sequence[str]) -> bool:
    """True for a sentence that is one of the headlines, or a run of one's words: given the headlines of the story's
    other articles, a link to one of them ("At a glance: what we know on day 268 of the invasion" on a live page,
    the headline of the "Russia-Ukraine war at a glance: what we know on day 268 of the invasion" article), page
    furniture. (Its own title, a feed item's description may well repeat: that is the item's news, often the newest
    development, and stays.) ``plain_headlines`` are ``_plain`` forms."""
    plain = _plain(text)
    return plain.count(" ") - 1 >= MIN_HEADLINE_WORDS and any(plain in h for h in plain_headlines)


def _opening_of_quote(sentence: Sentence) -> Sentence | None:
    """The first sentence of a quotation too long to quote whole, without the words that introduce it: from
    'The message reads, in part: "I offer you my heartfelt greetings … umma.' the sentence 'I offer you my heartfelt
    greetings … umma.', whole and verbatim, with no quotation mark left open (a first-person sentence is then shown
    after the name of who published it). Only a quotation the sentence opens after a colon or comma, or at its
    start, and only when the quoted words are a sentence: a capital first, a full stop, question or exclamation
    mark last."""
    text = sentence.text
    marks = [i for i in (text.find('"'), text.find("“"), text.find("«")) if i >= 0]
    if not marks:
        return None
    mark = min(marks)
    frame = text[:mark].rstrip()
    inner = text[mark + 1 :].strip()
    if frame and not frame.endswith((":", ",")):
        return None
    if not inner[:1].isupper() or not inner.endswith((".", "!", "?")) or has_open_quote(inner):
        return None
    if not is_quotable(inner) or not stands_alone(inner):
        return None
    start = sentence.start + text.index(inner, mark)
    return Sentence(start, start + len(inner), inner, sentence.index)


def _to_closing_mark(body: str, sentences: Sequence[Sentence], n: int) -> Sentence | None:
    """Sentence ``n`` with the sentences after it up to the one that closes its quotation, or None."""
    first = sentences[n]
    for last in sentences[n + 1 :]:
        if last.end - first.start > MAX_QUOTE_CHARS:
            return None
        text = body[first.start : last.end]
        if not has_open_quote(text):
            return Sentence(first.start, last.end, text, first.index)
    return None


def summarise(
    docs: Sequence[SummaryDoc],
    budget: int,
    *,
    avoid: Sequence[str] = (),
    headlines: Sequence[str] | None = None,
    weights: SummaryWeights = WEIGHTS,
    together: Callable[[int, int], bool] | None = None,
    fragment: Callable[[str], bool] | None = None,
    dated_aside: Callable[[str, date | None], bool] | None = None,
    told_before: Callable[[str], bool] | None = None,
) -> list[Pick]:
    """Up to ``budget`` sentences covering the story told by ``docs``, best first.

    ``avoid`` holds sentences the reader already has (a channel's earlier briefing): nothing close to them is
    chosen. ``headlines`` defaults to the titles of ``docs``. With ``together``, the sentences after the first come
    from its article or from articles ``together(first article, other article)`` accepts: an item reports the
    development its lead sentence (and headline) announces, not another one its story chained to it. With
    ``fragment``, a sentence it flags (not a clause that stands alone) is passed over when its turn comes: only the
    sentences about to be chosen are checked, so an expensive check (a parse) stays cheap. ``dated_aside`` is such a
    check too: a sentence whose only background cues are past-time adverbials is chosen when it says they all date
    a subordinate clause; without it, such a sentence is background. ``told_before`` flags a sentence that tells
    what came before the news (a main clause in the past perfect, ``extract.clauses.told_before``): it is used
    only when no other sentence is chosen."""
    heads = list(headlines if headlines is not None else [d.title for d in docs])
    titles = {d.article_id: _plain(d.title) for d in docs}
    pool: list[_Candidate] = []
    for doc in docs:
        others = [t for a, t in titles.items() if a != doc.article_id]
        split = split_sentences(doc.body)  # once: the quotations and the candidates read the same sentences
        quoted = quoted_inside(doc.body, split)
        for sentence, background, event in candidates(doc, split):
            if background or (background is None and dated_aside is None):
                continue
            content = (event or has_number(sentence.text) or names_something(sentence.text)) and not (
                sentence.start in quoted
                or about_own_coverage(sentence.text, doc.outlet)
                or addresses_someone(sentence.text)
                or invites_the_reader(sentence.text)
                or repeats_a_headline(sentence.text, others)
            )
            position = 1.0 / (1.0 + sentence.index) ** 0.5
            pool.append(
                _Candidate(
                    doc.article_id,
                    sentence,
                    {},
                    position,
                    event,
                    content,
                    aside=background is None,
                    published=doc.published,
                )
            )
    if any(c.content for c in pool):
        # Who, what, where or how many: a sentence with no name, no event and no number ("The event takes place
        # in a vis-a-vis format.", "Today it is worth remembering.", "Yes, it may be terrible.") says nothing alone;
        # nor does a sentence from inside a quotation (``quoted_inside``) while others are left.
        pool = [c for c in pool if c.content]
    if not pool or budget <= 0:
        return []
    speech = len(docs) == 1 and 2 * sum(needs_speaker(c.sentence.text) for c in pool) > len(pool)
    pool_terms = [terms(c.sentence.text) for c in pool]
    head_terms = [terms(h) for h in heads]
    model = TfIdf(pool_terms + head_terms)
    for c, c_terms in zip(pool, pool_terms, strict=True):
        c.vector = model.vector(c_terms)
    middle = centroid([c.vector for c in pool])
    head = centroid([model.vector(t) for t in head_terms])
    for c in pool:
        central, headline = cosine(c.vector, middle), cosine(c.vector, head)
        c.score = (
            weights.centrality * central
            + weights.headline * headline
            + weights.position * c.position
            + weights.event * c.event
        )
        if speech:
            c.score += weights.speech_event * c.event
        c.lead_score = c.score
        if len(heads) == 1:
            c.lead_score = (
                weights.centrality * central
                + weights.lead_headline * headline
                + weights.lead_position * c.position
                + (weights.event + (weights.speech_event if speech else 0.0)) * c.event
            )
    seen = [model.vector(terms(text)) for text in avoid]
    chosen: list[_Candidate] = []
    earlier: list[_Candidate] = []
    remaining = [c for c in pool if not any(cosine(c.vector, v) > weights.redundancy for v in seen)]
    while remaining and len(chosen) < budget:
        best, best_value = None, float("-inf")
        for c in remaining:
            overlap = max((cosine(c.vector, o.vector) for o in chosen), default=0.0)
            if overlap > weights.redundancy:
                continue
            value = weights.mmr_lambda * (c.score if chosen else c.lead_score) - (1 - weights.mmr_lambda) * overlap
            if value > best_value:
                best, best_value = c, value
        if best is None:
            break
        if (fragment is not None and fragment(best.sentence.text)) or (
            best.aside and dated_aside is not None and not dated_aside(best.sentence.text, best.published)
        ):
            remaining.remove(best)
            continue
        if told_before is not None and told_before(best.sentence.text):
            earlier.append(best)
            remaining.remove(best)
            continue
        chosen.append(best)
        remaining.remove(best)
        if together is not None and len(chosen) == 1:
            lead = best.article_id
            remaining = [c for c in remaining if c.article_id == lead or together(lead, c.article_id)]
    if not chosen and earlier:
        chosen.append(earlier[0])  # what came before the news, when the articles tell nothing else
    return [Pick(c.article_id, c.sentence, c.score) for c in chosen]
