"""Briefings: select the window's articles, group them into stories, rank, summarise, verify, record.

spec + store ──select──▶ articles in the window matching the filters                     briefing/select.py
             ──group───▶ by the story each article joined as it arrived            stories/online.py
             ──rank────▶ sources, recency, actor salience, event severity, novelty; actors and
                         events read only for the stories that can still lead          briefing/rank.py
             ──summarise▶ headline + 1–2 verbatim sentences each, new facts only for stories already sent,
                         one development per item, fragments passed over, the report of what
                         happened before its announcement                            briefing/summarise.py
                                                                                       extract/clauses.py
             ──show────▶ the story's actors whose names read as names              briefing/shown_actors.py
             ──verify──▶ every quoted sentence re-read from its cited article; a mismatch is dropped
             ──record──▶ per channel what was sent (not on a dry run)                  store/stories.py
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from briefings.briefing.rank import Story, ranked
from briefings.briefing.select import (
    MAX_CANDIDATES,
    Doc,
    SharedWork,
    filter_actors,
    read_window,
    with_details,
    with_leads,
)
from briefings.briefing.shown_actors import actor_names
from briefings.briefing.spec import BriefingSpec
from briefings.briefing.summarise import Pick, SummaryDoc, summarise
from briefings.extract.clauses import dated_aside, fragment_text, prospective_text, told_before_text
from briefings.extract.domain import sport_terms
from briefings.models import Briefing, BriefingItem, CitedSentence
from briefings.queries.sources import failing_sources
from briefings.store import Store
from briefings.store.stories import Sent
from briefings.stories.online import Arrival, article_vectors, assign_articles, similarity, text_terms
from briefings.text.attribution import needs_speaker
from briefings.text.dates import iso, parse_date
from briefings.text.similarity import STOP_WORDS, TfIdf, centroid, cosine, terms
from briefings.text.tolls import confirms, contradicts, stated

CENTRAL_ARTICLES = 300
"""Newest articles of a story among which its most representative are found."""
MAX_SUMMARY_ARTICLES = 8
"""Articles of a story its sentences are chosen from: the most representative first."""
SAME_DEVELOPMENT = 0.23
"""A sentence from another article of the story joins the item's lead sentence only when the two articles are
this similar (cosine of their headline-and-lead vectors, word rarity from the store, as story assignment weighs
them). Stories join through their centroids, so two articles of one story can report different developments
(two calls of one president on one day, two central banks' rate decisions); an item tells one. First set at 0.21
on 30 pairs of the editorial check's dev briefings, read and judged same or different development (10 of the 15
different pairs fell below, 3 of the 15 same). A second set, the 22 pairs those briefings still joined later
(2026-12-03), read the same way: all 8 different pairs had passed 0.21, 5 of them between 0.216 and 0.227 (a
meeting and a phone call of one president, a tweet and an energy plan of one prime minister); at 0.23 those 5 are
left out and 1 of the 14 same pairs (0.224), which then takes a sentence of its own article. A mixed item misleads;
a lost second source does not."""
SUPERSEDED = timedelta(hours=12)
"""A sentence from an article published this much before the item's lead article is not added to it: the lead
tells where the development stands, and an article half a day older tells a state it has replaced ("approaching
landfall" under "makes landfall"). Later articles may still add their sentences: later developments are an item's
bullets."""
FAILING_SHOWN = 5


def _outcome_first(
    picks: list[Pick], published: dict[int, datetime | None], prospective: Callable[[str], bool]
) -> list[Pick]:
    """An announcement gives way to the report of what happened: when the lead sentence says what is to happen
    (``prospective``: "Verdict due in MH17 trial", "Putin will meet Abbas on November 23") and a later article of
    the item reports without announcing ("Three men found guilty"), the latest such report leads; and no sentence
    announcing what is to happen is kept from an article published before the lead's (the lead has overtaken it,
    as ``SUPERSEDED`` says of any sentence half a day older)."""
    if not picks:
        return picks

    def when(pick: Pick) -> datetime | None:
        return published.get(pick.article_id)

    first = when(picks[0])
    if first is not None and prospective(picks[0].sentence.text):
        later = [
            (t, i) for i, p in enumerate(picks[1:], 1) if (t := when(p)) is not None and t > first
            and not prospective(p.sentence.text)
        ]  # fmt: skip
        if later:
            _, newest = max(later, key=lambda d: (d[0], -d[1]))
            picks = [picks[newest], *(p for i, p in enumerate(picks) if i != newest)]
    lead = when(picks[0])
    if lead is None:
        return picks
    return [picks[0], *(
        p for p in picks[1:]
        if (t := when(p)) is None or (lead - t <= SUPERSEDED and not (t < lead and prospective(p.sentence.text)))
    )]  # fmt: skip


def build_briefing(
    store: Store, spec: BriefingSpec, *, now: datetime, dry_run: bool = False, shared: SharedWork | None = None
) -> Briefing:
    """Build the briefing ``spec`` asks for; unless ``dry_run``, record story membership and what was sent. With
    ``shared``, briefings built together read a window once and make a story's item once (see ``SharedWork``)."""
    since = spec.since or (store.stories.last_until(spec.channel) if spec.channel else None)
    if since is None or since >= spec.until:
        since = spec.until - spec.window
    window = read_window(store, spec, since, shared)
    docs = window.docs
    stories = _stories(store, docs, since)
    sent = store.stories.sent(spec.channel, [s.id for s in stories]) if spec.channel else {}
    newest = max((d.published for d in docs), default="")

    def detail(batch: Sequence[Story]) -> None:
        with_details(store, [d for story in batch for d in story.members])

    items: list[BriefingItem] = []
    already_sent = dropped = 0
    for story in ranked(stories, newest, window.actor_articles, filter_actors(store, spec), spec.until, detail):
        if len(items) >= spec.max_items:
            break
        previous = sent.get(story.id)
        fresh = [d for d in story.members if previous is None or d.article_id not in previous.articles]
        if not fresh:
            already_sent += 1
            continue
        item, lost = _shared_item(store, story, fresh, previous, spec, shared)
        dropped += lost
        if item is None:
            already_sent += 1
            continue
        items.append(item)

    notes = list(spec.notes) + _notes(store, spec, since, items, already_sent, dropped)
    if len(docs) >= MAX_CANDIDATES:
        notes.append(f"The window holds more than {MAX_CANDIDATES:,} matching articles: only the newest were read.")
    briefing = Briefing(
        channel=spec.channel,
        since=iso(since),
        until=iso(spec.until),
        items=tuple(items),
        notes=tuple(notes),
        created_at=iso(now),
        dry_run=dry_run,
        candidates=len(docs),
    )
    if not dry_run and spec.channel:
        with store.write():
            store.stories.record(briefing, now)
    return briefing


