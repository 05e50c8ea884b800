"""Named-entity quality on CoNLL-2003: Briefbot's corrected pipeline next to the raw spaCy model, same run.

    python -m bench.ner --conll ../shared/datasets/conll2003-en/test.txt [--limit N]

Scores exact spans for PER, ORG and LOC (spaCy's GPE, LOC and FAC count as LOC; MISC and NORP are not scored) and
prints JSON with precision, recall and F1 per type and overall (micro), for ``raw`` and ``ours`` (the model's
entities) and ``actors`` (the mentions of the extracted actors, labelled by their actor's kind: person, organisation,
place).
Tune on ``valid.txt``, report on ``test.txt``.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from spacy.tokens import Doc

from briefings.extract.model import load_model

LABELS = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
SCORED = ("PER", "ORG", "LOC")


def read_conll(path: Path) -> list[tuple[list[str], set[tuple[int, int, str]]]]:
    """Sentences as (words, gold spans (start, end, label)) from a CoNLL-2003 file in IOB2."""
    sentences, words, tags = [], [], []

    def flush() -> None:
        if words:
            sentences.append((list(words), spans(tags)))
        words.clear()
        tags.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("-DOCSTART-"):
            flush()
            continue
        parts = line.split()
        words.append(parts[0])
        tags.append(parts[-1])
    flush()
    return sentences


def spans(tags: list[str]) -> set[tuple[int, int, str]]:
    found, start, label = set(), None, None
    for i, tag in enumerate([*tags, "O"]):
        if tag == "O" or tag.startswith("B-") or (tag.startswith("I-") and tag[2:] != label):
            if start is not None and label in SCORED:
                found.add((start, i, label))
            start, label = (i, tag[2:]) if tag != "O" else (None, None)
    return found


def predict(nlp, sentences) -> list[set[tuple[int, int, str]]]:
    docs = (Doc(nlp.vocab, words=words) for words, _ in sentences)
    results = []
    for doc in nlp.pipe(docs, batch_size=256):
        results.append({(e.start, e.end, LABELS[e.label_]) for e in doc.ents if e.label_ in LABELS})
    return results


KINDS = {"person": "PER", "organization": "ORG", "place": "LOC"}


def predict_actors(nlp, sentences, profile: str) -> list[set[tuple[int, int, str]]]:
    """The actors' mentions as spans, labelled by their actor's kind: what ``/actor`` makes of the names after the
    actor rules (lists, classifiers, one sense per article), which the model's labels alone do not show. A
    demonym's mention ("Russian" → Russia) is left out: CoNLL tags demonyms MISC, which is not scored."""
    from briefings.extract.actors import extract_actors
    from briefings.extract.gazetteer import gazetteer

    g = gazetteer(profile)
    docs = (Doc(nlp.vocab, words=words) for words, _ in sentences)
    results = []
    for doc in nlp.pipe(docs, batch_size=256):
        actors = extract_actors(doc, g)
        found = set()
        for m in actors.mentions:
            kind = KINDS.get(actors.actors[m.actor].kind)
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if kind is not None and span is not None and m.via != "demonym":
                found.add((span.start, span.end, kind))
        results.append(found)
    return results


def score(gold: list[set], predicted: list[set]) -> dict:
    tp, fp, fn = Counter(), Counter(), Counter()
    for g, p in zip(gold, predicted, strict=True):
        for span in p & g:
            tp[span[2]] += 1
        for span in p - g:
            fp[span[2]] += 1
        for span in g - p:
            fn[span[2]] += 1

    def prf(t: int, f_p: int, f_n: int) -> dict:
        precision = t / (t + f_p) if t + f_p else 0.0
        recall = t / (t + f_n) if t + f_n else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(precision * 100, 2), "recall": round(recall * 100, 2), "f1": round(f1 * 100, 2)}

    result = {label: prf(tp[label], fp[label], fn[label]) for label in SCORED}
    result["overall"] = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--conll", type=Path, required=True, help="CoNLL-2003 file (test.txt to report, valid.txt to tune)"
    )
    parser.add_argument("--limit", type=int, help="only the first N sentences")
    parser.add_argument("--model", help="spaCy model name (default: as briefbot)")
    parser.add_argument("--profile", default="", help="the actors' profile (default: none, the general data)")
    args = parser.parse_args()
    if not args.conll.is_file():
        what = "a folder: name its test.txt or valid.txt" if args.conll.is_dir() else "no such file"
        raise SystemExit(f"{args.conll}: {what}")
    sentences = read_conll(args.conll)[: args.limit]
    gold = [g for _, g in sentences]
    result: dict = {"benchmark": "ner", "file": str(args.conll), "sentences": len(sentences)}
    for name, corrections in (("raw", False), ("ours", True)):
        nlp = load_model(args.model, corrections)
        started = time.perf_counter()
        predicted = predict(nlp, sentences)
        result[name] = score(gold, predicted)
        result[name]["seconds"] = round(time.perf_counter() - started, 1)
    nlp = load_model(args.model, True, profile=args.profile)
    started = time.perf_counter()
    result["actors"] = score(gold, predict_actors(nlp, sentences, args.profile))
    result["actors"]["seconds"] = round(time.perf_counter() - started, 1)
    result["f1_gain"] = round(result["ours"]["overall"]["f1"] - result["raw"]["overall"]["f1"], 2)
    result["target_gain"] = 2.0
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
