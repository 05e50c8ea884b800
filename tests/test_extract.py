"""Extraction rules, each on a small text of its own: which names are actors, roles, joins within an article,
keys across spellings, what a profile adds, dates and events. Outcomes on the seed corpus are in
``test_extract_golden.py``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

from briefings.errors import ProfileError
from briefings.extract.actors import ArticleActors, extract_actors
from briefings.extract.backlog import extract_backlog
from briefings.extract.events import _with_determiner, extract_events
from briefings.extract.gazetteer import gazetteer
from briefings.extract.model import load_model
from briefings.extract.names import given_names, person_key, surname
from briefings.extract.profile import GENERAL, available, load_profile
from briefings.extract.records import ActorRef
from briefings.extract.resolve import resolve_actor
from briefings.extract.speech import spoken_tokens
from briefings.extract.timeexpr import resolve
from briefings.ingest.normalise import ExtractOptions
from briefings.ingest.pipeline import Ingestor
from briefings.queries.actors import find_actors
from briefings.store import Store, open_store
from tests.conftest import PROFILE


def actors_of(text: str, profile: str = GENERAL) -> ArticleActors:
    return extract_actors(load_model(profile=profile)(text), gazetteer(profile))


def names(text: str, profile: str = GENERAL) -> dict[str, str]:
    """Actor name → kind, for the actors of ``text`` that are used."""
    return {a.name: a.kind for a in actors_of(text, profile).actors if a.kind != "_unused"}


# --- which names are actors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "not_actor"),
    [
        ("President", True),  # a title without its holder
        ("the Prime Minister", True),  # a title phrase
        ("Head of State", True),
        ("Deputy Foreign Minister", True),
        ("Major", False),  # one title word may be a surname (John Major)
        ("King", False),
        ("Mr King", False),  # an honorific introduces a name, even a title word (Mervyn King)
        ("Government", True),  # an institution noun alone
        ("COVID-19", True),
        ("Telegram", True),
        ("Prime Minister Boris Johnson", False),
        ("Germany", False),
        ("Glory", False),  # a slogan of one region's speeches: only its profile lists it
        ("God", True),  # "thank God": not the Hungarian town Göd
        ("AI", True),  # a technology, which the model tags a place
    ],
)
def test_names_that_name_no_actor(name: str, not_actor: bool) -> None:
    assert gazetteer().not_actor(name) is not_actor


def test_a_profile_adds_the_names_its_region_does_not_use_as_actors() -> None:
    assert gazetteer(PROFILE).not_actor("Glory") and not gazetteer().not_actor("Glory")


def test_title_case_headings_name_no_actors_but_known_places_and_names_the_text_repeats() -> None:
    heading = "Reactions From Brussels And The Coalition Partners"
    body = "The coalition met on Monday and its partners said the budget would pass before the end of the month."
    assert names(f"{heading}\n\n{body}") == {"Brussels": "place"}
    assert "Coalition Partners" in names(f"{heading}.\n\n{body}")  # a sentence, not a heading: trusted
    merkel = "Merkel met the president on Monday and said the two governments would work on a trade agreement."
    found = names(f"Angela Merkel Visits Washington\n\n{merkel}")
    assert found.get("Angela Merkel") == "person"  # the running text capitalises Merkel too


def test_a_heading_is_short_states_nothing_and_heads_a_paragraph() -> None:
    from briefings.extract.actors import heading_lines

    paragraph = "The talks between the two delegations went on for most of the day and ended without a statement."
    text = f"Talks With The Union\n{paragraph}\nA Statement Was Read Out.\n{paragraph}\nTalks Ended In Brussels"
    doc = load_model()(text)
    assert [doc.text[a:b] for a, b in heading_lines(doc)] == ["Talks With The Union"]  # not a sentence, not last
    fixtures = load_model()(f"{paragraph}\nChelsea v Birmingham\nOldham v Bolton\n{paragraph}")
    assert heading_lines(fixtures) == []  # a run of short lines is a list


def test_a_common_noun_inside_a_longer_name_is_not_a_person() -> None:
    found = names("Delegates attended the Peace Formula meeting in Davos. The peace formula has ten points.")
    assert "Formula" not in found
    assert "Formula" in names("Delegates attended the Peace Formula meeting in Davos.")  # no lower-case use: kept
    assert names("President Putin met Emmanuel Macron in Paris.").keys() >= {"Putin", "Emmanuel Macron"}


# --- roles and joins within an article ----------------------------------------------------------------------


def test_titles_and_nationality_become_the_role() -> None:
    found = actors_of("British Prime Minister Boris Johnson spoke to reporters in London.")
    johnson = next(a for a in found.actors if a.kind == "person")
    assert (johnson.name, johnson.role) == ("Boris Johnson", "British Prime Minister")
    assert "British Prime Minister Boris Johnson" in johnson.aliases


def test_a_body_s_name_glued_to_its_holder_after_a_title_is_split() -> None:
    found = actors_of("The minister met the Vice President of the European Commission Valdis Dombrovskis in Riga.")
    kinds = {(a.name, a.kind) for a in found.actors}
    assert ("Valdis Dombrovskis", "person") in kinds and ("European Commission", "organization") in kinds
    for text, person in (
        (
            "Secretary of the National Fisheries Council Oleksiy Danilenko said the port was closed.",
            "Oleksiy Danilenko",
        ),
        ("Governor of the Northern Bank Elvira Sadykova reported on inflation.", "Elvira Sadykova"),
    ):
        assert (person, "person") in {(a.name, a.kind) for a in actors_of(text).actors}, text
    # words of the dictionary after the body's head noun are more of the body's name, not a person
    found = actors_of("He spoke to the Chairman of the Northern Bank Management Board on Friday.")
    assert not any(a.kind == "person" for a in found.actors)


def test_a_portfolio_glued_to_its_holder_after_a_title_is_cut_off() -> None:
    found = actors_of("Kallas met US Secretary of Defense Lloyd Austin in Tallinn.")
    people = {a.name: a.role for a in found.actors if a.kind == "person"}
    assert people.get("Lloyd Austin") == "US Secretary of Defense"
    assert not any(a.name.startswith("Defense") for a in found.actors)
    # no given name after the common words: the words stay one body ("Secretary of the Treasury Office")
    found = actors_of("She wrote to the Secretary of State Office Board about the visas.")
    assert not any(a.kind == "person" for a in found.actors)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a classifying noun glued to a name at a sentence's start
        ("Footballer Marcus Rashford has called for free school meals.", {"Marcus Rashford": "person"}),
        ("Star Christina Applegate has been praised for her role.", {"Christina Applegate": "person"}),
        # a salutation addresses a person, or an audience that names no one
        ("Dear President Cassis, thank you for the invitation.", {"Cassis": "person"}),
        ("Dear Ladies and Gentlemen, I am glad to welcome you to Riga.", {"Riga": "place"}),
        # a preposition opening the sentence is no part of the name after it
        ("Across Wales, pickets were held by civil servants.", {"Wales": "place"}),
        # a list's bullet, and what follows a label's colon
        ("• Giuliani says he will testify.", {"Giuliani": "person"}),
        ("• Video: Retired general predicts a long war.", {}),
        # a holder's title between a body and the name; names coordinated in one entity
        (
            "The talks were attended by Federation Council Speaker Valentina Matviyenko.",
            {"Federation Council": "organization", "Valentina Matviyenko": "person"},
        ),
        ("Hayden Tanner and Willie Davies scored tries.", {"Hayden Tanner": "person", "Willie Davies": "person"}),
        # not split: a name that opens with a given name, a company's legal form, a plural common noun, partners
        ("Camilla Parker Bowles attended the wedding.", {"Camilla Parker Bowles": "person"}),
        ("The jets are made by Lockheed Martin Corp.", {"Lockheed Martin Corp": "organization"}),
        ("JP Morgan Securities advised the bank.", {"JP Morgan Securities": "organization"}),
        ("The bank Oyens & Van Eeghen was sold.", {"Oyens & Van Eeghen": "organization"}),
    ],
)
def test_words_glued_to_a_name_are_not_the_name(text: str, expected: dict[str, str]) -> None:
    assert names(text) == expected


def test_a_surname_joins_the_full_name_of_the_article() -> None:
    found = actors_of("Rishi Sunak arrived in Kyiv. Sunak later met soldiers.")
    people = [a for a in found.actors if a.kind == "person"]
    assert [p.name for p in people] == ["Rishi Sunak"] and people[0].aliases.get("Sunak") == "surname"
    assert sum(1 for m in found.mentions if m.via == "surname") == 1


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Sophie Kettleby ends the programme saying she never expected such a night.", "Sophie Kettleby"),
        ("Watch the third set display against Irina-Camelia Dobrescu, taking it 6-1.", "Irina-Camelia Dobrescu"),
        ("Nadia Petrova beat her rival in straight sets.", "Nadia Petrova"),
    ],
)
def test_a_given_name_and_a_surname_typed_an_organisation_name_a_person(text: str, person: str) -> None:
    assert names(text).get(person) == "person"


@pytest.mark.parametrize("given", ["Reinhard", "Jens", "Recep", "Annalena"])
def test_a_given_name_of_another_country_and_a_surname_typed_an_organisation_name_a_person(given: str) -> None:
    """Given names the 1990 US census does not hold (German, Norwegian, Turkish): the world list has them."""
    from spacy.tokens import Span

    nlp = load_model()
    doc = nlp.make_doc(f"{given} Kettleby ends the programme saying it was a long night.")
    for name, component in nlp.pipeline:
        if name == "briefbot_places":
            doc.ents = [Span(doc, 0, 2, label="ORG")]  # as the model reads many foreign names
        doc = component(doc)
    assert [(a.name, a.kind) for a in extract_actors(doc, gazetteer()).actors] == [(f"{given} Kettleby", "person")]


def test_the_world_given_names_are_capitalised_latin_words_and_no_english_words() -> None:
    from briefings.extract.model import census_given_names, dictionary_words, world_given_names

    names = world_given_names()
    assert len(names) > 10_000 and not names & census_given_names()
    assert not {n for n in names if n in dictionary_words() or len(n) < 3 or not n.replace("-", "").isalpha()}


@pytest.mark.parametrize(
    ("text", "organisation"),
    [
        ("Tyson Foods said it would cut jobs.", "Tyson Foods"),  # a common noun last
        ("Morgan Stanley said profits rose.", "Morgan Stanley"),  # a surname that English also writes as a word
        ("Royal Mail said deliveries were late.", "Royal Mail"),  # an adjective first
        ("The drugmaker Eli Lilly said on Monday that sales rose.", "Eli Lilly"),  # the article's classifier
    ],
)
def test_organisations_of_other_shapes_stay_organisations(text: str, organisation: str) -> None:
    assert names(text).get(organisation) == "organization"


def test_a_surname_typed_an_organisation_is_the_person_named_in_full() -> None:
    found = actors_of("Sophie Raworth ends the programme saying she never expected such a night. Raworth said goodbye.")
    assert [(a.name, a.kind) for a in found.actors if a.kind != "_unused"] == [("Sophie Raworth", "person")]
    assert [m.via for m in found.mentions] == ["name", "surname"]


def test_a_surname_keeps_its_particle_and_a_name_cut_at_a_particle_is_joined() -> None:
    found = actors_of("Marine Le Pen and Jordan Bardella met. Le Pen said no.")
    people = {a.name: a for a in found.actors if a.kind == "person"}
    assert set(people) == {"Marine Le Pen", "Jordan Bardella"} and not any(
        a.kind == "organization" for a in found.actors
    )
    assert people["Marine Le Pen"].aliases.get("Le Pen") == "surname" and "Pen" not in people["Marine Le Pen"].aliases
    found = actors_of("Ursula von der Leyen spoke in Brussels. Von der Leyen said the talks would go on.")
    assert [(a.name, a.kind) for a in found.actors if a.kind != "_unused"][:1] == [("Ursula von der Leyen", "person")]
    assert not any(a.name == "Leyen" for a in found.actors)


def test_a_lower_case_word_is_no_person() -> None:
    found = actors_of(
        "Zelensky says Ukrainian air defense can become the most powerful in Europe. Wizz Air will resume flights."
    )
    assert not any(alias.islower() for a in found.actors for alias in a.aliases)
    assert not any(m.text == "air" for m in found.mentions)


def test_a_common_noun_capitalised_before_a_given_name_is_the_role() -> None:
    found = actors_of("Historian Ian Garner offers a disturbing account of the war.")
    people = [a for a in found.actors if a.kind == "person"]
    assert [(p.name, p.role) for p in people] == [("Ian Garner", "Historian")]
    assert names("Christian Louis Lange won the prize.").get("Christian Louis Lange") == "person"  # a given name first


def test_a_plural_common_noun_last_names_a_group_not_a_person() -> None:
    assert names("Tory MPs are holding their first round of voting.") == {"Tory MPs": "group"}
    assert names("Zaporizhzhian Cossacks are warriors revered for centuries.") == {"Zaporizhzhian Cossacks": "group"}
    assert names("John Adams was president.") == {"John Adams": "person"}


def test_a_given_name_the_model_left_out_before_a_surname_is_part_of_the_name() -> None:
    # the model tags "Sosnenko" alone; "Denys" is a given name of the profile's region
    assert names("Denys Sosnenko was was killed by a mine.", PROFILE) == {"Denys Sosnenko": "person"}


def test_a_spaced_dash_ends_a_persons_name_and_a_known_place_is_no_surname() -> None:
    found = names("Kel Coslett is the manager, while Clive Griffiths - Wales' defensive coach - is a former player.")
    assert found.get("Clive Griffiths") == "person" and not any(" - " in name for name in found)
    # "Crimea" tagged an organisation after a "person" ending in it: a known place, not that person's surname
    doc = load_model(profile=PROFILE)(
        "Take people to the occupied Ukrainian Crimea. They take people to Crimea, which they hold."
    )
    assert "PERSON" not in [e.label_ for e in doc.ents if e.text == "Crimea"]
    assert surname("van der Walt") == "van der Walt" and surname("Luiz Inacio Lula da Silva") == "da Silva"


def test_a_given_name_alone_is_a_mention_of_the_one_full_name_starting_with_it() -> None:
    found = actors_of('Martin Keller broke his wrist on Saturday. His coach said: "Martin will be out for weeks."')
    people = [a for a in found.actors if a.kind == "person"]
    assert [p.name for p in people] == ["Martin Keller"] and "Martin" not in people[0].aliases
    assert [m.text for m in found.mentions if m.via == "given"] == ["Martin"]
    # two people of that given name: the short form is no one's
    found = actors_of('Martin Keller and Martin Brandt signed. The coach said: "Martin will be out for weeks."')
    assert not any(m.via == "given" for m in found.mentions)


def test_a_romanised_korean_given_name_last_is_no_surname() -> None:
    doc = load_model()("North Korean leader Kim Jong-un inspected a missile factory in Pyongyang.")
    kim = next(a for a in extract_actors(doc).actors if a.kind == "person")
    assert kim.name == "Kim Jong-un" and "Jong-un" not in kim.aliases
    other = next(a for a in extract_actors(load_model()("Anna Lvova-Belova spoke.")).actors if a.kind == "person")
    assert other.aliases.get("Lvova-Belova") == "surname"  # both parts capitalised: a double surname


def test_an_acronym_joins_the_organisation_it_spells() -> None:
    found = actors_of("The World Health Organization warned of cholera. The WHO sent doctors.")
    who = next(a for a in found.actors if a.name == "World Health Organization")
    assert who.aliases.get("WHO") == "acronym"


def test_a_currency_code_by_an_amount_is_no_actor() -> None:
    for text in (
        "The amount of the scholarship will increase from UAH 5,800 to UAH 9,670, the Ministry of Education said.",
        "A cash withdrawal limit of UAH 100,000 has been introduced, Mykhailo Podoliak added.",
    ):
        assert "UAH" not in names(text), text


def test_an_abbreviation_the_model_reads_as_a_place_is_a_body_unless_a_place_is_expected() -> None:
    assert names("Russia chairs BRICS this year.") == {"Russia": "place", "BRICS": "organization"}
    assert names("The G7 countries imposed a price cap.") == {"G7": "organization"}  # the Group of Seven
    assert names("He grew up in NSW before moving to Perth.")["NSW"] == "place"  # a locative preposition governs it
    assert names("The UK and Poland signed it.") == {"United Kingdom": "place", "Poland": "place"}  # the gazetteer's
    assert names("Brazil and the PRC signed a payments deal.") == {"Brazil": "place", "China": "place"}  # its alias


def test_a_models_designation_is_no_actor() -> None:
    from briefings.extract.names import names_a_model

    found = names("Estonia received the An-26 and a batch of MiG-29 jets, while Sony sold the CDP-101 in Tokyo.")
    assert not {"An-26", "MiG-29", "CDP-101"} & set(found) and {"Estonia", "Tokyo"} <= set(found)
    assert names_a_model("S-500") and names_a_model("AK-47s") and names_a_model("MPEG-4")
    assert not names_a_model("G-20") and not names_a_model("Covid") and not names_a_model("Jean-Pierre")


def test_an_acronym_spelled_out_in_lower_case_is_no_actor_an_institution_stays() -> None:
    found = names("Exports of liquefied natural gas (LNG) from Qatar rose, while Germany bought more LNG from Norway.")
    assert "LNG" not in found and {"Qatar", "Germany", "Norway"} <= set(found)
    assert (
        names("The national executive committee (NEC) of the ANC met; the NEC backed Cyril Ramaphosa.").get("NEC")
        == "organization"
    )


def test_a_name_cut_before_its_last_word_is_the_words_before() -> None:
    found = names("The National Guard of Ukraine said the attack failed.")
    assert "National Guard" in found and "National Guard of" not in found


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("The mayor said in an interview with The Post that the bridge would reopen.", "The Post"),
        ("Figures published by The Times on Monday showed a fall in exports.", "The Times"),
    ],
)
def test_a_capital_the_inside_a_sentence_belongs_to_the_title_it_opens(text: str, title: str) -> None:
    found = names(text)
    assert found.get(title) == "organization" and title.removeprefix("The ") not in found


def test_the_article_of_a_sentence_or_of_a_noun_a_name_modifies_is_not_the_names() -> None:
    assert "The Senate" not in names("The Senate voted on Tuesday.")
    assert "The Guardian" not in names("He told The Guardian newspaper that he would stay.")


@pytest.mark.parametrize(
    "text",
    [
        "THE HAGUE, Netherlands — Investigators said on Wednesday that the missile came from Russia.",
        "The award by a Hague-based arbitration court may take years to enforce.",
        "Two men were convicted in The Hague last year.",
    ],
)
def test_a_place_whose_name_holds_its_article_keeps_it(text: str) -> None:
    found = names(text)
    # a dateline's capitals, an adjective or a dropped "the": the city is The Hague, not "HAGUE" or "Hague"
    assert found.get("The Hague") == "place" and "HAGUE" not in found and "Hague" not in found


def test_a_person_named_like_a_place_with_an_article_stays_a_person() -> None:
    assert names("Mr Hague, 43, told the Daily Telegraph he would now find politics boring.").get("Hague") == "person"


def test_a_place_met_in_a_dateline_s_capitals_is_shown_as_running_text_writes_it(tmp_path) -> None:
    store = open_store(tmp_path / "briefbot.db")
    g = gazetteer(GENERAL)
    shouted = store.actors.add("KYIV", "place", "kyiv", country="UA")
    assert resolve_actor(store, g, ActorRef("Kyiv", "place", "kyiv", country="UA")) == (shouted, False)
    assert store.actors.names([shouted]) == {shouted: "Kyiv"}
    # an acronym the gazetteer knows as no place keeps its capitals
    brics = store.actors.add("BRICS", "place", "brics")
    resolve_actor(store, g, ActorRef("Brics", "place", "brics"))
    assert store.actors.names([brics]) == {brics: "BRICS"}


def test_a_cyrillic_soft_sign_is_left_out_of_a_place_name_as_news_writes_it() -> None:
    g = gazetteer(GENERAL)
    assert g.place("Ryazan").name == "Ryazan"  # geonames: "Ryazan’"
    assert gazetteer(PROFILE).place("Homyel").name == "Homyel"  # a focus town: "Homyel'"
    assert "Ryazan" in names("Officials in Ryazan said the fire was out.")


def test_a_kickers_words_name_no_actor() -> None:
    # the model tags the labels "Valdor Files" a person and "Partygate" an organisation
    for label in ("Valdor Files", "Partygate"):
        found = names(f"{label} | The ferry company hid its losses for years, Mayor Anna Berg said.")
        assert label not in found and "Anna Berg" in found


def test_a_conjunction_inside_a_capitalised_run_ends_a_name() -> None:
    found = names("A depot was hit in Ukraine's Poltava as Kyiv and Moscow traded drone attacks.", PROFILE)
    assert "Poltava" in found and not any(" as " in name for name in found)
    # a surname's particle is no such word, whatever the tagger makes of it ("den" as a verb)
    assert "Jurgen den Hartog" in names("The image was sharper, said Jurgen den Hartog, one of the researchers.")


def test_an_order_is_an_honour_not_an_actor() -> None:
    assert "Order of Courage" not in names("Vladimir Putin awarded the Order of Courage to the crew of the ship.")
    assert "Order for Services" not in names("He was awarded the Order for Services to the Fatherland, First Class.")


def test_a_demonym_stands_for_its_country() -> None:
    for text in ("French troops arrived in Mali.", "The French proposed talks.", "The Americans proposed talks."):
        found = actors_of(text)
        demonyms = {found.actors[m.actor].name for m in found.mentions if m.via == "demonym"}
        assert demonyms & {"France", "United States"}, text


def test_also_known_as_is_a_claimed_alias_not_a_second_person() -> None:
    found = actors_of("Jane Doe, also known as Janet Roe, founded the group.")
    people = [a for a in found.actors if a.kind == "person"]
    assert [(p.name, p.claimed) for p in people] == [("Jane Doe", ["Janet Roe"])]


# --- keys across spellings ------------------------------------------------------------------------------


def test_spellings_of_one_name_share_a_key() -> None:
    assert person_key("Volodymyr Zelensky") == person_key("Volodymyr Zelenskyy") == person_key("Volodymyr Zelenskiy")
    assert person_key("Mohammed Ali") != person_key("Mohammed Aly")  # short words keep their ending
    assert person_key("Olena Zelenska") != person_key("Volodymyr Zelensky")
    assert person_key("Andriy Yermak") != person_key("Andriy Sybiha")


def test_a_middle_initial_names_no_one_apart() -> None:
    assert person_key("Vladimir V. Putin") == person_key("Vladimir Putin") == "vladimir putin"
    assert person_key("Antony J Blinken") == person_key("Antony Blinken")
    assert person_key("J. K. Rowling") == person_key("J.K. Rowling")  # the first initial stays
    assert person_key("Kim Jong Un") == "kim jong un"  # words of two letters and more stay
    assert person_key("Conan O'Brien") == "conan o brien"  # the letter an apostrophe leaves is no initial
    assert person_key("George H.W. Bush") == person_key("George Bush")  # a run of initials
    assert person_key("Vladimir V. Putin", given_names(PROFILE)) == person_key("Volodymyr Putin", given_names(PROFILE))


def test_given_name_transliterations_come_from_a_profile() -> None:
    general, region = given_names(GENERAL), given_names(PROFILE)
    assert person_key("Volodymyr Zelensky") != person_key("Vladimir Zelensky")  # the engine knows no region
    assert person_key("Volodymyr Zelensky", region) == person_key("Vladimir Zelensky", region)
    assert person_key("Vitali Klitschko", region) != person_key("Wladimir Klitschko", region)
    assert general == {} and region


# --- what a profile adds --------------------------------------------------------------------------------


def test_a_profile_adds_its_places_and_the_general_data_has_no_region_defaults() -> None:
    general, region = gazetteer(GENERAL), gazetteer(PROFILE)
    assert region.place("Hostomel").country == "UA" and general.place("Hostomel") is None  # a town of 18,000
    assert region.place("Odesa").country == "UA" and general.place("Odesa").country == "UA"  # a city of millions
    assert general.place("Davos") is None and region.place("Davos").country == "CH"
    assert region.place("Artemivsk").name == "Bakhmut" and general.place("Artemivsk") is None  # an old name
    found = names("Residents of Hostomel returned as Volodymyr Zelensky visited Vladimir Zelensky's museum.")
    assert found.get("Hostomel") != "place" or gazetteer().place("Hostomel") is None
    assert "Volodymyr Zelensky" in found and "Vladimir Zelensky" in found  # two people without the profile


def test_unknown_profiles_are_refused() -> None:
    assert PROFILE in available()
    assert load_profile(GENERAL).name == GENERAL
    with pytest.raises(ProfileError, match="unknown profile 'atlantis'"):
        load_profile("atlantis")


def test_a_store_keeps_the_profile_its_actors_were_extracted_with(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(" date 2022-03-01 Visit\n\nVladimir Zelensky met soldiers in Hostomel on Tuesday.\n")
    with open_store(tmp_path / "b.db") as store:
        Ingestor(store, extract=ExtractOptions(profile=PROFILE), workers=0).ingest([str(article)])
        assert find_actors(store, "Volodymyr Zelensky") == find_actors(store, "Vladimir Zelensky") != []
        # An ingest that names no profile continues with the store's; another profile is refused ...
        assert Ingestor(store, extract=ExtractOptions(), workers=0).extract.profile == PROFILE
        with pytest.raises(ProfileError, match="extracted with profile 'ukraine-russia'"):
            Ingestor(store, extract=ExtractOptions(profile="none"), workers=0)
        # ... unless every article is extracted again.
        assert extract_backlog(store, redo=True, profile="none") == 1
        assert find_actors(store, "Volodymyr Zelensky") == []  # no given-name transliterations any more
        assert find_actors(store, "Vladimir Zelensky")


# --- dates and events -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on Monday", ("2024-01-15", "day")),
        ("Sunday", ("2024-01-14", "day")),
        ("yesterday", ("2024-01-14", "day")),
        ("last week", ("2024-01-08", "week")),
        ("January 12", ("2024-01-12", "day")),
        ("12 January 2023", ("2023-01-12", "day")),
        ("February 2022", ("2022-02-01", "month")),
        ("2014", ("2014-01-01", "year")),
        ("December 30", ("2023-12-30", "day")),
        ("three days ago", ("2024-01-12", "day")),
        ("earlier this month", ("2024-01-01", "month")),  # the period named, before the article
        ("earlier this week", ("2024-01-15", "week")),
        ("Thursday and Friday", ("2024-01-11", "day")),  # a coordination starts on its first date
        ("Thursday and", ("2024-01-11", "day")),  # the model's entity cut after the conjunction
        ("March 3 and 4", ("2023-03-03", "day")),
        ("next month", ("2024-02-01", "month")),  # said of what is ahead (an event dated so is dropped as a plan)
        ("next year", ("2025-01-01", "year")),
        # a season is dated by the year that holds it
        ("the summer of 2022", ("2022-01-01", "year")),
        ("spring 2014", ("2014-01-01", "year")),
        ("last summer", ("2023-01-01", "year")),
        ("this autumn", ("2024-01-01", "year")),
        ("Monday after months", ("2024-01-15", "day")),  # the model ran the date into "after months of fighting"
    ],
)
def test_date_expressions_resolve_against_the_article_date(text: str, expected: tuple[str, str]) -> None:
    resolved = resolve(text, date(2024, 1, 15))
    assert (resolved.date, resolved.precision) == expected


def test_a_deictic_word_left_out_of_the_date_still_decides_it() -> None:
    doc = load_model()("Sanctions are on the agenda of this weekend's summit, where Scholz on Friday proposed a cap.")
    weekend = next(e for e in doc.ents if e.text == "weekend")
    assert resolve(_with_determiner(weekend), date(2024, 1, 18)).date == "2024-01-15"  # this week, not the last


@pytest.mark.parametrize(
    ("text", "published", "forward", "expected"),
    [
        ("over the weekend", date(2024, 1, 15), False, "2024-01-08"),  # a Monday: Saturday 13 and Sunday 14
        ("at the weekend", date(2024, 1, 14), False, "2024-01-08"),  # a Sunday: the weekend under way
        ("last weekend", date(2024, 1, 14), False, "2024-01-01"),  # on a weekend day: the one before
        ("last weekend", date(2024, 1, 17), False, "2024-01-08"),
        ("this weekend", date(2024, 1, 17), True, "2024-01-15"),  # "will meet this weekend": Saturday 20
        ("this weekend", date(2024, 1, 18), False, "2024-01-15"),  # the article's week, past or coming
        ("next weekend", date(2024, 1, 13), False, "2024-01-15"),
    ],
)
def test_a_weekend_is_the_week_that_holds_it(text: str, published: date, forward: bool, expected: str) -> None:
    resolved = resolve(text.removeprefix("over ").removeprefix("at "), published, forward=forward)
    assert resolved is not None and (resolved.date, resolved.precision) == (expected, "week")


def test_dates_in_sentences_keep_their_day() -> None:
    from briefings.extract.actors import extract_actors
    from briefings.extract.model import load_model

    doc = load_model()("On March 29, Russian troops shelled Kharkiv, killing five civilians.")
    events = extract_events(doc, extract_actors(doc), date(2022, 5, 4))
    attack = next(e for e in events if e.type in ("attack", "casualties"))
    assert (attack.date.date, attack.date.precision) == ("2022-03-29", "day")
    assert attack.background


@pytest.mark.parametrize(
    ("text", "forward", "expected"),
    [
        ("October", False, "2023-10-01"),  # the last October before an article of 15 January 2024
        ("October", True, "2024-10-01"),  # "will begin training in October": the next one
        ("March 3", True, "2024-03-03"),
        ("Friday", False, "2024-01-12"),
        ("Friday", True, "2024-01-19"),
        ("last Friday", True, "2024-01-12"),
        ("last May", True, "2023-05-01"),  # said: the past, whatever the clause
        ("next March", False, "2024-03-01"),
    ],
)
def test_a_date_without_its_year_looks_forward_in_a_future_clause(text: str, forward: bool, expected: str) -> None:
    resolved = resolve(text, date(2024, 1, 15), forward=forward)
    assert resolved is not None and resolved.date == expected


@pytest.mark.parametrize(
    ("sentence", "published", "trigger", "expected"),
    [
        # the start of a period is not when the reported action happened
        (
            "Ukraine has lost 9,000 soldiers in Donbas since October, its defence ministry said on Monday.",
            date(2023, 5, 2),
            "said",
            "2023-05-01",
        ),
        # a date of another clause ("received during ...") or before a participant's noun ("last year's") dates
        # that clause or noun
        (
            "A jury in Ohio voted to convict the senator over gifts received during the 2016 campaign.",
            date(2023, 3, 31),
            "voted",
            "2023-03-31",
        ),
        (
            "Last year's invasion was condemned by the UN General Assembly on Thursday.",
            date(2023, 3, 3),
            "condemned",
            "2023-03-02",
        ),
        (  # a participle set off after the subject describes it: its date is not the finite verb's
            "Mr Petrov, elected mayor in January after Mr Ivanov was ousted, has urged the Lindau council to approve"
            " the budget.",
            date(2023, 7, 6),
            "urged",
            "2023-07-06",
        ),
        (  # a date of an event named in a phrase that is not about time dates that event, not the arrests
            "Georgian police arrested 40 protesters in connection with the March 3 riot in Tbilisi.",
            date(2023, 7, 6),
            "arrested",
            "2023-07-06",
        ),
    ],
)
def test_a_date_of_another_clause_or_a_period_s_start_does_not_date_the_event(
    sentence: str, published: date, trigger: str, expected: str
) -> None:
    from briefings.extract.actors import extract_actors
    from briefings.extract.model import load_model

    doc = load_model()(sentence)
    event = next(e for e in extract_events(doc, extract_actors(doc), published) if e.trigger == trigger)
    assert event.date.date == expected and not event.background


@pytest.mark.parametrize(
    ("sentence", "trigger", "expected"),
    [
        ("Boris Johnson met Emmanuel Macron in the run-up to the 2019 election, papers show.", "met", "2019"),
        ("Sauli Niinisto met Joe Biden after the 2019 election in Finland.", "met", "2019"),  # a phrase of time
        ("Prescott met union leaders in London on Thursday night.", "met", "2022-07-14"),  # a time of day
        ("Hain criticised the Tories on Wednesday's radio programme.", "criticised", "2022-07-13"),  # broadcast
        # the date of an event noun dates what its own clause tells
        (
            "Officials suspect saboteurs were behind the September blasts that killed nine soldiers.",
            "killed",
            "2021-09",
        ),
        ("When the chancellor made her first visit to Japan in 2015, she met business leaders.", "made visit", "2015"),
    ],
)
def test_a_date_in_a_phrase_of_the_event_s_clause_dates_it(sentence: str, trigger: str, expected: str) -> None:
    from briefings.extract.actors import extract_actors
    from briefings.extract.model import load_model

    doc = load_model()(sentence)
    event = next(e for e in extract_events(doc, extract_actors(doc), date(2022, 7, 18)) if e.trigger == trigger)
    assert event.date.date.startswith(expected) and event.background


def test_a_month_named_for_a_plan_does_not_date_the_report_a_year_back() -> None:
    from briefings.extract.actors import extract_actors
    from briefings.extract.model import load_model

    doc = load_model()("The Pentagon has announced that the US will begin training Polish crews in October.")
    events = extract_events(doc, extract_actors(doc), date(2023, 8, 25))
    announced = next(e for e in events if e.trigger == "announced")
    assert (announced.date.date, announced.date.source, announced.background) == ("2023-08-25", "article", False)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Russia launched 40 missiles at Kyiv overnight.", [("attack", "Russia", "Kyiv")]),
        ("Russia launched a large-scale scientific undertaking.", []),
        ("Is Russia still going to attack Ukraine or not?", []),
        ("Russian forces will attack Kharkiv.", []),
        ("The UK has pledged to send military drones to Ukraine.", [("aid", "United Kingdom", "Ukraine")]),
    ],
)
def test_events_are_reported_actions_not_plans_or_questions(sentence: str, expected: list) -> None:
    from briefings.extract.actors import extract_actors
    from briefings.extract.model import load_model

    doc = load_model()(sentence)
    actors = extract_actors(doc)

    def name(index: int | None) -> str | None:
        return actors.actors[index].name if index is not None else None

    found = [(e.type, name(e.source), name(e.target)) for e in extract_events(doc, actors, date(2022, 3, 2))]
    assert found == expected


def _events(sentence: str, published: date = date(2022, 3, 2)) -> list:
    doc = load_model()(sentence)
    actors = extract_actors(doc)
    return [(e.type, e.trigger, e.background) for e in extract_events(doc, actors, published)]


@pytest.mark.parametrize(
    ("sentence", "trigger", "reason"),
    [
        ("Sweden will send a batch of battle tanks to Ukraine.", "send", "future"),
        ("Germany is expected to deliver the tanks by spring.", "deliver", "future"),
        ("Hungary is slated to vote on the ratification.", "vote", "future"),
        ("The navy is able to intercept missiles at sea.", "intercept", "modal"),
        ("China probably approved the shipments.", "approved", "modal"),
        ("Many countries still did not denounce the invasion.", "denounce", "negated"),
        ("No one was killed in the blast.", "killed", "negated"),
        ("The court refused to extradite the businessman.", "extradite", "negated"),
        ("They signed the deal without consulting Kyiv.", "consulting", "negated"),
        ("We urge Russia to withdraw its forces from the border.", "withdraw", "appeal"),
        ("Impose an embargo on Russian oil now.", "Impose", "appeal"),
        ("Go to the embassy and protest against the blockade.", "protest", "appeal"),  # coordinated imperative
        ("Moldova is frequently accused of ignoring the ruling.", "accused", "habitual"),  # present passive
        ("Anyone who criticises the governor is arrested.", "arrested", "generic"),  # a kind of people
        ("The goal is to deliver a blow to the economy.", "deliver", "purpose"),
        ("If Russia invades, the alliance will respond.", "invades", "conditional"),
        ("The occupied territories remain under curfew.", "occupied", "attributive"),
        ("We thank them for the generous and freely given assistance.", "given", "attributive"),  # with an adjective
        ("Japan annually commemorates the victims of the bombing.", "commemorates", "habitual"),
        ("Eternal memory to everyone who died for Ukraine!", "died", "generic"),
        ("Rebel units came close to capturing the airport.", "capturing", "modal"),  # approached, not reached
        # a gerund a noun of possibility or a topic noun governs names the action, it does not report it
        ("The envoys met to discuss the possibility of providing aid to Moldova.", "providing", "modal"),
        ("Poland has raised the question of lifting sanctions on Belarus.", "lifting", "modal"),
        ("The allies were divided over whether to offer membership to Moldova.", "offer", "conditional"),
        ("The senators expressed urgency about concluding an agreement with Kyiv.", "concluding", "modal"),
        ("Talks on lifting the blockade of Odesa resumed on Monday.", "lifting", "modal"),
        ("Kyiv demanded that Moscow withdraw its troops from the border.", "withdraw", "appeal"),  # subjunctive
        ("Mr Petrov, let's talk about the new museum.", "talk", "appeal"),
        ("Moscow is waging fierce fighting intent on seizing the whole region.", "seizing", "future"),
        # a gerund subject of a modal predicate names a kind of act, a hypothesis
        ("Critics warn that arming the rebels would prolong the conflict in Lindau.", "arming", "modal"),
        ("The envoys held a meeting on supplying fuel to Moldova.", "supplying", "modal"),  # a meeting's topic
        ("The federation dropped its threat of boycotting the Lindau games.", "boycotting", "modal"),
        ("Until Moldova withdraws all its troops from Lindau.", "withdraws", "future"),  # an endpoint ahead
        # a means happens as the act it serves: here an expected one
        ("Petrov is expected to win over the Lindau council by saying the tax will fall.", "saying", "future"),
        # a finite complement of a verb of demanding is what is asked, in any verb form
        ("Twelve clubs are to demand that the Lindau players are banned from the league.", "banned", "appeal"),
        # a bare infinitive after "help", which the parser may hang as a clause, is asserted as "help" is
        ("Petrov said he would have joined the militia to help the villagers repel the raid.", "repel", "purpose"),
        # a noun's content clause is denied with the noun
        ("The club denied reports that Petrov had been given a bonus.", "given", "negated"),
        # a headline's to-infinitive schedules the act ("is to" without the copula)
        ("Lindau mayor to discuss the ferry accord with Petrov in Konstanz", "discuss", "future"),
        # a noun of purpose governs its gerund as "aim" does
        ("The court was created for the express purpose of settling disputes.", "settling", "future"),
        # a content clause of "ensure" happens as far as the ensuring does
        ("To show how Lindau will ensure that the smugglers are prosecuted, Petrov spoke.", "prosecuted", "future"),
        ("If Lindau wins, it will mean that Moldova has attacked the ferry.", "attacked", "future"),  # as "mean" holds
        # a verbal gerund subject of a predicate that says what the act is names a kind of act
        ("Petrov said that shelling the villages of Lindau is a war crime.", "shelling", "generic"),
        ("Saying no to Moldovan gas means that Lindau will pay more.", "Saying", "generic"),
        # a clause with its own "if" is a condition whatever the parser calls it (here a conjunct)
        (
            "The defence are expected to challenge the interviews and if Ilston agrees she could reject it.",
            "agrees",
            "conditional",
        ),
    ],
)
def test_what_a_sentence_does_not_assert_is_read_from_its_parse(sentence: str, trigger: str, reason: str) -> None:
    from briefings.extract.factuality import modality

    doc = load_model()(sentence)
    assert modality(next(t for t in doc if t.text == trigger)) == reason


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ("Petrov was asked why he refused the offer from Lindau.", "refused"),  # asked about, not asked for
        # a gerund subject with its own modifier, or of a predicate of what happens, can report an occurrence
        ("Russian shelling in the southern Lindau region was the heaviest of the war.", "shelling"),
        ("Blocking the ferries of Lindau is already raising prices in Moldova.", "Blocking"),
    ],
)
def test_what_a_verb_of_demanding_asks_about_is_not_asked_for(sentence: str, trigger: str) -> None:
    from briefings.extract.factuality import modality

    doc = load_model()(sentence)
    assert modality(next(t for t in doc if t.text == trigger)) is None


def test_a_reporting_clause_hung_on_a_quoted_demand_is_not_what_is_asked() -> None:
    """The parse the model gives some quotations whose opening mark is in the sentence before: the reporting clause
    as a complement of the quoted "ask"."""
    from spacy.tokens import Doc

    from briefings.extract.factuality import modality

    words = ["I", "ask", "you", "to", "help", ",", '"', "the", "mayor", "noted", "."]
    heads = [1, 1, 1, 4, 1, 1, 1, 8, 9, 1, 1]
    deps = ["nsubj", "ROOT", "dobj", "aux", "xcomp", "punct", "punct", "det", "nsubj", "ccomp", "punct"]
    tags = ["PRP", "VBP", "PRP", "TO", "VB", ",", "''", "DT", "NN", "VBD", "."]
    doc = Doc(load_model().vocab, words=words, heads=heads, deps=deps, tags=tags, lemmas=[w.lower() for w in words])
    assert modality(doc[9]) is None
    doc = Doc(load_model().vocab, words=words[:6] + words[7:], heads=[1, 1, 1, 4, 1, 1, 7, 8, 1, 1],
              deps=deps[:6] + deps[7:], tags=tags[:6] + tags[7:], lemmas=[w.lower() for w in words[:6] + words[7:]])  # fmt: skip
    assert modality(doc[8]) == "appeal"  # without the mark, what is asked


def lexicon_verbs() -> set[str]:
    from briefings.extract.events import lexicon

    return set(lexicon().verbs)


@pytest.mark.parametrize(
    "sentence",
    [
        "Russian forces shelled Kharkiv overnight.",
        "Ukraine's air defence said it had intercepted 13 cruise missiles.",
        "Kyiv managed to repel the assault on the city.",
        "The strike forced Russia to withdraw its ships from the bay.",
        "Officials say three people were killed when a missile hit the building.",
        "The ministry has no doubt that the smugglers were detained in Lindau.",  # a doubt denied asserts
        "The ministry sought to dispel any doubt that Moldova is supplying the rebels.",  # so does a doubt dispelled
        "The reporter asked why the ministers attacked the harbour plans.",  # asked about, not asked for
        "This means that Lindau has already sent the drones to Moldova.",  # "means that" signifies, no intention
    ],
)
def test_reported_actions_are_asserted(sentence: str) -> None:
    from briefings.extract.factuality import modality

    doc = load_model()(sentence)
    verbs = [t for t in doc if t.lemma_.lower() in lexicon_verbs() and t.pos_ == "VERB"]
    assert verbs and all(modality(v) is None for v in verbs if v.lemma_ not in ("say",)), sentence


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the trigger's arguments decide its type (frames in data/events.json)
        ("Troops were trying to push further south near Robotyne.", []),
        ("A court in Kyiv tried Vadim Shishimarin for war crimes.", ["legal action"]),
        ("Putin gave his assessment of the fighting to Prigozhin.", []),
        ("Germany gave Ukraine 14 Leopard tanks.", ["aid"]),
        ("The efforts demonstrate Ukraine's commitment to reform.", []),
        ("Georgians demonstrated in Tbilisi against the law.", ["protest"]),
        ("Moscow withdrew from the grain deal.", ["rejection"]),
        ("Kuleba vowed that the missiles would be used only within Ukraine.", ["statement"]),
        ("Putin vowed to retaliate against Ukraine.", ["threat"]),
        ("Talks were held in Istanbul between Russia and Ukraine.", ["meeting"]),
        ("The case was held up by Hungary.", []),
        ("The challenges facing Ukraine require responsibility from every citizen.", []),  # no one demands
        ("Norway has pledged to send forty armoured vehicles to Ukraine.", ["aid"]),
        ("The finance minister pledged to increase economic assistance to Moldova.", ["aid"]),
        ("The Dutch government pledged up to 40 armoured vehicles for Ukraine.", ["aid"]),
        ("Governor Anna Berg pledged to resign by Friday.", ["statement"]),  # a promise, not aid
        ("Lithuania warned Belarus over the new border restrictions.", ["threat"]),  # addressed to someone
        ("The Met Office warns temperatures could reach 40C in Seville.", ["statement"]),  # a forecast
        ("Estonia asked Germany to deliver more air defence systems.", ["appeal"]),
        ("The reporter asked whether the minister intended to stay in Vilnius.", []),  # a question
        ("Zelenskyy asked the mayor of Lviv what the city needed most.", []),  # a question to someone
        ("Zelenskyy asked the residents of Lviv: stay in the shelters.", ["appeal"]),  # a request to someone
        ("When the council met, Zelenskyy asked Germany to send more air defence.", ["appeal"]),  # "when": time
        ("Russian troops seized the city of Kherson after weeks of fighting.", ["attack"]),  # a town
        ("The rebels seized control of the airport in Goma.", ["attack"]),  # territory
        ("Canada seized a cargo plane owned by Aeroflot.", ["legal action"]),  # goods: law enforcement
        ("Italy seized the villas of two Russian billionaires.", ["sanction"]),  # assets
        ("Ukraine seized the initiative in the south.", []),  # an idiom
        ("The foreign minister suggested holding talks with Chisinau.", ["proposal"]),
        ("A Reuters analysis suggests the drones came from Iran.", []),  # evidence indicates: no one proposes
        ("Lukashenko suggested the warheads have already arrived in Belarus.", ["statement"]),  # a claim
        # speculation about what is or was: a claim, not a proposal ("suggested that we might meet" still proposes)
        ("Lukashenko suggested the mayor would have seen the joke.", ["statement"]),
        ("Lukashenko suggested that the merger may strengthen the bank in Lindau.", ["statement"]),
        ("Cavalry soldiers marched to the border of Romania.", ["military posture"]),  # troops move
        ("Biden was sworn in as president of the United States.", ["election / vote"]),
        ("The recruits swore an oath of loyalty to Belarus.", ["statement"]),  # a declaration, not a vote
        ("Moldovan troops withdrew from the border villages.", ["military posture"]),
        ("Bayer withdrew the pesticide from sale in Spain.", []),  # a product, not troops
        ("Tymoshenko withdrew from the presidential race.", []),  # a candidate, not troops
        ("Serbian forces advanced towards the Drina valley.", ["military posture"]),
        ("The Bundestag advanced a bill on defence spending.", []),  # advancing something promotes it
        ("The Czech actress is nominated for a Bafta.", []),  # a prize, no election
        ("Lithuanian Social Democrats nominated Gitanas Nauseda as their candidate.", ["election / vote"]),
        ("Anna Berg was nominated for the post of prime minister in Vilnius.", ["election / vote"]),  # an office
        ("Kate Winslet was nominated for her supporting role in Lindau.", []),  # a performance, no office
        ("Hilary Mantel and Ali Smith have also been nominated.", []),  # a shortlist: no office named
        ("Air defences over Kyiv shot down 15 Iranian cruise missiles on Thursday.", ["interception"]),
        ("Separatists shot down a Malaysian Boeing over Donetsk.", ["attack"]),  # a crewed aircraft
        ("Moldova says it shot down most of the drones launched at Chisinau.", ["statement", "interception"]),
        ("The Lindau painter Anna Berg has died, her family said.", ["other"]),  # an obituary
        ("Anna Berg, who died last year, founded the Lindau ferry.", ["other"]),  # no cause: an obituary
        ("Anna Berg died in a Moldovan missile strike on Lindau.", ["casualties"]),  # a cause
        ("Three Lindau passengers died in Moldova on Monday.", ["casualties"]),  # people counted
        ("Anna Berg died at a combat post near Lindau.", ["casualties"]),  # a word of fighting
        ("Fragments were found in the crash where Anna Berg died.", ["casualties"]),  # the noun "where" describes
        ("Drone footage shows civilians shot dead in Lindau by Moldovan troops.", ["attack"]),  # the footage's
        ("Moldovan mortars destroyed a Russian munitions depot near Lindau.", ["attack"]),  # a depot, not mines
        ("Moldovan air defence destroyed 20 Shahed drones over Chisinau.", ["interception"]),
        ("Ukraine destroyed a Russian drone factory in Yelabuga.", ["attack"]),  # a factory, not a drone
        ("Russian cruise missiles were destroyed in a strike on Dzhankoi.", ["attack"]),  # hit on the ground
        ("Moldovan troops expelled the invaders from Lindau.", ["attack"]),  # driven out by force
        ("Belarus was expelled from the Council of Europe.", ["sanction"]),  # from a body
        ("Canada imposed a new package of sanctions on Belarus.", ["sanction"]),  # the package's contents
        ("Canada imposed a new package against Belarus.", ["sanction"]),  # imposed: a burden, not aid
        ("Moldova's tax service destroyed 37,000 files last year.", ["other"]),  # records disposed of
        ("Sappers in Kherson destroyed 260 explosive devices.", ["other"]),  # made safe
        ("The row damaged Labour's re-election chances in Lindau.", []),  # a prospect, harmed figuratively
        ("Thousands of protesters in Tbilisi denounced the nomination of Irakli Garibashvili.", ["protest"]),
        ("Kuleba denounced the foreign agents law in Tbilisi.", ["accusation"]),
        ("The Dynamo Kyiv captain injured his knee in training.", []),  # a sports injury
        ("The constitutional court ruled against Gazprom.", ["legal action"]),
        ("Russia mobilised 300,000 men in September.", ["military posture"]),
        ("Senate Republicans blocked a supplemental funding package on Wednesday.", ["rejection"]),  # a veto
        ("Poland and the Baltic states rallied behind Kyiv's bid to join NATO.", ["other"]),  # backing, no protest
        ("Governor Anna Berg spent the week rallying domestic support for the budget.", []),  # gathering support
        ("Lithuania thanked Poland for mobilising international support for Kyiv.", ["statement", "other"]),  # rallied
        ("Russian pundits are discussing on state television how Moscow could take Riga.", ["statement"]),
        ("Putin stressed guarantees that rule out any expansion of NATO.", ["statement"]),  # excludes: no ruling
        ("Zelenskyy talked with Macron about the grain corridor.", ["meeting"]),
        ("Erdogan and Putin talked about the grain corridor by phone.", ["meeting"]),  # two parties
        ("Orban talked about the grain corridor on state television.", ["statement"]),  # no one to talk with
        ("Belarusian troops have held the line for weeks and have advanced towards Mozyr.", ["military posture"]),
        ("Poland accepted the offer of German Patriot systems.", ["agreement"]),
        ("Orban accepted an invitation to visit Beijing.", ["statement"]),  # an invitation is no deal
        ("Armenia and Azerbaijan concluded a border agreement.", ["agreement"]),
        ("The photographs demonstrate that the strike hit a school in Kyiv.", []),  # shows: no protest
        ("Sweden insisted on stronger sanctions against Belarus.", ["demand"]),
        ('"The plan works," Kuleba insisted on Polish radio.', ["statement"]),  # where he said it
        ("The Estonian production, which cost $2m, was given an ovation in Tallinn.", []),  # money of a clause
        ("His comedy Meet the Parents was shown in Lviv.", []),  # a verb inside a title
        ("Lukashenko signed a decree on the mobilisation of reservists.", ["legal action"]),  # enacts, no deal
        ("President Maia Sandu signed Decree № 41/2022 on the state of emergency.", ["legal action"]),  # numbered
        ("President Sandu conferred with her generals in Chisinau.", ["meeting"]),  # consulted
        (
            "President Maia Sandu conferred the Order of the Republic on the mayor of Chisinau.",
            ["other"],
        ),  # bestowed: no meeting
        ("Latvia blocked the accounts of three Russian banks.", ["sanction"]),
        ("Russian warships are blocking the passage of merchant ships to Odesa.", ["military posture"]),
        ("Hungary blocked the resolution on Moldova in Brussels.", ["rejection"]),  # a veto
        ("Serbia is blocking Pristina and the villages around it.", ["military posture"]),  # a blockade
        ("Turkey has blocked all the seaports of Cyprus.", ["military posture"]),  # a blockade of ports
        ("The Russian army is blocking efforts to evacuate civilians from Mariupol.", ["military posture"]),
        ("Poland blocked the efforts of the Belarusian delegation in Vienna.", ["other"]),  # an obstruction
        ("Georgia and Armenia signed a treaty on the resolution of disputes.", ["agreement"]),
        ("Forty Estonian writers signed an open letter to the Kremlin.", ["statement"]),
        ("Maia Sandu dismissed the head of the customs service.", ["other"]),  # removed from office
        ("Sandu dismissed the Russian offer as a ploy.", ["rejection"]),
        ("Sandu dismissed the Russian diplomats as liars.", ["rejection"]),  # "as": a judgment, not a firing
        ("Rebel fighters under Hetman Orlyk marched on Chisinau.", ["military posture"]),  # advanced against it
        ("Ukrainian Forces Destroy four armoured vehicles near Hostomel.", ["attack"]),  # a headline's verb
        ("Shelling hit Russian forces that were advancing on Kyiv.", ["attack", "military posture"]),  # "that" = forces
        ("The Kremlin's plan has been attacked by Estonia as too little, too late.", ["accusation"]),  # judged
        ("Latvia attacked the Kremlin's plans for the Baltic.", ["accusation"]),  # words and plans are criticised
        ("The Lindau opera has been attacked by critics in Estonia.", ["accusation"]),  # critics judge
        # a date after a preposition is a time, not what the preposition marks
        ("On Saturday, Lukashenko insisted that he had unfinished business in Minsk.", ["statement"]),
        ("Zelensky insisted on talks with Putin on Monday.", ["demand"]),
        ("Zelensky called for a minute of silence in Kyiv.", ["appeal"]),  # called for, however long
        ("The Lindau hospital has suspended plans to close its ward.", ["other"]),  # halts a plan, no penalty
        ("Russian forces attacked Kharkiv with drones.", ["attack"]),
        ("Russia attacked Kyiv for the third time this week.", ["attack"]),  # "for" without a deed
        ("Estonia attacked Lithuania for failing to expel the diplomats.", ["accusation"]),  # the deed judged
        # the claims are not attacked; the attack they tell of is denied with them
        ("Kyiv dismissed claims that it has attacked Russian targets with drones.", ["rejection"]),
        ("Belarus threatened Lithuania with retaliation.", ["threat"]),
        ("Georgia is being threatened with fresh sanctions.", ["threat"]),  # a penalty someone imposes
        ("Several villages near Sumy are still threatened by Russian shelling.", []),  # a danger
        ("Serbia's war in Bosnia threatens to destabilise the region.", []),  # a war is no one who threatens
        ("Scotland twice threatened a try before half-time.", []),  # likely to score, in sport
        ("Thousands of refugees were threatened with starvation in the camps.", []),  # a danger
        ("Their resolve was demonstrated again by the outcome of the summit.", []),  # shown, no protest
        ("Air defence units neutralised six cruise missiles over Odesa.", ["interception"]),
        ("The brigade neutralised twelve armoured vehicles near Kupiansk.", ["attack"]),  # destroyed on the ground
        ("The serum neutralises the new strain of the virus.", []),  # no interception
        ("Russian army units seized the weapons delivered to the garrison.", ["attack"]),  # captured in war
        ("Rebel fighters captured the town of Lindau on Monday.", ["attack"]),
        ("A former Lindau mayor discusses the floods in a new podcast.", ["statement"]),  # one person talking
        ("The presidents of Moldova and Romania discussed the ferry line in Lindau.", ["meeting"]),  # office holders
        ("Ola Berg discussed the port fees for the new season with the mayor of Bregenz.", ["meeting"]),
        ("The minister gave a detailed account of the military aid to Lindau.", []),  # a light verb: an account
        ("Estonia gave Moldova dozens of armoured vehicles.", ["aid"]),  # what the quantity counts was given
        ("His plans for the Lindau bypass were thwarted by Mayor Anna Berger.", []),  # obstruction by a person
        ("Moldova's opposition leader withdrew from the presidential race.", []),  # not the country withdrawing
        ("Moldova withdrew its troops from the border.", ["military posture"]),
        ("A photographer captured the moment the bridge over the Lindau river opened.", []),  # recorded
        ("Security cameras captured the crash on the Lindau ring road.", []),  # a recording captures
        ("The mayor of Lindau was captured on video shouting at a reporter.", []),  # on a recording
        ("Her album captured the mood of the city after the floods.", []),  # expressed
        ("The ministry nominated Captain Olena Bondar for the title of Hero of Ukraine.", []),  # an honour
        ("The Latvian poet Janis Berzins died of cancer in Riga.", ["other"]),  # a natural death
        ("The former Estonian president dies aged 88.", ["other"]),  # an obituary
        ("Three Moldovan soldiers died in the explosion near Tiraspol.", ["casualties"]),
        ("The Lithuanian banker pleaded guilty to fraud in a Vilnius court.", ["legal action"]),
        ("The Georgian mayor pleaded with NATO for more help.", ["appeal"]),
        # 2026-12-06, eighteenth session: arguments that fit (or not) the verb's type
        ("Dozens of deaths were blamed on the heatwave.", []),  # a cause, no one accused
        ("The mayor of Lindau blamed Moldova for the blackout.", ["accusation"]),
        ("Moldova was struck by a hurricane on Sunday.", ["other"]),  # a disaster, no attack
        ("Moldovan artillery struck Lindau on Sunday.", ["attack"]),
        ("The striker required treatment after a collision with the Lindau keeper.", []),  # a need
        ("Moldova required that all officials declare their assets.", ["demand"]),
        ("The announcement reinforces the hopes of investors in Lindau.", []),  # strengthened, no move
        ("Moldova reinforced its positions near Lindau.", ["military posture"]),
        ("Gazprom withdrew from the auction for the Lindau refinery.", []),  # business
        ("The Lindau militia withdrew from the village on Tuesday.", ["military posture"]),
        ("Their bid to overturn the Lindau ban was thwarted by the court.", []),  # obstruction
        ("Moldovan air defence thwarted a drone attack on Lindau.", ["interception"]),
        ("Moldova thwarted an attempt by Lindau to attack its capital with drones.", ["interception"]),
        ("The borders of Lindau stayed frozen for decades.", []),  # no assets frozen
        ("Moldova froze the assets of the Lindau oligarchs.", ["sanction"]),
        ("Lindau recovered assets which had been frozen by Moldova for years.", ["sanction"]),  # relative
        ("Farmers from Lindau have been blocking border crossings with Moldova.", ["protest"]),
        ('"They will not come back," agrees Anna Petrenko, a trader in Lindau.', ["statement"]),
        ("The Lindau council agreed a deal with Moldova on water supplies.", ["agreement"]),
        ("The Lindau council approved the conduct of its police chief.", ["other"]),  # endorses an act
        ("Moldova has funded the Lindau army since 2014.", ["aid"]),
        ("Petrov proposed to his girlfriend on a trip to Lindau.", ["other"]),  # marriage
        ("Moldova proposed talks with Lindau.", ["proposal"]),
        ("The Lindau council banned smoking in bars.", ["other"]),  # a rule for everyone
        ("Moldova banned Lindau athletes from the games.", ["sanction"]),
        ("The director behind Die Hard 2 visited Lindau.", ["meeting"]),  # a film title's verb
        ("The mayor of Lindau warned Moldova that the dam could burst.", ["statement"]),  # a danger, no threat
        ("Moldova warned Lindau that it would retaliate against any attack.", ["threat"]),
        ("The mayor warned Moldova that the death toll could rise after the attack on Lindau.", ["statement"]),
        ("Moldova warned Lindau there would be serious consequences if it sent troops.", ["threat"]),
        ("Moldova could still destroy many lives, the mayor of Lindau warned.", ["statement"]),  # a danger
        ("The Lindau alliance rallied to the defence of Moldova.", ["other"]),  # support, no protest
        ("Police in Lindau intercepted a truck carrying cigarettes from Moldova.", ["legal action"]),
        ("A Lindau grand jury voted to indict Oleksandr Petrov.", ["legal action"]),
        ("Several Lindau companies are boycotting Moldovan oil.", ["sanction"]),
        ("Moldova blocked the Lindau sanctions at the council.", ["rejection"]),  # a veto
        ("The Lindau band's new album shot straight to the top of the charts.", []),  # rose fast
        ("Moldovan soldiers shot two civilians in Lindau.", ["attack"]),
        ("Lindau and Moldova had to settle for a draw in the final.", []),  # accepted less
        ("The Lindau oil company said drilling near Moldova had produced strong results.", ["statement"]),
        ("Moldovan troops drilled near the border with Lindau.", ["military posture"]),
        ("Oleksandr Petrov said the Lindau council is well equipped for the winter.", ["statement"]),  # fit
        ("Moldova equipped two Lindau brigades with tanks.", ["aid"]),
        # 2026-12-06, nineteenth session
        ("Two Moldovan missiles slammed into the port of Lindau on Sunday.", ["attack"]),  # an impact
        ("The mayor of Lindau slammed Moldova for the blackout.", ["accusation"]),
        ("The gunman in Lindau was armed with two rifles and a pistol.", []),  # carried, nobody gave
        ("Moldova armed the Lindau militia with rifles.", ["aid"]),
        ("A late goal condemned Lindau to a ninth game without a win.", []),  # doomed, no one denounced
        ("Moldova condemned the attack on Lindau.", ["accusation"]),
        (
            "He denied this was opportunism, insisting the Lib Dem's policies on issues such as pensions appealed"
            ' "to all sides of the political spectrum".',
            [],
        ),  # pleased them: nobody asked anything
        ("The mayor of Lindau appealed to Moldova for help.", ["appeal"]),
        ("Yahoo was adding captioning for Moldovan broadcasts in Lindau.", []),  # no speech reported
        ("The Lindau actor Petr Novak has died in Moldova at 50.", ["other"]),  # an age, no violence
        ("The Lindau republics appealed to Moldova for military aid.", ["appeal"]),
        ("The game appealed to the Lindau psyche and quickly spread, the natives finding an empathy with it.", []),
        ('The mayor of Lindau agreed: "We cannot wait for Moldova any longer."', ["statement"]),
        ("The mayor of Lindau previously warned Petr Novak about his conduct.", ["statement"]),  # a caution
        ("On Friday the governor's speech in Lindau sent the dollar higher.", []),  # caused, nothing given
        ("Moldova sent two tonnes of food to Lindau.", ["aid"]),
        ("Moldovan officials have attacked Petr Novak's hasty visit to Lindau.", ["accusation"]),  # judged
        ("Petr Novak was also nominated in the best actress category.", []),  # a prize, no election
        ("President Petr Novak approved a new foreign policy concept of Moldova.", ["legal action"]),  # enacted
        ("The port of Lindau remains completely blocked.", ["military posture"]),  # a blockade
        ("Lindau had blocked Moldova's accession to the union for a year.", ["rejection"]),  # a veto
        ("Hungary is blocking all decisions on Moldova in Brussels.", ["rejection"]),
        ("The mayor of Lindau warned Petr Novak to stay away from the port.", ["appeal"]),  # urges
        ("Petr Novak was told to leave the stadium by the referee.", ["demand"]),  # an order
        ("Petr Novak told reporters about his talks in Lindau.", ["statement"]),
        ("President Petr Novak initiated talks with Moldova.", ["proposal"]),
        ("President Petr Novak initiated a programme of free meals in Lindau.", ["other"]),  # started it
        ("Criminal cases against Petr Novak have been initiated in Lindau.", ["legal action"]),
        ("Moldova warned Lindau not to arm the rebels.", ["threat"]),  # deters: a threat
        ("Petr Novak told Moldovan reporters what to expect from the talks.", ["statement"]),  # no order
        ("Petr Novak told Anna Berg about his programme to rebuild schools in Lindau.", ["statement"]),  # a noun's
        # 2026-12-06, twenty-fifth session
        ("The Moldovan economy declined by three percent last year.", []),  # a decrease, no refusal
        ("Moldova declined the offer from Lindau.", ["rejection"]),
        ("The mayor of Lindau declined to comment.", ["rejection"]),
        ("The Lindau frigate is equipped with cruise missiles.", []),  # what it carries, nobody gave
        ("The new Lindau tablet comes equipped with two cameras.", []),
        ("Under the port rules, the Lindau buyer is required to make an offer.", []),  # an obligation, no demand
        ("Moldova required the Lindau council to publish its accounts.", ["demand"]),
    ],
)
def test_a_typed_event_needs_arguments_that_fit_its_type(sentence: str, expected: list[str]) -> None:
    assert [kind for kind, _, _ in _events(sentence)] == expected


def test_a_date_in_the_hours_of_a_day_dates_the_sentence_however_the_parser_hangs_it() -> None:
    # the parser makes "Tuesday" a modifier of "chief" inside "the early hours of ...": still a time phrase
    sentence = "Belarus fired rockets at Lutsk in the early hours of Tuesday and Ukraine’s army chief said most were intercepted."
    doc = load_model()(sentence)
    found = {e.trigger: e.date.date for e in extract_events(doc, extract_actors(doc), date(2022, 7, 21))}
    assert found["intercepted"] == "2022-07-19"


def test_a_caption_s_noun_tagged_as_a_verb_is_no_imperative() -> None:
    assert ("attack", "Strike", False) in _events("Strike on a school in Kherson, reported three dead")


def test_what_a_commemoration_recalls_is_background_and_the_commemoration_is_news() -> None:
    found = _events(
        "Residents of Dnipro commemorated the anniversary of a missile assault on a building in Ukraine, "
        "which claimed the lives of 46 civilians.",
        date(2024, 1, 15),
    )
    assert ("other", "commemorated", False) in found
    assert ("casualties", "claimed lives", True) in found


def test_what_a_report_told_as_past_tells_in_the_past_is_background() -> None:
    found = _events("The mayor of Lindau has previously told the court that he warned Moldova about the floods.")
    assert ("threat", "warned", True) in found
    found = _events("The mayor of Lindau told the court on Monday that he warned Moldova about the floods.")
    assert ("threat", "warned", False) in found  # a report of that day: its past may be that day's news


def test_an_endpoint_in_the_past_was_reached() -> None:
    assert ("military posture", "withdrew", False) in _events(
        "The fighting in Lindau went on until Moldova withdrew its troops on Monday."
    )


def test_the_deed_a_verdict_is_for_is_background() -> None:
    found = _events("Two men from Lindau were convicted on Monday of killing a Moldovan border guard.")
    assert ("casualties", "killing", True) in found and ("legal action", "convicted", False) in found
    found = _events("Two men from Lindau were charged on Monday with killing a Moldovan border guard.")
    assert ("casualties", "killing", False) in found  # a charge may follow the deed within days


def test_an_after_clause_happened_on_or_before_the_date_of_its_main_clause() -> None:
    doc = load_model()("Grain prices rose on Tuesday after Russia threatened ships bound for Odesa.")
    events = extract_events(doc, extract_actors(doc), date(2022, 3, 2))
    threat = next(e for e in events if e.trigger == "threatened")
    assert (threat.date.date, threat.date.precision) == ("2022-03-01", "before")


def test_what_is_reported_happened_on_or_before_the_report() -> None:
    doc = load_model()("Russian troops shelled Kharkiv, the Lindau governor said on Tuesday.")
    shelling = next(e for e in extract_events(doc, extract_actors(doc), date(2022, 3, 2)) if e.trigger == "shelled")
    assert (shelling.date.date, shelling.date.precision) == ("2022-03-01", "before")
    doc = load_model()("Russian troops shelled Kharkiv on Monday, the Lindau governor said on Tuesday.")
    shelling = next(e for e in extract_events(doc, extract_actors(doc), date(2022, 3, 2)) if e.trigger == "shelled")
    assert (shelling.date.date, shelling.date.precision) == ("2022-02-28", "day")  # its own day


def test_a_trailing_date_belongs_to_the_whole_coordination() -> None:
    doc = load_model()("Petr Novak was shot and stabbed to death in November 2004 in Lindau.")
    shot = next(e for e in extract_events(doc, extract_actors(doc), date(2022, 3, 2)) if e.trigger == "shot")
    assert (shot.date.date, shot.date.precision, shot.background) == ("2004-11-01", "month", True)
    found = _events("Russian troops attacked Kyiv and on Monday struck Lviv.")  # a date before the second verb
    assert ("attack", "attacked", False) in found


def test_a_season_dates_the_clause_by_its_year() -> None:
    assert ("attack", "captured", True) in _events("In the spring of 2014, Russian troops captured Crimea.")


def test_a_date_after_of_dates_its_noun_not_the_clause() -> None:
    assert ("other", "commemorated", False) in _events(
        "The massacres of 1943 were commemorated in Lindau by Petr Novak."
    )
    assert ("attack", "attacking", False) in _events(
        "Russia violated the Minsk agreements of 2015 by attacking Ukraine."
    )
    # a time's own phrase still dates it
    assert ("attack", "shelled", True) in _events("On the morning of February 3, Russian troops shelled Kharkiv.")


def test_the_anchor_of_a_since_clause_is_background() -> None:
    found = _events("Since Russia invaded Ukraine, hundreds of thousands of Russians have left the country.")
    assert ("attack", "invaded", True) in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a few weeks ago", ("2023-12-01", "month")),
        ("several days ago", ("2024-01-08", "week")),
        ("a couple of years ago", ("2022-01-01", "year")),
    ],
)
def test_vague_amounts_ago_resolve_at_a_coarser_precision(text: str, expected: tuple[str, str]) -> None:
    resolved = resolve(text, date(2024, 1, 15))
    assert (resolved.date, resolved.precision) == expected


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [
        ("Korolenko Library", "PERSON", [("Korolenko Library", "ORG")]),  # an institution's head noun
        ("Vnukovo Airport", "PERSON", [("Vnukovo Airport", "FAC")]),
        ("Kyiv and Kharkiv", "ORG", [("Kyiv", "GPE"), ("Kharkiv", "GPE")]),  # two places joined
        ("Council(CSC", "ORG", []),  # unbalanced bracket
        ("Lvova-Belova Lvova-Belova MariaPresidential", "PERSON", []),  # a word twice: page furniture
        ("HS2", "PERSON", []),  # no person's name has digits
        ("Volodymyr", "ORG", [("Volodymyr", "PERSON")]),  # a known given name
        ("Euro-Atlantic", "ORG", []),  # a prefixed modifier
        ("Anti-Kremlin", "NORP", []),
        ("Nagorno-Karabakh", "GPE", [("Nagorno-Karabakh", "GPE")]),  # a hyphenated name stays
        ("Ms Halvorsen", "ORG", [("Ms Halvorsen", "PERSON")]),  # a form of address: a person
        ("Dame Marit", "FAC", [("Dame Marit", "PERSON")]),
        ("DR Congo", "GPE", [("DR Congo", "GPE")]),  # not "Dr"
    ],
)
def test_what_cannot_be_a_name_is_no_actor_and_a_name_says_its_kind(text: str, label: str, expected: list) -> None:
    from spacy.tokens import Span

    from briefings.extract.actors import _well_formed

    doc = load_model(profile=PROFILE)(f"{text} was mentioned.")
    span = Span(doc, 0, len(load_model(profile=PROFILE).tokenizer(text)), label=label)
    assert [(s.text, s.label_) for s in _well_formed(span, gazetteer(PROFILE))] == expected


def test_a_word_cut_off_by_an_ellipsis_is_no_name() -> None:
    assert names("The separatists shot down the flight in 2014 with a Russi...") == {}


def test_a_dated_past_narrative_dates_the_sentences_that_continue_it() -> None:
    doc = load_model()(
        "In 2014, Russia annexed Crimea after a referendum. Russian troops captured the parliament in Simferopol. "
        "Today Russian forces are shelling Kharkiv, officials say."
    )
    events = extract_events(doc, extract_actors(doc), date(2022, 3, 2))
    captured = next(e for e in events if e.trigger == "captured")
    assert (captured.date.date, captured.date.precision, captured.background) == ("2014-01-01", "year", True)
    shelling = next(e for e in events if e.trigger == "shelling")
    assert (shelling.date.date, shelling.background) == ("2022-03-02", False)  # the present returns to the news
    # a date inside a noun phrase ("the speech … on April 21") may be that noun's: it sets no narrative
    doc = load_model()(
        "The ministers praised the importance of the speech of the Finnish president on April 21, 2022. "
        "The sanctions on Minsk were discussed in detail with the Estonian foreign minister."
    )
    discussed = next(e for e in extract_events(doc, extract_actors(doc), date(2022, 6, 3)) if e.trigger == "discussed")
    assert (discussed.date.date, discussed.date.source, discussed.background) == ("2022-06-03", "article", False)


@pytest.mark.parametrize(
    ("sentence", "trigger", "precision"),
    [
        # an earlier action the sentence does not date: on or before the article's day
        (
            "The State Department said diplomats have not been allowed to visit Paul Whelan, the American detained in "
            "Russia.",
            "detained",
            "before",
        ),
        (
            "The president speaks to the BBC about the photographs of civilians killed by Russian troops.",
            "killed",
            "before",
        ),
        ("The crisis is directly related to what Ukraine warned its partners about.", "warned", "before"),
        ("Prigozhin said that 10,000 of his fighters had been killed in Ukraine.", "killed", "before"),
        ("Officials said Russian troops had shelled Izium and destroyed the bridge in Kharkiv.", "destroyed", "before"),
        ("A Kyiv court convicted the gunner for shelling Kharkiv.", "shelling", "before"),  # the judged deed
        ("At the time Petrov was on probation for attacking a guard in Kharkiv.", "attacking", "before"),  # penalised
        # an "after" clause of the present: before the time of writing, whatever tense headline grammar gives it
        ("The blow to Kyiv comes after Estonia and Latvia agree to supply tanks", "agree", "before"),
        # a passive participle after its noun presupposes its action, under a clause of any tense
        ("Russian firms rebounded from the sanctions imposed by the Estonian government.", "imposed", "before"),
        ("Three people injured in explosion after Belgorod hit by fighter jet", "injured", "day"),  # a headline
        ("Three people were killed and 25 injured in a Russian strike on Dnipro.", "injured", "day"),  # gapped
        ("Kyiv had an Estonian offer blocked by Hungary.", "blocked", "day"),  # what happened to the object
        ("Ukrainian rescuers found the driver injured by Russian shelling.", "injured", "day"),  # a small clause
        # a past in what a present verb of saying reports, or in a quotation: told by then
        ("Former minister Anna Berg has said Russian jets attacked her convoy near Kherson.", "attacked", "before"),
        ("The Latvian navy says the crates were confiscated from a ship in the Baltic.", "confiscated", "before"),
        ("The mayor tells reporters that Russian troops shelled the hospital in Izium.", "shelled", "before"),
        ("Police say they believe Jan Lowe fired at the guards before being arrested.", "arrested", "before"),
        ('"Our troops repelled the assault on Bakhmut," the commander said.', "repelled", "before"),
        ('"We repelled the assault on Bakhmut," the commander said.', "repelled", "day"),  # the speaker's own act
        ('"Russian troops have just shelled the hospital in Izium," the mayor said.', "shelled", "day"),  # recent
        ("Former minister Anna Berg has said Russian jets attacked her convoy near Kherson today.", "attacked", "day"),
        ("The mayor says Russian troops shelled the hospital in Izium overnight.", "shelled", "day"),
        ("Officials said Russian troops shelled Izium.", "shelled", "day"),  # a past report: the news
        # an adverb of anteriority or repetition on the verb
        ("We discussed the pipeline with the Hungarian premier a long time ago.", "discussed", "before"),
        ("President Macron proposed talks with Moscow back in winter, in Paris.", "proposed", "before"),
        ("Moscow has repeatedly denied Georgia's right to join NATO.", "denied", "before"),
        ("Anna Berg has already pleaded guilty to fraud.", "pleaded", "before"),  # done by now
        ("Lindau is already inviting Moldova to join the reconstruction.", "inviting", "day"),  # under way now
        # an action a measured time after an earlier one of the narrative
        ("Three years later, Russia launched a military operation in Georgia.", "launched", "before"),
        # a memorial's dead: what is remembered lies before the ceremony of the day
        ("The mayor honoured the memory of the firefighters who died on this day in Chernihiv.", "died", "before"),
        # the news of the day: a simple past, a past relative clause in a past narrative, a date word of its own
        ("Russian forces shelled Kharkiv.", "shelled", "day"),
        ("Rescuers searched the building that Russian missiles struck in Dnipro.", "struck", "day"),
        ("The missile that struck Dnipro yesterday has killed 40 people.", "struck", "day"),
    ],
)
def test_an_action_told_as_earlier_without_a_date_is_dated_on_or_before_the_article(
    sentence: str, trigger: str, precision: str
) -> None:
    doc = load_model()(sentence)
    events = extract_events(doc, extract_actors(doc), date(2022, 3, 2))
    found = next(e for e in events if e.trigger.split()[0] == trigger)
    assert found.date.precision == precision
    assert found.date.date == ("2022-03-01" if "yesterday" in sentence else "2022-03-02")


def test_a_past_told_in_a_text_given_in_the_first_person_is_dated_on_or_before_the_article() -> None:
    # A speech recounts: its undated past is on or before the day it was given. A report in the third person keeps
    # the news convention (the article's day); so does a first person that appears only inside quotation marks.
    speech = "We met the delegation in Warsaw. We kept our word. I thanked our allies for the support. "
    report = "Officials met the delegation in Warsaw. The partners kept their word. The governor thanked the allies. "
    quoted = '"We met the delegation in Warsaw. We kept our word. I thanked our allies," he said. '
    # a press office's "our country" is an institution's voice, not a speaker's
    office = "The president met the envoy visiting our country. Our state thanked him. He praised our partners. "
    for text, precision in ((speech, "before"), (report, "day"), (quoted + report, "day"), (office, "day")):
        doc = load_model()(text + "Then Russian troops seized Crimea.")
        seized = next(e for e in extract_events(doc, extract_actors(doc), date(2022, 3, 2)) if e.trigger == "seized")
        assert (seized.date.date, seized.date.precision) == ("2022-03-02", precision), text


def test_the_words_someone_speaks_are_the_quoted_ones_or_all_of_a_first_person_text() -> None:
    def spoken(text: str) -> list[str]:
        doc = load_model()(text)
        return [t.text for t in doc if t.i in spoken_tokens(doc)]

    # a curly quotation, and a straight one; the reporter's words are not speech, nor "US" a first person
    assert spoken("The US mayor said “we held the line” on Sunday.") == ["we", "held", "the", "line"]
    assert spoken('He said: "I stayed." The US envoy left.') == ["I", "stayed", "."]
    # a paragraph break ends a quotation whose closing mark is missing
    assert spoken('He said: "I stayed.\n\nThe envoy left Kyiv.') == ["I", "stayed", "."]
    # a straight quote set apart on both sides closes the open quotation
    assert spoken('"You react, " added Prutton. He left.') == ["You", "react", ","]
    # a quotation still open when another opens lost its closing mark: it ends with its first sentence
    assert spoken('He said: "I stayed. The envoy left Kyiv. "Go," she said.') == ["I", "stayed", ".", "Go", ","]
    text = "We met the delegation in Warsaw. We kept our word. I thanked our allies. The envoy left."
    assert len(spoken(text)) == len(load_model()(text))  # a speech: all of it
    # the same three first-person sentences in a long report (10 % of its sentences): an aside, not a speech
    report = text + " The envoy met the minister in Riga." * 26
    assert spoken(report) == []


def _roles(sentence: str) -> dict[str, tuple]:
    doc = load_model()(sentence)
    actors = extract_actors(doc)

    def name(index: int | None) -> str | None:
        return actors.actors[index].name if index is not None else None

    return {
        e.trigger: (name(e.source), name(e.target), name(e.location))
        for e in extract_events(doc, actors, date(2022, 3, 2))
    }


@pytest.mark.parametrize(
    ("sentence", "trigger", "source", "target"),
    [
        # a name deeper in the clause says where, why or about what: no target
        (
            "The presidents of Poland and Lithuania discussed the security situation in the Baltic Sea.",
            "discussed",
            "Poland",
            None,
        ),
        ("Moldova accused Belarus of violating the Minsk agreements.", "accused", "Moldova", "Belarus"),
        ("Latvia thanked Estonia for its attention to the Narva River.", "thanked", "Latvia", "Estonia"),
        ("Slovakia agreed to raise grain exports through the territory of Hungary.", "agreed", "Slovakia", None),
        # participants marked by a preposition, and a relational object's complement
        ("Poland imposed sanctions on Belarus.", "imposed sanctions", "Poland", "Belarus"),
        ("Finland appealed to the head of the IAEA.", "appealed", "Finland", "IAEA"),
        ("Sweden condemned Russia's actions.", "condemned", "Sweden", "Russia"),
        # the passive: its subject is the one acted on; without an agent no one acted
        ("Captain Anton Sydorov was killed by Russian artillery.", "killed", "Russia", "Anton Sydorov"),
        ("Estonia's envoy Jaak Tamm was expelled.", "expelled", None, "Jaak Tamm"),
        # a relative pronoun stands for the noun its clause modifies
        ("Russia, which attacked Ukraine in 2022, was condemned by Finland.", "attacked", "Russia", "Ukraine"),
        ("Russia, which attacked Ukraine in 2022, was condemned by Finland.", "condemned", "Finland", "Russia"),
        # a directive's addressee, not what it asks for
        ("Lithuania demanded sanctions against Belarus.", "demanded", "Lithuania", None),
        ("Finland invited its partners to join the reconstruction of Ukraine.", "invited", "Finland", None),
        # a place the subject is in did not act; a programme one speaks on takes no part
        ("Russian warships in the Black Sea are blocking merchant ships bound for Odesa.", "blocking", "Russia", None),
        (
            "Martin Bell insisted on BBC Radio 4's Today programme that the vote was fair.",
            "insisted",
            "Martin Bell",
            None,
        ),
        # a town visited is where; a state visited is the host
        ("Joe Biden visited Arizona on Monday.", "visited", "Joe Biden", None),
        ("Joe Biden made a visit to Poland.", "made visit", "Joe Biden", "Poland"),
        # the subject of "die" is who died
        ("Two Ukrainian soldiers died in shelling by Russian forces near Izium.", "died", "Russia", "Ukraine"),
    ],
)
def test_the_target_is_an_argument_of_the_trigger(
    sentence: str, trigger: str, source: str | None, target: str | None
) -> None:
    found = _roles(sentence)[trigger]
    assert found[:2] == (source, target)


def test_a_territory_noun_names_its_place() -> None:
    assert _roles("Kenji Sato was shot at a rally in Japan's western city of Nara.")["shot"] == (
        None,
        "Kenji Sato",
        "Nara",
    )
    # the tanks were hit, the region is where
    assert _roles("Three Russian tanks were destroyed in the Kharkiv region.")["destroyed"] == (
        None,
        "Russia",
        "Kharkiv",
    )


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # an "after" clause with a measure is that long before its main clause, at the measure's precision
        ("One year after Russia invaded Moldova, the president thanked his troops.", ("2021-01-01", "year", True)),
        ("Stoltenberg spoke a day after Turkey endorsed Finland's bid.", ("2022-03-01", "day", False)),
        ("Heineken left Russia 18 months after Moscow launched its invasion.", ("2020-09-01", "month", True)),
    ],
)
def test_an_after_clause_with_a_measure_dates_its_action_that_long_before(sentence: str, expected: tuple) -> None:
    doc = load_model()(sentence)
    events = extract_events(doc, extract_actors(doc), date(2022, 3, 2))
    found = next(e for e in events if e.trigger.split()[0] in ("invaded", "endorsed", "launched"))
    assert (found.date.date, found.date.precision, found.background) == expected


def test_a_title_and_its_country_as_subject_is_the_person_the_article_gave_that_title() -> None:
    doc = load_model()(
        "President of France Emmanuel Macron met with the Italian premier in Rome. "
        "The President of France stressed that Russia must pay. The President of Finland condemned Russia too."
    )
    actors = extract_actors(doc)
    sources = [
        (e.trigger, None if e.source is None else actors.actors[e.source].name)
        for e in extract_events(doc, actors, date(2022, 4, 8))
    ]
    assert ("stressed", "Emmanuel Macron") in sources
    assert ("condemned", "Finland") in sources  # no president of Finland named: the country stays
    # the model's "Ukraine Volodymyr Zelenskyy" organisation split where the article names the person: the
    # country keeps its kind and the title still finds its holder
    doc = load_model()(
        "President of Ukraine Volodymyr Zelenskyy signed a decree on the mobilisation of reservists. "
        "Volodymyr Zelenskyy thanked the soldiers of the army for their courage."
    )
    assert ("Ukraine", "GPE") in [(e.text, e.label_) for e in doc.ents]
    actors = extract_actors(doc)
    signed = next(e for e in extract_events(doc, actors, date(2022, 5, 18)) if e.trigger == "signed")
    assert signed.source is not None and actors.actors[signed.source].name == "Volodymyr Zelenskyy"


def test_a_numeral_used_as_a_noun_is_no_actor() -> None:
    doc = load_model()("Millions are battling floods in Dhaka. Thousands rallied in Chisinau on Sunday.")
    assert sorted(a.name for a in extract_actors(doc).actors) == ["Chisinau", "Dhaka"]


def test_a_demonym_noun_or_an_award_is_no_actor() -> None:
    doc = load_model()("Taxes rise for every Briton in Dhaka. The Swede won an Oscar in Chisinau at the Brit Awards.")
    assert sorted(a.name for a in extract_actors(doc).actors) == ["Chisinau", "Dhaka"]


def test_a_time_zone_is_no_actor() -> None:
    doc = load_model()("The match in Dhaka kicks off at 1400 GMT. Polls close at 8pm EST in Chisinau.")
    assert sorted(a.name for a in extract_actors(doc).actors) == ["Chisinau", "Dhaka"]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        # an institution's head noun takes a complement that belongs to its name
        ("Moldova signed a deal with the Latvian Governmental Agency for Strategic Reserves.", "Latvian Governmental "
         "Agency for Strategic Reserves"),
        ("Aid was sent by the UN Office for the Coordination of Humanitarian Affairs in Geneva.",
         "UN Office for the Coordination of Humanitarian Affairs"),
        # after a title the holder's name may follow: the model's cut stays
        ("He met the Head of the Agency for Rural Initiatives Oksana Melnyk.", None),  # "Agency": a generic head
        # a place after "of", a date after "on" and an event after "on" are not the name's complement
        ("Zelenskyy thanked the National Guard of Ukraine.", "National Guard"),
        ("The Federation Council on February 22 approved the treaty.", "Federation Council"),
        ("He met the Marine Guard of the State Border Guard Service in Odesa.", "Marine Guard"),  # a body's body
        ("The Main Intelligence Directorate of the General Staff and Deputy Chief Ivanov met.",
         "Main Intelligence Directorate of the General Staff"),  # "and" before a title joins no name
        ("The State Border Service on the Ukrainian border reported it.", "State Border Service"),
    ],
)  # fmt: skip
def test_an_institution_keeps_the_complement_of_its_name(sentence: str, name: str | None) -> None:
    doc = load_model()(sentence)
    names = [a.name for a in extract_actors(doc).actors if a.kind == "organization"]
    assert names[:1] == ([name] if name else [])


def test_a_title_phrase_run_into_its_holders_name_is_split_where_the_article_names_the_person() -> None:
    doc = load_model()(
        "(Addressing Director of the Agency for Rural Initiatives Svetlana Orlova.) I hope, Svetlana, that you will "
        "not forget the words the young people said."
    )
    actors = {a.name: a.kind for a in extract_actors(doc).actors}
    assert actors == {"Agency for Rural Initiatives": "organization", "Svetlana Orlova": "person"}
    lecture = load_model()("Adam Smith wrote it. Brown gave the Adam Smith Lecture in Kirkcaldy.")
    assert ("Adam Smith Lecture", "ORG") in [(e.text, e.label_) for e in lecture.ents]  # a lecture, not Smith


def test_names_of_documents_and_events_are_not_actors_but_surnames_stay() -> None:
    nlp = load_model()
    doc = nlp("The governor approved the National Water Strategy on Monday. The Lviv Investment Forum opened.")
    names = [a.name for a in extract_actors(doc).actors]
    assert not any(n.endswith(("Strategy", "Forum")) for n in names)
    people = [a.name for a in extract_actors(nlp("Doris Day and Jude Law met in Paris.")).actors]
    assert "Doris Day" in people and "Jude Law" in people


def test_an_institution_noun_alone_is_not_an_actor() -> None:
    names = [
        a.name for a in extract_actors(load_model()("The Army said the Police had closed the road to Lindau.")).actors
    ]
    assert "Army" not in names and "Police" not in names


def test_a_names_generic_head_alone_is_a_description_not_an_actor() -> None:
    nlp = load_model()
    doc = nlp(
        "The Northern Defence Alliance met in Tallinn. Members of the Alliance agreed to pool their budgets, and the"
        " Commission welcomed it. The Foundation paid for the study."
    )
    names = [a.name for a in extract_actors(doc).actors]
    assert "Northern Defence Alliance" in names and "Tallinn" in names
    assert not {"Alliance", "Commission", "Foundation"} & set(names)
    forum = nlp("Finance ministers of the Group of 20 met in Lindau.")
    assert "Group of 20" in [a.name for a in extract_actors(forum).actors]  # named by its members' number


def test_an_official_name_holding_and_is_one_place() -> None:
    nlp = load_model()
    doc = nlp("Envoys of the United Kingdom of Great Britain and Northern Ireland and of Moldova met in Riga.")
    names = [a.name for a in extract_actors(doc).actors]
    assert "United Kingdom" in names and not any(n.startswith("United Kingdom of") for n in names)
    two = [a.name for a in extract_actors(nlp("Troops from Poland and Germany arrived in Riga.")).actors]
    assert "Poland" in two and "Germany" in two
    # the model may keep the "and" on the first part ("Bosnia and" + "Herzegovina")
    cut = nlp("Relations have been complicated due to Bosnia and Herzegovina's support of the sanctions.")
    assert "Bosnia and Herzegovina" in [a.name for a in extract_actors(cut).actors]


def test_symbols_and_feasts_are_things_not_actors() -> None:
    doc = load_model()("The National Flag flew over Lindau as the city marked Catholic Christmas with a parade.")
    names = [a.name for a in extract_actors(doc).actors]
    assert not any(n.endswith(("Flag", "Christmas")) for n in names) and "Lindau" in names
    accords = [a.name for a in extract_actors(load_model()("Serbia signed the Belgrade Accords with Kosovo.")).actors]
    assert not any(n.endswith("Accords") for n in accords)  # a plural document's name is a document's


@pytest.mark.parametrize(
    ("text", "name", "label", "expected"),
    [
        ("The film's distributor Tavrin expects a large audience.", "Tavrin", "PERSON", "ORG"),
        ("Lennon recorded his final album Double Fantasy there.", "Double Fantasy", "PERSON", None),
        ("Shares in firms such as Volkan and Trelix fell on Monday.", "Trelix", "PERSON", "ORG"),
        ("The Velkor worm infected cash machines of two banks.", "Velkor", "PERSON", None),
        ("Ukraine asked for more Corvan missiles.", "Corvan", "PERSON", None),
        ("Russian missiles hit the city.", "Russian", "NORP", "NORP"),  # a demonym names its country
        ("A Valdonian drone fell into the sea.", "Valdonian", "GPE", "GPE"),  # a place owns the drone
        ("The talks were held at the resort Pelican Bay.", "Pelican Bay", "PERSON", "FAC"),
        ("Singer Dalia Moreno said she was thrilled.", "Dalia Moreno", "PERSON", "PERSON"),  # a role noun
        ("I like Dalia Moreno.", "Dalia Moreno", "PERSON", "PERSON"),  # "like" as a verb opens no list
        ("It could use the software Tavrin owns.", "Tavrin", "ORG", "ORG"),  # subject of a relative clause
        ("It aired shows such as Tavrin's quiz.", "Tavrin", "ORG", "ORG"),  # the owner of a list's item
        ("Dario Verlani, the shoe brand, opened a shop in Milan.", "Dario Verlani", "PERSON", None),  # appositive
        ("Kestrel Moon, a band from Devon, played in Kyiv.", "Kestrel Moon", "PERSON", "ORG"),  # appositive
        ("Dalia Moreno, the singer, played in Kyiv.", "Dalia Moreno", "PERSON", "PERSON"),  # a role noun
        ("Bayer, Tavrin and other pharma companies stayed.", "Tavrin", "PERSON", "ORG"),  # a list closed by its kind
        ("He and his mother Dalia stayed in the city.", "Dalia", "GPE", "PERSON"),  # a kinship noun: a person
        ("She met Tavrin CEO Ann Lee.", "Tavrin", "PERSON", "ORG"),  # only a company has a CEO
        ("Russia fired the Corvan hypersonic missile.", "Corvan", "GPE", None),  # modifiers before the noun
        ("They toured the Borys Keld research vessel.", "Borys Keld", "ORG", None),  # a ship named after someone
        ("Britain will provide Corvan 2 battle tanks to Ukraine.", "Corvan", "ORG", None),  # a model's number
        ("Tavrin is a company that makes cars.", "Tavrin", "GPE", "ORG"),  # "X is a N": X is one of the Ns
        ("The large-scale exercise, Zapad Shield, began in Belarus.", "Zapad Shield", "PERSON", None),  # appositive
        ("She starred in the fairy tale Edward Tarn in 1990.", "Edward Tarn", "PERSON", None),  # a tale is a work
        ("Tavrin could be a company.", "Tavrin", "GPE", "GPE"),  # not after a modal
        ("Tavrin is not a band.", "Tavrin", "GPE", "GPE"),  # nor a negation
        ("Shares of the Russian oil giant Tavrin fell.", "Tavrin", "PERSON", "ORG"),  # a giant is a company
        ("Tavrin shareholders will vote on Friday.", "Tavrin", "PERSON", "ORG"),  # only a body has shareholders
        ("Tavrin striker Ann Lee scored twice.", "Tavrin", "PERSON", "ORG"),  # a player of a club
        ("Lib Tav chairman Matt Lee wrote to them.", "Lib Tav", "PERSON", "ORG"),  # an officer of a party
        ("Tavrin campaign chairman Matt Lee quit.", "Tavrin", "PERSON", "PERSON"),  # the campaign has the chairman
        ("Valdonia manager Matt Lee named his squad.", "Valdonia", "GPE", "GPE"),  # a country's team: still a place
        ("Tory chairman Matt Lee wrote to them.", "Tory", "NORP", "NORP"),  # a people's name stays a group
        ("Outgoing Tavrin chairman Matt Lee said so.", "Outgoing Tavrin", "PERSON", "PERSON"),  # a sentence's capital
        ("In fairness Tavrin have missed a couple of players.", "Tavrin", "PERSON", "ORG"),  # plural agreement
        ("Tavrin were beaten 2-0 at home.", "Tavrin", "PERSON", "ORG"),
        ("Tavrin has missed the match.", "Tavrin", "PERSON", "PERSON"),  # a person's singular
        ("Tavrin and Petrov are in Kyiv.", "Tavrin", "PERSON", "PERSON"),  # two subjects
        ("Boris Titov: As always, we have come to congratulate you.", "Boris Titov", "PERSON", "PERSON"),  # a speaker
        ("The Streets (Mike Skinner) have topped a poll.", "Mike Skinner", "PERSON", "PERSON"),  # in brackets
        ("Frank Lampard and John Terry have gone down.", "John Terry", "PERSON", "PERSON"),  # the last of two
        ("Not in a million years would John Terry have gone down.", "John Terry", "PERSON", "PERSON"),  # inverted
        ("The Tavrins are among the best tanks.", "Tavrins", "PERSON", "PERSON"),  # a plural-looking name
        ("Ostrin, a Czech paramedic, drove the wounded to Lviv.", "Ostrin", "ORG", "PERSON"),  # a noun of people
        ("Ostrin is a Czech paramedic who drives an ambulance.", "Ostrin", "GPE", "PERSON"),  # "X is a N"
        ("Rescuers freed the girl Ostrina from the rubble.", "Ostrina", "FAC", "PERSON"),  # by sex and age
        ("Rescuers freed 12-year-old Ostrina from the rubble.", "Ostrina", "FAC", "PERSON"),  # an age: a person
        ("Nine-year-old Ostrina's school was shelled.", "Ostrina", "ORG", "PERSON"),  # the age of the possessor
        ("A 22-year-old Tavrin student was arrested.", "Tavrin", "GPE", "GPE"),  # the student's age, not Tavrin's
        ("The 32-year-old Ethiopian won the race.", "Ethiopian", "NORP", "NORP"),  # a demonym stays its country's
        ("Georgia, a journalist, said so.", "Georgia", "GPE", "GPE"),  # the gazetteer's place: only kin outranks it
        ("Tavrin, the chemist, raised its forecast.", "Tavrin", "ORG", "ORG"),  # a trade firms are named by
        ("Tavrin, a leader in chips, raised its forecast.", "Tavrin", "ORG", "ORG"),  # a figure said of firms
        ("The 27-year-old Spaniard signed on Friday.", "Spaniard", "NORP", "NORP"),  # a demonym, no name
        ("The month-old Committee to Save Tavrin met.", "Committee to Save Tavrin", "ORG", "ORG"),  # a body's age
        ("Pupils from the all-girl Tavrin Academy came.", "Tavrin Academy", "ORG", "ORG"),  # inside an adjective
        ("It was a week for the billionaire Tavrin owner.", "Tavrin", "ORG", "ORG"),  # the owner is the billionaire
    ],
)
def test_a_classifying_noun_beside_a_name_says_what_it_names(text: str, name: str, label: str, expected) -> None:
    from spacy.tokens import Span

    from briefings.extract.actors import _well_formed

    doc = load_model()(text)
    start = next(t.i for t in doc if t.idx == text.index(name))
    end = start + len(load_model().tokenizer(name))
    kept = _well_formed(Span(doc, start, end, label=label), gazetteer())
    assert [s.label_ for s in kept] == ([expected] if expected else [])


def test_a_name_the_article_calls_a_work_or_a_thing_is_no_actor_in_any_mention() -> None:
    from spacy.tokens import Span

    text = "Its best seller, the cholesterol drug Corvastin, faces safety concerns. Sales of Corvastin fell."
    doc = load_model()(text)
    # the model tags only the second mention; the first, with its classifier, decides for both
    doc.ents = [Span(doc, 15, 16, label="ORG")]
    assert doc.ents[0].text == "Corvastin"
    assert [a.name for a in extract_actors(doc, gazetteer()).actors] == []
    doc = load_model()("The app Tavrin crashed. Sales of the company Tavrin fell. Tavrin said so.")
    doc.ents = [Span(doc, 2, 3, label="ORG"), Span(doc, 9, 10, label="ORG"), Span(doc, 12, 13, label="ORG")]
    # called a thing and an organisation: the name is ambiguous in the article, and stays an actor
    assert [a.name for a in extract_actors(doc, gazetteer()).actors] == ["Tavrin"]


def test_a_name_the_article_calls_a_site_is_that_place_in_every_mention() -> None:
    # a resort is a site; its name once so introduced names it wherever it is written
    found = actors_of("Guests stayed at the Kestrel Creek resort. Kestrel Creek opened in 2001.")
    assert [(a.name, a.kind) for a in found.actors] == [("Kestrel Creek", "place")]
    # both mentions carry the cue, the store's evidence of the actor's kind against other articles' readings
    assert [m.cue for m in found.mentions] == ["place", "place"]


@pytest.mark.parametrize(
    "text",
    [
        # a noun phrase after the name that a verb follows is that verb's subject, no apposition
        "In a message to President Vladimir Putin, a group of about twenty men in uniform say they are not paid.",
        # the last of coordinated subjects agrees in the plural with the others, however the parser hangs them
        "Lukashenko and Russian president Vladimir Putin have said that the weapons are in Belarus.",
    ],
)
def test_a_person_is_not_classified_by_a_subject_or_a_coordination_beside_the_name(text: str) -> None:
    found = actors_of(text, "ukraine-russia")
    assert ("Vladimir Putin", "person") in [(a.name, a.kind) for a in found.actors]
    assert all(m.cue is None for m in found.mentions)


def test_an_official_named_surname_first_with_a_patronymic_is_one_person() -> None:
    found = names("The order was signed by Kovalchuk Petro Vasyliovych.", "ukraine-russia")
    assert found == {"Kovalchuk Petro Vasyliovych": "person"}


def test_a_page_label_after_a_bullet_is_no_actor() -> None:
    assert "Video" not in names("• Video shows the attack on the port of Lindau.")


def test_titles_joined_by_a_hyphen_are_an_office_not_an_actor() -> None:
    found = names(
        "Schools were destroyed, says the Adviser-Commissioner of the President of Moldova for Children's Rights."
    )
    assert "Adviser-Commissioner" not in found


def test_a_full_name_the_article_calls_an_organisation_is_that_organisation_in_every_mention() -> None:
    from spacy.tokens import Span

    text = "The building group Harlow Tennant agreed to pay. Harlow Tennant chairwoman Ann Lee said so."
    doc = load_model()(text)
    doc.ents = [Span(doc, 3, 5, label="PERSON"), Span(doc, 9, 11, label="PERSON"), Span(doc, 12, 14, label="PERSON")]
    actors = extract_actors(doc, gazetteer())
    used = {a.name: a.kind for a in actors.actors if a.kind != "_unused"}
    assert used == {"Harlow Tennant": "organization", "Ann Lee": "person"}  # "group" says what it is
    assert sum(actors.actors[m.actor].name == "Harlow Tennant" for m in actors.mentions) == 2
    doc = load_model()("Harlow Tennant agreed to pay. Harlow Tennant said so.")
    doc.ents = [Span(doc, 0, 2, label="ORG"), Span(doc, 6, 8, label="PERSON")]
    used = {a.name: a.kind for a in extract_actors(doc, gazetteer()).actors if a.kind != "_unused"}
    assert used == {"Harlow Tennant": "person"}  # nothing says organisation: the model's ORG was the mistake


def test_the_surname_of_a_company_named_after_a_person_is_the_company() -> None:
    from spacy.tokens import Span

    text = "The building group Harlow Tennant agreed to pay. Shares in Tennant rose."
    doc = load_model()(text)
    doc.ents = [Span(doc, 3, 5, label="PERSON"), Span(doc, 11, 12, label="PERSON")]
    assert doc.ents[1].text == "Tennant"
    actors = extract_actors(doc, gazetteer())
    used = {a.name: a.kind for a in actors.actors if a.kind != "_unused"}
    assert used == {"Harlow Tennant": "organization"}  # the article called it a group; "Tennant" is its short name
    assert sum(actors.actors[m.actor].name == "Harlow Tennant" for m in actors.mentions) == 2


def test_a_one_word_person_the_article_names_as_an_organisation_is_that_organisation() -> None:
    from spacy.tokens import Span

    doc = load_model()("Shares in Tavrin fell on Monday. Tavrin said it would cut jobs. Tavrin shares rose.")
    doc.ents = [Span(doc, 2, 3, label="ORG"), Span(doc, 7, 8, label="PERSON"), Span(doc, 14, 15, label="ORG")]
    actors = extract_actors(doc, gazetteer())
    used = {a.name: a.kind for a in actors.actors if a.kind != "_unused"}
    assert used == {"Tavrin": "organization"}  # two of the three uses
    assert len(actors.mentions) == 3
    doc = load_model()("Shares in Tavrin fell on Monday. Tavrin said it would cut jobs.")
    doc.ents = [Span(doc, 2, 3, label="ORG"), Span(doc, 7, 8, label="PERSON")]
    kinds = sorted(a.kind for a in extract_actors(doc, gazetteer()).actors if a.kind != "_unused")
    assert kinds == ["organization", "person"]  # one use each: nothing to go by
    doc = load_model()("Shares in Tavrin fell. Mr Tavrin said he would stay. Tavrin shares rose.")
    doc.ents = [Span(doc, 2, 3, label="ORG"), Span(doc, 6, 7, label="PERSON"), Span(doc, 12, 13, label="ORG")]
    kinds = sorted(a.kind for a in extract_actors(doc, gazetteer()).actors if a.kind != "_unused")
    assert kinds == ["organization", "person"]  # a title names a person
    doc = load_model()("Near Tavrin it rained. Tavrin said he would stay. Tavrin was flooded.")
    doc.ents = [Span(doc, 1, 2, label="GPE"), Span(doc, 5, 6, label="PERSON"), Span(doc, 11, 12, label="GPE")]
    kinds = sorted(a.kind for a in extract_actors(doc, gazetteer()).actors if a.kind != "_unused")
    assert kinds == ["person", "place"]  # a place the gazetteer does not know does not take the person
    doc = load_model()("Near Lviv it rained. Lviv said it would help. Lviv was flooded.")
    doc.ents = [Span(doc, 1, 2, label="GPE"), Span(doc, 5, 6, label="PERSON"), Span(doc, 11, 12, label="GPE")]
    assert [a.kind for a in extract_actors(doc, gazetteer()).actors if a.kind != "_unused"] == ["place"]
    doc = load_model()("Dalia Moreno spoke first. Later Moreno left, and Shares in Moreno fell.")
    doc.ents = [Span(doc, 0, 2, label="PERSON"), Span(doc, 6, 7, label="PERSON"), Span(doc, 12, 13, label="ORG")]
    used = {a.name: a.kind for a in extract_actors(doc, gazetteer()).actors if a.kind != "_unused"}
    assert used["Dalia Moreno"] == "person"  # a full name ends with it: the surname joins the person


def test_a_name_the_article_also_uses_on_its_own_owns_the_thing_it_modifies() -> None:
    from spacy.tokens import Span

    def used(text: str, starts: list[int]) -> list[str]:
        doc = load_model()(text)
        doc.ents = [Span(doc, i, i + 1, label="ORG") for i in starts]
        return [a.name for a in extract_actors(doc, gazetteer()).actors if a.kind != "_unused"]

    assert used("Valdor tanks crossed the river on Monday.", [0]) == []  # it names the tanks
    assert used("Valdor asked for more tanks. Valdor tanks crossed the river.", [0, 6]) == ["Valdor"]  # it owns them


@contextmanager
def _ingested(folder: Path, texts: dict[str, str], profile: str = GENERAL) -> Iterator[Store]:
    """A store of the given seed-format texts (file name → text), ingested with extraction in name order."""
    for name, text in texts.items():
        (folder / name).write_text(text)
    with open_store(folder / "store.db") as store:
        options = ExtractOptions(profile=profile)
        Ingestor(store, extract=options, workers=0).ingest([str(folder / n) for n in sorted(texts)])
        yield store


def test_a_given_name_after_a_royal_or_knightly_title_is_no_surname(tmp_path: Path) -> None:
    texts = {
        "a.txt": " date 2022-09-01 Balmoral\n\nPrince Charles travelled to Balmoral on Thursday.\n",
        "b.txt": " date 2022-09-02 Football\n\nNiamh Charles scored twice for Chelsea on Friday.\n",
        "c.txt": " date 2022-09-03 Business\n\nSir Richard said the airline would survive.\n",
        "d.txt": " date 2022-09-04 Banks\n\nThe banker Pierre Richard disagreed on Monday.\n",
    }
    with _ingested(tmp_path, texts) as store:
        people = {r[0] for r in store.conn.execute("SELECT name FROM actors WHERE kind = 'person'")}
        # the footballer does not absorb the prince, the banker not the knight
        assert {"Charles", "Niamh Charles", "Richard", "Pierre Richard"} <= people


def test_a_name_after_a_kinship_title_is_no_surname(tmp_path: Path) -> None:
    texts = {
        "a.txt": " date 2022-12-05 Posters\n\nThe old posters of Uncle Sam were sold in New York on Monday.\n",
        "b.txt": " date 2022-12-06 Television\n\nIn the sitcom, Sam ran a bar in Boston with his friends.\n",
    }
    with _ingested(tmp_path, texts) as store:
        people = {r[0] for r in store.conn.execute("SELECT name FROM actors WHERE kind = 'person'")}
        assert "Uncle Sam" in people and "Sam" in people  # the sitcom's Sam is not taken for Uncle Sam
        uncle = store.actors.find("person", "uncle sam")
        assert uncle is not None and [a.alias for a in store.actors.aliases(uncle)] == ["Uncle Sam"]


def test_a_surname_used_alone_does_not_become_a_firm_name_of_the_person(tmp_path: Path) -> None:
    # A lone "John" joined to the one full name ending in it is a surname use: if it became a firm alias, every
    # later "John" would be Elton John without the surname rules weighing it ("Sir John" is a knight's given name).
    texts = {
        "a.txt": " date 2022-09-01 Concert\n\nElton John sang in Paris on Monday.\n",
        "b.txt": " date 2022-09-02 Reaction\n\nJohn was not amused by the reviews, a friend said on Tuesday.\n",
        "c.txt": " date 2022-09-03 Police\n\nSir John said the police would act on Wednesday.\n",
    }
    with _ingested(tmp_path, texts) as store:
        rows = store.conn.execute(
            "SELECT a.name, m.text FROM mentions m JOIN actors a ON a.id = m.actor_id JOIN articles r"
            " ON r.id = m.article_id WHERE a.kind = 'person' ORDER BY r.published_at"
        ).fetchall()
        assert rows[:2] == [("Elton John", "Elton John"), ("Elton John", "John")]  # the lone surname joins him
        assert rows[2] == ("John", "John")  # the knight does not
        kinds = store.conn.execute(
            "SELECT s.kind FROM aliases s JOIN actors a ON a.id = s.actor_id WHERE a.name = 'Elton John'"
            " AND s.alias = 'John'"
        ).fetchall()
        assert {k for (k,) in kinds} == {"surname"}


def test_a_longer_name_ending_in_a_known_persons_name_is_that_person(tmp_path: Path) -> None:
    # A word glued before a name ("Briton Tim Henman" in a headline-style sentence) or a given name before a
    # compound surname: the same person, shown by the form most articles use.
    texts = {
        "a.txt": " date 2022-09-01 Tennis\n\nTim Henman won in Paris on Monday.\n",
        "b.txt": " date 2022-09-02 Tennis\n\nTim Henman lost in Rome on Tuesday.\n",
        "c.txt": " date 2022-09-03 Tennis\n\nBriton Tim Henman will play in Madrid on Wednesday.\n",
    }
    with _ingested(tmp_path, texts) as store:
        people = store.conn.execute("SELECT name FROM actors WHERE kind = 'person'").fetchall()
        assert people == [("Tim Henman",)]
        aliases = {r[0] for r in store.conn.execute("SELECT alias FROM aliases")}
        assert "Briton Tim Henman" in aliases


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Crowds gathered to mark Queen Elizabeth II's jubilee.", [("Elizabeth II", "person")]),
        ("Mr Houston said he would stay in the party.", [("Houston", "person")]),
        ("The Duke and Duchess of Cambridge visited the school.", []),  # a title's place, no actor
        ("He flew to St Petersburg on Monday.", [("Saint Petersburg", "place")]),  # "St" begins places: Russia's
        ("The UK said it would send more aid.", [("United Kingdom", "place")]),  # "The" is no title
        ("Fiji played a Wales XV on Saturday.", [("Fiji", "place"), ("Wales", "place")]),
    ],
)
def test_a_place_after_a_personal_title_is_a_person_and_after_a_peerage_is_no_actor(
    sentence: str, expected: list
) -> None:
    actors = extract_actors(load_model()(sentence))
    assert [(a.name, a.kind) for a in actors.actors if a.kind != "_unused"] == expected


def test_a_places_genitive_the_model_ran_into_a_name_is_the_place_and_the_name() -> None:
    kinds = {a.name: a.kind for a in extract_actors(load_model()("Members of Israel’s Knesset voted.")).actors}
    assert kinds == {"Israel": "place", "Knesset": "organization"}
    names = [a.name for a in extract_actors(load_model()("The People's Liberation Army held drills.")).actors]
    assert names == ["People's Liberation Army"]  # a possessive inside a name: no place owns it


def test_an_abbreviation_cut_by_the_full_stop_is_still_the_place() -> None:
    from briefings.extract.gazetteer import gazetteer

    assert gazetteer().place("U.S").name == "United States"
    assert gazetteer().place("U.K").name == "United Kingdom"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a "person" among towns the gazetteer knows is a town
        ("Buses left Bucha, Irpin, Velyka Kelda, Mariupol and Lysychansk.", {"Velyka Kelda": "place"}),
        # an organisation or a place among people is a person
        ("He met Zelensky, Macron and Scholz in Kyiv.", {"Scholz": "person"}),
        # states and their bodies are listed together: the body stays a body
        ("Ukraine, Poland and the European Commission signed it.", {"European Commission": "organization"}),
        # a company's branch is no person's name
        (
            "The deal was signed by Ann Lee, Tom Hart, Bob Marsh and Microsoft Australia.",
            {"Microsoft Australia": "organization"},
        ),
    ],
)
def test_the_other_names_of_a_list_say_what_a_name_is(text: str, expected: dict[str, str]) -> None:
    found = names(text, PROFILE)
    assert {name: found.get(name) for name in expected} == expected


def test_a_name_without_a_capital_is_none_but_a_described_institution_stays() -> None:
    from spacy.tokens import Span

    doc = load_model()("It is the planet of koalas. Its defence ministry said so. A russian sniper fired.")
    doc.ents = [Span(doc, 5, 6, label="PERSON"), Span(doc, 8, 10, label="ORG"), Span(doc, 14, 15, label="NORP")]
    assert [e.text for e in doc.ents] == ["koalas", "defence ministry", "russian"]
    found = {a.name: a.kind for a in extract_actors(doc, gazetteer()).actors}
    assert found == {"defence ministry": "organization", "Russia": "place"}  # a demonym written carelessly


def test_a_country_name_with_the_suffix_i_is_its_demonym() -> None:
    g = gazetteer()
    assert [g.country_of_demonym(w) for w in ("Uzbekistani", "Pakistanis", "Qatari")] == [
        "Uzbekistan",
        "Pakistan",
        "Qatar",
    ]
    assert g.country_of_demonym("Hawaii") is None and g.country_of_demonym("Mali") is None


def test_a_demonym_the_model_took_for_a_person_is_its_country() -> None:
    from spacy.tokens import Span

    doc = load_model()("Many Greeks live there.")
    doc.ents = [Span(doc, 1, 2, label="PERSON")]
    actors = extract_actors(doc, gazetteer())
    assert [(a.name, a.kind) for a in actors.actors] == [("Greece", "place")]
    assert [m.via for m in actors.mentions] == ["demonym"]


def test_a_determiner_before_a_one_word_name_is_no_title() -> None:
    """ "the Slovak side": titles.json lists "the" for "the Honourable", but a determiner makes no one a person."""
    from spacy.tokens import Span

    doc = load_model()("We thank the Slovak side. Speaker Babushkin came.")
    doc.ents = [Span(doc, 3, 4, label="PERSON"), Span(doc, 7, 8, label="PERSON")]
    assert [d.text for d in doc.ents] == ["Slovak", "Babushkin"]
    actors = extract_actors(doc, gazetteer())
    assert [(a.name, a.kind) for a in actors.actors] == [("Slovakia", "place"), ("Babushkin", "person")]
    assert [m.via for m in actors.mentions] == ["demonym", "name"]


def test_a_word_capitalised_only_where_a_sentence_starts_is_no_person() -> None:
    from spacy.tokens import Span

    doc = load_model()("Millions came. Worthy. Free. Brown said so, and later Brown left.")
    doc.ents = [Span(doc, 3, 4, label="PERSON"), Span(doc, 7, 8, label="PERSON"), Span(doc, 13, 14, label="PERSON")]
    assert [d.text for d in doc.ents] == ["Worthy", "Brown", "Brown"]
    assert names_of(doc) == {"Brown": "person"}  # a surname that is a word is capitalised inside a sentence too
    doc = load_model()("Subs:\n\nWright, Pistone, Weir.")
    doc.ents = [Span(doc, t.i, t.i + 1, label="PERSON") for t in doc if t.text in ("Wright", "Pistone", "Weir")]
    assert "Wright" in names_of(doc)  # a line-up opens its line with a surname


def names_of(doc) -> dict[str, str]:
    return {a.name: a.kind for a in extract_actors(doc, gazetteer()).actors if a.kind != "_unused"}


def test_what_the_article_says_a_name_is_outranks_the_model_in_every_mention() -> None:
    from spacy.tokens import Span

    doc = load_model()(
        "Ann Lee met Tavrin CEO Alex Karp. Tavrin will invest in Ukraine. Cooperation with Tavrin matters."
    )
    doc.ents = [Span(doc, t.i, t.i + 1, label="PERSON") for t in doc if t.text == "Tavrin"]
    actors = extract_actors(doc, gazetteer())
    assert {actors.actors[m.actor].name: actors.actors[m.actor].kind for m in actors.mentions} == {
        "Tavrin": "organization"
    }
    assert len(actors.mentions) == 3  # the model's two "people" are the company its CEO heads


@pytest.mark.parametrize(
    ("text", "full", "label", "expected"),
    [
        # named in full first, by surname after: the model's organisation is the person
        ("Analyst Halka Tavrin wrote the report. Ms Tavrin said more.", "Halka Tavrin", "ORG", "person"),
        ("Zorya Kelmund runs the firm. Kelmund said so.", "Zorya Kelmund", "ORG", "person"),
        # people take no determiner; a lake, a demonym or a plural noun names something else
        ("Dorsk Boerse rejected it. The move of the Boerse failed.", "Dorsk Boerse", "ORG", "organization"),
        ("Lake Tavrin is deep. Tavrin is cold.", "Lake Tavrin", "LOC", "place"),
        ("Russian Tavrins won. Tavrins are top.", "Russian Tavrins", "ORG", "organization"),
        ("Zorya Kelmund spread. Kelmund calls are cheap.", "Zorya Kelmund", "ORG", "organization"),  # a modifier
    ],
)
def test_a_full_name_whose_surname_the_article_uses_alone_is_a_person(
    text: str, full: str, label: str, expected: str
) -> None:
    from spacy.tokens import Span

    doc = load_model()(text)
    surname = full.split()[-1]
    spans = [doc.char_span(text.index(full), text.index(full) + len(full))]
    spans.append(doc.char_span(text.rindex(surname), text.rindex(surname) + len(surname)))
    doc.ents = [Span(doc, spans[0].start, spans[0].end, label=label), Span(doc, spans[1].start, spans[1].end, "PERSON")]
    assert names_of(doc).get(full) == expected


def test_taking_part_in_an_act_reads_as_the_act_it_joins() -> None:
    could = _events("Latvia could join Moldova in boycotting the Lindau games.")
    assert not any(trigger == "boycotting" for _, trigger, _ in could)  # a possibility
    helped = _events("The villagers helped Moldovan soldiers in destroying the bridge at Lindau.")
    assert any(trigger == "destroying" for _, trigger, _ in helped)
    failed = _events("Moldovan troops failed in capturing Lindau after weeks of fighting.")
    assert not any(trigger == "capturing" for _, trigger, _ in failed)


def test_the_verbs_own_date_wins_and_a_date_naming_a_participant_dates_nothing() -> None:
    doc = load_model()(
        "At this weekend's summit in Lindau, where the leaders on Friday announced sanctions on Moldova."
    )
    found = {e.trigger: e.date for e in extract_events(doc, extract_actors(doc), date(2023, 5, 19))}
    assert found["announced sanctions"].date == "2023-05-19"  # Friday, the day of the article, not the weekend
    doc = load_model()("The Lindau March 3 commission criticised Moldova when its envoy was told to leave.")
    dates = {e.trigger: e.date for e in extract_events(doc, extract_actors(doc), date(2023, 5, 19))}
    assert all(d.date != "2023-03-03" for d in dates.values())  # the commission's name dates nothing
    sentence = "Sir Petr Novak has met with the mayor of Lindau today as he made his first visit to Moldova since the invasion last February."
    doc = load_model()(sentence)
    found = {e.trigger: e.date for e in extract_events(doc, extract_actors(doc), date(2023, 2, 16))}
    doc = load_model()("The envoy of Lindau met the Moldovan foreign minister in Chisinau Tuesday and Wednesday.")
    met = {e.trigger: e.date for e in extract_events(doc, extract_actors(doc), date(2023, 5, 18))}["met"]
    assert met.date in ("2023-05-16", "2023-05-17")  # dates coordinated on the verb are its own
    visit = next(when for trigger, when in found.items() if "visit" in trigger)
    assert visit.date == "2023-02-16"  # the invasion's date is not the visit's


def test_a_participle_the_parser_made_the_head_is_an_aside_and_its_date_not_the_finite_verb_s() -> None:
    """The parse the model gives some sentences whose subject a participle describes between commas: the participle
    as the sentence's head, the finite verb coordinated with it."""
    from spacy.tokens import Doc, Span

    from briefings.extract.actors import extract_actors

    words = ["Mr", "Petrov", ",", "elected", "mayor", "in", "January", ",", "has", "urged", "the", "council", "."]
    heads = [1, 3, 3, 3, 3, 3, 5, 3, 9, 3, 11, 9, 3]
    deps = ["compound", "nsubj", "punct", "ROOT", "dobj", "prep", "pobj", "punct", "aux", "conj", "det", "dobj",
            "punct"]  # fmt: skip
    tags = ["NNP", "NNP", ",", "VBN", "NN", "IN", "NNP", ",", "VBZ", "VBN", "DT", "NN", "."]
    pos = ["PROPN", "PROPN", "PUNCT", "VERB", "NOUN", "ADP", "PROPN", "PUNCT", "AUX", "VERB", "DET", "NOUN", "PUNCT"]
    lemmas = ["Mr", "Petrov", ",", "elect", "mayor", "in", "January", ",", "have", "urge", "the", "council", "."]
    doc = Doc(load_model().vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos, lemmas=lemmas,
              sent_starts=[True] + [False] * 12)  # fmt: skip
    doc.ents = [Span(doc, 0, 2, label="PERSON"), Span(doc, 6, 7, label="DATE")]
    urged = next(e for e in extract_events(doc, extract_actors(doc), date(2023, 7, 6)) if e.trigger == "urged")
    assert (urged.date.date, urged.background) == ("2023-07-06", False)