def _stories(store: Store, docs: list[Doc], since: datetime) -> list[Story]:
    """The window's articles grouped by the stories they were assigned as they arrived; an article stored before
    stories were kept gets its story now (that is recorded even on a dry run: it is derived data)."""
    missing = [d.article_id for d in docs if d.story_id is None]
    if missing:
        with store.write():
            assigned = assign_articles(store, missing)
        for doc in docs:
            if doc.story_id is None:
                doc.story_id = assigned.get(doc.article_id, doc.article_id)
    grouped: dict[int, list[Doc]] = {}
    for doc in docs:
        grouped.setdefault(doc.article_id if doc.story_id is None else doc.story_id, []).append(doc)
    spans = store.stories.spans(list(grouped))
    start = iso(since)
    return [
        Story(story_id, members, known=story_id in spans and spans[story_id][0] < start)
        for story_id, members in grouped.items()
    ]


HEADLINE_AGREES = 0.1
"""A lead sentence this close (cosine of content terms) to its own article's headline is what that headline
announces; further apart, another headline of the item's articles at least ``HEADLINE_FITS`` close heads it."""
HEADLINE_FITS = 0.25
"""Set on the dev windows' items (all briefings of `bench.editorial`'s dev windows, 2026-12-05): of the ten items
whose lead is further than ``HEADLINE_AGREES`` from its own headline, the five whose best other headline reached
0.26-0.48 were as good or better headed by it ("Europe agrees to cap the price of Russian oil" over "EU set to
approve cap", "US and France are united against Russia's 'brutal war', Biden says" over "Hear what Biden said about
a potential meeting with Putin" above a sentence on Macron's visit); of the five at 0.10-0.21, three took the
headline of another speech, another central bank or an earlier report."""


_MESSAGE = re.compile(
    r"^(?:(?:birthday|new year|christmas|easter|eid al-adha|eid al-fitr|holiday|season's|seasons')\s+)?"
    r"(?:greetings|congratulations|condolences)\b|^message of (?:condolences|greetings|congratulations)\b"
    r"|^(?:video )?address on\b.*\b(?:day|anniversary|jubilee)\b",
    re.IGNORECASE,
)


