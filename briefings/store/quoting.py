"""User text made safe for SQL patterns: FTS5 ``MATCH`` expressions and ``LIKE`` patterns.

Binding parameters stops SQL injection but not FTS5 syntax (``ukraine-russia``, ``NOT``, ``title:putin``, ``"x``)
or ``LIKE`` wildcards (``%``, ``_``): every token is quoted here, once, for every query that takes typed text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from briefings.errors import QueryError
from briefings.text.spelling import variants

MAX_QUERY_CHARS = 300
LIKE_ESCAPE = "\\"
"""The escape character of every pattern from :func:`like_pattern` (write ``LIKE ? ESCAPE '\\'``)."""
_HAS_WORD = re.compile(r"[^\W_]")


def quote_token(token: str) -> str:
    """One FTS5 string token: double quotes around it, inner double quotes doubled."""
    return '"' + token.replace('"', '""') + '"'


def fts_query(text: str) -> str | None:
    """Turn user text into a safe FTS5 MATCH expression: every token quoted, all of them required (a word in lower case
    that English spells two ways, British and American, in either).

    Returns None when no token can match anything (only punctuation); raises QueryError for empty,
    over-long or NUL-containing input."""
    if "\x00" in text:
        raise QueryError("search text contains a NUL character")
    text = text.strip()
    if not text:
        raise QueryError("search text is empty")
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"search text is longer than {MAX_QUERY_CHARS} characters")
    tokens = [t for t in text.split() if _HAS_WORD.search(t)]
    if not tokens:
        return None
    parts = [_any_spelling(t) for t in tokens]
    if all(p.startswith('"') for p in parts):
        return " ".join(parts)
    return " AND ".join(parts)  # FTS5 implies AND between phrases, not after a bracketed group


def _any_spelling(token: str) -> str:
    """The quoted token, or its British and American spellings as alternatives ("defence" finds "defense"). A
    capitalised word may be a name, which has one spelling ("Labour", the party)."""
    spellings = variants(token) if token.isalpha() and token.islower() else (token,)
    if len(spellings) == 1:
        return quote_token(token)
    return "(" + " OR ".join(quote_token(s) for s in spellings) + ")"


def fts_any(words: Iterable[str]) -> str | None:
    """An FTS5 expression matching any of ``words`` (each quoted); None when none of them holds a letter or digit."""
    tokens = [w for w in dict.fromkeys(words) if _HAS_WORD.search(w)]
    return " OR ".join(quote_token(w) for w in tokens) or None


def fts_any_phrase(texts: Iterable[str]) -> str | None:
    """An FTS5 expression matching any of ``texts``, each with all of its words (keyword filters)."""
    parts = [q for q in (fts_query(t) for t in texts) if q]
    return " OR ".join(f"({p})" for p in parts) or None


def like_pattern(text: str, *, prefix: bool = False, suffix: bool = False) -> str:
    """A LIKE pattern matching ``text`` literally: ``%`` and ``_`` escaped (and the escape character itself).

    ``prefix`` matches text that starts with ``text``, ``suffix`` text that ends with it; neither: contains it."""
    escaped = text.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2).replace("%", LIKE_ESCAPE + "%").replace("_", LIKE_ESCAPE + "_")
    if prefix:
        return escaped + "%"
    if suffix:
        return "%" + escaped
    return "%" + escaped + "%"
