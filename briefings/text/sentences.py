"""Sentences of stored article text, with their offsets, and the cues that mark one as background.

A fast rule-based splitter (no model): briefings split hundreds of stored articles per request, and every
sentence they quote must be a verbatim slice of the stored text, which offsets guarantee.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MIN_CHARS = 30
MAX_CHARS = 400

_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen lt col maj capt sgt st jr sr rev gov sen rep pres no vs etc inc ltd co corp dept est"
    " jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e a.m p.m approx fig".split()
)
# A candidate end: . ! ? (optionally followed by closing quotes or brackets), then space, then an upper-case
# letter, a digit or an opening quote.
_END = re.compile(r"""[.!?]['"’”)\]]*(?=\s+['"‘“(\[]?[A-Z0-9])""")
_PARAGRAPH = re.compile(r"[^\n]+")
_WORD_BEFORE = re.compile(r"([\w.]+)$")

_SPAN_OF_DECADES = (
    r"(?:over|during|for|throughout) (?:the )?(?:(?:last|past|previous) )?"
    r"(?:(?:several|few|many|two|three|four|five|six|seven|eight|nine|ten|\d+) )?(?:decades|centuries)\b"
    r"(?! to come| after)"
)
SPAN_OF_DECADES = re.compile(_SPAN_OF_DECADES, re.IGNORECASE)
"""A span of decades or centuries up to now: on the main verb it sums up history ("cooperation has grown stronger
over the past decades", "our country has come a very long way over the last several decades"); "for decades to
come" and "for decades after" look ahead. Said of a person or a thing in the sentence ("a top ally of the leader for
decades", "Rivals for centuries, China and Russia now ...") it describes them, and the news stands beside it: the
parse decides (``extract.clauses.dated_aside``)."""
MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december",
)  # fmt: skip
_MONTH = "(?:" + "|".join(MONTHS) + ")"
_PAST_TIME_WORDS = (
    rf"(?:years?|decades?|months?) ago|in (?:{_MONTH} )?(?:19|20)\d\d\b"
    rf"|on (?:{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?,? |\d{{1,2}}(?:st|nd|rd|th)? {_MONTH},? )(?:19|20)\d\d\b"
    rf"|since (?:19|20)\d\d|last year|previously|earlier this year|{_SPAN_OF_DECADES}"
)
PAST_TIME = re.compile(rf"\b(?:{_PAST_TIME_WORDS})", re.IGNORECASE)
"""The time adverbials of ``_BACKGROUND``: they date the clause they stand in, which need not be the sentence's
main clause ("Biden will send tanks after previously being opposed"); the other cues (anniversaries, memorials)
say what the whole sentence is about. A year may follow its month ("in November 1961"): the month narrows the
year, it does not make it news (265 of the 82,177 first sentences of the press releases', 2023 feed's and BBC's
articles say so; of the 12 read, the 9 of a year before the article's are history, the rest of its year)."""
_YEAR = re.compile(r"(?:19|20)\d\d")
_DAY = re.compile(r"\b\d{1,2}(?!\d)")
RECENT_DAYS = 7
"""A date this many days before the article's, or later, is the news's own time ("on 27 March 2021" in a report of
1 April 2021); an earlier one dates history."""


def dated_no_earlier(text: str, published: date) -> bool:
    """True when every background cue of the sentence is a dated adverbial no earlier than the article's time,
    at the precision it gives: a year ("in 2022", "since 2022") of the article's year or later, a month ("in
    November 2021") of the article's month or the one before, a day ("on March 27, 2021") at most ``RECENT_DAYS``
    before the article's. A report of 2022 saying "in 2022" tells of its own year, not of history. Measured on
    the first twelve sentences of the press and 2023 feed stores' articles: 56 sentences so cued by a year (38
    press, 18 feed); of 12 read, all tell of their year or of plans ("17 more schools ... will be built in 2022 and
    2023", "Putin says he will run for re-election in 2024"). Months and days, on the first 30 sentences of the
    press releases and 2023 feed items: 66 sentences turn from news to the parse's check (``dated_aside``), which
    finds 44 history; of those 44 (all read) 36 are ("On October 5, 2021, the icebreaker entered the waters of the
    port of Odesa." in a report of 29 October; "On February 24, 2022, Russia invaded Ukraine" in 2023), 8 are news
    whose date the parse hangs on the main verb though it dates a noun ("noted the participation of ... in the
    inaugural summit of the Crimea Platform on August 23, 2021")."""
    cues = [m.group(0) for m in _BACKGROUND.finditer(text)]
    return bool(cues) and all(_no_earlier(cue, published) for cue in cues)