def is_message(title: str) -> bool:
    """A headline that labels its article as a message of greetings, congratulations or condolences ("Greetings on
    Border Guards Day", "Birthday greetings to Ivan Dedov", "Condolences to President of Brazil Jair Bolsonaro"), as
    press services title them: an expressive act, whose text is the courtesy itself ("Russia shares the grief of
    those who lost ...", "a true patriarch of the Russian school of classical ballet, you are rightly enjoying ...")
    and whose news (who greeted whom, on what) is the headline. Such an item is told by its headline alone, and
    its sentences are not used beside another article of the story. 264 of the 1,796 press releases are so titled
    (a random 25 read, all messages); no headline of the BBC or feed stores. An address on a day or an anniversary
    ("Address on National Guard Day", "Address on KVN 60th anniversary") is such a message spoken: the 3 press
    releases so titled open by congratulating and go on in praise and history (an address to a forum's
    participants, which can announce policy, is not one)."""
    return _MESSAGE.match(title.strip()) is not None


_CAPITALISED = re.compile(r"[A-Z][\w'’-]*")
_SCORE = re.compile(r"(?<![\d.,-])\d{1,2}-\d{1,2}(?![\d.,-])")
"""A result ("0-0", "3-1"): a game's report."""
COMPETITION_SHARE = 0.5
"""A capitalised word in more than this share of a story's headlines (of at least ``COMPETITION_HEADLINES``) names
what they all report on, the competition ("World", "Cup"), not a side."""
COMPETITION_HEADLINES = 4
GAME_TERMS = 2
"""Different words of sports reporting in a headline and its lead that make it a game's report (a headline and a
lead are short: ``sport_report`` asks three in an article's first 200 words)."""


def _games(central: Sequence[Doc], ranked: Sequence[Doc]) -> dict[int, tuple[bool, set[str]]]:
    """The sides each game report of ``ranked`` names in its headline: its capitalised words but the competition's
    (those most of the story's headlines share). A game report (words of sports reporting, ``sport_terms``, or a
    result such as "3-1" in its headline or lead) tells one match; it and another article whose headline shares no
    side with it tell two, however alike the tournament makes their words ("Croatia 0-0 Belgium highlights",
    "Japan beat Spain and go through"): one item tells one of them. Each article: (a game report?, its sides)."""
    titles = [d.title for d in central]
    counts = Counter(w for t in titles for w in set(_CAPITALISED.findall(t)))
    common = (
        {w for w, n in counts.items() if n > COMPETITION_SHARE * len(titles)}
        if len(titles) >= COMPETITION_HEADLINES
        else set()
    )
    games = {}
    for d in ranked:
        text = f"{d.title} {d.lead}"
        sides = {w for w in _CAPITALISED.findall(d.title) if w not in common and w.lower() not in STOP_WORDS}
        if sides:
            games[d.article_id] = (bool(_SCORE.search(text)) or sport_terms(text) >= GAME_TERMS, sides)
    return games


_PAGE_TITLE = re.compile(r"^Your \w+ Briefing\.?$|\bat a glance: what we know on day \d+", re.IGNORECASE)


def names_a_page(title: str) -> bool:
    """A headline that names a recurring page, not a development: a newsletter's "Your Thursday Briefing", a live
    page's "Russia-Ukraine war at a glance: what we know on day 249 of the invasion". It announces nothing its
    sentences report, so another headline of the item heads it where one fits. 61 of the 12,857 headlines of the
    2023 feed and 60 of the 17,535 of the 2022 feed have this shape, all of those two daily pages."""
    return _PAGE_TITLE.search(title) is not None


_NUMBER_WORD = r"(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2})"
_EXPLAINER = re.compile(
    r"^(?:[^:]{1,80}:\s+)?(?:what|why|how|who|where|which|is|are|can|could|should|will|does|do|did)\b[^?]*\?$"
    rf"|^(?:[^:]{{1,80}}:\s+)?{_NUMBER_WORD}\s+(?:\w+\s+)?(?:things|challenges|questions|takeaways|ways|reasons"
    r"|lessons|charts|maps|moments|facts)\b"
    r"|\b(?:explained|explainer|what we know|what to know|what you need to know|what to expect|in maps|in charts"
    r"|in pictures|in numbers)\b",
    re.IGNORECASE,
)


def explains(title: str) -> bool:
    """A headline that announces an explanation, not a development: a question ("Why is Kim Jong-un upping the
    pressure?", "Nato's dilemma: what to do about Ukraine's bid to join?"), a numbered list ("Nato summit: Five
    challenges for the military alliance", "Five things to know"), "what we know", "explained", "in pictures". It
    heads an item only when no other headline of the item fits its lead, as a page's name does. 2,295 of the 2022
    feed's 54,926 headlines and 353 of the 2023 feed's 12,861 have this shape; the 46 read (23 of each) all
    explain, ask or list. "What to expect" previews (17 headlines of the editorial windows' feed items and 5 of the
    2023 feed that no other form took, all read: "What to expect from Friday's jobs report")."""
    return _EXPLAINER.search(title.strip()) is not None


