"""Sentence selection quality: ROUGE F1 of Briefbot's summaries next to Lead-N, LexRank, TextRank and the oracle.

    python -m bench.summaries \\
        --kremlin ../shared/datasets/zelenskyy-putin-press-releases/putin.csv \\
        --multiling ../shared/datasets/multiling2011-sample \\
        --bbc ../shared/datasets/bbc-news-summary/bbc_news_summary.jsonl

Needs the bench extra (``pip install -e ".[bench]"``: rouge-score, sumy, scikit-learn). Every system picks whole
sentences from the same sentence split (``briefings.sentences``); scores are ROUGE-1/2/L F1 x 100 with stemming,
averaged over documents (and over the references where there are several). The greedy ROUGE-2 oracle picks the
sentences that best match the reference: a ceiling for any extractive system.

1. Kremlin: the press service's own one-line summary of each release (human-written), one sentence.
2. MultiLing 2011: 3 clusters of 10 news articles, 2 human summaries each; a story summary at the references' length.
3. BBC News Summary: extractive references (report only: they look algorithm-made, so do not tune to them).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from briefings.briefing.summarise import SummaryDoc, summarise
from briefings.text.sentences import split_sentences

SYSTEMS = ("lead", "lexrank", "textrank", "ours", "oracle")


class _Tokenizer:
    """sumy's tokenizer interface over our sentence splitter (sumy's own needs NLTK data we do not download)."""

    language = "english"

    def to_sentences(self, paragraph: str) -> list[str]:
        return [s.text for s in split_sentences(paragraph)]

    def to_words(self, sentence: str) -> list[str]:
        return re.findall(r"[^\W_]+", sentence)


class Systems:
    """Each system: (document texts, headlines, budget in sentences) -> chosen sentences."""

    def __init__(self) -> None:
        from rouge_score import rouge_scorer
        from sumy.nlp.stemmers import Stemmer
        from sumy.summarizers.lex_rank import LexRankSummarizer
        from sumy.summarizers.text_rank import TextRankSummarizer
        from sumy.utils import get_stop_words

        self.scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
        stemmer = Stemmer("english")
        self.lexrank = LexRankSummarizer(stemmer)
        self.textrank = TextRankSummarizer(stemmer)
        for summarizer in (self.lexrank, self.textrank):
            summarizer.stop_words = get_stop_words("english")

    def lead(self, docs: Sequence[str], heads: Sequence[str], budget: int) -> list[str]:
        # The first sentences, taking one from each document in turn (for a single document: its lead).
        per_doc = [[s.text for s in split_sentences(d)] for d in docs]
        out: list[str] = []
        for rank in range(max((len(p) for p in per_doc), default=0)):
            for sentences in per_doc:
                if rank < len(sentences) and len(out) < budget:
                    out.append(sentences[rank])
        return out

    def _sumy(self, summarizer, docs: Sequence[str], budget: int) -> list[str]:
        from sumy.parsers.plaintext import PlaintextParser

        parser = PlaintextParser.from_string("\n".join(docs), _Tokenizer())
        return [str(s) for s in summarizer(parser.document, budget)]

    def lexrank_(self, docs: Sequence[str], heads: Sequence[str], budget: int) -> list[str]:
        return self._sumy(self.lexrank, docs, budget)

    def textrank_(self, docs: Sequence[str], heads: Sequence[str], budget: int) -> list[str]:
        return self._sumy(self.textrank, docs, budget)

    def ours(self, docs: Sequence[str], heads: Sequence[str], budget: int) -> list[str]:
        summary_docs = [SummaryDoc(i, h, d) for i, (d, h) in enumerate(zip(docs, heads, strict=True))]
        return [p.sentence.text for p in summarise(summary_docs, budget)]

    def oracle(self, docs: Sequence[str], references: Sequence[str], budget: int) -> list[str]:
        pool = [s.text for d in docs for s in split_sentences(d)]
        chosen: list[str] = []
        best = 0.0
        while len(chosen) < budget:
            scored = [(self.rouge2([*chosen, s], references), s) for s in pool if s not in chosen]
            if not scored:
                break
            value, sentence = max(scored)
            if value <= best:
                break
            best = value
            chosen.append(sentence)
        return chosen

    def rouge2(self, sentences: list[str], references: Sequence[str]) -> float:
        text = " ".join(sentences)
        return statistics.mean(self.scorer.score(r, text)["rouge2"].fmeasure for r in references)

    def score(self, sentences: list[str], references: Sequence[str]) -> dict[str, float]:
        text = " ".join(sentences)
        scores = [self.scorer.score(r, text) for r in references]
        return {k: statistics.mean(s[k].fmeasure for s in scores) for k in ("rouge1", "rouge2", "rougeL")}


def evaluate(
    systems: Systems,
    cases: Sequence[tuple[list[str], list[str], list[str], int]],
    trim_words: Callable[[list[str], int], list[str]] | None = None,
) -> dict:
    """Mean ROUGE of every system over (documents, headlines, references, budget) cases."""
    totals: dict[str, list[dict[str, float]]] = {name: [] for name in SYSTEMS}
    runners = {
        "lead": systems.lead,
        "lexrank": systems.lexrank_,
        "textrank": systems.textrank_,
        "ours": systems.ours,
    }
    seconds = {name: 0.0 for name in SYSTEMS}
    for docs, heads, references, budget in cases:
        for name in SYSTEMS:
            started = time.perf_counter()
            if name == "oracle":
                picked = systems.oracle(docs, references, budget)
            else:
                picked = runners[name](docs, heads, budget)
            seconds[name] += time.perf_counter() - started
            if trim_words is not None:
                picked = trim_words(picked, budget)
            totals[name].append(systems.score(picked, references))
    result = {}
    for name, rows in totals.items():
        result[name] = {k: round(100 * statistics.mean(r[k] for r in rows), 2) for k in ("rouge1", "rouge2", "rougeL")}
        result[name]["seconds"] = round(seconds[name], 2)
    result["documents"] = len(cases)
    return result


def kremlin_cases(path: Path, limit: int | None) -> list:
    csv.field_size_limit(sys.maxsize)
    cases = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            summary, body = (row.get("summary") or "").strip(), (row.get("body") or "").strip()
            if summary and body:
                cases.append(([body], [row.get("headline") or ""], [summary], 1))
    return cases[:limit] if limit else cases


def multiling_cases(folder: Path) -> list:
    references: dict[str, list[str]] = {}
    for line in (folder / "summaries.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["summarizer_type"] == "reference":
            references.setdefault(row["instance_id"], []).append(" ".join(row["summary"]["text"]))
    cases = []
    for line in (folder / "documents.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        docs, heads = [], []
        for document in row["documents"]:
            lines = document["text"]
            heads.append(re.sub(r"^\d{4}/\d\d/\d\d\s+", "", lines[0]))
            docs.append("\n".join(lines[2:]))  # after the headline and the dateline
        refs = references[row["instance_id"]]
        words = round(statistics.mean(len(r.split()) for r in refs))
        cases.append((docs, heads, refs, words))
    return cases


def trim_to_words(sentences: list[str], words: int) -> list[str]:
    """Whole sentences until the references' length is reached (the last one may pass it)."""
    out, count = [], 0
    for sentence in sentences:
        if count >= words:
            break
        out.append(sentence)
        count += len(sentence.split())
    return out


