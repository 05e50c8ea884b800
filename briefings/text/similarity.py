"""TF-IDF term vectors and cosine similarity, sized for the few thousand short texts of a briefing window."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below between
    both but by can could did do does doing down during each few for from further had has have having he her here hers
    herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once
    only or other our ours ourselves out over own said same says she should so some such than that the their theirs
    them themselves then there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours yourself yourselves new one two also told according
    would could may might must shall us mr mrs ms per via amid among""".split()
)


def stem(word: str) -> str:
    """A light suffix stripper: plurals and possessives, enough to match "missiles" with "missile"."""
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@lru_cache(maxsize=1 << 17)
def _term(word: str) -> str:
    """A lower-cased word's term, or "" for a stop word or a one-letter token (news reuses its words: cached)."""
    return "" if len(word) < 2 or word in STOP_WORDS else stem(word)


def terms(text: str) -> list[str]:
    """Content terms of ``text``: lower-cased, stemmed, stop words and one-letter tokens left out."""
    return [term for term in map(_term, _WORD.findall(text.lower())) if term]


def name_terms(title: str) -> frozenset[str]:
    """Terms of the capitalised words of a headline after its first word (which is capitalised whatever it is):
    the names it gives, as ``terms`` spells them; none from a headline in title case, whose capitals say nothing."""
    words = [w for w in _WORD.findall(title)[1:] if _term(w.lower())]
    capitalised = [w for w in words if w[:1].isupper()]
    if len(capitalised) == len(words):
        return frozenset()  # title case (every content word capitalised): its capitals name nothing
    return frozenset(_term(w.lower()) for w in capitalised)


class TfIdf:
    """Inverse document frequencies learnt from a set of texts (given as term lists)."""

    def __init__(self, documents: Sequence[Sequence[str]]) -> None:
        self.documents = len(documents)
        df: Counter[str] = Counter()
        for doc in documents:
            df.update(set(doc))
        self.df = df
        n = self.documents
        self.idf = {term: math.log((1 + n) / (1 + count)) + 1.0 for term, count in df.items()}
        self.unseen = math.log(1 + n) + 1.0

    def vector(self, doc: Sequence[str]) -> dict[str, float]:
        """A unit-length TF-IDF vector (sublinear term frequency)."""
        counts = Counter(doc)
        weights = {t: (1.0 + math.log(c)) * self.idf.get(t, self.unseen) for t, c in counts.items()}
        norm = math.sqrt(sum(w * w for w in weights.values()))
        if norm == 0:
            return {}
        return {t: w / norm for t, w in weights.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine of two unit vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def centroid(vectors: Sequence[dict[str, float]]) -> dict[str, float]:
    """The normalised mean of unit vectors."""
    total: Counter[str] = Counter()
    for vec in vectors:
        total.update(vec)
    norm = math.sqrt(sum(w * w for w in total.values()))
    return {t: w / norm for t, w in total.items()} if norm else {}
