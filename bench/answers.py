"""Accuracy of ``/ask`` on a question set over seeds/, next to a plain full-text baseline in the same run.

    python -m bench.answers [--db STORE] [--questions bench/data/seed_questions.json] [--profile NAME]

Without ``--db`` the seeds are ingested (with extraction, with the demo's profile unless ``--profile`` says
otherwise) into a temporary store. An answer is right when it
contains one of the accepted strings (case-insensitive) and its first citation's title contains the question's
``source``; a question with no accepted strings is right when the system says it has no answer. The baseline
answers with the first sentence of the best full-text match (bm25) for the question's words.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from bench.harness import ROOT
from briefings.answers.answer import answer_question
from briefings.store import open_store
from briefings.text.sentences import split_sentences


def baseline(conn, question: str) -> tuple[str | None, str | None]:
    words = [w for w in re.findall(r"[^\W_]+", question.lower()) if len(w) > 2]
    match = " OR ".join(f'"{w}"' for w in words)
    row = conn.execute(
        "SELECT a.title, a.body FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
        " WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts) LIMIT 1",
        (match,),
    ).fetchone()
    if row is None:
        return None, None
    sentences = split_sentences(row[1])
    return (sentences[0].text if sentences else row[0]), row[0]


def judge(item: dict, answer: str | None, title: str | None) -> bool:
    if not item["accept"]:
        return answer is None
    if answer is None:
        return False
    right = any(a.lower() in answer.lower() for a in item["accept"])
    return right and (item["source"] is None or (title is not None and item["source"].lower() in title.lower()))


def run(db: Path, questions: list[dict]) -> dict:
    store = open_store(db)
    per_kind: dict[str, list[bool]] = defaultdict(list)
    base_kind: dict[str, list[bool]] = defaultdict(list)
    seconds, wrong = [], []
    for item in questions:
        started = time.perf_counter()
        result = answer_question(store, item["q"])
        seconds.append(time.perf_counter() - started)
        title = result.evidence[0].citation.title if result.evidence else None
        ok = judge(item, result.answer, title)
        per_kind[item["kind"]].append(ok)
        if not ok:
            wrong.append({"q": item["q"], "got": result.answer, "cited": title})
        base_answer, base_title = baseline(store.conn, item["q"])
        base_kind[item["kind"]].append(
            judge(item, base_answer, base_title) if item["accept"] else False  # the baseline always answers
        )
    store.close()

    def summary(table: dict[str, list[bool]]) -> dict:
        flat = [x for v in table.values() for x in v]
        out = {"overall": round(sum(flat) / len(flat), 3), "questions": len(flat)}
        out.update({k: f"{sum(v)}/{len(v)}" for k, v in sorted(table.items())})
        return out

    return {
        "ours": summary(per_kind),
        "baseline_first_sentence_of_best_match": summary(base_kind),
        "latency_ms": {
            "p50": round(1000 * statistics.median(seconds), 1),
            "max": round(1000 * max(seconds), 1),
        },
        "wrong": wrong,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="A store holding seeds/ (default: ingest them now)")
    parser.add_argument("--questions", type=Path, default=ROOT / "bench" / "data" / "seed_questions.json")
    parser.add_argument(
        "--profile", default="ukraine-russia", help="Extraction profile for the seeds (the demo's; 'none': general)"
    )
    args = parser.parse_args()
    questions = json.loads(args.questions.read_text(encoding="utf-8"))["questions"]
    if args.db:
        print(json.dumps(run(args.db, questions), indent=2, ensure_ascii=False))
        return
    from briefings.ingest.normalise import ExtractOptions
    from briefings.ingest.pipeline import Ingestor

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "seeds.db"
        store = open_store(db)
        Ingestor(store, extract=ExtractOptions(profile=args.profile)).ingest([str(ROOT / "seeds")])
        store.close()
        print(json.dumps(run(db, questions), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