def bbc_cases(path: Path, limit: int | None) -> list:
    seen: set[str] = set()
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        body = row["text"].strip()
        if body in seen:
            continue
        seen.add(body)
        reference_sentences = re.split(r"(?<=[.!?])(?=[A-Z\"'])", row["summary"].strip())
        cases.append(([body], [row["title"]], [" ".join(reference_sentences)], len(reference_sentences)))
    return cases[:limit] if limit else cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kremlin", type=Path, help="putin.csv of the press-release dataset")
    parser.add_argument("--multiling", type=Path, help="the multiling2011-sample folder")
    parser.add_argument("--bbc", type=Path, help="bbc_news_summary.jsonl")
    parser.add_argument("--limit", type=int, help="At most this many documents per dataset (quick runs)")
    args = parser.parse_args()
    systems = Systems()
    report: dict[str, dict] = {}
    if args.kremlin:
        report["kremlin_human_one_sentence"] = evaluate(systems, kremlin_cases(args.kremlin, args.limit))
    if args.multiling:
        cases = multiling_cases(args.multiling)
        # Budgets are in words: every system ranks up to 30 sentences, then is cut at the references' length.
        wide = [(docs, heads, refs, 30) for docs, heads, refs, _ in cases]
        lengths = [words for *_, words in cases]
        report["multiling2011_story"] = _evaluate_words(systems, wide, lengths)
    if args.bbc:
        report["bbc_report_only"] = evaluate(systems, bbc_cases(args.bbc, args.limit))
    print(json.dumps(report, indent=2))


def _evaluate_words(systems: Systems, cases: list, lengths: list[int]) -> dict:
    results = [
        evaluate(systems, [case], trim_words=lambda picked, _b, w=words: trim_to_words(picked, w))
        for case, words in zip(cases, lengths, strict=True)
    ]
    merged: dict = {"documents": len(cases)}
    for name in SYSTEMS:
        merged[name] = {
            k: round(statistics.mean(r[name][k] for r in results), 2) for k in ("rouge1", "rouge2", "rougeL", "seconds")
        }
    return merged


if __name__ == "__main__":
    main()
