"""Who says it: attribution-only sentences, half quotations, and sentences that need their speaker named."""

from __future__ import annotations

import pytest

from briefings.briefing.build import _glued, presentable
from briefings.text.attribution import closes_earlier_quote, has_open_quote, is_attribution_only, needs_speaker
from briefings.text.sentences import is_background, is_quotable, split_sentences, stands_alone


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
        "I will begin with what I said in my address on February 21, 2022.",
        "According to the ministry, our forces repelled three attacks.",  # "our": the publisher's voice
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
        "The US and the UK announced new sanctions on Tuesday.",
    ],
)
def test_reported_or_third_person_sentences_name_their_source_already(text: str) -> None:
    assert not needs_speaker(text)


def test_actor_names_fit_to_show() -> None:
    assert presentable("Volodymyr Zelenskyy", "person") and presentable("NBU", "organization")
    assert presentable("United Kingdom", "place") and presentable("Kyiv", "place", "UA")
    assert presentable("Republicans", "group") and presentable("Instagram", "organization")
    assert not presentable("Supreme, … Adviser, NBU")
    assert not presentable("1st Brigade") and not presentable("the ministry")
    assert not presentable("Adviser", "person") and not presentable("Kazakhstani", "group")
    assert not presentable("North", "place")


def test_a_title_glued_to_a_person_s_name_is_not_shown() -> None:
    people = {"Ruslan Stefanchuk"}
    assert _glued("Verkhovna Rada Ruslan Stefanchuk", people)
    assert not _glued("Ruslan Stefanchuk", people) and not _glued("Verkhovna Rada", people)


@pytest.mark.parametrize(
    "text",
    [
        "Brave Ukrainians of the unconquered country!",
        "Instead, Ukraine has been repelling the enemy for 48 days.",
        "That is why the reform of the agency was important.",
        "I am delighted to welcome you to the Kremlin.",
        "I'm addressing all the people of the United Kingdom.",
        "We would like to thank our partners for their support.",
        "Because we do not want to lose what we have.",
        "In this regard, the ways of monitoring the situation were discussed.",
    ],
)
def test_sentences_that_do_not_stand_alone(text: str) -> None:
    assert not stands_alone(text)


@pytest.mark.parametrize(
    "text",
    [
        "Russia launched a widespread missile attack across various regions in Ukraine.",
        "I have signed the decree on general mobilisation.",
        "Andrzej Duda thanked the Ukrainian people for their courage.",
        "Ukraine severed diplomatic relations with Russia.",
    ],
)
def test_sentences_that_stand_alone(text: str) -> None:
    assert stands_alone(text)


def test_transcript_furniture_inside_a_sentence_is_not_quoted() -> None:
    parts = [
        s.text for s in split_sentences("The Mayor reported on the healthcare system.*** Vladimir Putin: Mr Sobyanin.")
    ]
    assert parts == ["The Mayor reported on the healthcare system.", "Vladimir Putin: Mr Sobyanin."]
    assert not is_quotable(parts[1])
    assert not is_quotable("Chairman of the Board Andrei Kostin Kostin AndreiVTB Bank Chairman: Yes, Mr President.")
    assert is_quotable("Ron DeSantis said the state would appeal the ruling on Monday.")
    assert is_background("Eight years since Russia has annexed Crimea.")


def test_a_quotation_over_several_sentences_is_quoted_to_its_closing_mark() -> None:
    from briefings.briefing.summarise import SummaryDoc, candidates

    body = (
        "Vladimir Putin sent a message of greetings to the participants. The message reads, in part: "
        '"It is a pleasure to note the progress of the association. I wish you every success." '
        'A second message reads: "This Feast of feasts brings joy to every home across the land.'
    )
    texts = [s.text for s, _, _ in candidates(SummaryDoc(1, "Greetings", body))]
    quoted = next(t for t in texts if t.startswith("The message reads"))
    assert quoted.endswith('every success."') and quoted in body
    assert not any("Feast of feasts" in t for t in texts)  # never closed: not quoted
    assert not any(t.startswith("I wish you") for t in texts)  # the end of a quotation alone


def test_the_end_of_a_quotation_alone_is_not_quoted_nor_extended() -> None:
    from briefings.briefing.summarise import SummaryDoc, candidates

    body = (
        'The President spoke about the talks. He said: "We are ready for talks with everyone in the region. '
        'We are not afraid of direct dialogue." According to him, the partners understand the position well.'
    )
    texts = [s.text for s, _, _ in candidates(SummaryDoc(1, "Talks", body))]
    assert not any(t.startswith("We are not afraid") for t in texts)
    assert closes_earlier_quote('We are not afraid of direct dialogue." According to him, the talks go on.')
    assert not closes_earlier_quote('He said: "We are ready for talks.')


def test_a_speaker_label_after_page_text_is_furniture() -> None:
    assert not is_quotable("Speech at the ceremony President of Russia Vladimir Putin: Ladies and gentlemen, hello.")
    assert needs_speaker('"We have severed diplomatic relations with Russia, which attacked us this morning."')


def test_a_section_heading_is_not_a_sentence() -> None:
    assert not is_quotable("Repercussions of the Missile Strike on the Eastern Regions")
    assert is_quotable("Repercussions of the missile strike were felt across the eastern regions.")
    assert is_quotable("Reporting from Kyiv, he examines why the Russian president launched a full-scale invasion")
