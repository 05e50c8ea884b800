"""Who says it: attribution-only sentences, half quotations, and sentences that need their speaker named."""

from __future__ import annotations

import pytest

from briefings.briefing.build import presentable
from briefings.text.attribution import has_open_quote, is_attribution_only, needs_speaker


@pytest.mark.parametrize(
    "text",
    [
        "This was stated by Adviser to the Head of the President's Office Mykhailo Podoliak.",
        "This was reported by the press service of the ministry.",
        "The statement was published on the ministry's website.",
        "It was announced by the governor on Telegram.",
    ],
)
def test_a_sentence_that_only_attributes_the_one_before(text: str) -> None:
    assert is_attribution_only(text)


@pytest.mark.parametrize(
    "text",
    [
        "This was the third attack on the city this week.",
        "The minister stated that the talks would resume.",
        "It was a cold morning in Kharkiv when the sirens sounded.",
    ],
)
def test_sentences_with_news_of_their_own_are_not_attributions(text: str) -> None:
    assert not is_attribution_only(text)


def test_a_quotation_must_close_in_the_sentence() -> None:
    assert has_open_quote('The message reads, in part: "This Feast of feasts, ... justice.')
    assert has_open_quote("“We will rebuild every house.")
    assert not has_open_quote("“We will rebuild every house,” the mayor said.")
    assert not has_open_quote("The talks ended without agreement.")


@pytest.mark.parametrize(
    "text",
    [
        "We will not allow anyone to threaten our country.",
        "But Russian tanks are still shooting at residential buildings in our cities.",
        "I have signed the decree on general mobilisation.",
        "“They are acting in the same way that terrorists act.”",
    ],
)
def test_first_person_and_unattributed_quotes_need_their_speaker(text: str) -> None:
    assert needs_speaker(text)


@pytest.mark.parametrize(
    "text",
    [
        "Russia launched a widespread missile attack across various regions in Ukraine.",
        "“We will rebuild every house,” the mayor said.",
        "According to the ministry, our forces repelled three attacks.",
        "The US and the UK announced new sanctions on Tuesday.",
    ],
)
def test_reported_or_third_person_sentences_name_their_source_already(text: str) -> None:
    assert not needs_speaker(text)


def test_actor_names_fit_to_show() -> None:
    assert presentable("Volodymyr Zelenskyy") and presentable("NBU") and presentable("United Kingdom")
    assert not presentable("Supreme, … Adviser, NBU")
    assert not presentable("1st Brigade") and not presentable("the ministry")
