"""Who says a sentence: does it name its speaker, or does a reader need to be told who is talking?

Attribution in news (Pareti's PARC; Newell et al. 2018) has a source, a cue and a content: "the ministry (source)
said (cue) that ... (content)". A sentence quoted alone in a briefing keeps its attribution only when the cue and
its source are inside it. Two kinds lose it:

- first-person statements ("We will not allow ...", "I have signed ..."): the speaker is whoever published them;
- quotations or claims without a reporting cue ("“They are acting as terrorists act”"): the source was in an
  earlier sentence or is the outlet itself.

A sentence that is only an attribution ("This was stated by Adviser ... Podoliak.") points back at the sentence
before it and says nothing on its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefings.text.sentences import Sentence

_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|we|we're|we’re|we've|we’ve|our|ours|us|my|me)\b", re.IGNORECASE)
# The second person: a report does not address its reader, so "you" outside quotation marks is a speaker's address
# to someone ("Under your leadership, the republic achieved ..." from a message of congratulations).
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|yourself|yourselves)\b", re.IGNORECASE)
# Lower-case "us" only: "US" is the country.
_US_COUNTRY = re.compile(r"\bUS\b")
_QUOTE = re.compile(r"[\"“”«»]")
# Reporting cues (PARC's most frequent cue verbs and phrases); their subject names the speaker.
_CUE = re.compile(
    r"\b(?:said|says|say|told|tells|stated|states|announced|announces|declared|declares|added|adds|noted|notes"
    r"|wrote|writes|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|claimed|claims|warned|warns|insisted|insists"
    r"|argued|argues|according to|reported|reports|confirmed|confirms|denied|denies|accused|accuses|urged|urges"
    r"|called on|calls on|quoted|cited)\b",
    re.IGNORECASE,
)
_ATTRIBUTION_ONLY = re.compile(
    r"^(?:this|that|it|these|those|the (?:statement|message|remarks?|words?))\s+(?:was|were|is|are|has been|have been)"
    r"\s+(?:\w+ly\s+)?(?:stated|said|announced|reported|noted|emphasi[sz]ed|stressed|written|posted|declared"
    r"|published|voiced|expressed|told)\b",
    re.IGNORECASE,
)
# The same in the active voice: a verb of making or giving with "this statement" as its object ("The Head of State
# made this statement in an interview to The Washington Post."). The demonstrative points back at the utterance
# before it; what follows says only where or to whom it was made.
_STATEMENT_MADE = re.compile(
    r"^[^\"“”]*?\b(?:made|makes|gave|gives|delivered|voiced|expressed)\s+(?:this|these|that|those|such)\s+"
    r"(?:statements?|remarks?|comments?|assessments?|words)\b",
    re.IGNORECASE,
)


# A reporter's credit line closing a video or story description ("CNN's Clarissa Ward reports from Kyiv.", "NBC
# News' Guad Venegas has the latest."): who reports, and nothing of what. In the 2022 feed items' descriptions
# (89,664 sentences) it matches 444, every one of a sample of 25 a credit line.
_CREDIT_LINE = re.compile(
    r"^(?:(?:the\s+)?[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*['’]s?\s+)?(?:[A-Z][\w.'’-]+\s+){1,4}"
    r"(?:reports|reported|explains|has more|has the latest|has the story|has the details|looks at|takes a look)"
    r"(?:\s+(?:from|in|at)\s+(?:the\s+)?(?:[A-Z][\w.'’-]+\s*){1,4})?\.$"
)


def is_attribution_only(text: str) -> bool:
    """True for a sentence that only says who said the sentence before it, or only credits its reporter."""
    stripped = text.strip()
    return any(p.match(stripped) is not None for p in (_ATTRIBUTION_ONLY, _STATEMENT_MADE, _CREDIT_LINE))


def has_open_quote(text: str) -> bool:
    """True when a quotation opens or closes in the sentence without the other mark (it runs on elsewhere)."""
    if text.count("“") != text.count("”") or text.count("«") != text.count("»"):
        return True
    return text.count('"') % 2 == 1


def closes_earlier_quote(text: str) -> bool:
    """True when the sentence holds the end of a quotation opened before it (its first unmatched mark closes)."""
    if text.count("”") > text.count("“") or text.count("»") > text.count("«"):
        return True
    if text.count('"') % 2 == 0:
        return False
    first = text.index('"')
    # An opening straight quote starts the text or follows a space, colon, dash or bracket; a closing one follows
    # the quoted words.
    return not (first == 0 or text[first - 1] in " \t:(—–-")


_OPENING_MARKS = ('"', "“", "«")


def inside_quotations(body: str, sentences: Sequence[Sentence]) -> set[int]:
    """The indices of ``sentences`` (in order, from ``body``) that lie inside a quotation opened in an earlier
    sentence and closed in a later one: a speaker's words that, taken alone, lose their quotation marks and read as
    the outlet's ("From 7 am, Donetsk Airport will temporarily suspend flights." from a notice of 2014 quoted in an
    address). A quotation running on into the next paragraph reopens it with a quotation mark (the typographers'
    convention); a paragraph that does not, or a new quotation opened after words of its own ("he said: "…"), ends
    an unclosed one, whose sentences are then left alone: where a mark is missing, nobody can tell. Read on the
    press releases, 2023 feed and BBC stores: 3,505 of 82,177 sentences (the first 30 of each article) lie inside
    one; of 14 read in their articles, 13 do (the other after a quotation whose closing mark the paragraphs
    lost)."""
    inside: set[int] = set()
    opened: int | None = None
    for n, sentence in enumerate(sentences):
        text = sentence.text
        reopens = text.lstrip()[:1] in _OPENING_MARKS
        if opened is not None and n and "\n" in body[sentences[n - 1].end : sentence.start] and not reopens:
            opened = None
        if opened is None:
            if has_open_quote(text) and not closes_earlier_quote(text):
                opened = n
        elif closes_earlier_quote(text) or (reopens and not has_open_quote(text)):
            inside.update(range(opened + 1, n))  # closed, or reopened and closed in a last paragraph
            opened = None
        elif has_open_quote(text) and not reopens:
            opened = n
    return inside


_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»")


def needs_speaker(text: str) -> bool:
    """True when the sentence is a first- or second-person statement (outside quotation marks: "I said", "we
    will", "your leadership") or a quotation or claim without a reporting cue naming its source."""
    narration = _QUOTED.sub("", text)
    if _FIRST_PERSON.search(_US_COUNTRY.sub("", narration)) or _SECOND_PERSON.search(narration):
        return True  # the narrator speaks (or addresses someone): whoever published it, even with a cue
    if _CUE.search(narration):
        return False  # a cue outside the quotation names its source
    return _QUOTE.search(text) is not None


_VOCATIVE = re.compile(
    r"^[\"“«]?(?:(?:Mr|Mrs|Ms|Madam|Mister|Dear)\.?(?:\s+[A-Z][\w'’-]+){1,3}|Colleagues|Friends|Comrades"
    r"|Ladies and gentlemen|Your (?:Excellency|Majesty|Holiness|Highness)|Dear (?:friends|colleagues))"
    r"\s*,\s+(?:I|we|you|let|please|thank|good|allow|(?:today|first)(?=[\s,]))\b",
    re.IGNORECASE,
)
"""A vocative opening the sentence, then its clause: "Mr President, I would like to ...", "Colleagues, we are well
aware ...", "Mr Novak, you have the floor." A name, a comma, then a pronoun or a courtesy is an address; an
apposition goes on with a description ("Mr Khodorkovsky, once Russia's richest man, is ...", which a first version
matched in the BBC store). Over every article of the stores: 186 of the 65,365 sentences of the press releases, a
random 20 read all a speaker turning to someone in the room (3 tell them a fact: "Mr President, I would like to
report to you that today ..."); none of the BBC's 41,648 or the 2023 feed's 17,578."""


def addresses_someone(text: str) -> bool:
    """True when the narration (outside quotation marks) says "you" or "your": a speaker addressing the people in
    front of them ("It is largely thanks to your professionalism that ...", "I warmly congratulate you on ..."), whom
    a briefing's reader is not, so the sentence's point hangs on an addressee the reader cannot see; and so does a
    sentence opening with a vocative ("Mr President, I would like to ...": ``_VOCATIVE``). News writing does not
    address its reader: of 991 bullets of 2023 feed briefings (two-day windows every third day) none says "you"
    outside a quotation; of 319 bullets of press-release briefings (two-day windows every week), 16 do, 13 of them
    thanks, congratulations or courtesy and 3 with a fact told to the addressee ("From your territory, the troops
    ... launch rockets"), which is why such a sentence is only used when nothing else is left."""
    return _SECOND_PERSON.search(_QUOTED.sub("", text)) is not None or _VOCATIVE.match(text.strip()) is not None


_INVITATION = re.compile(
    r"^[\"“]?(?:(?:See|Read|Rate|Follow|Listen to|Find out|Sign up(?: for| to)?|Catch up on|Explore|Discover|Vote|Join"
    r"|Take a look at)\s+(?:the|a|an|all|our|how|what|why|who|when|where|this|these|more|live|every|some|their|his"
    r"|her|\d)\b|Watch live\b)"
)


def invites_the_reader(text: str) -> bool:
    """True for a sentence that is the outlet pointing the reader at its content: an imperative to see, read,
    follow, listen to or rate it ("See all our Russia-Ukraine war coverage", "Rate the players out of 10 as ...",
    "Follow the day's news live", "Watch live: ..."), page furniture. A video's blurb that tells what it shows
    ("Watch as Great Britain win bronze ...", "Watch all six goals as Argentina beat France ...") carries the news
    and is not matched. Over every article of the stores, with "Watch" before any determiner as a first version
    had it: 63 of the 2023 feed's 17,578 sentences (a random 15 read, all pointers), 34 of the July 2022 feed's
    3,199 (15 read: 12 video blurbs with the news after "Watch as", now left out, 3 pointers), 3 of the BBC's
    41,648 (pointers) and 12 of the press releases' 65,365 (a speech's appeals to its listeners, "Take a look at
    what the Russian troops are doing"). Such a sentence is used only when nothing else is left."""
    return _INVITATION.match(text.strip()) is not None


_OWN_JOURNALIST = re.compile(r"^(?:The\s+)?([A-Z][\w&-]*)['’]s\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)+\s")


def about_own_coverage(text: str, outlet: str | None) -> bool:
    """True for a sentence whose subject is a journalist of the article's own outlet ("CNN's Matt Egan reports on
    the timing", "The BBC's Fergal Keane travels on a bus", "CNN's Natasha Chen has the details"): it tells the
    reader about the outlet's coverage (a video's blurb), not about the news. The outlet is the first word of the
    source's name ("CNN" of "CNN International"). Of the 54,926 items of the 2022 feed, 1,487 descriptions hold
    "<Word>'s <Name> <verb>"; those whose word is the item's outlet (CNN, BBC) are the coverage blurbs, the others
    are athletes and officials ("Britain's Brendan Loughnane beats ...", "Ferrari's Charles Leclerc takes pole").
    On the 2023 feed (not written from): 115 of 12,861 items' sentences; a random 20 read, all the outlet's own
    journalist, 6 with a fact in a subordinate part ("reports from where a missile struck ..."), which is why such a
    sentence is only put last (used when nothing else is left), not dropped."""
    if not outlet:
        return False
    match = _OWN_JOURNALIST.match(text.strip())
    return match is not None and match.group(1).lower() == outlet.split()[0].lower()