def _headline_for(lead: str, own: Doc, docs: Sequence[Doc]) -> Doc:
    """The article whose headline heads an item that leads with ``lead`` (a sentence of ``own``): its own, unless
    that headline says something else, as a feed item's title may ("Hear what Biden said about a potential meeting
    with Putin" over "During Macron's visit, he and Biden talked about the war"), and another headline of the
    item's articles matches the lead better ("Macron's state visit to the US in pictures")."""
    fit = _headline_fits(lead, docs)
    announce_nothing = {d.article_id for d in (own, *docs) if names_a_page(d.title) or explains(d.title)}
    fit.update(dict.fromkeys(announce_nothing, 0.0))
    mine = fit.get(own.article_id, 0.0)
    best = max(docs, key=lambda d: (fit[d.article_id], d.article_id == own.article_id))
    if own.article_id in announce_nothing and fit[best.article_id] > 0:
        return best  # any headline sharing a word with the lead says more than a page's name or a question
    if mine < HEADLINE_AGREES and fit[best.article_id] >= HEADLINE_FITS:
        return best
    return own


def _headline_fits(lead: str, docs: Sequence[Doc]) -> dict[int, float]:
    """How close each article's headline is to ``lead``: cosine of content terms, word rarity among them."""
    titles = {d.article_id: terms(d.title) for d in docs}
    lead_terms = terms(lead)
    model = TfIdf([*titles.values(), lead_terms])
    vector = model.vector(lead_terms)
    return {d.article_id: cosine(vector, model.vector(titles[d.article_id])) for d in docs}


def _closest_headline(lead: str, docs: Sequence[Doc]) -> Doc:
    """The article of ``docs`` whose headline is closest to ``lead`` (the first on a tie)."""
    fit = _headline_fits(lead, docs)
    return max(docs, key=lambda d: fit[d.article_id])


def _central(store: Store, docs: Sequence[Doc]) -> list[Doc]:
    """Members ordered by how well their headline and lead represent the story, among its newest
    ``CENTRAL_ARTICLES`` (a week of a big story holds thousands; the item tells its latest developments)."""
    newest = with_leads(store, sorted(docs, key=lambda d: d.published, reverse=True)[:CENTRAL_ARTICLES])
    docs = [d for d in newest if d.head is not None]  # an article gone since the window was read is left out
    terms_of = [text_terms(d.title, d.lead) for d in docs]
    model = TfIdf(terms_of)
    vectors = [model.vector(t) for t in terms_of]
    middle = centroid(vectors)
    order = sorted(range(len(docs)), key=lambda i: (-cosine(vectors[i], middle), docs[i].published))
    return [docs[i] for i in order]


def _shared_item(
    store: Store, story: Story, fresh: list[Doc], previous: Sent | None, spec: BriefingSpec, shared: SharedWork | None
) -> tuple[BriefingItem | None, int]:
    """``_item``, made once for the briefings sharing ``shared`` that ask it of the same articles with the same
    history (channels sent the same of a story yesterday get the same update today)."""
    if shared is None:
        return _item(store, story, fresh, previous, spec)
    history = None if previous is None else tuple(previous.sentences)
    key = (story.id, tuple(d.article_id for d in story.members), tuple(d.article_id for d in fresh), history,
           spec.sentences)  # fmt: skip
    made = shared.items.get(key)
    if made is None:
        made = shared.items[key] = _item(store, story, fresh, previous, spec)
    item, lost = made
    # The item's score is the channel's own: its filters weigh the story's actors.
    return (replace(item, score=round(story.score, 4)) if item is not None else None), lost