def _no_earlier(cue: str, published: date) -> bool:
    year = _YEAR.search(cue)
    if year is None:
        return False
    words = cue.lower().replace(",", " ").split()
    month = next((MONTHS.index(w) + 1 for w in words if w in MONTHS), None)
    day = _DAY.search(cue[: year.start()]) if month else None
    if month and day:
        try:
            return date(int(year.group(0)), month, int(day.group(0))) >= published - timedelta(days=RECENT_DAYS)
        except ValueError:
            return False  # no such day: no date
    if month:
        before = (published.year, published.month - 1) if published.month > 1 else (published.year - 1, 12)
        return (int(year.group(0)), month) >= before
    return int(year.group(0)) >= published.year


_YEARLESS_DAY = re.compile(
    rf"\bon (?:({_MONTH}) (\d{{1,2}})(?:st|nd|rd|th)?|(\d{{1,2}})(?:st|nd|rd|th)? ({_MONTH}))\b"
    r"(?![-–]\d|,? (?:19|20)\d\d)",
    re.IGNORECASE,
)
"""A day without its year ("on June 27", "on 8 July"): news writes it for the days around the article's, before or
after it (a range, "on January 20-21", and a day with its year are left to ``PAST_TIME``)."""


def earlier_times(text: str, published: date | None) -> list[re.Match[str]]:
    """The time adverbials of ``text`` that date a time before the article's news: the ``PAST_TIME`` cues that are
    not ``dated_no_earlier`` its day (all of them when the day is unknown), and the days without a year more than
    ``RECENT_DAYS`` before it, each read as the one of its date's nearest year ("on June 27" in a report of 8 July
    is that June's, a fortnight before; "on January 5" in one of 28 December the coming one). On the first 30
    sentences of the press releases' and July 2022 feed items' articles (32,148 sentences): 70 hold such a day, 44
    of them in the main clause (``extract.clauses.dated_aside`` reads that); of 25 of those read at random, 22 tell
    of an earlier time ("On March 9, Russian bombs were dropped on a children's hospital" in a release of 23 March,
    "It all started on February 24."), 3 the news ("commends the actions of his fellow agents on January 6":
    the date is the actions')."""
    cues = [m for m in PAST_TIME.finditer(text) if published is None or not _no_earlier(m.group(0), published)]
    if published is not None:
        cues += [m for m in _YEARLESS_DAY.finditer(text) if _day_of(m, published) < published - timedelta(RECENT_DAYS)]
    return sorted(cues, key=lambda m: m.start())


def _day_of(match: re.Match[str], published: date) -> date:
    month = MONTHS.index((match.group(1) or match.group(4)).lower()) + 1
    day = int(match.group(2) or match.group(3))
    days = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            days.append(date(year, month, day))
        except ValueError:
            continue  # no such day that year (February 29)
    return min(days, key=lambda d: abs((d - published).days), default=published)


# "Back then" points at a past time told before it ("Far from every flat had a TV set back then"): 8 sentences of the
# press releases, 2023 feed and BBC stores, 7 of them history (the other dates a clause inside: "the guidelines drawn
# up back then"); the parse of such sentences is too often wrong for ``PAST_TIME``'s check.
_BACKGROUND = re.compile(
    rf"\b({_PAST_TIME_WORDS}|anniversar(?:y|ies)|commemorat\w*|memorial|(?:years|decades) since|recalled|remembered"
    r"|history of|historically|was founded|back then)",
    re.IGNORECASE,
)
_BOILERPLATE = re.compile(
    r"^(read more|click here|sign up|subscribe|follow us|photo:|image:|video:|watch:|listen:|advertisement|share this"
    r"|good (morning|afternoon|evening)|thank you|dear |ladies and gentlemen|colleagues|friends,)"
    r"|(all rights reserved|cookie|newsletter)",
    re.IGNORECASE,
)
# A transcript's speaker label: "President of Russia Vladimir Putin: Good afternoon".
_SPEAKER = re.compile(r"^(?:[A-Z][\w.'’-]*\s+){0,8}(?:of\s+|the\s+)?(?:[A-Z][\w.'’-]*\s*){1,4}:\s")
# Transcript furniture inside a sentence: "* * *" separators, and a speaker label whose parts were glued when the
# page was flattened ("Kostin AndreiVTB Bank Chairman: Yes").
_INNER_FURNITURE = re.compile(
    r"\b[A-Z][a-z]+[A-Z]\w*(?:\s+[\w.'’()-]+){0,6}:\s"
    r"|[A-Z][\w'’-]+\s+[A-Z][\w'’-]+:\s+[A-Z]"  # "... President of Russia Vladimir Putin: Ladies and gentlemen"
    r"|[•●▪►]"  # a list bullet: feed descriptions list links to other stories' headlines ("• India joins ...")
    # a live page's title repeated in its description: "US midterm elections results 2022 – live", "… – as it
    # happened" (the Guardian's live pages: 10 titles of the 12,861 items of the 2023 feed, every one such a page)
    r"|\s[–—-]\s*(?:live|as it happened)\s*$"
)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    index: int
    """Position in the article: 0 is the lead."""


