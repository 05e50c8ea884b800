"""Near-duplicate detection: MinHash signatures over word shingles, banded for an LSH index in the store.

Two texts whose shingle sets have Jaccard similarity J share at least one band with probability
1 - (1 - J**ROWS)**BANDS; candidates are then confirmed by the fraction of equal signature slots.
"""

from __future__ import annotations

import zlib
from functools import lru_cache

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

_rng = np.random.default_rng(20240115)
_MUL = (_rng.integers(1, 2**63, PERMUTATIONS, dtype=np.uint64) | np.uint64(1)).reshape(-1, 1)
_ADD = _rng.integers(0, 2**63, PERMUTATIONS, dtype=np.uint64).reshape(-1, 1)
_POWERS = [np.uint64(pow(1_000_003, SHINGLE - 1 - i, 2**64)) for i in range(SHINGLE)]


@lru_cache(maxsize=200_000)
def _word_hash(word: str) -> int:
    return zlib.crc32(word.encode("utf-8"))


def signature(tokens: list[str]) -> tuple[np.ndarray, int] | None:
    """MinHash signature (uint64[PERMUTATIONS]) of the text's word shingles and their number; None when too short."""
    if len(tokens) < SHINGLE + MIN_SHINGLES - 1:
        return None
    hashes = np.fromiter((_word_hash(t) for t in tokens), dtype=np.uint64, count=len(tokens))
    n = len(tokens) - SHINGLE + 1
    shingles = hashes[:n] * _POWERS[0]
    for i in range(1, SHINGLE):
        shingles = shingles + hashes[i : i + n] * _POWERS[i]
    shingles = np.unique(shingles)
    with np.errstate(over="ignore"):
        return (shingles * _MUL + _ADD).min(axis=1), len(shingles)


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 63-bit key per band, for an indexed lookup table."""
    rows = sig.reshape(BANDS, ROWS)
    keys = []
    for band, row in enumerate(rows):
        digest = zlib.crc32(row.tobytes(), band) | (band << 32)
        keys.append(digest)
    return keys


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