def test_an_interjection_a_vessel_s_name_and_a_title_alone_are_no_actors() -> None:
    from spacy.tokens import Span

    assert "Hmm" not in names("Going anywhere fun this summer? Hmm, well, with all these delays, that was the idea.")
    for text in (
        "The icebreaker Vladimir Petrov reached the Lindau terminal.",
        "Passengers boarded the ferry Ivan Bunin.",
    ):
        assert not {"Vladimir Petrov", "Ivan Bunin"} & set(names(text)), text  # a vessel named after a person
    doc = load_model()("The dog was trained by his owner, Major of the Lindau rescue service Petr Novak.")
    major = next(t.i for t in doc if t.text == "Major")
    doc.ents = [Span(doc, major, major + 1, label="ORG")]  # a title the model cut from its phrase
    assert "Major" not in {a.name for a in extract_actors(doc).actors}


def test_a_name_cut_inside_its_nickname_s_quotes_and_a_vessel_after_a_hyphenated_modifier_are_no_actors() -> None:
    from spacy.tokens import Span

    doc = load_model()('The reporter Petra Novak and her colleague Olena "Sasha" Petrova were killed in Lindau.')
    olena = next(t.i for t in doc if t.text == "Olena")
    doc.ents = [Span(doc, olena, olena + 3, label="PERSON")]  # as the model cut it: 'Olena "Sasha'
    assert not extract_actors(doc).actors
    found = names("Among them is the Admiral Petrov nuclear-powered missile carrier, launched in Lindau.")
    assert "Admiral Petrov" not in found
    assert "US Navy" in names("A US Navy destroyer sailed near the Lindau island chain on Wednesday.")  # its owner
    doc = load_model()('"The aid will help the vineyards," Mr Petrov said on Monday.')
    mr = next(t.i for t in doc if t.text == "Mr")
    doc.ents = [Span(doc, mr - 1, mr + 2, label="PERSON")]  # the closing mark of the quotation before it
    assert [a.name for a in extract_actors(doc).actors] == ["Petrov"]


