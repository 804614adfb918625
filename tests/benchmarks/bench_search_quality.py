"""Known-item search quality on real articles: MRR@10 of akhbar beside SQLite FTS5.

For a seeded sample of articles of `../shared/corpus/sample.jsonl`, a query of 2-3 words of the
title is typed the way people type Arabic (hamza left off alef, ة as ه, ى as ي, ال added or
dropped, و or ب attached). Both engines search all 2,000 articles; MRR@10 counts 1/rank of the
article the words came from. Tune on `--seed 1` (the dev set); report `--seed 2`.

    .venv/bin/python tests/benchmarks/bench_search_quality.py [--seed 2] [--queries 300]

Prints one JSON object. Ablations switch off, on the same index, the query-side clitic variants
and the relaxed fallback (the index keeps akhbar's stemmer, which differs from Lucene's only in
the documented extensions), to show where the gain comes from.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from reader.search import query as query_module  # noqa: E402
from reader.search.analysis import STOP_WORDS, normalize  # noqa: E402
from reader.search.index import SearchIndex  # noqa: E402
from tests.integration.search.memory_archive import load_corpus  # noqa: E402

SAMPLE = REPO.parent / "shared" / "corpus" / "sample.jsonl"
ARABIC_WORD = re.compile("[\u0621-\u064a\u0640\u064b-\u0652]+")


def vary(word: str, rng: random.Random) -> str:
    """One title word as a user might type it."""
    out = word
    if rng.random() < 0.6:
        out = out.replace("أ", "ا").replace("إ", "ا").replace("آ", "ا")
    if out.endswith("ة") and rng.random() < 0.5:
        out = out[:-1] + "ه"
    if out.endswith("ى") and rng.random() < 0.5:
        out = out[:-1] + "ي"
    if out.startswith("ال") and len(out) > 4 and rng.random() < 0.35:
        out = out[2:]
    elif not out.startswith(("ال", "و")) and rng.random() < 0.15:
        out = "ال" + out
    roll = rng.random()
    if roll < 0.12:
        out = "و" + out
    elif roll < 0.22:
        out = "ب" + out
    return out


def make_queries(articles: list[Any], count: int, seed: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    order = list(range(len(articles)))
    rng.shuffle(order)
    queries: list[tuple[str, str]] = []
    for position in order:
        article = articles[position].article
        words = [
            word
            for word in ARABIC_WORD.findall(article.title)
            if len(word) >= 3 and normalize(word) not in STOP_WORDS
        ]
        if len(words) < 2:
            continue
        size = min(len(words), rng.choice((2, 3)))
        picked = sorted(rng.sample(range(len(words)), size))
        queries.append((" ".join(vary(words[i], rng) for i in picked), article.id))
        if len(queries) >= count:
            break
    return queries


def mrr(ranked: list[list[str]], queries: list[tuple[str, str]]) -> dict[str, float]:
    total = 0.0
    found = 0
    first = 0
    for ids, (_, target) in zip(ranked, queries, strict=True):
        if target in ids[:10]:
            rank = ids.index(target) + 1
            total += 1 / rank
            found += 1
            first += rank == 1
    n = len(queries)
    return {
        "mrr@10": round(total / n, 4),
        "recall@10": round(found / n, 4),
        "success@1": round(first / n, 4),
    }


def run_fts5(articles: list[Any], queries: list[tuple[str, str]]) -> dict[str, Any]:
    db = sqlite3.connect(":memory:")
    db.execute(
        "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, "
        "tokenize='unicode61 remove_diacritics 2')"
    )
    db.executemany(
        "INSERT INTO docs VALUES (?, ?, ?)",
        [(s.article.id, s.article.title, s.article.body) for s in articles],
    )
    ranked_and: list[list[str]] = []
    ranked_or: list[list[str]] = []
    for text, _ in queries:
        words = ['"' + word.replace('"', "") + '"' for word in text.split()]
        for joiner, ranked in ((" ", ranked_and), (" OR ", ranked_or)):
            rows = db.execute(
                "SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, 0, 3.0, 1.0) LIMIT 10",
                (joiner.join(words),),
            ).fetchall()
            ranked.append([row[0] for row in rows])
    return {
        "fts5 (all terms)": mrr(ranked_and, queries),
        "fts5 (any term)": mrr(ranked_or, queries),
    }


def run_akhbar(index: SearchIndex, queries: list[tuple[str, str]]) -> dict[str, Any]:
    ranked: list[list[str]] = []
    relaxed = 0
    started = time.perf_counter()
    for text, _ in queries:
        results = index.search(text, limit=10)
        relaxed += results.relaxed
        ranked.append([hit.id for hit in results.hits])
    elapsed = time.perf_counter() - started
    out: dict[str, Any] = mrr(ranked, queries)
    out["relaxed_used"] = relaxed
    out["mean_ms"] = round(elapsed * 1000 / len(queries), 2)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=2, help="2 = the reported set, 1 = dev set")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    if not SAMPLE.is_file():
        print(json.dumps({"skipped": "../shared/corpus/sample.jsonl is absent"}))
        return 0
    articles = load_corpus(SAMPLE)
    queries = make_queries(articles, args.queries, args.seed)
    report: dict[str, Any] = {
        "corpus_articles": len(articles),
        "queries": len(queries),
        "seed": args.seed,
        "examples": [text for text, _ in queries[:5]],
    }
    report.update(run_fts5(articles, queries))
    with tempfile.TemporaryDirectory() as folder:
        index = SearchIndex(Path(folder) / "whoosh")
        started = time.perf_counter()
        index.add_all(articles)
        report["index_seconds"] = round(time.perf_counter() - started, 1)
        report["akhbar"] = run_akhbar(index, queries)
        if args.show_misses:
            for text, target in queries:
                ids = [hit.id for hit in index.search(text, limit=10).hits]
                if target not in ids[:1]:
                    rank = ids.index(target) + 1 if target in ids else None
                    print(
                        json.dumps(
                            {"query": text, "target": target, "rank": rank}, ensure_ascii=False
                        ),
                        file=sys.stderr,
                    )
        # Ablations: the same index and queries with parts switched off. Treating the query as
        # one group also switches off the headline tiers (they rank by groups in the title).
        expand = query_module.expand
        query_module.expand = lambda word, reader: [(query_module.stem(word), 1.0)]
        report["ablation: no query clitic variants (relaxed fallback kept)"] = run_akhbar(
            index, queries
        )
        top_level = query_module._top_level_groups
        query_module._top_level_groups = lambda parsed: [parsed]
        report["ablation: no clitic variants, no fallback, no headline tiers (nearest Lucene)"] = (
            run_akhbar(index, queries)
        )
        query_module.expand = expand
        report["ablation: clitic variants, no fallback, no headline tiers"] = run_akhbar(
            index, queries
        )
        query_module._top_level_groups = top_level
        index.close()
    fts5 = report["fts5 (all terms)"]["mrr@10"]
    report["akhbar_vs_fts5"] = round(report["akhbar"]["mrr@10"] / fts5, 2) if fts5 else None
    print(json.dumps(report, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