_TRAILING_OFF = re.compile(r"(?:\.\.\.|…)[\"'”’]?$")
"""A sentence ending in an ellipsis trails off or was cut: in 400 press releases and 3,000 feed descriptions 41
such sentences, every one of a sample of 10 unfinished."""
_DIGEST = re.compile(r";\s+\S.*[^\s.!?\"'”’)…]\s*$")
"""Headlines joined by semicolons, without a sentence's closing mark: a live page's or a newsletter's summary of
several developments ("Putin pours cold water on African leaders' calls for peace talks; Stoltenberg tipped to
remain as Nato secretary general") or a scoreline ("England 260 all out; West Indies 118 all out"), not one
development a bullet can report. On the first 30 sentences of the 2022 and 2023 feed, BBC and press stores'
articles (173,412 sentences, not the batch the rule was written from) 219 are so written; of 40 read at random,
29 join different developments, 6 are scorelines or line-ups, 5 tell one story in two clauses ("Moscow orders
troops to leave Kherson in humiliating retreat; Ukraine responds with caution")."""
_SEPARATOR = re.compile(r"\*\s?\*\s?\*")
"""A transcript's section break ("***", "* * *"): it ends a sentence even where no punctuation does."""


def _blocks(text: str) -> list[tuple[int, str]]:
    """Paragraphs (lines), themselves cut at section breaks, with their offsets."""
    out = []
    for paragraph in _PARAGRAPH.finditer(text):
        begin, last = paragraph.start(), paragraph.start()
        for separator in _SEPARATOR.finditer(paragraph.group()):
            out.append((last, text[last : begin + separator.start()]))
            last = begin + separator.end()
        out.append((last, text[last : paragraph.end()]))
    return out


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text``; each one's ``text`` equals ``text[start:end]``. Line breaks end sentences."""
    spans: list[tuple[int, int]] = []
    for begin, block in _blocks(text):
        last = 0
        for mark in _END.finditer(block):
            stop = mark.end()
            before = _WORD_BEFORE.search(block, max(0, mark.start() - 40), mark.start() + 1)
            if block[mark.start()] == "." and before and _is_abbreviation(before.group(1)):
                continue
            spans.append((begin + last, begin + stop))
            last = stop
        spans.append((begin + last, begin + len(block)))
    sentences: list[Sentence] = []
    for start, end in _list_items(text, spans):
        while start < end and text[start].isspace():
            start += 1
        kicker = KICKER.match(text, start, end)
        if kicker is not None:
            start = kicker.end()  # "THE DISCORD LEAKS | Russia's …": the label of a series or section, no sentence
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            sentences.append(Sentence(start, end, text[start:end], len(sentences)))
    return sentences


KICKER = re.compile(r"[^\W\d_][^|.!?:;\n]{0,58}?[ \t]+\|[ \t]+(?=\S)")
"""A kicker: a short label before a bar at a sentence's start ("THE DISCORD LEAKS | Russia's clandestine …",
"Immigration and asylum | Rishi Sunak faces …"), which a series' or a digest's items open with; the sentence starts
after it. Read in the 2023 feed (6 descriptions, one series) and the feed stores' digests (23 articles): all labels."""
_LIST_ITEM = re.compile(r"(?<=[:.!?])[ \t]+\(?\d{1,2}(?:\.\d{1,2})*[.)][ \t]+(?=[A-Z])")
"""A numbered list's marker after a colon or a sentence's end ("agreed as follows: 1.1. The parties agreed ...
1.2. The parties ...", "two facts: 1) If ..."): each item is a sentence of its own, without its number. Written
from a press release's joint statement; read in the press, BBC and two feed stores: of the 23 matches 22 number a
list or a speech's points, one is a profile's "Age: 25." (the sentence after it then stands alone); a clock time or
a result ("7:40.53.") has no space before its digits."""