def test_a_title_opening_an_organisation_s_name_names_no_town() -> None:
    from spacy.tokens import Span

    from briefings.extract.gazetteer import gazetteer as profile_gazetteer

    nlp = load_model(profile="ukraine-russia")
    doc = nlp("The dog was trained by his owner, Major of the Lindau Rescue Service Petr Novak.")
    major = next(t.i for t in doc if t.text == "Major")
    doc.ents = [Span(doc, major, major + 6, label="ORG")]  # as the model tags it: the title run into the body
    found = {a.name: a.kind for a in extract_actors(doc, profile_gazetteer("ukraine-russia")).actors}
    assert [kind for kind in found.values()] == ["organization"], found  # no village read from "Major"


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Vladimir Putin: Good afternoon, colleagues. We begin.", "Good", None),  # Göd, Hungary, accents dropped
        ("Glory to God, the priest said in Lviv.", "God", None),
        ("Police said the ferry had docked.", "Police", None),  # a town in Poland, and a common noun
        ("The ferry had docked in Police on Monday.", "Police", "GPE"),  # where a place is expected, the town
        ("Shells hit Kiev overnight, officials said.", "Kiev", "GPE"),  # a spelling the profile lists
        ("Stalin deported the Tatars from the peninsula.", "Stalin", "PERSON"),  # once Donetsk's name
        ("Sri Lanka's President Gotabaya Rajapaksa fled.", "Sri Lanka's", "GPE"),  # read as a person
    ],
)
def test_a_word_or_a_person_the_gazetteer_holds_for_a_town_is_read_as_the_word(
    text: str, word: str, expected: str | None
) -> None:
    nlp = load_model(profile="ukraine-russia")
    labels = {e.text: e.label_ for e in nlp(text).ents}
    assert labels.get(word) == expected, labels


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("He said the Kremlin hopes to find a solution.", "Kremlin", "ORG"),
        ("Rockets hit the Kremlin's walls.", "Kremlin", "ORG"),
        ("The Beckhams arrived in Paris.", "Beckhams", "NORP"),
        ("He praised the Biden administration.", "Biden", "PERSON"),  # the article is the noun's
        ("Rockets hit Kremlin walls, Vandor said.", "Vandor", "PERSON"),
    ],
)
def test_a_person_written_after_the_article_is_no_person(text: str, name: str, expected: str) -> None:
    from spacy.tokens import Span

    from briefings.extract.model import _with_article

    doc = load_model()(text)
    start = next(t.i for t in doc if t.text == name)
    assert _with_article(Span(doc, start, start + 1, label="PERSON")).label_ == expected


