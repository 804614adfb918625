"""Tagging speed on the shared sample corpus: articles per second on one core. Prints JSON.

Run: `python tests/benchmarks/bench_tagging.py [--articles N]` (default: all 2,000 articles).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT.parent / "shared" / "corpus" / "sample.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not SAMPLE.is_file():
        print(json.dumps({"skipped": "../shared/corpus/sample.jsonl is absent"}))
        return 0
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    sys.path.insert(0, str(ROOT))
    started = time.perf_counter()
    import reader.tagging
    from reader.models import Article

    import_seconds = time.perf_counter() - started
    articles = []
    with SAMPLE.open(encoding="utf-8") as stream:
        for line in stream:
            record = json.loads(line)
            articles.append(
                Article(
                    id=record["id"],
                    title=record["title"],
                    paragraphs=tuple(p for p in record["body"].split("\n") if p.strip()),
                )
            )
            if len(articles) >= args.articles:
                break
    started = time.perf_counter()
    reader.tagging.tag_article(articles[0])
    first_call = time.perf_counter() - started
    rates = []
    names = 0
    characters = sum(len(a.title) + len(a.body) for a in articles)
    for _ in range(args.rounds):
        started = time.perf_counter()
        names = 0
        for article in articles:
            tags = reader.tagging.tag_article(article)
            names += len(tags.actors) + len(tags.places)
        rates.append(len(articles) / (time.perf_counter() - started))
    print(
        json.dumps(
            {
                "benchmark": "tagging",
                "articles": len(articles),
                "mean_chars_per_article": round(characters / len(articles)),
                "rounds": args.rounds,
                "articles_per_second_median": round(statistics.median(rates), 1),
                "articles_per_second_min": round(min(rates), 1),
                "names_per_article": round(names / len(articles), 2),
                "import_seconds": round(import_seconds, 3),
                "first_call_seconds_incl_model_load": round(first_call, 3),
                "goal_articles_per_second": 50,
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
