"""Near-duplicate detection: MinHash signatures over word shingles, banded for an LSH index in the store.

Two texts whose shingle sets have Jaccard similarity J share at least one band with probability
1 - (1 - J**ROWS)**BANDS; candidates are then confirmed by the fraction of equal signature slots.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

SHINGLE = 4
BANDS = 16
ROWS = 4
PERMUTATIONS = BANDS * ROWS
THRESHOLD = 0.92
"""Estimated containment (share of the smaller text's shingles found in the other) from which an article
counts as a copy: syndicated copies are the same text with small edits or cuts; template press releases
that swap a few names stay below it."""
MIN_SHINGLES = 24
"""Shorter texts are too template-like (condolence notes, one-line statements) to call copies."""

MAX_TOKENS = 1200
"""Only the first tokens of very long texts are shingled: enough to recognise a copy, bounded in cost."""

_rng = np.random.default_rng(20240115)
_MUL = (_rng.integers(1, 2**63, PERMUTATIONS, dtype=np.uint64) | np.uint64(1)).reshape(-1, 1)
_ADD = _rng.integers(0, 2**63, PERMUTATIONS, dtype=np.uint64).reshape(-1, 1)
_BYTE_VALUES = _rng.integers(1, 2**63, 256, dtype=np.uint64)
_POSITION_WEIGHTS = _rng.integers(1, 2**63, 64, dtype=np.uint64) | np.uint64(1)
_SHINGLE_WEIGHTS = _rng.integers(1, 2**63, SHINGLE, dtype=np.uint64) | np.uint64(1)


def _word_hashes(data: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """A 64-bit hash per word of space-separated UTF-8 ``data``, for all words at once."""
    is_space = data == 32
    word_of = np.cumsum(is_space)
    word_of -= is_space
    position = (np.arange(len(data)) - starts[word_of]) & 63
    contribution = _BYTE_VALUES[data] * _POSITION_WEIGHTS[position]
    contribution[is_space] = 0
    return np.add.reduceat(contribution, starts)


@dataclass(frozen=True)
class Fingerprint:
    """What the store needs to find copies of a text: its MinHash signature, shingle count and LSH band keys."""

    signature: np.ndarray
    shingles: int
    keys: list[int]


def fingerprint(joined: str) -> Fingerprint | None:
    """The fingerprint of a text given as ``text.word_string(body)``; None when too short to call a copy."""
    result = signature(joined)
    if result is None:
        return None
    values, size = result
    return Fingerprint(values, size, band_keys(values))


def signature(joined: str) -> tuple[np.ndarray, int] | None:
    """MinHash signature (uint64[PERMUTATIONS]) of the word shingles of ``joined`` (lower-case words separated
    by single spaces) and their number; None when too short."""
    # Words are rarely longer than 30 characters: cut very long texts before encoding, then exactly below.
    data = np.frombuffer(joined[: MAX_TOKENS * 30].encode("utf-8"), dtype=np.uint8)
    if len(data) == 0:
        return None
    starts = np.flatnonzero(np.concatenate(([True], data[:-1] == 32)))
    if len(starts) < SHINGLE + MIN_SHINGLES - 1:
        return None
    if len(starts) > MAX_TOKENS:
        data, starts = data[: starts[MAX_TOKENS] - 1], starts[:MAX_TOKENS]
    hashes = _word_hashes(data, starts)
    n = len(hashes) - SHINGLE + 1
    shingles = hashes[:n] * _SHINGLE_WEIGHTS[0]
    for i in range(1, SHINGLE):
        shingles += hashes[i : i + n] * _SHINGLE_WEIGHTS[i]
    shingles.sort()
    distinct = 1 + int(np.count_nonzero(shingles[1:] != shingles[:-1]))
    # Repeated shingles do not change a minimum, so the sorted array needs no de-duplication.
    return (shingles * _MUL + _ADD).min(axis=1), distinct


_BAND_WEIGHTS = (_rng.integers(1, 2**63, ROWS, dtype=np.uint64) | np.uint64(1)).reshape(1, ROWS)
_BAND_OFFSETS = np.arange(BANDS, dtype=np.uint64) << np.uint64(58)


def band_keys(sig: np.ndarray) -> list[int]:
    """One non-negative 63-bit key per band (band number in the top bits), for an indexed lookup table."""
    mixed = (sig.reshape(BANDS, ROWS) * _BAND_WEIGHTS).sum(axis=1, dtype=np.uint64) >> np.uint64(6)
    return (mixed | _BAND_OFFSETS).tolist()


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(a == b)) / PERMUTATIONS


def containment(a: np.ndarray, size_a: int, b: np.ndarray, size_b: int) -> float:
    """Estimated share of the smaller shingle set found in the other, from the Jaccard estimate and set sizes."""
    jaccard = similarity(a, b)
    shared = jaccard / (1 + jaccard) * (size_a + size_b)
    return min(1.0, shared / min(size_a, size_b))


def to_blob(sig: np.ndarray) -> bytes:
    return sig.astype("<u8").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u8")


_NAME = re.compile(r"\b[A-Z][\w'’-]*[a-z][\w'’-]*")


def _repeated_names(text: str) -> set[str]:
    counts: dict[str, int] = {}
    for name in _NAME.findall(text):
        counts[name] = counts.get(name, 0) + 1
    return {name for name, n in counts.items() if n >= 2}


def swaps_subjects(a: str, b: str) -> bool:
    """True when each text repeats a capitalised name the other never uses: a template filled in for two
    different subjects (a treaty with X and one with Y), not one story copied with edits."""
    only_a = {name for name in _repeated_names(a) if name not in b}
    only_b = {name for name in _repeated_names(b) if name not in a}
    return bool(only_a) and bool(only_b)