def test_a_person_numbered_in_figures_is_a_model_not_a_person() -> None:
    labels = {e.text: e.label_ for e in load_model()("Germany agreed to send Leopard 2 tanks.").ents}
    assert labels.get("Leopard") == "PRODUCT", labels  # the model reads a person
    from spacy.tokens import Span

    from briefings.extract.model import _numbered

    doc = load_model()("Surrey 429-7 ( Dana Vandor 80 not out , Ivo Kestor 70 ) .")
    start = next(t.i for t in doc if t.text == "Dana")
    assert not _numbered(Span(doc, start, start + 2, label="PERSON"))  # a score in a table


@pytest.mark.parametrize(
    ("text", "label", "located", "expected"),
    [
        ("Krakow", "PERSON", False, "Kraków"),  # the name without its accent
        ("Rostov", "PERSON", False, "Rostov-on-Don"),  # the first part of the name
        ("Ryazan’", "PERSON", False, "Ryazan"),  # the soft sign's apostrophe, as news leaves it out
        ("Kharkov", "PERSON", False, "Kharkiv"),  # a spelling the profile lists
        ("Stalin", "PERSON", False, None),  # once Donetsk's name: the person the model reads
        ("Stalin", "PERSON", True, "Donetsk"),  # "in Stalin": where a place is expected
        ("Good", "", False, None),  # Göd, Hungary, read as a romanisation
        ("Krakow", "", False, "Kraków"),  # a city the world list holds is no small town
    ],
)
def test_a_city_is_read_from_its_name_not_from_any_string_held_for_it(
    text: str, label: str, located: bool, expected: str | None
) -> None:
    from briefings.extract.gazetteer import gazetteer as profile_gazetteer
    from briefings.extract.model import _read_as_place

    place = _read_as_place(profile_gazetteer("ukraine-russia"), text, label, located)
    assert (place.name if place else None) == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("Manchester United", "ORG"),  # a club named after its city
        ("Leeds North West", "ORG"),  # a constituency
        ("Paris Hilton", "PERSON"),  # a city that is a given name too
        ("Tyre Nichols", "PERSON"),  # a surname is no common word
        ("Sion Simon", "PERSON"),  # "Sion" is only another name of Jerusalem
    ],
)
def test_a_person_named_by_a_city_and_common_words_is_an_organisation(words: str, expected: str) -> None:
    from spacy.tokens import Span

    from briefings.extract.gazetteer import gazetteer as profile_gazetteer
    from briefings.extract.model import _named_after_city

    doc = load_model()(f"Yesterday {words} said so.")
    span = Span(doc, 1, 1 + len(doc[1:-3]), label="PERSON")
    assert span.text == words
    assert _named_after_city(span, profile_gazetteer("ukraine-russia")).label_ == expected


