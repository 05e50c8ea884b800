"""Fragments: sentences that are not clauses a reader can take alone (briefings/extract/clauses.py)."""

from __future__ import annotations

import pytest

from briefings.extract.clauses import fragment_text, prospective_text


@pytest.mark.parametrize(
    "text",
    [
        "Members of the council, the mayors, the volunteers.",
        "All the people of the northern provinces.",
        "A storm that has flooded half of the valley and cut every road.",
        "Near the river and the old mills.",
        "After it was approached by the neighbouring state.",
        "Because it is better for them to leave than to stay.",
        "Just as you did not want to lose your harbour when the storm came, the storm of the century.",
        "It is building new schools in every district of the province.",
        "It is being attended by the mayors of the coastal towns.",
        "It comes as the ferry company announces more cancellations.",
        "For the province, with its long coastline, this industry remains one of the leading employers.",
        "According to the local newspaper, these credits would be used to pay off the harbour's loans.",
        "When the storm continues.",
        "When a neighbouring council deliberately destroys everything for which the harbour was built.",
        # a photograph's caption: someone "a" introduces doing something in the present on a weekday
        "A worker holds a mooring rope at the ferry pier in Lindau, Germany, on Friday, April 8, 2022.",
    ],
)
def test_fragments(text: str) -> None:
    assert fragment_text(text)


@pytest.mark.parametrize(
    "text",
    [
        "The council approved the budget on Monday.",
        "Six killed in a bombing near the central market.",
        "As a result, prices rose by 4 percent.",
        "As the storm approached, the mayor ordered an evacuation.",
        "Addressed the regional assembly, which met for a special session on the floods.",
        "If the talks fail, the strike will begin on Friday.",
        "The mayor said: “We will rebuild.” The council agreed.",
        "It is important to keep the harbour open through the winter.",
        "It emerged on Monday that the harbour master had resigned.",
        "It was not clear when the ferries would sail again.",
        "It could take several weeks for the inspectors to publish their findings.",
        "It was the coastguard that raised the alarm.",
        "It rained heavily across the valley on Sunday.",
        "In the north, this year has been the wettest on record.",
        "After the storm, the council said that repairs would take weeks.",
        "When the storm passed, the ferries sailed again.",
        "When will the ferries sail again?",
        "A worker was injured at the ferry pier in Lindau on Friday.",
        "A week-long ferry strike begins Saturday in Lindau.",
    ],
)
def test_clauses(text: str) -> None:
    assert not fragment_text(text)


def test_without_a_model_nothing_is_flagged(monkeypatch: pytest.MonkeyPatch) -> None:
    import briefings.extract.model as model
    from briefings.errors import ModelError

    def missing(*args: object, **kwargs: object) -> None:
        raise ModelError("no spaCy English model installed")

    monkeypatch.setattr(model, "load_model", missing)
    assert not fragment_text("Members of the harbour board, the pilots, the crews, without a model.")


@pytest.mark.parametrize(
    "text",
    [
        "The harbour board will vote on the ferry contract on Monday.",
        "Ruling due in the ferry contract case",
        "Ferry company to cut 300 jobs at the northern yard",
        "The mayor plans to announce the new budget on Friday.",
        "The council is expected to decide whether to close the bridge.",
        "The verdict is due on Thursday.",
        "The two unions are set to sign the agreement next week.",
    ],
)
def test_sentences_that_announce_what_is_to_happen(text: str) -> None:
    assert prospective_text(text)


@pytest.mark.parametrize(
    "text",
    [
        "The harbour board voted for the ferry contract on Monday.",
        "Three directors found guilty of fraud in the ferry contract case",
        "The two unions agreed to end the strike.",  # the agreement took place
        "The mayor vowed to rebuild the bridge.",  # so did the vow
        "The council has decided to close the bridge.",
        "Engineers are trying to reopen the tunnel.",  # an effort under way is the present
        "He is expected in the capital.",
    ],
)
def test_sentences_that_report_what_happened_or_is_happening(text: str) -> None:
    assert not prospective_text(text)