def _item(
    store: Store, story: Story, fresh: list[Doc], previous: Sent | None, spec: BriefingSpec
) -> tuple[BriefingItem | None, int]:
    """A story's item: headline, verified sentences (new ones only for a story the channel has), and its facts;
    None when the channel already has everything it says. Also returns how many sentences failed verification."""
    central = _central(store, fresh)
    ranked = central[:MAX_SUMMARY_ARTICLES]
    if not ranked:
        return None, 0
    texts = store.articles.texts([d.article_id for d in ranked])
    published = {d.article_id: parse_date(d.published) for d in ranked}
    docs = [
        SummaryDoc(
            d.article_id,
            d.title,
            texts[d.article_id].body if d.article_id in texts else "",
            d.events,
            outlet=d.citation.source,
            published=moment.date() if (moment := published[d.article_id]) else None,
        )
        for d in ranked
        if not is_message(d.title)  # its headline says all its courtesies have to say
    ]
    vectors = article_vectors(store, [Arrival(d.article_id, d.published, d.title, d.lead, frozenset(d.actors))
                                      for d in ranked])  # fmt: skip

    games = _games(central, ranked)

    def together(lead: int, other: int) -> bool:
        lead_time, other_time = published[lead], published[other]
        if lead_time is not None and other_time is not None and lead_time - other_time > SUPERSEDED:
            return False  # "Hurricane approaching landfall" under "Hurricane makes landfall": what the lead replaced
        lead_game, other_game = games.get(lead), games.get(other)
        if lead_game and other_game and (lead_game[0] or other_game[0]) and not lead_game[1] & other_game[1]:
            return False  # "Croatia 0-0 Belgium" and "Japan beat Spain": two matches of one tournament
        return similarity(vectors[lead], vectors[other]) >= SAME_DEVELOPMENT

    picks = summarise(
        docs,
        spec.sentences,
        avoid=previous.sentences if previous else (),
        together=together,
        fragment=fragment_text,
        dated_aside=dated_aside,
        told_before=told_before_text,
    )
    if previous is not None and not picks:
        return None, 0  # sent before, and the new articles add no sentence the channel has not seen
    picks = _outcome_first(picks, published, prospective_text)
    by_id = {d.article_id: d for d in story.members}
    stored = store.articles.texts(sorted({p.article_id for p in picks}))
    sentences, dropped = [], 0
    for pick in picks:
        found = stored.get(pick.article_id)
        if found is None or found.body[pick.sentence.start : pick.sentence.end] != pick.sentence.text:
            dropped += 1
            continue
        citation = by_id[pick.article_id].citation
        speaker = (citation.source or "unknown outlet") if needs_speaker(pick.sentence.text) else None
        sentences.append(
            CitedSentence(pick.sentence.text, citation, pick.sentence.start, pick.sentence.end, speaker=speaker)
        )
    # The headline is the one of the article the first sentence comes from: the headline and the lead agree.
    lead = by_id[sentences[0].citation.article_id] if sentences else ranked[0]
    if sentences:
        lead = _headline_for(sentences[0].text, lead, ranked)
        told = stated(c.text for c in sentences)
        if contradicts(lead.title, told):
            # "Shooting kills nine" over "Seven people were killed": the headline of a report that agrees heads it
            agreeing = [d for d in ranked if not contradicts(d.title, told) and not names_a_page(d.title)]
            confirming = [d for d in agreeing if confirms(d.title, told)]  # "Seven dead after ...": the same toll
            if agreeing:
                lead = _closest_headline(sentences[0].text, confirming or agreeing)
    item = BriefingItem(
        story_id=story.id,
        headline=lead.title,
        headline_citation=lead.citation,
        update=previous is not None,
        sources=story.sources,
        outlets=story.outlets,
        articles=tuple(sorted(i for d in story.members for i in [d.article_id, *(c for c, _ in d.copies)])),
        actors=actor_names(store, story, [*(t.body for t in texts.values()), *(d.title for d in ranked)]),
        sentences=tuple(sentences),
        first_seen=min(d.published for d in story.members),
        score=round(story.score, 4),
    )
    return item, dropped


def _notes(
    store: Store, spec: BriefingSpec, since: datetime, items: list[BriefingItem], already_sent: int, dropped: int
) -> list[str]:
    notes = []
    stories = f"{already_sent} {'story' if already_sent == 1 else 'stories'}"
    if not items:
        line = f"Nothing new{spec.scope} since {iso(since)}"
        if already_sent:
            line += f" ({stories} already sent, no new facts)"
        notes.append(line + ".")
    elif already_sent:
        notes.append(f"{stories} already sent had no new facts.")
    if dropped:
        notes.append(f"{dropped} sentence(s) left out: not found verbatim in the cited article.")
    failing = failing_sources(store, spec.sources)
    if failing:
        shown = "; ".join(f"{name} ({reason})" for name, reason in failing[:FAILING_SHOWN])
        more = f" and {len(failing) - FAILING_SHOWN} more" if len(failing) > FAILING_SHOWN else ""
        notes.append(f"{len(failing)} {'source' if len(failing) == 1 else 'sources'} failing: {shown}{more}.")
    return notes