@pytest.mark.parametrize(
    ("sentence", "trigger", "precision"),
    [
        ("Many civilians in Lindau have been detained by Moldovan forces since the war began.", "detained", "before"),
        ("Moldova has killed 40 civilians in Lindau since February.", "killed", "before"),
        ("Moldovan missiles killed 12 people in Lindau.", "killed", "day"),  # the news of the day
        ("Moldova has shot down 30 drones over Lindau overnight.", "shot", "day"),
    ],
)
def test_a_perfect_since_a_time_is_dated_on_or_before_the_article(sentence: str, trigger: str, precision: str) -> None:
    doc = load_model()(sentence)
    found = {e.trigger: e for e in extract_events(doc, extract_actors(doc), date(2023, 3, 9))}
    assert found[trigger].date.precision == precision
    assert not found[trigger].background  # a period up to now: not history


def test_a_territory_known_in_news_anywhere_is_a_place_without_a_profile() -> None:
    doc = load_model()("Russia annexed Crimea in 2014, and the bridge to Crimea was damaged.")  # read as an org
    assert {a.name: a.kind for a in extract_actors(doc).actors}.get("Crimea") == "place"


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Moldovan air defence shot down thirty-two drones over Chisinau.", 32),  # the model splits "thirty-two"
        ("Moldovan troops killed forty five smugglers in Lindau.", 45),
        ("Moldovan air defence shot down 32 drones over Chisinau.", 32),
        ("Moldovan air defence shot down two drones over Chisinau.", 2),
    ],
)
def test_numbers_written_in_words_keep_their_tens(sentence: str, value: int) -> None:
    doc = load_model()(sentence)
    events = extract_events(doc, extract_actors(doc), date(2022, 3, 2))
    assert [n["value"] for e in events for n in e.numbers] == [value]


