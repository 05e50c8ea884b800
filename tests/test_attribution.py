"""Who says it: attribution-only sentences, half quotations, and sentences that need their speaker named."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefings.briefing.shown_actors import _glued, presentable
from briefings.text.attribution import (
    about_own_coverage,
    addresses_someone,
    closes_earlier_quote,
    has_open_quote,
    inside_quotations,
    is_attribution_only,
    needs_speaker,
)
from briefings.text.sentences import dated_no_earlier, is_background, is_quotable, split_sentences, stands_alone


@pytest.mark.parametrize(
    "text",
    [
        "This was stated by Adviser to the Head of the President's Office Mykhailo Podoliak.",
        "This was reported by the press service of the ministry.",
        "The statement was published on the ministry's website.",
        "It was announced by the governor on Telegram.",
        "The Head of State made this statement in an interview to The Nordic Herald.",
        "The minister made these remarks during a meeting with students in Lindvik.",
    ],
)
def test_a_sentence_that_only_attributes_the_one_before(text: str) -> None:
    assert is_attribution_only(text)


@pytest.mark.parametrize(
    "text",
    [
        "This was the third attack on the city this week.",
        "The minister stated that the talks would resume.",
        "The minister made the statement on Monday.",
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


def test_a_title_glued_to_a_given_name_is_no_name_to_show() -> None:
    from briefings.briefing.shown_actors import _titled_person

    given = {"Valentina", "Oleg"}
    assert _titled_person("Federation Council Speaker Valentina Matviyenko", given)
    assert _titled_person("Ground Forces, Army General Oleg Salyukov", given)
    assert not _titled_person("Association of Chief Police Officers", given)  # no given name after the role
    assert not _titled_person("Federation Council Speaker Valentina Matviyenko", set())  # the store knows none


def test_actor_names_fit_to_show() -> None:
    assert presentable("Volodymyr Zelenskyy", "person") and presentable("NBU", "organization")
    assert presentable("United Kingdom", "place") and presentable("Kyiv", "place", "UA")
    assert presentable("Republicans", "group") and presentable("Instagram", "organization")
    assert not presentable("Supreme, … Adviser, NBU")
    assert not presentable("1st Brigade") and not presentable("the ministry")
    assert not presentable("Adviser", "person") and not presentable("Kazakhstani", "group")
    assert not presentable("North", "place")
    assert not presentable("Office of the President of", "organization") and not presentable("Bosnia and", "place")
    assert presentable("Office of the President", "organization")


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
        "This could mean higher prices for the rest of the year.",
        "That was 26% more than in the previous quarter.",
        "You were among the first to come to the aid of our country.",
        "I am also happy to welcome the new ambassadors.",
        "We are very pleased with the figures.",
        "This letter serves as my answer to these requests.",
        "That same day, the minister will open the new bridge.",
        "That finding upheld a lower-court ruling.",
        "Today we are holding a joint session of the harbour board and the fishing council.",
        "We are meeting on the eve of the Day of the Fishermen.",
        "We have gathered here to agree on the new quotas.",
        "Today, we will review a number of projects for the northern ports.",
        "Today I would like to hear your reports on the winter timetable.",
        "I now give the floor to the Mayor of the Harbour District.",
        "Plus, I have a good working relationship with the harbour master.",
        "Primarily, I am referring to the northern ferry routes, where prices have doubled.",
        "Of course, we talked in detail about the winter timetable.",
        "Indeed, we have made substantial headway with the harbour board.",
        "One of such ferries sank near the northern pier last spring.",
        "Such delays are common on the northern routes.",
        "After that, the mayor convened a meeting of the harbour board.",
        "Afterwards, the skipper said the crossing had been rough.",
        "It is on this basis that we consider the new timetable.",
        "The mayor and the harbour master agreed to continue discussing this topic.",
        "We will continue this discussion at the harbour board meeting today.",
        "I will raise this issue with the harbour board.",
        "The 40th day of the ferry strike is coming to an end.",
        "Well, the same can be said about the northern pier.",
        "The same applies to the southern ferry routes.",
        "The meeting was attended by Harbour Master Ola Berg and Mayor Kari Lund.",
        "Together with the mayor, the ceremony was also attended by the harbour master.",
        "Taking part in the talks were the harbour board and the ferry company.",
        "The skippers' union were also invited to attend the meeting.",
        "I thanked him for the support the harbour board has given the ferry crews.",
        "We have informed them about the winter timetable.",
        "As for the coming season, I would like to highlight a number of tasks the harbour board must focus on.",
        "I would like to draw your attention to several important points.",
        "The Lindau Post looks back on the day the ferry line closed.",
        "Harbour TV's Ola Berg takes a closer look at the winter timetable.",
        "Lake Radio examines how the ferry strike began.",
        "On that day, apparently, no one foresaw how the strike would end.",
        "At that time, the ferry company did not say who had cut the cables.",
        "That night I spoke with the mayors of the lake towns.",
        "Usually I address the crews at this time every night, when I sum up the day.",
        "Typically new timetables appear with each new season.",
        "As a rule, very technical questions are asked at meetings like this one.",
        "The purpose of the Lake Forum, timed to coincide with the regatta, is to deepen cooperation on the lake.",
        "The main goal of this group is to analyse the ferry timetables.",
        "Today, we will be able to discuss the ferry timetables in a calm manner, without any rush.",
        "I would like to ask today's guest speaker, Harbour Master Ola Berg, to report.",
        "We, the ferry crews, are grateful for this.",
        "Probably the council has become accustomed to this during the long winters.",
        "Meanwhile, a storm has damaged the pier in Tromsø.",
        "Elsewhere, the Lindau ferry crews voted to end their strike.",
        "Nonetheless, it is true that the prospect of a second pier looks more remote than ever.",
        "Still, the harbour board voted for the winter timetable.",
        "Lake Radio's Anna Berg has more.",
        "Harbour TV's Ola Berg has the latest on the ferry strike.",
        "Anna Berg explains how the ferry came to sink off Lindau.",
        "Ola Berg details the significance of the harbour board's vote.",
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
        "This morning the army launched a counter-offensive near the river.",
        "Youth unemployment rose to 12 per cent.",
        "This week the army advanced ten kilometres.",
        "This Morning presenter Phillip Schofield left the show.",
        "Those charged included two ministers.",
        "We are holding talks with the ferry company about the winter timetable.",
        "We met the harbour board in Tromsø on Monday.",
        "We will review the decision, the ferry company said.",
        "Such is the demand for tickets that the ferry company added a second boat.",
        "Courses for harbour pilots open in Tromsø next week.",
        "After that race, the skipper retired from sailing.",  # a determiner, not an adverbial of sequence
        "The council published this issue of its bulletin on Monday.",  # the issue of a publication
        "It is with Tromsø that the ferry company signed its first contract.",  # a cleft on a name
        "The funeral was attended by thousands of fishermen from the whole coast.",  # who came is its news
        "We thanked the harbour board for its support.",
        "I asked the mayor himself about the timetable.",
        "I would like to highlight the harbour board's decision to add two ferries.",  # the point itself
        "Lindau looks to Bregenz for a second ferry.",  # seeks: it reports
        "The harbour board examined the complaint on Monday.",  # a report, in the past
        "That Lindau ferry sank on Monday, the harbour master said.",  # "that" before a name, not a time
        "The crews usually sail at dawn, but on Monday they stayed in port.",  # the adverb inside the sentence
        "The forum achieved its main goal of deepening cooperation on the lake.",  # it reports
        "I asked the mayor to explain the new timetable, and she refused.",  # no one given the floor
        "The council voted for this year's budget on Monday.",  # "this" before a noun: a determiner
        "The ferry company apologised for that delay and refunded the tickets.",
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


def test_a_span_of_decades_up_to_now_sums_up_history() -> None:
    assert is_background("The harbour towns have achieved a great deal together over the past two decades.")
    assert is_background("Ferry traffic has grown for decades in the northern fjords.")
    assert not is_background("The new bridge will serve the islands for decades to come.")
    assert not is_background("The worst storm in decades hit the northern ports.")


def test_a_span_of_decades_said_of_someone_is_no_history_of_the_news() -> None:
    from briefings.extract.clauses import dated_aside

    assert not dated_aside("The harbour towns have achieved a great deal together over the past two decades.")
    assert not dated_aside("We can say that over the last decades our harbour has come a very long way.")
    assert dated_aside("Petrov, a close ally of the mayor for decades, resigned in Lindau on Friday.")
    assert dated_aside("Rivals for centuries, Lindau and Tromsø now share a ferry company.")


def test_a_numbered_list_s_items_are_sentences_without_their_numbers() -> None:
    body = (
        "The ministers agreed as follows: 1.1. The sides will open two more border crossings. 1.2. The sides will "
        "meet again in March. The talks lasted four hours, and the results were: 1) Fewer queues at the border."
    )
    texts = [s.text for s in split_sentences(body)]
    assert texts == [
        "The ministers agreed as follows:",
        "The sides will open two more border crossings.",
        "The sides will meet again in March.",
        "The talks lasted four hours, and the results were:",
        "Fewer queues at the border.",
    ]
    assert all(body[s.start : s.end] == s.text for s in split_sentences(body))
    # a clock time or a race result is no list marker
    assert len(split_sentences("He won the race in 7:40.53. The runner-up was a second behind.")) == 2
    assert split_sentences("The ferry left at 10:30. Passengers were told to wait.")[0].text.endswith("10:30.")


def test_a_kicker_before_a_bar_is_no_part_of_the_sentence_it_labels() -> None:
    body = "THE HARBOUR FILES | Lindau's ferry company hid its losses for years.\n\nFerries | Two more boats sail on Monday."
    texts = [s.text for s in split_sentences(body)]
    assert texts == ["Lindau's ferry company hid its losses for years.", "Two more boats sail on Monday."]
    assert all(body[s.start : s.end] == s.text for s in split_sentences(body))
    # a bar among figures or after a colon labels nothing
    assert split_sentences("Results: 3 | 4 | 5 were counted.")[0].text == "Results: 3 | 4 | 5 were counted."


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
    # never closed: not quoted with its open mark; its first sentence is, whole, without the words introducing it
    assert not any('"This Feast' in t for t in texts)
    assert "This Feast of feasts brings joy to every home across the land." in texts
    assert not any(t.startswith("I wish you") for t in texts)  # the end of a quotation alone


def test_the_sentences_inside_a_quotation_are_not_quoted_without_its_marks() -> None:
    from briefings.briefing.summarise import SummaryDoc, summarise

    notice = (
        "Exactly eight years ago the harbour of Lindau closed. There was a notice about this: "
        '"Attention! From 7 am, the harbour of Lindau will temporarily close to ferries. '
        'Its reopening will be announced additionally." Today, the ferry company resumed crossings to Bregenz.'
    )
    picked = [p.sentence.text for p in summarise([SummaryDoc(1, "Harbour of Lindau closed to ferries", notice)], 5)]
    assert not any(t.startswith("From 7 am") for t in picked)
    assert "Today, the ferry company resumed crossings to Bregenz." in picked
    # a text published whole inside a quotation (a message): its sentences are its content, and are used
    message = 'The message reads, in part: "Your regatta has become a good tradition of the lake. '
    message += "Every summer it brings together sailors from Lindau, Bregenz and Konstanz. " * 12
    message += 'I wish you every success."'
    picked = [p.sentence.text for p in summarise([SummaryDoc(2, "Greetings to the regatta", message)], 2)]
    assert "Every summer it brings together sailors from Lindau, Bregenz and Konstanz." in picked
    # a quotation reopened in the next paragraph goes on; a paragraph that does not reopen it ends it
    body = (
        'The mayor said: "The ferries will run again in May. The harbour board has found the money.\n'
        '"We thank the crews for their patience."\nThe council approved the budget on Monday.'
    )
    sentences = split_sentences(body)
    assert inside_quotations(body, sentences) == {1}
    unclosed = 'The mayor said: "The ferries will run again in May.\nThe council approved the budget on Monday.'
    assert inside_quotations(unclosed, split_sentences(unclosed)) == set()
    # a new quotation after words of its own: the earlier one lost its closing mark, nobody can tell where
    lost = (
        'The mayor said: "The ferries will run again in May. The harbour board found the money. '
        'The skipper added: "We are ready. The crews are rested. The boats are repaired."'
    )
    assert inside_quotations(lost, split_sentences(lost)) == {3}


def test_in_a_speech_a_reported_development_leads_over_the_rhetoric_its_headline_quotes() -> None:
    from dataclasses import dataclass, replace

    from briefings.briefing.summarise import WEIGHTS, SummaryDoc, summarise

    @dataclass
    class Event:
        start: int
        end: int
        type: str
        background: bool = False

    body = (
        "Our Lindavia is a symbol of freedom for the whole world. "
        "I held talks in Lindau with the foreign ministers of Bregenz and Konstanz on the ferry line. "
        "We will defend our freedom in Lindau and in every town of Lindavia. "
        "I thank all our defenders in Lindau."
    )
    talks = "I held talks in Lindau with the foreign ministers of Bregenz and Konstanz on the ferry line."
    start = body.index(talks)
    title = "Lindavia is a symbol of freedom, and the ferry line will run - address by the President"
    doc = SummaryDoc(1, title, body, [Event(start, start + len(talks), "meeting")])
    assert [p.sentence.text for p in summarise([doc], 1)] == [talks]
    without = replace(WEIGHTS, speech_event=0.0)
    assert [p.sentence.text for p in summarise([doc], 1, weights=without)] != [talks]
    # told in the outlet's own voice, the story is no speech: the weight does not apply
    report = body.replace("Our Lindavia", "Lindavia").replace("I held", "The President held")
    report = report.replace("We will", "Lindavia will").replace("I thank all our", "The President thanked all the")
    start = report.index("The President held")
    doc = SummaryDoc(2, title, report, [Event(start, report.index("ferry line.") + 11, "meeting")])
    scored = [(p.sentence.text, round(p.score, 6)) for p in summarise([doc], 4)]
    assert scored == [(p.sentence.text, round(p.score, 6)) for p in summarise([doc], 4, weights=without)]


def test_a_month_before_a_year_or_back_then_dates_history() -> None:
    assert is_background("The first ferry crossed the lake in November 1961 and drew crowds to the harbour.")
    assert is_background("Far from every family owned a boat back then, so neighbours shared one.")
    assert not is_background("The ferry crossed the lake in record time on Monday.")


def test_a_year_adverbial_of_the_article_s_own_year_is_no_history() -> None:
    from briefings.briefing.summarise import SummaryDoc, candidates

    body = "In 2022, traffic through the harbour grew by 26 percent. The harbour was founded in 1998."
    flags = {s.text: b for s, b, _ in candidates(SummaryDoc(1, "Harbour", body, published=date(2022, 12, 1)))}
    assert flags["In 2022, traffic through the harbour grew by 26 percent."] is False
    assert flags["The harbour was founded in 1998."] is True
    # written in 2024, "in 2022" may date history: the parse decides (None) as before
    flags = {s.text: b for s, b, _ in candidates(SummaryDoc(1, "Harbour", body, published=date(2024, 1, 5)))}
    assert flags["In 2022, traffic through the harbour grew by 26 percent."] is None


def test_a_month_or_a_day_before_the_article_s_time_may_date_history() -> None:
    published = date(2021, 11, 26)
    assert dated_no_earlier("The ferry line opened in November 2021.", published)
    assert dated_no_earlier("The ferry line opened in October 2021.", published)  # the month before: still news
    assert not dated_no_earlier("The ferry line opened in March 2021.", published)
    assert dated_no_earlier("The mayor signed the decree on November 20, 2021.", published)
    assert not dated_no_earlier("On March 27, 2021, the mayor's decrees were revoked.", published)
    assert not dated_no_earlier("The harbour closed on 14 May 2013.", published)
    assert not dated_no_earlier("The harbour closed on February 30, 2021.", published)  # no such day
    assert is_background("On March 27, 2021, the mayor's decrees were revoked.")


def test_a_long_quotation_gives_its_first_sentence_without_an_open_mark() -> None:
    from briefings.briefing.summarise import SummaryDoc, candidates

    said = "I offer you my heartfelt greetings on the opening of the festival in Kazan. "
    body = f'The message reads, in part: "{said}{"The festival has grown every year since it began. " * 15}'
    body += 'I wish you every success." The governor opened the festival on Monday.'
    texts = [s.text for s, _, _ in candidates(SummaryDoc(1, "Greetings", body))]
    assert said.strip() in texts and not any(t.startswith("The message reads") for t in texts)
    assert not any(t.count('"') % 2 for t in texts)  # no quotation mark left open
    # a quotation that opens mid-sentence, without a colon or comma before it, is no sentence of its own
    cut = 'He called it "a pleasure to note the progress of the association in the region. ' + "More. " * 120
    assert not any("pleasure" in s.text for s, _, _ in candidates(SummaryDoc(2, "Talks", cut)))


def test_a_quotation_whose_first_sentence_is_long_still_gives_that_sentence() -> None:
    from briefings.briefing.summarise import SummaryDoc, candidates

    # with the words that introduce it the sentence is over the quotable length; the quoted sentence alone is not
    said = "The festival in Kazan has grown into one of the country's " + "largest and liveliest " * 14 + "events."
    assert 300 < len(said) < 400
    body = f'The message reads, in part:"{said} I wish you every success. We are proud of you all." It opened.'
    texts = [s.text for s, _, _ in candidates(SummaryDoc(1, "Greetings", body))]
    assert said in texts


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


@pytest.mark.parametrize(
    "text",
    [
        "CNN's Anna Petrenko reports from Lviv.",
        "NBC News’ Tom Baker has the latest.",
        "The BBC's John Smith reports.",
        "Reuters reports.",
    ],
)
def test_a_reporter_s_credit_line_is_only_an_attribution(text: str) -> None:
    assert is_attribution_only(text)


@pytest.mark.parametrize(
    "text",
    [
        "CNN's Anna Petrenko reports on how the bank's decision may come too late for renters.",
        "Ukraine reports 40 attacks on its power grid.",
        "The ministry reported a rise in exports.",
    ],
)
def test_a_report_with_its_content_is_not_a_credit_line(text: str) -> None:
    assert not is_attribution_only(text)


def test_list_bullets_and_trailing_ellipses_are_not_quoted() -> None:
    assert not is_quotable("• Analysis: what the new port deal means for grain prices")
    assert not is_quotable("When the harbour master asked the crew to turn back, they answered him...")
    assert not is_quotable("The minister listed the towns that were hit: Sumy, Okhtyrka, Konotop…")
    assert is_quotable("The minister listed the towns that were hit… and the list is growing, he said.")


@pytest.mark.parametrize(
    "text", ["I am grateful to everyone who helped the rescuers.", "I want to tell you about our first week."]
)
def test_gratitude_and_topic_announcements_do_not_stand_alone(text: str) -> None:
    assert not stands_alone(text)


def test_things_and_roles_are_not_shown_as_actors() -> None:
    assert not presentable("Regional Water Strategy", "organization")
    assert not presentable("National Heritage Prize", "organization")
    assert not presentable("Harbour Festival", "organization")
    assert not presentable("Minister of Health", "person") and not presentable("Head of the Office", "person")
    assert presentable("Ministry of Health", "organization") and presentable("Bank of England", "organization")
    assert presentable("Doris Day", "person")  # a surname that is also a thing's head
    assert not presentable("Alliance", "organization") and not presentable("Commission", "organization")
    assert not presentable("State Flag", "organization")


def _two_developments() -> list:
    from briefings.briefing.summarise import SummaryDoc

    return [
        SummaryDoc(1, "Mayor opens the new river bridge in Lindau",
                   "The mayor of Lindau opened the new river bridge on Monday. The bridge took four years to build."),
        SummaryDoc(2, "Mayor signs the budget for Lindau schools",
                   "The mayor of Lindau signed the school budget on Monday. It adds 40 teachers to the city's schools."),
    ]  # fmt: skip


def test_an_item_s_sentences_after_the_first_come_from_articles_of_its_development() -> None:
    from briefings.briefing.summarise import summarise

    free = summarise(_two_developments(), 2)
    assert {p.article_id for p in free} == {1, 2}  # without the check both developments are told
    kept = summarise(_two_developments(), 2, together=lambda a, b: False)
    assert len({p.article_id for p in kept}) == 1 and len(kept) == 2
    joined = summarise(_two_developments(), 2, together=lambda a, b: True)
    assert [p.sentence.text for p in joined] == [p.sentence.text for p in free]


def test_a_flagged_fragment_is_passed_over_for_the_next_best_sentence() -> None:
    from briefings.briefing.summarise import summarise

    first = summarise(_two_developments(), 1)[0].sentence.text
    picks = summarise(_two_developments(), 1, fragment=lambda text: text == first)
    assert picks and picks[0].sentence.text != first


def test_a_sentence_addressing_someone_needs_its_speaker() -> None:
    assert needs_speaker("Under your leadership, the city became a centre of science and trade.")
    assert not needs_speaker("The council thanked the volunteers for their work.")


def test_announcing_the_topic_of_a_meeting_is_not_news() -> None:
    assert not stands_alone("Today, we will discuss the development of the northern ports.")
    assert stands_alone("Today we signed the agreement on the northern ports.")


@pytest.mark.parametrize("text", ["He said that the decree was signed on Monday.", "Their convoy reached the port."])
def test_a_sentence_opening_with_a_personal_pronoun_leans_on_the_one_before(text: str) -> None:
    assert not stands_alone(text)


def test_names_numbers_or_nothing() -> None:
    from briefings.text.sentences import has_number, names_something

    assert names_something("The mayor met Anna Petrenko in the square.")
    assert not names_something("The event takes place in a new format.")
    assert not names_something("I think it is worth remembering.")
    assert has_number("Millions of people watched.") and has_number("It took 4 years.")
    assert not has_number("Someone watched.")


def test_a_sentence_with_no_name_event_or_number_is_left_out_while_others_have_one() -> None:
    from briefings.briefing.summarise import SummaryDoc, summarise

    doc = SummaryDoc(
        1, "Bridge opens", "The ceremony takes place in a new format. The mayor of Lindau opened the bridge."
    )
    assert [p.sentence.text for p in summarise([doc], 2)] == ["The mayor of Lindau opened the bridge."]
    vague = SummaryDoc(2, "Bridge opens", "The ceremony takes place in a new format.")
    assert [p.sentence.text for p in summarise([vague], 2)] == ["The ceremony takes place in a new format."]


def test_a_title_alone_or_after_another_word_is_not_a_name() -> None:
    assert not presentable("Interior", "organization")
    assert not presentable("Mourning Queen Margaret", "person")
    assert presentable("Queen Margaret II", "person") and presentable("Martin Luther King", "person")
    assert presentable("Deputy Prime Minister Anna Petrenko", "person")


def test_titles_inside_names_and_thing_heads_measured_on_other_corpora() -> None:
    assert presentable("Crown Prince Frederik", "person") and presentable("Martin Luther King Jnr", "person")
    assert not presentable("Said Mr Bysshe", "person")
    assert not presentable("Northern Civil War", "organization") and not presentable("General Election", "organization")


@pytest.mark.parametrize("name", ["Jr", "Jr.", "Mr", "Queen"])
def test_a_suffix_or_title_alone_is_not_shown(name: str) -> None:
    assert not presentable(name, "person")


@given(st.text(max_size=60), st.sampled_from(["person", "organization", "place", "group", ""]))
def test_any_name_is_judged_without_error(name: str, kind: str) -> None:
    assert presentable(name, kind) in (True, False)


def test_announcing_an_appeal_is_not_the_appeal() -> None:
    assert not stands_alone("Once again, I am appealing to the soldiers of the northern garrison.")
    assert stands_alone("I appeal to all leaders to stop the war now.")


def test_a_word_never_written_alone_is_part_of_longer_names() -> None:
    from briefings.briefing.shown_actors import never_alone

    assert never_alone("Supreme", ["The Supreme Court ruled.", "A Supreme Council met on Monday."])
    assert not never_alone("Gazprom", ["Gazprom cut gas supplies.", "The Gazprom Board met."])
    assert not never_alone("Supreme", [])


def test_a_person_written_with_and_without_middle_initials_is_shown_once() -> None:
    from briefings.briefing.shown_actors import distinct_names

    named = [
        ("Vladimir Putin", "person"),
        ("Kerch", "place"),
        ("Vladimir V. Putin", "person"),
        ("J. K. Lind", "person"),
    ]
    assert distinct_names(named) == ["Vladimir Putin", "Kerch", "J. K. Lind"]
    # only people: an organisation's initials are part of its name
    assert distinct_names([("Bank A", "organization"), ("Bank", "organization")]) == ["Bank A", "Bank"]


def test_a_person_spelt_two_ways_is_shown_once() -> None:
    from briefings.briefing.shown_actors import distinct_names
    from briefings.extract.names import spelling_variants

    named = [
        ("Kim Jong Un", "person"),
        ("North Korea", "place"),
        ("Kim Jong-un", "person"),
        ("Volodymyr Zelensky", "person"),
        ("Volodymr Zelensky", "person"),
        ("Viktor Yanukovich", "person"),
        ("Viktor Yanukovych", "person"),
    ]
    assert distinct_names(named) == ["Kim Jong Un", "North Korea", "Volodymyr Zelensky", "Viktor Yanukovich"]
    # one letter in a short word makes another person; two words changed make another name
    assert distinct_names([("Ivanka Trump", "person"), ("Ivana Trump", "person")]) == ["Ivanka Trump", "Ivana Trump"]
    assert not spelling_variants(["andriy", "kostin"], ["andrei", "kostina"])
    assert spelling_variants(["mykhailo", "podoliak"], ["mykhailo", "podolyak"])
    assert not spelling_variants(["podoliak"], ["podolyak"])  # one word alone: no given name to agree on
    # organisations keep their spellings: one letter can make another body
    assert distinct_names([("Bundesrat", "organization"), ("Bundestag", "organization")]) == ["Bundesrat", "Bundestag"]


def test_a_person_s_name_cut_short_is_not_shown_beside_it() -> None:
    from briefings.briefing.shown_actors import distinct_names

    named = [("Luiz Inácio Lula da Silva", "person"), ("Brazil", "place"), ("Luiz Inácio", "person")]
    assert distinct_names(named) == ["Luiz Inácio Lula da Silva", "Brazil"]
    # a given name alone, and an organisation's name another begins, are other rules' business
    assert distinct_names([("Ola Berg", "person"), ("Ola", "person")]) == ["Ola Berg", "Ola"]
    named = [("Lindau Ferries Group", "organization"), ("Lindau Ferries", "organization")]
    assert distinct_names(named) == ["Lindau Ferries Group", "Lindau Ferries"]


def test_a_prefixed_modifier_is_not_shown_as_an_actor() -> None:
    from briefings.briefing.shown_actors import presentable

    assert not presentable("Euro-Atlantic", "organization")
    assert not presentable("Pro-Moscow", "group")
    assert presentable("Coca-Cola", "organization") and presentable("Trans-Dniester", "place", "MD")


@pytest.mark.parametrize(
    ("name", "kind", "shown"),
    [
        ("Kherson overnight", "person", False),  # ran on past the name
        ("Helga von der", "person", False),  # cut inside it
        ("Polish party", "organization", False),  # a description, not a name
        ("two months ago", "organization", False),
        ("Hebei province", "place", True),  # a generic head after the name
        ("Green Future party", "organization", True),
        ("Sumy airport", "place", True),
        ("Ravi Shankar", "person", True),
    ],
)
def test_a_name_ending_in_a_lower_case_word_is_shown_only_with_a_generic_head(
    name: str, kind: str, shown: bool
) -> None:
    assert presentable(name, kind) is shown


@pytest.mark.parametrize(
    ("text", "outlet", "expected"),
    [
        ("CNN's Anna Petrenko reports on the timing of the rate rise.", "CNN International", True),
        ("The BBC's Tom Hale travels on a bus with families leaving Kharkiv.", "BBC News", True),
        ("CNN's Lena Ortiz has the details.", "CNN", True),
        ("Ferrari's Marco Bellini takes pole position in Singapore.", "BBC News", False),  # not the outlet's own
        ("CNN's Anna Petrenko reports on the timing of the rate rise.", "BBC News", False),  # another outlet's reporter
        ("CNN reported that the strike killed 12 people.", "CNN", False),  # the outlet itself reports news
        ("CNN's Anna Petrenko reports on the timing of the rate rise.", None, False),
    ],
)
def test_a_sentence_about_the_outlets_own_coverage_is_recognised(text: str, outlet: str | None, expected: bool) -> None:
    assert about_own_coverage(text, outlet) is expected


def test_a_briefing_item_passes_over_the_outlets_own_coverage_blurb() -> None:
    from briefings.briefing.summarise import SummaryDoc, summarise

    body = (
        "The Federal Reserve raised interest rates by half a point on Wednesday. "
        "CNN's Anna Petrenko reports on what the rise means for borrowers."
    )
    picks = summarise([SummaryDoc(1, "The Fed raised rates", body, outlet="CNN International")], 2)
    assert [p.sentence.text for p in picks] == [
        "The Federal Reserve raised interest rates by half a point on Wednesday."
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thanks to your hard work, the port handled record cargo this year.", True),
        ("I sincerely congratulate you and the whole team on the anniversary.", True),
        ("The plant's workers built 40 turbines for the northern grid in 2021.", False),
        (
            '"You have done a great job," the minister told the rescuers in Odesa.',
            False,
        ),  # quoted: who said it is named
        ("Your Excellency, I would like to welcome you to Brasilia.", True),
        ("Mr Ortiz, I think today's meeting will bring our ports closer.", True),  # a vocative, no "you"
        ("Colleagues, we are well aware of the pressure on the harbour.", True),
        ("Mr Ortiz, the port's former director, was arrested in Lindau.", False),  # an apposition
        ("Mr Ortiz, 52, denies the charges.", False),
    ],
)
def test_a_speaker_addressing_their_audience_is_recognised(text: str, expected: bool) -> None:
    assert addresses_someone(text) is expected


@pytest.mark.parametrize(
    ("headline", "address", "news"),
    [
        (
            "Greetings to the shipyard's workers",
            "Thanks to your efforts, the shipyard in Mykolaiv has become one of the leaders of the industry.",
            "The shipyard delivered 12 cargo vessels to Norwegian and Danish owners this month.",
        ),
        (  # a vocative, no "you"
            "Meeting with Mayor of Bregenz Carlos Ortiz",
            "Mr Ortiz, I think that in the course of today's meeting we will discuss the Lindau port in detail.",
            "The two leaders agreed to open a ferry line between Lindau and Bregenz next spring.",
        ),
    ],
)
def test_a_briefing_item_passes_over_a_sentence_addressed_to_the_audience(
    headline: str, address: str, news: str
) -> None:
    from briefings.briefing.summarise import SummaryDoc, summarise

    picks = summarise([SummaryDoc(1, headline, f"{address} {news}")], 2)
    assert [p.sentence.text for p in picks] == [news]


def test_a_live_pages_title_repeated_as_a_sentence_is_furniture() -> None:
    assert not is_quotable("US midterm elections results 2022 – live")
    assert not is_quotable("Russia-Ukraine war: Zelenskiy says frontline fighting is acute – as it happened")
    assert is_quotable("The band played their new songs live in Kyiv on Friday.")


@pytest.mark.parametrize(
    ("text", "aside"),
    [
        ("Biden announced the United States will send tanks after previously being opposed to the move.", True),
        ("Ukraine aims to take back Crimea, which has been under Russian control since 2014.", True),
        ("Russia annexed Crimea in 2014.", False),  # the main clause's own time: history
        ("The deal was previously agreed by both sides.", False),
    ],
)
def test_a_past_time_inside_a_subordinate_clause_does_not_date_the_news(text: str, aside: bool) -> None:
    from briefings.extract.clauses import dated_aside

    assert dated_aside(text) is aside


def test_a_news_sentence_with_a_past_time_only_in_a_relative_clause_is_summarised() -> None:
    from briefings.briefing.summarise import SummaryDoc, summarise
    from briefings.extract.clauses import dated_aside

    body = (
        "An army spokesman said the strikes on the depot were carried out by drones that had not previously been "
        "seen at the front."
    )
    doc = SummaryDoc(1, "Iranian drones reach the battlefield", body)
    assert summarise([doc], 2) == []  # read by its words alone, "previously" makes it history
    assert [p.sentence.text for p in summarise([doc], 2, dated_aside=dated_aside)] == [body]


def test_the_lead_of_one_article_reports_what_its_headline_announces() -> None:
    from dataclasses import replace

    from briefings.briefing.summarise import WEIGHTS, SummaryDoc, summarise

    body = (
        "The Lindau river port has grown into one of the busiest in the region, with 40 berths. "
        "The city council approved a 12 million euro expansion of the river port on Tuesday. "
        "Work is to start in spring."
    )
    doc = SummaryDoc(1, "Lindau council approves river port expansion", body)
    lead = summarise([doc], 1)[0].sentence.text
    assert lead.startswith("The city council approved")
    # with the weights every later sentence gets, position wins and the background comes first
    flat = replace(WEIGHTS, lead_headline=WEIGHTS.headline, lead_position=WEIGHTS.position)
    assert summarise([doc], 1, weights=flat)[0].sentence.text.startswith("The Lindau river port has grown")


def test_a_sentence_that_is_another_articles_headline_is_a_link_not_news() -> None:
    from briefings.briefing.summarise import SummaryDoc, summarise

    live = SummaryDoc(
        1,
        "Flood live: Lindau evacuates its old town as the river rises",
        "At a glance: what we know on day three of the floods. "
        "Lindau evacuated 2,000 residents of its old town on Monday as the river rose above its banks.",
    )
    glance = SummaryDoc(
        2,
        "Lindau floods at a glance: what we know on day three of the floods",
        "Emergency crews in Lindau reinforced the dykes with 40,000 sandbags overnight.",
    )
    texts = [p.sentence.text for p in summarise([live, glance], 3)]
    assert "At a glance: what we know on day three of the floods." not in texts
    assert any(t.startswith("Lindau evacuated") for t in texts)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Watch as Lindau's rowers win gold in the final of the European championships.", False),  # the news shown
        ("Follow the day's news from Lindau live", True),
        ("See all our coverage of the Lindau floods", True),
        ("Rate the players out of 10 as Lindau face Bregenz in the cup final.", True),
        ("Rate rises hit borrowers in Lindau hardest, the central bank said.", False),  # a noun, no imperative
        ("Watchdogs fined the Lindau port operator 2 million euros.", False),
    ],
)
def test_an_outlet_pointing_the_reader_at_its_content_is_recognised(text: str, expected: bool) -> None:
    from briefings.text.attribution import invites_the_reader

    assert invites_the_reader(text) is expected


def test_a_summary_passes_over_a_pointer_to_the_outlets_coverage() -> None:
    from briefings.briefing.summarise import SummaryDoc, summarise

    body = "Rate the players out of 10 as Lindau face Bregenz in the cup final. Lindau won the cup 2-1 in Munich."
    picks = summarise([SummaryDoc(1, "Lindau v Bregenz: rate the players", body)], 2)
    assert [p.sentence.text for p in picks] == ["Lindau won the cup 2-1 in Munich."]


@pytest.mark.parametrize(
    "text",
    [
        "The harbour has more than 40 berths for the lake ferries.",
        "The harbour board details new ferry timetables for the winter.",
        "Anna Berg explains that the ferry sank after hitting a rock.",
    ],
)
def test_a_report_is_not_a_presenter_s_blurb(text: str) -> None:
    assert stands_alone(text)


@pytest.mark.parametrize(
    ("text", "told"),
    [
        ("The mayor of Lindau had feared the ferry strike would spell trouble for the town.", True),
        ("The harbour board had resisted the plan for a second pier.", True),
        ("By Friday evening, the crews had ended the ferry strike in Lindau.", False),  # the time it looks back from
        ("Harbour officials said 20 boats had been damaged in the storm.", False),  # reported: backshifted
        ("The harbour board had resisted the plan, but the mayor signed it on Monday.", False),
        ("The crews had just left the pier when the storm hit Lindau.", False),
        ("The harbour board resisted the plan for a second pier.", False),
    ],
)
def test_a_main_clause_in_the_past_perfect_tells_what_came_before(text: str, told: bool) -> None:
    from briefings.extract.clauses import told_before_text

    assert told_before_text(text) is told


def test_what_came_before_the_news_is_summarised_only_when_nothing_else_is_left() -> None:
    from briefings.briefing.summarise import SummaryDoc, summarise
    from briefings.extract.clauses import told_before_text

    before = "The mayor of Lindau had feared the ferry strike would spell trouble for the harbour."
    news = "The ferry crews of Lindau ended their strike on Monday after 40 days."
    doc = SummaryDoc(1, "Lindau ferry strike: mayor had feared trouble", f"{before} {news}")
    assert summarise([doc], 2)[0].sentence.text == before  # the headline's words lead without the check
    assert [p.sentence.text for p in summarise([doc], 2, told_before=told_before_text)] == [news]
    alone = SummaryDoc(2, "Lindau mayor had feared trouble", before)
    assert [p.sentence.text for p in summarise([alone], 2, told_before=told_before_text)] == [before]


def test_a_day_without_its_year_weeks_before_the_article_may_date_history() -> None:
    from briefings.briefing.summarise import SummaryDoc, summarise
    from briefings.extract.clauses import dated_aside
    from briefings.text.sentences import earlier_times

    published = date(2023, 7, 8)
    assert earlier_times("The ferry sank off Lindau on June 27.", published)
    assert earlier_times("On 20 June the harbour closed.", published)
    assert not earlier_times("The ferry sank off Lindau on July 6.", published)  # two days before: the news
    assert not earlier_times("The regatta opens on July 20.", published)  # to come
    assert not earlier_times("The ferry sank on December 30.", date(2024, 1, 4))  # the year before, five days
    assert not earlier_times("The new line opens on January 5.", date(2023, 12, 28))  # the coming one
    assert not earlier_times("The talks were held on January 20-21, 2023.", published)  # a range with its year
    old = "The attack on the harbour of Lindau on June 27 left a lasting impression on the crews."
    news = "The city of Lindau is now renaming its streets after the ferry crews who died."
    doc = SummaryDoc(1, "Inside Lindau", f"{old} {news}", published=published)
    assert [p.sentence.text for p in summarise([doc], 2, dated_aside=dated_aside)] == [news]
    aside = "The harbour of Lindau, which closed on June 27, reopened to ferries on Friday."
    doc = SummaryDoc(2, "Lindau harbour reopens", aside, published=published)
    assert [p.sentence.text for p in summarise([doc], 2, dated_aside=dated_aside)] == [aside]


def test_headlines_joined_by_semicolons_are_a_digest_not_a_sentence() -> None:
    assert not is_quotable(
        "Lindau ferry crews end their strike after 40 days; Tromsø harbour board approves a second pier"
    )
    assert not is_quotable("Lindau 260 all out; Tromsø 118 all out")
    # a sentence that closes with its mark is prose, its semicolon joining one development's clauses
    assert is_quotable("The ferry crews of Lindau ended their strike; the first boats sailed on Monday.")
    assert is_quotable("Lindau ferry crews end their strike after 40 days")
