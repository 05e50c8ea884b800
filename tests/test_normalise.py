"""Cleaning, canonical URLs, content hashes and dates."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefings.errors import DateParseError
from briefings.text.clean import _WORDS, clean_line, clean_text, content_hash, guess_language, strip_html, word_string
from briefings.text.dates import parse_date, parse_when, resolve_published
from briefings.text.urls import canonical_url

NOW = datetime(2024, 1, 15, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://News.Example.COM/a/b?utm_source=x&utm_medium=y&id=3#frag", "https://news.example.com/a/b?id=3"),
        ("http://example.com:80/x?fbclid=abc&gclid=1", "http://example.com/x"),
        ("https://example.com:8443/x", "https://example.com:8443/x"),
        ("https://user:pw@example.com/", "https://example.com/"),
        ("https://example.com", "https://example.com/"),
        ("ftp://example.com/x", None),
        ("javascript:alert(1)", None),
        ("", None),
        ("https://[::1]:99999/", None),
    ],
)
def test_canonical_url(url: str, expected: str | None) -> None:
    assert canonical_url(url) == expected


def test_strip_html_keeps_blocks_and_drops_scripts() -> None:
    html = "<div><p>One &amp; two</p><script>alert(1)</script><p>Three<br>Four</p></div>"
    assert clean_text(html, markup=True) == "One & two\n\nThree\nFour"
    assert strip_html("no tags &lt;here&gt;") == "no tags <here>"


def test_clean_removes_controls_and_bidi_and_composes() -> None:
    assert clean_line("A\u202e\u2066b\x00c\x1bd\u200b e\u0301") == "Abcd é"
    assert clean_text("a\r\nb\rc") == "a\nb\nc"


def test_content_hash_ignores_case_spacing_and_punctuation() -> None:
    assert content_hash("T", "Russia launched  a missile!") == content_hash("X", "russia launched a missile")
    assert content_hash("T", "Russia launched a missile") != content_hash("T", "Russia launched two missiles")


def test_guess_language() -> None:
    assert guess_language("The president said that the talks with the allies were held in Kyiv on Monday.") == "en"
    assert (
        guess_language("Der Präsident sagte, dass die Gespräche mit den Verbündeten nicht in Kyjiw stattfinden.")
        == "de"
    )
    assert guess_language("Kyiv Odesa Lviv") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-01-15T10:00:00+02:00", "2024-01-15T08:00:00+00:00"),
        ("Mon, 15 Jan 2024 08:30:00 +0200", "2024-01-15T06:30:00+00:00"),
        ("2024-01-15", "2024-01-15T00:00:00+00:00"),
        ("January 15, 2024 3:00 PM", "2024-01-15T15:00:00+00:00"),
        (1705312800, "2024-01-15T10:00:00+00:00"),
    ],
)
def test_parse_date(value, expected: str) -> None:
    assert parse_date(value).isoformat() == expected


@pytest.mark.parametrize("value", [None, "", "someday", "2024-13-45", [], True])
def test_unparseable_dates_are_none(value) -> None:
    assert parse_date(value) is None


def test_resolve_published_flags_missing_and_future() -> None:
    assert resolve_published("2024-01-14", NOW) == ("2024-01-14T00:00:00Z", ())
    assert resolve_published(None, NOW) == ("2024-01-15T12:00:00Z", ("date_missing",))
    assert resolve_published("2024-01-16T11:00:00Z", NOW) == ("2024-01-16T11:00:00Z", ())
    assert resolve_published("2024-01-20", NOW) == ("2024-01-15T12:00:00Z", ("date_clamped",))


@pytest.mark.parametrize(
    ("text", "end", "expected"),
    [
        ("2024-01-10", False, datetime(2024, 1, 10, tzinfo=UTC)),
        ("2024-01-10", True, datetime(2024, 1, 11, tzinfo=UTC)),
        ("2024-01-10T08:00", False, datetime(2024, 1, 10, 8, tzinfo=UTC)),
        ("7d", False, datetime(2024, 1, 8, 12, tzinfo=UTC)),
        ("24h", False, datetime(2024, 1, 14, 12, tzinfo=UTC)),
        ("2w", False, datetime(2024, 1, 1, 12, tzinfo=UTC)),
        ("yesterday", False, datetime(2024, 1, 14, tzinfo=UTC)),
        ("yesterday", True, datetime(2024, 1, 15, tzinfo=UTC)),
        ("today", False, datetime(2024, 1, 15, tzinfo=UTC)),
    ],
)
def test_parse_when(text: str, end: bool, expected: datetime) -> None:
    assert parse_when(text, NOW, end=end) == expected


@pytest.mark.parametrize("text", ["last tuesday", "7 days", "2024/01/10", "-3d", ""])
def test_parse_when_rejects_unknown_forms(text: str) -> None:
    with pytest.raises(DateParseError):
        parse_when(text, NOW)


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_the_ascii_word_string_splits_as_the_word_regex_does(text: str) -> None:
    assert word_string(text) == " ".join(_WORDS.findall(text.lower()))


def test_word_string_keeps_letters_of_any_script_and_drops_punctuation() -> None:
    assert word_string("Kyiv’s mayor — Віталій Кличко, 2022_report!") == "kyiv s mayor віталій кличко 2022_report"
    assert word_string("It's 3:15 p.m.\tTUESDAY\n") == "it s 3 15 p m tuesday"