def test_a_casualty_word_after_the_numeral_says_what_it_counts() -> None:
    doc = load_model()("The Moldovan strike on Lindau left 12 dead and more than 100 injured.")
    for event in extract_events(doc, extract_actors(doc), date(2022, 3, 2)):
        assert [(n["value"], n["meaning"]) for n in event.numbers] == [(12, "killed"), (100, "injured")]


def test_a_colon_run_into_a_quotation_is_split_from_it() -> None:
    from briefings.extract.model import load_model

    doc = load_model()('The message reads, in part:"It is gratifying that Yakutsk welcomes you." At 12:30 he left.')
    words = [t.text for t in doc]
    assert words[5:9] == ["part", ":", '"', "It"]
    assert "12:30" in words


def test_a_country_run_into_its_office_holder_s_name_is_taken_apart() -> None:
    from briefings.extract.model import load_model

    nlp = load_model()
    # the model tags "Kazakhstan Nurlan Abenov" one organisation
    doc = nlp("The President of Kazakhstan Nurlan Abenov visited Lviv.")
    assert ("Kazakhstan", "GPE") in {(e.text, e.label_) for e in doc.ents}
    assert ("Nurlan Abenov", "PERSON") in {(e.text, e.label_) for e in doc.ents}
    kept = {e.text for e in nlp("Norway International Airlines and Qatar Airways resumed flights.").ents}
    assert {"Norway International Airlines", "Qatar Airways"} <= kept