def _list_items(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` with each cut before a list marker, the item starting after it."""
    out = []
    for start, end in spans:
        for marker in _LIST_ITEM.finditer(text, start, end):
            out.append((start, marker.start()))
            start = marker.end()
        out.append((start, end))
    return out


def _is_abbreviation(word: str) -> bool:
    word = word.rstrip(".").lower()
    if word in _ABBREVIATIONS:
        return True
    # Initials (J. Smith) and dotted abbreviations (U.S.).
    return (len(word) == 1 and word.isalpha()) or bool(re.fullmatch(r"(?:\w\.)+\w", word))


DATED_BY_A_DEMONSTRATIVE = frozenset(
    "morning afternoon evening night week weekend month year season summer winter spring autumn fall time day days"
    " weeks months years decade century term quarter session past coming next last year's week's month's christmas"
    " easter monday tuesday wednesday thursday friday saturday sunday".split()
)
"""Words after "this", "these" or "that" that date rather than point back ("This morning", "These days", "That
Monday"): the demonstrative there names a time, not something said before."""
# A sentence that opens with a connective or a personal pronoun leans on the one before it ("Instead, ...", "That
# is why ...", "He said that ...").
_LEANS_BACK = re.compile(
    r"^(?:(?:and|but|so|or|yet|instead|however|moreover|furthermore|therefore|thus|hence|also|again|besides|otherwise"
    # "Plus" adds to what was said before ("Plus, I have a good working relationship with ..."; a newsletter's
    # "Plus, the deadliest missile attack in months" teases another story): in the press, BBC and 2023 feed stores
    # 84 sentences open so; of 18 read (8 press, 2 BBC, 8 feed), all continue a list or a point or tease a story
    r"|plus"
    # the speaker saying what an earlier phrase meant ("Primarily, I am referring to the European gas market"):
    # 62 press sentences open so (none in the BBC or 2023 feed stores), the 6 read all clarify the one before
    r"|(?:\w+,\s+)?I(?: am|'m|’m) referring to"
    r"|first(?:ly)?|second(?:ly)?|third(?:ly)?|finally|then|in addition|that is why|this is why|that's why"
    r"|at the same time|in turn|as a result|because|in this regard|in this context|in this connection|to this end"
    r"|for this reason"
    # a connective of another thread ("Meanwhile, a Ukrainian drone has hit a building in Moscow", "Elsewhere,
    # Michael Smith advanced") sets its sentence beside a development told before it, one the reader of a bullet
    # does not have: in the 2022 and 2023 feed, BBC and press stores 216 of 173,412 first-30 sentences open so; of
    # 30 read at random, all turn to another development or another side of the one before
    r"|meanwhile|elsewhere|separately|in other news|in other developments"
    # a concessive connective ("Nonetheless, it is true that the prospect ... looks more remote than ever", "Even
    # so, the firm is predicting ...") grants what the sentence before said: 127 of the same 173,412 sentences
    # open so; of 30 read at random, all lean on the point before them ("Still" only before its comma: "Still on
    # the morning broadcast round, ..." continues a scene)
    r"|nonetheless|nevertheless|even so|still(?=,)|that said|having said that|all the same"
    # a stance adverb opening the sentence comments on what was said before ("Of course, we talked in detail about
    # ...", "Indeed, we have made substantial headway", "Naturally, we will do this if ..."): it concedes, confirms
    # or adds to a point the reader has not got; 224 press, 23 BBC and no 2023 feed sentences open so, the 24 read
    # all continue a point (three tell a fact, leaning on "the talks" or "this" before)
    r"|of course|naturally|indeed|obviously|certainly|clearly"
    # "such" before a noun points back as a demonstrative does ("One of such rockets killed three people", "Such
    # attacks come as ...", "Such a move would help ..."); "such is" inverts a clause whose "that" comes later
    # ("Such is the success of the novel that ...") and points forward; 55 sentences of the press, BBC and 2023
    # feed stores open so, the 30 read all lean back but that one
    r"|such\s+(?!(?:is|was|as)\b)"
    r"|(?:one|some|many|most|all|none|each|any|several|both|part|half)\s+of\s+such"
    # a third-person pronoun opening the sentence points at someone named before it ("He said that ...")
    r"|he|she|they|his|her|their|him|them"
    # a demonstrative pronoun as the subject points at what the sentences before said ("This could mean ...",
    # "That was 26% more than ..."): read on 30 of the 419 such sentences of the BBC and 2023 feed stores, 28 lean
    # on the sentence before (the 2 others are quotes); "This morning Russia ..." (a determiner) is not matched
    r"|(?:this|these|that|those)\s+(?:is|was|are|were|has|have|had|will|would|could|can|may|might|should|must"
    r"|means|meant|makes|made|comes|came|follows|followed|shows|showed|includes|included|marks|marked|remains"
    r"|became|becomes|seems|appears|allows|gives|led|leads|puts|raises))\b"
    # ... and so does "this", "these" or "that" before a common noun ("This letter serves as my answer to these
    # requests", "That success was revenge for ..."): read on 40 of the 391 sentences of the BBC and 2023 feed
    # stores opening with a demonstrative and a lower-case word, the 31 with this, these or that all lean back
    # ("those" is left: "Those who prefer ...", "Those charged included ..." are generic or say who); a time
    # ("This morning", "These days", "That same day" excepted: "same" points back) or a name ("This Morning")
    # does not lean back
    rf"|(?:this|these|that)\s+(?!(?:{'|'.join(sorted(DATED_BY_A_DEMONSTRATIVE))})\b)"
    r"(?-i:[a-z]))",
    re.IGNORECASE,
)
_ADDRESS = re.compile(r"^(?:you|your)\b", re.IGNORECASE)
"""Second person first: the speaker addressing the audience ("You were among the first to come to the aid of
Ukraine") or the generic "you" of talk ("You see it in bars"); read on 12 of the 139 such sentences of the BBC and
2023 feed stores: none reports a development."""
# Performatives of the speech situation: the speaker opening, greeting or thanking (expressives: "I am grateful to"),
# announcing a topic ("I want to tell you about", "Today, we will discuss") or an appeal whose content comes next
# ("Once again, I am appealing to the military"), not reporting.
_PERFORMATIVE = re.compile(
    r"^(?:(?:today|now|first|so|once again|again),?\s+)?(?:I|We)(?:'m|’m| am| are)?\s+"
    # a degree or focus adverb does not change the act ("I am also happy to", "We are very pleased")
    r"(?:(?:also|very|especially|particularly|truly|sincerely|really|most|deeply|once again|again)\s+)?"
    r"(?:would like to |want to |wish to |will be able to |will |must |have to |shall |are going to |am going to )?"
    r"(?:begin|start|open|address(?:ing)?|welcome|greet|thank|congratulate|express|delighted|pleased|glad|happy|honou?red"
    r"|grateful|thankful|tell you about|say a few words|speak about|talk about|discuss|appealing to)\b",
    re.IGNORECASE,
)


_SPEECH_SITUATION = re.compile(
    r"^(?:(?:today|now|so|once again|again),?\s+)?we(?:'re|’re| are| have)\s+(?:(?:once again|again|also|now)\s+)?"
    r"(?:meeting|gathered"
    r"|holding\s+(?:today\s+)?(?:a|an|the|our|this|today's)\s+(?:[\w-]+\s+){0,3}?(?:meeting|session|conference|forum))\b",
    re.IGNORECASE,
)
"""The chair naming the meeting the speech opens ("Today we are holding a joint meeting of the State Council", "We
are meeting on the eve of ...", "We have gathered here to ..."): the meeting is the item's headline, the sentence
adds nothing. Written from a press-release transcript; in the press store 9 sentences have this shape, all chairs
opening a meeting (reports say "met", which is not matched); the BBC and 2023 feed stores have none."""


_AGENDA = re.compile(
    r"^(?:today|now|at today's meeting|this time),?\s+(?:I|we)\s+"
    r"(?:will be able to|will|shall|are going to|would like to|want to|have to|must|are to|intend to|plan to)\s+"
    r"(?:also\s+|now\s+|first\s+)?"
    r"(?:review|consider|examine|look at|go over|go through|focus on|hear)\b",
    re.IGNORECASE,
)
"""The chair announcing the meeting's agenda ("Today, we will review a number of projects ...", "Today I would like
to hear your reports on ..."), as "Today we will discuss" (``_PERFORMATIVE``) does: the meeting is the headline.
In the press store 28 sentences open with such an agenda (with "discuss" and "talk about"), all chairs opening a
meeting; one in the BBC store (a coach: "Now we have to focus on Scotland"), none in the 2023 feed. "Will be able
to" is "will" with the modal of ability ("Today, we will be able to discuss bilateral relations ... in a calm
manner"): one press sentence, from a dev briefing, none in the BBC or 2023 feed stores."""
_ANNOUNCED_LIST = re.compile(
    r"^(?:(?:now|today|first|first of all|so|also|therefore|in this regard|as for [^,]{1,60}),?\s+)?(?:I|we)\s+"
    r"(?:(?:also|therefore|now|first)\s+)?"
    r"(?:would like to|want to|wish to|will|must|should|can|shall|have to|am going to|are going to)\s+"
    r"(?:(?:also|now|briefly|first)\s+)?"
    r"(?:highlight|outline|focus on|mention|note|point out|dwell on|touch upon|touch on|list|name|raise|emphasi[sz]e"
    r"|stress|single out|draw (?:your )?attention to)\s+"
    r"(?:a number of|several|some|a few|certain|the following|two|three|four|five|a couple of|a series of)\s+"
    r"(?:[\w-]+\s+){0,2}?"
    r"(?:tasks|issues|points|questions|matters|areas|things|priorities|topics|aspects|proposals|problems"
    r"|considerations|factors|goals|objectives|initiatives|projects|steps|measures|details|facts)\b",
    re.IGNORECASE,
)
"""The speaker announcing points to come, named only by their number ("As for the coming year, I would like to
highlight a number of tasks the Government and the Bank of Russia will need to ...", "I would like to draw your
attention to several important points."): what they are is in the sentences after it (cataphora), as with an
agenda. 5 press sentences, all such announcements; none in the BBC or either feed."""
_TURN_TAKING = re.compile(
    r"^(?:(?:now|so|and|next|then),?\s+)?(?:I|let me|allow me to)\s+(?:(?:would like to|will|now|shall|want to)\s+)*"
    r"(?:give|pass|hand|yield|turn)\s+(?:the floor|over)\b"
    r"|^(?:(?:now|so|and|first|today|first of all),?\s+)?(?:I|let me)\s+(?:would like to |want to |will |shall "
    r"|am going to )?(?:now\s+)?(?:ask|invite|call on)\b.{0,140}?\bto\s+(?:report|speak|begin|start|open"
    r"|say a few words|take the floor|brief|update|tell|present|share)\b",
    re.IGNORECASE,
)
"""The chair giving the floor ("I now give the floor to President of the Republic of Belarus ...", "I would like to
ask Ms Golikova to report on ..."): who speaks next in a transcript, no news. 16 sentences in the press store give
the floor, 8 ask someone to report, begin or share (one of them read in a dev briefing), all turn-taking; none in
the BBC or 2023 feed."""


_SEQUENCE = re.compile(r"^(?:afterwards\b|after (?:that|this),)", re.IGNORECASE)
"""An adverbial of sequence places the sentence after an event told before it ("After that, the Head of State
convened ...", "Afterwards, Dent said ..."); "After that race" (a determiner) is not matched. In the press store 25
sentences open so, in the BBC store 3, none in the 2023 feed; the 9 read all continue a narrative."""
_DISTAL_TIME = re.compile(
    r"^(?:(?:on|in|at|by|since|until|from|during|for|over|throughout)\s+)?(?:that|those)\s+(?:same\s+)?"
    r"(?:morning|afternoon|evening|night|week|weekend|month|year|season|summer|winter|spring|autumn|fall|time|day"
    r"|days|weeks|months|years|decade|century|period|moment|era)\b",
    re.IGNORECASE,
)
"""A time adverbial with a distal demonstrative opening the sentence ("On that day, apparently, no one foresaw
...", "At that time, the invaders did not say ...", "That night I spoke with world leaders."): "that" and "those"
before a time point back at a time named before (where "this morning" and "these days" point at the speaker's
now), which the sentence alone does not name. 14 sentences of the press releases, 2023 feed and BBC stores open
so; the 12 read all lean on a time told before them."""
_HABITUAL = re.compile(
    r"^(?:usually|normally|typically|traditionally|generally|as a rule|customarily)\b", re.IGNORECASE
)
"""An adverb of usual frequency or generality opening the sentence says what happens as a rule, not what happened
("Usually I address Ukrainians at this time ... every night", "Typically new versions of its browser appear with
...", "Generally, we should discuss improving ..."): a habit, a generic statement or a speaker's framing. 24
sentences of the press releases, 2023 feed and BBC stores open so; the 12 read report no development."""
_PURPOSE = re.compile(
    r"^(?:the|its|their|our)\s+(?:(?:main|primary|key|chief|ultimate)\s+)?(?:purpose|aim|goal|objective|mission|task)"
    r"\s+of\b[^.]*?\b(?:is|was|will be)\s+to\b",
    re.IGNORECASE,
)
"""A statement of purpose ("The purpose of the Eurasian Economic Forum ... is to further deepen economic
cooperation", "The main goal of this group is to analyze the sanctions"): what something is for, not what happened
to it. 17 sentences of the press releases, 2023 feed and BBC stores open so; all 17 read describe an aim (of a
forum, a campaign, sanctions, an attack as a speaker reads it), none a development."""
_CONVERSATIONAL = re.compile(
    r"^(?:well, |the same (?:can|could|is|was|applies|goes|happened|happens|holds)\b)", re.IGNORECASE
)
"""Talk that answers or compares with what was said before: "Well, ..." opening a reply ("Well, as always.",
"Well, Russia is trying to use gas now ...") and "The same" as the subject ("The same applies to RusHydro", "The
same can be said about Chornobaivka"). 90 press and 11 BBC sentences open so, none in the 2023 feed; the 20 read
all reply or compare."""
_CLEFT = re.compile(
    r"^it(?:'s|’s| is| was) (?:precisely |exactly |also )?(?:on|for|in|with|from|against|through|at|by|because of)"
    r" (?:this|these|those|that) (?!that\b)[a-z]",
    re.IGNORECASE,
)
"""A cleft that focuses a demonstrative phrase ("It is on this basis that I consider ...", "It is for this reason
that Russia is eager ..."): the phrase points at what was said before. 22 press sentences have this shape, 1 BBC,
none in the 2023 feed; the 12 read all point back."""
_DAY_COUNT = re.compile(
    r"^(?:the|another|one more) (?:[\w-]+ )?day of .{0,80}\b(?:is over|is coming to an end|has come to an end"
    r"|has ended|is ending|ends|is drawing to a close)",
    re.IGNORECASE,
)
"""An address closing the day by its count ("The 43rd day of full-scale war is over.", "The 63rd day of our defense
is coming to an end."): it dates the address and reports nothing. 17 press sentences, none in the BBC or 2023 feed
stores."""
_DISCOURSE_DEIXIS = re.compile(
    r"\b(?:discuss|discussing|discussed|discusses|continue|continuing|continued|continues|return|returning|returned"
    r"|revisit|revisiting|raise|raised|raising|address|addressed|addressing|consider|considered|considering"
    r"|work on|worked on|working on|deal with|dealt with|dealing with|talk about|talked about|talking about"
    r"|focus on|focused on|agreed on|agree on)\s+(?:to\s+|on\s+|about\s+)?"
    r"(?:this|these|that|those) (?:topic|topics|issue|issues|matter|matters|subject|discussion|conversation|question"
    r"|questions|theme|problem|problems)\b(?! of\b)",
    re.IGNORECASE,
)
"""A verb of discussing, taking up or continuing with a demonstrative noun of discourse as its object, anywhere in
the sentence ("agreed to continue discussing this topic", "We will continue this discussion at ...", "I will raise
this issue before the Government"): the noun names something said before, which the sentence alone does not say
(discourse deixis); "this issue of the magazine" names its own. 137 press, 4 BBC and no 2023-feed sentences have
one; the 10 press and 4 BBC read all lean on what came before. A first version took any such demonstrative noun
(577 press sentences) and lowered the Kremlin summaries' ROUGE-1 below Lead-1 (23.73 against 23.80): taking a
sentence out of an article's pool moves which one stands for it."""

_OCCASION = (
    r"(?:meeting|meetings|ceremony|talks|session|conference|videoconference|event|consultations|celebrations?"
    r"|discussion|summit|forum|briefing|negotiations|call|conversation)"
)
_ATTENDANCE = re.compile(
    r"^(?:(?:together with|along with)\b[^,]{1,80},\s+)?(?:the|this|today's)\s+(?:[\w'’-]+\s+){0,4}?"
    rf"{_OCCASION}\s+(?:was|were)\s+(?:also\s+)?attended\s+by\b"
    rf"|^(?:also\s+)?taking part in\s+(?:the|this|today's)\s+(?:[\w'’-]+\s+){{0,4}}?{_OCCASION}\b"
    rf"|\b(?:was|were)\s+also\s+invited\s+to\s+(?:attend|take part in|participate in|join)\s+(?:the|this)\s+"
    rf"(?:[\w'’-]+\s+){{0,4}}?{_OCCASION}\b",
    re.IGNORECASE,
)
"""Who was present at an occasion ("The meeting was attended by Prime Minister ...", "Taking part in the talks
were ...", "... were also invited to attend the meeting"): the protocol of a meeting, whose news is what it
discussed or decided. 102 of the press releases' 65,398 sentences have this shape (the Kremlin's and the
President's Office's meeting reports; the 4 read and the briefings' 2 all lists of who came); the BBC's 41,648 and
the 2022 and 2023 feeds' 105,820 and 16,484 have none (the BBC says "Also present at the service was ...", which
is not matched: who came to a funeral is its news)."""
_OBJECT_LEANS_BACK = re.compile(
    r"^(?:(?:today|yesterday|also|then|so|and),?\s+)?(?:I|we)\s+(?:(?:also|have|had|once again|again|personally)\s+)*"
    r"[a-z]+\s+(?:him|her|them)\b(?!\s*(?:self|selves))",
    re.IGNORECASE,
)
"""The speaker's act on "him", "her" or "them" right after its verb ("I thanked him for all the support that
Portugal ...", "I informed him about the situation in Mariupol", "We have suspended him as a member"): the person
is named in a sentence before. 66 press sentences, 14 of the BBC's, 46 of the 2022 feed's (quoted talk in
features) and 1 of the 2023 feed's open so; the 33 read all point back."""


_DEMONSTRATIVE_OBJECT = re.compile(
    r"\b(?:for|to|about|of|with|on|from|against|after|before|despite|like)\s+(?:this|that)(?=\s*[.,;!?]|\s+(?:during"
    r"|when|because|as|since|and|but|in|at|by|for|with|without|is|was|too|again|either|yet|already|so)\b)",
    re.IGNORECASE,
)
"""A demonstrative pronoun as the object of a preposition ("We, Ukrainians, are grateful for this.", "Probably
Russia has become accustomed to this during the years of autocratic rule.", "The Central Bank is working on
this"): it stands for what the sentences before said (discourse deixis), which the sentence alone does not say.
316 of the 82,177 first sentences of the press releases', 2023 feed's and BBC's articles have one; of 30 read, 28
lean on what came before (the others point inside their own sentence: "using all kinds of weapons for this")."""


_PRESENTS = re.compile(
    r"^(?:the\s+)?(?:[A-Z][\w.&'’-]*\s+){1,4}"
    r"(?:looks (?:back (?:at|on)|ahead to|at)|takes a (?:closer )?look (?:back )?at|examines|explores|reflects on"
    r"|rounds up|recaps)\s"
    r"|^(?:the\s+)?(?:[A-Z][\w.&'’-]*\s+){1,4}(?:"
    r"has (?:the latest|the details|more)(?: details| updates)?(?=\.|\s(?:on|about|from|in)\b)"
    r"|(?:explains|breaks down|details|discusses|analy[sz]es)"
    r" (?:how|what|why|whether|where|who|the (?:significance|importance|implications|stakes|meaning|details)\b))"
)
"""A presenter or an outlet, in the present tense, introducing what a page or a video goes on to show ("The BBC
looks back on the day that the prime minister resigned.", "CNN's Jake Tapper takes a look at ...", "Al Jazeera
examines Washington's moves ..."): a blurb that reports no development. In the feed items of the editorial windows
80 of 62,637 sentences open so, the 2023 feed 14 of 17,578, BBC News 3 of 41,648, the press releases none; the 40
read are all blurbs (a programme's, a video's, a feature's). "Looks to" (seeks) is not matched: "Ukraine looks to
Europe for help" reports. So does a reporter who "has more", "has the latest (details)" or "explains", "breaks down",
"details" or "discusses" an indirect question or a matter's significance ("NBC News’ Matt Bradley breaks down how
Russia is responding", "Allie Raffa details the significance of the meeting"): what is told is left to the video.
On the first 30 sentences of the 2022 and 2023 feed, BBC and press stores' articles (176,611 sentences, not the
batch the rule was written from): 180 opened so; of 60 read at random, 58 are such blurbs, one a feature's caption
("It explains why Switzerland's forward refrained from celebrating"), one a report ("The Pentagon has more than
$5 billion remaining": "has more" before "than" no longer matches, 175 left)."""


def stands_alone(text: str) -> bool:
    """True for a sentence a reader can take alone as news: not an exclamation (greetings, appeals, rhetoric end
    in "!"), not leaning on the sentence before (an opening connective or pronoun, an adverbial of sequence, a
    cleft on a demonstrative, a demonstrative noun of discourse), not the speaker opening, greeting or addressing
    the audience, not an address's count of the day."""
    stripped = text.strip().strip("\"'“”‘’«»")
    if stripped.endswith("!"):
        return False
    if _DISCOURSE_DEIXIS.search(stripped) or _ATTENDANCE.search(stripped) or _DEMONSTRATIVE_OBJECT.search(stripped):
        return False
    return not any(
        p.match(stripped)
        for p in (
            _LEANS_BACK, _PERFORMATIVE, _ADDRESS, _SPEECH_SITUATION, _AGENDA, _TURN_TAKING, _SEQUENCE,
            _CONVERSATIONAL, _CLEFT, _DAY_COUNT, _OBJECT_LEANS_BACK, _ANNOUNCED_LIST, _PRESENTS, _DISTAL_TIME,
            _HABITUAL, _PURPOSE,
        )
    )  # fmt: skip


_NUMBER = re.compile(
    r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|"
    r"thousand|million|billion|trillion|dozen|dozens|hundreds|thousands|millions|billions)\b",
    re.I,
)


def has_number(text: str) -> bool:
    """True when the text holds a number, in digits or in words."""
    return _NUMBER.search(text) is not None


_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def words(text: str) -> list[str]:
    """The words of a text: letters first, then letters, digits, apostrophes or hyphens ("Kyiv's", "post-war")."""
    return _WORD.findall(text)


def names_something(text: str) -> bool:
    """True when a word after the first is capitalised (not "I"): English capitalises names, of people, bodies,
    places, days and titles, and little else inside a sentence."""
    return any(w[0].isupper() and w != "I" for w in words(text)[1:])


def is_background(text: str) -> bool:
    """True for sentences about the past (anniversaries, history) rather than a new development."""
    return _BACKGROUND.search(text) is not None


def background_only_by_time(text: str) -> bool:
    """True when every background cue of the sentence is a time adverbial (``PAST_TIME``): a parse can tell whether
    it dates the main clause or only a subordinate one."""
    cues = [m.group(0) for m in _BACKGROUND.finditer(text)]
    return bool(cues) and all(PAST_TIME.fullmatch(cue) for cue in cues)


def is_quotable(text: str) -> bool:
    """True for sentences fit to quote in a briefing: prose of a sensible length, not page furniture."""
    if not MIN_CHARS <= len(text) <= MAX_CHARS:
        return False
    if _BOILERPLATE.search(text) or _SPEAKER.match(text) or _INNER_FURNITURE.search(text) or text.endswith(("?", ":")):
        return False
    if _TRAILING_OFF.search(text) or _DIGEST.search(text):
        return False  # "When a Russian ship demanded ..., they answered him...": unfinished, or cut; or a digest
    letters = sum(c.isalpha() for c in text)
    return letters >= 0.6 * len(text) and " " in text and not _is_heading(text)


_LOWER_WORDS = frozenset("a an and as at but by for from in into of on or the to with vs".split())


def _is_heading(text: str) -> bool:
    """A section heading: no closing punctuation and its words capitalised ("Repercussions of the Missile
    Strike"), as headings are written and sentences are not."""
    if text.rstrip().endswith((".", "!", "?", '"', "”", "’", "'", ")", "…")):
        return False
    content = [w for w in words(text) if w.lower() not in _LOWER_WORDS]
    return bool(content) and sum(w[0].isupper() for w in content) >= 0.8 * len(content)
