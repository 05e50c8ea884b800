"""Which words of an article are someone speaking: direct quotation, or a text given in the first person.

A news report tells its day's news in the simple past without a date ("Russia shelled Kharkiv"): the convention of
the lead. Speech does not keep that convention. What a speaker tells in the past happened on or before the day the
words were said, and a speech recounts: an address lists the year's achievements ("we signed an agreement with the
United Kingdom"), a leader recalls a war ("They seized Crimea"), a quoted witness a scene of the week before ("the
soldiers took everything").
So a past action told in speech, with no date of its own, is dated on or before the article's day (see
``anteriority``), which holds whenever it happened.

Two forms of speech are read from the text alone:

- **direct quotation**: the words between quotation marks (``quoted_tokens``: curly quotes open and close, a
  straight double quote by the side it leans on);
- **a text in the first person**: a speech, an address, a statement, an interview's answers. A report speaks of
  others in the third person and gives the first person only inside quotation marks; a text in which "I" or "we"
  is the subject outside quotation marks in a good share of the sentences is itself someone speaking (a press
  office's "our country" in a report of the president's day is an institution's voice, not a speaker's).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

FIRST_PERSON = frozenset({"i", "we"})
"""The subjects of the first person (the country "US" and the numeral "I" of "World War I" are no subjects)."""

SPOKEN_SHARE = 0.15
"""The share of a text's sentences with "I" or "we" as a subject outside quotation marks from which the text is read
as speech. Measured on 300 articles of each evaluation corpus (seeded draw, 2026-12-08): in 291 of 300 BBC reports,
297 of the 2023 feed items and 295 of the July 2022 ones the share is under 0.1 (the first person outside quotes
there is a columnist's aside or a quotation whose marks were lost); the press releases split between the office's
readouts and reports of statements, under 0.12 ("... - President of Ukraine", "Telephone conversation with ..."),
and the transcripts of speeches, addresses, interviews and meetings, from 0.13 up (78 of the 300 are read as
speech; 4 BBC articles, a column and quote-heavy reports, and one feed item are too). 0.3, tried first, left out
speeches to parliaments at 0.15-0.29 whose recounted past ("The Russian Black Sea Fleet was used to capture Crimea")
then kept the article's day."""

SPOKEN_MIN = 3
"""At least this many such sentences: a two-sentence feed summary with one "we" is not a speech."""

_OPENING = frozenset({"“", "«"})
_CLOSING = frozenset({"”", "»"})
_STRAIGHT = '"'
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_MIN_WORDS = 4
"""Sentences shorter than this (headings, datelines, "Thank you.") are not counted either way."""


def spoken_tokens(doc: Doc) -> frozenset[int]:
    """The indices of the tokens someone speaks: every token of a first-person text, else those in quotation
    marks."""
    quoted = quoted_tokens(doc)
    spoken = counted = 0
    for sent in doc.sents:
        if sum(t.is_alpha for t in sent) < _MIN_WORDS:
            continue
        counted += 1
        spoken += any(t.dep_ in _SUBJECTS and t.lower_ in FIRST_PERSON and t.i not in quoted for t in sent)
    if spoken >= SPOKEN_MIN and spoken >= SPOKEN_SHARE * counted:
        return frozenset(range(len(doc)))
    return quoted


def quoted_tokens(doc: Doc) -> frozenset[int]:
    """The indices of the tokens between quotation marks (for a straight quote, see ``_opens``). A quotation still
    open at a paragraph break runs to it (a quoted paragraph that goes on leaves its closing mark out); one still
    open when another opens lost its closing mark, and ends with its first sentence."""
    quoted: set[int] = set()
    start: int | None = None
    for token in doc:
        paragraph = token.is_space and "\n" in token.text
        opening = token.text in _OPENING or (token.text == _STRAIGHT and _opens(token, start is not None))
        closing = token.text in _CLOSING or (token.text == _STRAIGHT and not opening)
        if start is not None and (paragraph or closing):
            quoted.update(range(start, token.i))
            start = None
        elif start is not None and opening:
            quoted.update(range(start, min(token.i, doc[start].sent.end)))
        if opening:
            start = token.i + 1
    if start is not None:
        quoted.update(range(start, len(doc)))
    return frozenset(quoted)


def _opens(quote: Token, inside: bool) -> bool:
    """A straight double quote opens a quotation when it leans on the word after it and not on the one before
    (``said: "I``), closes in the opposite case (``stayed,"``); a quote set apart on both sides or on neither
    (``control, " added``) closes a quotation that is open, else opens one."""
    doc = quote.doc
    before = quote.i > 0 and not doc[quote.i - 1].whitespace_ and not doc[quote.i - 1].is_space
    after = not quote.whitespace_ and quote.i + 1 < len(doc) and not doc[quote.i + 1].is_space
    if after != before:
        return after
    return not inside


def speakers_own_act(verb: Token) -> bool:
    """A speaker's own act told in the simple past ("I talked with the Chancellor", "we discussed the details"): an
    address, a statement or a quoted witness telling what they did, their day's news. Other pasts in speech recount
    ("They seized Crimea", "He died in the battles for Ukraine"), as does the perfect, which sums up ("we have signed
    an agreement with the United Kingdom")."""
    if verb.tag_ != "VBD":
        return False
    clause = verb
    while clause.dep_ == "conj" and clause.head is not clause and not _subjects(clause):
        clause = clause.head  # "we met and discussed": the subject of the first verb
    return any(s.lower_ in FIRST_PERSON for s in _subjects(clause))


def _subjects(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in _SUBJECTS]
