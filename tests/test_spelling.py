"""British and American spellings of one word (briefings/text/spelling.py) and the searches that use them."""

from __future__ import annotations

import pytest

from briefings.store.quoting import fts_query
from briefings.text.spelling import american, variants


@pytest.mark.parametrize(
    ("british", "us"),
    [
        ("programme", "program"),
        ("programmes", "programs"),
        ("defence", "defense"),
        ("offences", "offenses"),
        ("colour", "color"),
        ("neighbouring", "neighboring"),
        ("behaviour", "behavior"),
        ("centre", "center"),
        ("centred", "centered"),
        ("theatres", "theaters"),
        ("organisation", "organization"),
        ("criticised", "criticized"),
        ("analyse", "analyze"),
        ("catalogue", "catalog"),
    ],
)
def test_both_spellings_of_a_word_meet(british: str, us: str) -> None:
    assert american(british) == us and american(us) == us
    assert variants(british) == (british, us) and variants(us) == (us, british)


@pytest.mark.parametrize("word", ["hour", "four", "your", "timbre", "timber", "crisis", "analysis", "business"])
def test_words_without_a_variant_keep_one_spelling(word: str) -> None:
    assert american(word) == word and variants(word) == (word,)


def test_a_search_finds_either_spelling_of_a_lower_case_word() -> None:
    assert fts_query("defence ministry") == '("defence" OR "defense") AND "ministry"'
    assert fts_query("Labour") == '"Labour"'  # a capitalised word may be a name, spelt one way


def test_search_in_a_store_finds_the_other_spelling(store) -> None:
    from datetime import UTC, datetime

    from briefings.models import Article

    for i, body in enumerate(["The defense ministry said the convoy was hit.", "Lindau opened a ferry pier."]):
        store.articles.save(
            Article(f"Report {i}", body, f"https://news.example/{i}", None, "News", "2023-07-19T08:00:00Z",
                    "2023-07-19T08:00:00Z", f"hash{i}"),
            datetime(2023, 7, 19, 8, tzinfo=UTC),
        )  # fmt: skip
    found = store.articles.search("defence ministry", limit=5)
    assert [hit.title for hit in found] == ["Report 0"]
