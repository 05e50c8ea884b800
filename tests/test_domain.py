"""Sport reports: the words of battle in their game senses (briefings/extract/domain.py)."""

from __future__ import annotations

from datetime import date

from briefings.extract.actors import extract_actors
from briefings.extract.domain import sport_report
from briefings.extract.events import extract_events
from briefings.extract.gazetteer import gazetteer
from briefings.extract.model import load_model

MATCH_REPORT = (
    "The visitors' captain scored twice as the league leaders reached the cup final. "
    "Norway rallied to force extra time after the break. "
    "Their striker was injured in the second half and left the pitch. "
    "The home side stormed into a two-goal lead before the referee blew for half-time. "
)


def events_of(text: str) -> list[tuple[str, str]]:
    doc = load_model()(text)
    return [(e.type, e.trigger) for e in extract_events(doc, extract_actors(doc, gazetteer()), date(2024, 3, 2))]


def test_a_sport_report_is_told_by_its_vocabulary() -> None:
    assert sport_report(MATCH_REPORT)
    assert not sport_report("Russian troops shelled the town and the mayor asked the team of engineers for help.")
    # a word or two of sport are not enough: "team" and "final" occur in any news
    assert not sport_report("The team of inspectors chose the final wording of the report.")


def test_conflict_verbs_in_a_sport_report_are_game_senses() -> None:
    found = events_of(MATCH_REPORT)
    assert not any(kind in ("attack", "protest", "interception", "military posture") for kind, _ in found), found
    assert not any(kind == "casualties" for kind, _ in found), found  # a player's injury is no casualty


def test_a_sport_report_keeps_the_violence_it_reports() -> None:
    text = MATCH_REPORT + "A car bomb exploded outside the stadium and 17 people were injured."
    assert ("casualties", "injured") in events_of(text)
    # a verb of war has no game sense
    assert ("attack", "invaded") in events_of(
        MATCH_REPORT + "The winger grew up in Georgia, which Russia invaded in 2008."
    )


def test_outside_a_sport_report_the_same_verbs_are_events() -> None:
    found = events_of("Russian forces struck Kharkiv overnight. Three soldiers were injured in the shelling of Izium.")
    assert ("attack", "struck") in found and any(kind == "casualties" for kind, _ in found)
