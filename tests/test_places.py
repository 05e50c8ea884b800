"""Places with their hierarchy: towns in their province and country, village names read where a place is
expected, and `/events location:` covering a province's towns — on a real store with the region profile."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from bot.commands import Context, run_text, split_line
from briefings.extract.actors import extract_actors
from briefings.extract.gazetteer import gazetteer
from briefings.extract.hierarchy import Province, hierarchy
from briefings.extract.model import load_model
from briefings.extract.profile import GENERAL
from briefings.ingest.normalise import ExtractOptions
from briefings.ingest.pipeline import Ingestor
from briefings.store import open_store
from tests.conftest import PROFILE

KHARKIV = Province("Kharkiv Oblast", "UA")


def places_of(text: str) -> set[str]:
    doc = load_model(profile=PROFILE)(text)
    return {a.name for a in extract_actors(doc, gazetteer(PROFILE)).actors if a.kind == "place"}


def test_towns_lie_in_their_province_and_provinces_have_their_spellings() -> None:
    h = hierarchy(PROFILE)
    assert h.province_of("Izium") == KHARKIV
    assert h.province_of("Bucha") == Province("Kyiv Oblast", "UA")
    assert h.province_of("Shebekino") == Province("Belgorod Oblast", "RU")
    assert h.province("Kharkiv region") == h.province("Kharkivska oblast") == h.province("Kharkiv Oblast") == KHARKIV
    assert h.province_of("Kyiv") == Province("Kyiv Oblast", "UA")  # a city of special status the profile counts in
    assert hierarchy(GENERAL).province_of("Izium") is None  # region knowledge is the profile's


def test_a_name_many_villages_bear_is_the_one_in_the_province_the_article_names() -> None:
    h = hierarchy(PROFILE)
    bearers = h.towns["andriivka"]
    assert len(bearers) > 1
    assert h.province_of("Andriivka", near=[bearers[1]]) == bearers[1]
    assert h.province_of("Andriivka") == bearers[0]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Residential buildings damaged in Mariupol", "Mariupol"),  # the model says organisation
        ("Destroyed homes in Horenka after the shelling.", "Horenka"),  # a village, where a place is expected
        ("Fire at an oil depot in the village of Kryachky.", "Kryachky"),
        ("Shelled Lysychansk, civilian casualties", "Lysychansk"),  # a capitalised first word is no name
        ("Mykolaiv Oncology Hospital struck by cluster munitions.", "Mykolaiv"),  # a name that starts with a town
        ("Casualties after shelling in Donetsk City.", "Donetsk"),
        ("Okhtyrka railway station destroyed", "Okhtyrka"),  # a focus town opening the sentence
        ("Chuhuiv Airbase on fire", "Chuhuyiv"),  # a facility named after its town (geonames' spelling)
        # a town with the province it lies in, glued by the model into one organisation
        ("Destroyed bridge in Krasnolyubetsk, Kherson Oblast, Ukraine", "Kherson Oblast"),
        ("Destroyed bridge in Krasnolyubetsk, Kherson Oblast, Ukraine", "Krasnolyubetsk"),
        ("Occupants shelled the Church of the Transfiguration of the Lord in Kharkiv.", "Kharkiv"),  # a locative tail
        ("Destroyed bridge (00:00 - 00:09), Borodyanka", "Borodianka"),  # a caption's place after its comma
        ("Smoke rose over the Toshkivka railway station.", "Toshkivka"),  # a town locating a building
        # "the <place noun> of <name>" names the place, whatever the model tags the name
        ("Fishermen were rescued off the island of Bornholm on Tuesday.", "Bornholm"),
        ("Grain ships left the port of Ust-Luga at dawn.", "Ust-Luga"),
    ],
)
def test_places_are_read_where_the_text_puts_them(text: str, place: str) -> None:
    assert place in places_of(text)


@pytest.mark.parametrize(
    ("text", "not_a_place"),
    [
        ("The Good Neighbours Trust handed out food parcels.", "Göd"),  # Göd only with its accents dropped
        ("The Human Dignity Foundation filed the complaint.", "Uman"),  # Uman only read as a romanisation
        ("A report by the Center for Policy Studies was published.", "Ózd"),  # another name of Ózd
        ("The Police Federation called for more officers.", "Police"),  # a small Polish town of that name
    ],
)
def test_an_english_word_opening_an_organisations_name_is_no_town(text: str, not_a_place: str) -> None:
    assert not_a_place not in places_of(text)


def test_a_large_city_opening_an_organisations_name_is_still_read() -> None:
    assert "Shanghai" in places_of("Leaders of the Shanghai Cooperation Organisation met on Friday.")


def test_the_focus_countries_villages_are_not_read_in_a_text_about_somewhere_else() -> None:
    # "Bartin" is also an old spelling of a Polish village: in a text naming Turkey and no focus country, the
    # Turkish province is meant (not in the gazetteer: no place at all rather than a wrong one)
    assert "Barcino" not in places_of("A mine explosion in Turkey killed ten workers in Bartin on Friday.")
    assert "Barcino" in places_of("Polish firefighters put out a forest fire in Bartin on Friday.")
    assert "Horenka" in places_of("Ukraine said homes were destroyed in Horenka after the shelling.")


def test_a_spelling_two_cities_share_names_the_larger() -> None:
    g = gazetteer(GENERAL)
    assert g.place("London").country == "GB" and g.place("Madrid").country == "ES"  # not Ontario, Colombia
    assert g.place("St. Petersburg") == g.place("Saint Petersburg") and g.place("St Petersburg").country == "RU"
    assert g.place("Zaragoza").name == "Zaragoza"  # a city's own name beats another's alternate spelling
    assert gazetteer(PROFILE).place("Donetsk").country == "UA"  # not the small Russian town
    assert g.place("St Paul") is None  # "St Paul's" is a cathedral or a carnival more often than Minnesota's city
    assert g.place("Duma") is None  # the Russian parliament, not Dūmā in Syria
    # a village of the focus countries never takes a known place's spelling: "New York" (geonames' New York City)
    # is not Niu-York in Donetsk oblast
    assert gazetteer(PROFILE).place("New York").country == "US"
    assert "New York" in places_of("Thousands marched in New York on Sunday.")


def test_a_focus_city_is_known_by_its_other_romanisations() -> None:
    g = gazetteer(PROFILE)
    assert g.place("Kryviy Rih") == g.place("Kryvyi Rih") is not None  # -iy / -yi: one Cyrillic ending
    assert places_of("Russian strikes kill at least 10 people in central city of Kryviy Rih") >= {
        g.place("Kryvyi Rih").name
    }
    assert gazetteer(GENERAL).place("Kryviy Rih") is None  # region knowledge: only with the profile


def test_a_demonym_before_a_known_place_qualifies_the_place() -> None:
    # the model tags "Ukrainian Crimea" a person
    assert "Crimea" in places_of('They organised a fake "referendum" on the territory of our Ukrainian Crimea.')


def test_a_name_before_based_is_where_something_is_based() -> None:
    # the model tags "Newport" an organisation here
    assert "Newport" in places_of("The Newport-based athlete and his team-mates won relay gold.")


def test_a_village_name_outside_a_locative_context_is_not_made_a_place() -> None:
    # Many villages bear words or surnames as names: without "in", "near", "village of" they stay what they are.
    assert "Horenka" not in places_of("Horenka said the report was late.")
    assert "Tass" not in places_of("Russia’s Tass news agency reported the strike.")  # the agency’s own name


def test_the_institution_keeps_its_name_when_its_town_is_taken_off() -> None:
    doc = load_model(profile=PROFILE)("Occupants shelled the Church of the Transfiguration of the Lord in Kharkiv.")
    names = {(a.name, a.kind) for a in extract_actors(doc, gazetteer(PROFILE)).actors}
    assert ("Church of the Transfiguration of the Lord", "organization") in names


NOW = datetime(2022, 6, 1, 12)


@pytest.fixture(scope="module")
def located_store(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("places")
    items = [
        ("Russian forces shelled Izium overnight, the regional governor said.", "2022-05-30"),
        ("Russian troops shelled Kharkiv on Monday, officials said.", "2022-05-30"),
        ("Russian missiles struck an oil depot in Lviv, the mayor said.", "2022-05-31"),
    ]
    path = folder / "items.jsonl"
    path.write_text(
        "".join(
            json.dumps({"title": f"Report {n}", "text": text, "date": day, "url": f"https://example.org/{n}"}) + "\n"
            for n, (text, day) in enumerate(items)
        )
    )
    store = open_store(folder / "places.db")
    Ingestor(store, extract=ExtractOptions(profile=PROFILE), workers=0).ingest([str(path)])
    yield store
    store.close()


def events_in(store, line: str) -> set[str]:
    name, rest = split_line(line)
    reply = run_text(Context(store, NOW), name, rest)
    return {e["location"] for e in reply.data["events"]}


def test_a_province_filter_covers_its_towns(located_store) -> None:
    assert events_in(located_store, '/events location:"Kharkiv oblast"') == {"Izium", "Kharkiv"}
    assert events_in(located_store, "/events location:Izium") == {"Izium"}
    assert events_in(located_store, "/events location:Ukraine") == {"Izium", "Kharkiv", "Lviv"}


def test_a_place_with_no_event_is_a_clear_error(located_store) -> None:
    name, rest = split_line('/events location:"Odesa Oblast"')
    reply = run_text(Context(located_store, NOW), name, rest)
    assert any("no events are located in 'Odesa Oblast'" in b.text for b in reply.blocks)


def test_joining_words_recur_in_a_names_shape_not_in_a_phrase() -> None:
    from spacy.tokens import Span

    from briefings.extract.actors import _well_formed

    g = gazetteer(PROFILE)
    doc = load_model(profile=PROFILE)(
        "Dyer stood on the edge of the area and the Church of the Holy Trinity of the Lord."
    )
    phrase = Span(doc, 0, 8, label="ORG")  # "Dyer stood on the edge of the area": a phrase taken for a name
    church = Span(doc, 10, 18, label="ORG")  # "Church of the Holy Trinity of the Lord"
    assert church.text == "Church of the Holy Trinity of the Lord"
    assert _well_formed(phrase, g) == [] and [s.text for s in _well_formed(church, g)] == [church.text]


def test_a_capitalised_city_after_a_city_outside_the_focus_countries_names_no_city() -> None:
    from spacy.tokens import Span

    def read(text: str, name: str) -> dict[str, str]:
        doc = load_model(profile=PROFILE)(text)
        start = next(t.i for t in doc if t.idx == text.index(name))
        doc.ents = [Span(doc, start, start + len(load_model().tokenizer(name)), label="GPE")]  # as the model may
        return {a.name: a.kind for a in extract_actors(doc, gazetteer(PROFILE)).actors if a.kind != "_unused"}

    # a club named after the city (the city is where it is), not an alias of the city
    assert read("Manchester City beat Chelsea on Sunday.", "Manchester City") == {
        "Manchester City": "organization",
        "Manchester": "place",
    }
    assert read("Shelling hit Donetsk City overnight.", "Donetsk City") == {"Donetsk": "place"}  # the misto
    assert read("Shelling hit Madrid city overnight.", "Madrid city") == {"Madrid": "place"}  # a description