def test_a_name_a_strain_or_virus_noun_classifies_is_no_actor() -> None:
    text = (
        "The Delta strain accounts for 47.9 percent of cases in Lindau, and the Omicron variant spread from Estonia. "
        "The Zafi virus spread by e-mail, the UK variant reached Hungary."
    )
    found = names(text)
    assert not {"Delta", "Omicron", "Zafi"} & set(found), found
    assert {"Estonia", "Hungary"} <= set(found) and "United Kingdom" in found  # a country stays a place


def test_a_town_the_gazetteer_places_is_not_joined_to_a_person_the_model_read_by_its_name(tmp_path: Path) -> None:
    texts = {
        "a.txt": " date 2022-05-01 Ferries\n\nShipments between Ust-Luga and Baltiysk will grow next year.\n",
        "b.txt": " date 2022-05-02 Port\n\nA new grain terminal opened at Ust-Luga, a seaport in the Leningrad Region.\n",
    }
    with _ingested(tmp_path, texts, profile=PROFILE) as store:
        kinds = {
            r[0]
            for r in store.conn.execute(
                "SELECT a.kind FROM mentions m JOIN actors a ON a.id = m.actor_id JOIN articles t"
                " ON t.id = m.article_id WHERE m.text = 'Ust-Luga' AND t.title = 'Port'"
            )
        }
        assert kinds == {"place"}


SUPPLY = " date 2022-05-02 Supply\n\nEurope depended on gas from Tatneft.\n"
"""An article in which the model tags "Tatneft" a place."""


def _kinds_of_tatneft(folder: Path, first: str) -> set[str]:
    texts = {"a.txt": f" date 2022-05-01 Oil\n\n{first}\n", "b.txt": SUPPLY}
    with _ingested(folder, texts) as store:
        return {r[0] for r in store.conn.execute("SELECT kind FROM actors WHERE name = 'Tatneft'")}


def test_a_companys_name_the_model_reads_as_a_place_joins_the_stored_organisation(tmp_path: Path) -> None:
    # the model tags "Tatneft" an organisation here, which "firm" classifies
    assert _kinds_of_tatneft(tmp_path, "The oil firm Tatneft said on Monday that exports would fall.") == {
        "organization"
    }


def test_a_name_read_as_an_organisation_without_a_classifying_word_keeps_its_place_readings_apart(
    tmp_path: Path,
) -> None:
    # no word says which it is: the readings stay apart
    first = "A spokesman for Tatneft said on Monday that exports would fall."
    assert _kinds_of_tatneft(tmp_path, first) == {"organization", "place"}
