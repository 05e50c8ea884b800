"""The CoNLL benchmark reads IOB files and scores the model's entities and the actors' mentions alike."""

from __future__ import annotations

from pathlib import Path

from bench.ner import predict_actors, read_conll, score
from briefings.extract.model import load_model

CONLL = """-DOCSTART- -X- -X- O

Russian NNP B-NP B-MISC
troops NNS I-NP O
left VBD B-VP O
Kyiv NNP B-NP B-LOC
, , O O
Anna NNP B-NP B-PER
Kovalenko NNP I-NP I-PER
told VBD B-VP O
Reuters NNP B-NP B-ORG
. . O O
"""


def test_the_actors_mentions_are_scored_by_their_actor_s_kind(tmp_path: Path) -> None:
    path = tmp_path / "sample.txt"
    path.write_text(CONLL, encoding="utf-8")
    sentences = read_conll(path)
    assert [g for _, g in sentences] == [{(3, 4, "LOC"), (5, 7, "PER"), (8, 9, "ORG")}]
    predicted = predict_actors(load_model(), sentences, "")
    assert (3, 4, "LOC") in predicted[0] and (5, 7, "PER") in predicted[0]
    assert not any(start == 0 for start, _, _ in predicted[0])  # a demonym's mention is not scored (MISC)
    result = score([g for _, g in sentences], predicted)
    assert result["PER"]["precision"] == 100.0 and result["LOC"]["recall"] == 100.0


def test_a_folder_given_for_the_conll_file_is_named_in_one_line(tmp_path: Path, monkeypatch) -> None:
    import pytest

    from bench import ner

    monkeypatch.setattr("sys.argv", ["bench.ner", "--conll", str(tmp_path)])
    with pytest.raises(SystemExit, match="a folder: name its test"):
        ner.main()
