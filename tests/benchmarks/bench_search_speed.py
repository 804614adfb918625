"""Search speed: query latency at 2,000 and 100,000 articles, import throughput, one CLI process.

The 100k index is a scaled copy of `../shared/corpus/sample.jsonl` (each article's title with
paragraphs drawn from other articles, new ids and dates, synthetic tags), built once into a
cache folder (default: the system temp dir) and reused; its build time is kept beside it.

    .venv/bin/python tests/benchmarks/bench_search_speed.py [--sizes 2000,100000] [--cache DIR]
    .venv/bin/python tests/benchmarks/bench_search_speed.py --build-only --sizes 100000

Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from reader.models import StoredArticle, Tags  # noqa: E402
from reader.search.analysis import ANALYZER_VERSION  # noqa: E402
from reader.search.index import SearchFilters, SearchIndex  # noqa: E402
from tests.benchmarks.bench_search_quality import make_queries  # noqa: E402
from tests.integration.search.memory_archive import MemoryArchive, load_corpus  # noqa: E402

SAMPLE = REPO.parent / "shared" / "corpus" / "sample.jsonl"
ACTORS = [f"شخصية {i}" for i in range(300)]  # invented tag names: the cost is what matters
PLACES = [f"مدينة {i}" for i in range(120)]


def tagged(stored: StoredArticle, rng: random.Random) -> StoredArticle:
    tags = Tags(
        actors=tuple(rng.sample(ACTORS, rng.randint(1, 3))),
        places=tuple(rng.sample(PLACES, rng.randint(1, 2))),
    )
    return replace(stored, tags=tags)


def scaled(base: list[StoredArticle], size: int) -> Iterator[StoredArticle]:
    """`size` articles: the sample, then copies whose bodies mix paragraphs of other articles."""
    rng = random.Random(7)
    for number in range(size):
        original = base[number % len(base)]
        if number < len(base):
            yield tagged(original, rng)
            continue
        donors = [base[rng.randrange(len(base))].article for _ in range(2)]
        paragraphs = list(original.article.paragraphs[:2])
        for donor in donors:
            paragraphs.extend(donor.paragraphs[: rng.randint(1, 3)])
        published = original.article.published
        if published is not None:
            published = published + timedelta(days=rng.randint(-900, 900))
        article = replace(
            original.article,
            id=f"{original.article.id}-copy{number}",
            paragraphs=tuple(paragraphs),
            published=published,
        )
        yield tagged(StoredArticle(article=article), rng)


def build(folder: Path, base: list[StoredArticle], size: int, procs: int) -> dict[str, Any]:
    """Build (or reuse) the index of `size` articles in `folder`; returns its build record."""
    record_path = folder / "build.json"
    if record_path.is_file():
        record = json.loads(record_path.read_text())
        if record.get("analyzer") == ANALYZER_VERSION and record.get("size") == size:
            record["reused"] = True
            return dict(record)
    shutil.rmtree(folder, ignore_errors=True)
    index = SearchIndex(folder / "whoosh")
    started = time.perf_counter()
    count = index.add_all(scaled(base, size), procs=procs)
    seconds = time.perf_counter() - started
    index.close()
    megabytes = sum(f.stat().st_size for f in (folder / "whoosh").iterdir() if f.is_file()) / 1e6
    record = {
        "analyzer": ANALYZER_VERSION,
        "size": count,
        "procs": procs,
        "build_seconds": round(seconds, 1),
        "docs_per_second": round(count / seconds, 1),
        "index_mb": round(megabytes, 1),
    }
    record_path.write_text(json.dumps(record))
    record["reused"] = False
    return record


def query_set(base: list[StoredArticle]) -> dict[str, list[tuple[str, SearchFilters | None]]]:
    typed = [text for text, _ in make_queries(base, 150, seed=3)]
    rng = random.Random(5)
    single = [text.split()[0] for text in typed[:100]]
    phrases = []
    for stored in rng.sample(base, 60):
        words = stored.article.title.split()
        if len(words) >= 3:
            start = rng.randrange(len(words) - 1)
            phrases.append('"' + " ".join(words[start : start + 2]).replace('"', "") + '"')
    sources = sorted({stored.article.source for stored in base})
    filtered = [
        (text, SearchFilters(sources=(rng.choice(sources),), since=date(2018, 3, 1)))
        for text in typed[:50]
    ]
    return {
        "typed 2-3 words": [(text, None) for text in typed],
        "one word": [(text, None) for text in single],
        "phrase": [(text, None) for text in phrases[:50]],
        "typed + source filter": filtered,
    }


def time_queries(index: SearchIndex, queries: dict[str, list[Any]]) -> dict[str, Any]:
    index.search("اختبار", limit=10)  # open the searcher and load the facet table once
    out: dict[str, Any] = {}
    every: list[float] = []
    for kind, items in queries.items():
        times = []
        for text, filters in items:
            started = time.perf_counter()
            index.search(text, limit=20, filters=filters)
            times.append((time.perf_counter() - started) * 1000)
        every.extend(times)
        out[kind] = _stats(times)
    out["all"] = _stats(every)
    return out


def _stats(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {
        "n": len(times),
        "mean_ms": round(statistics.fmean(times), 2),
        "p50_ms": round(ordered[len(ordered) // 2], 2),
        "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1], 2),
        "max_ms": round(ordered[-1], 2),
    }


def import_throughput(base: list[StoredArticle], rounds: int = 2) -> dict[str, Any]:
    """Docs/s of bare Whoosh (stock analyzer; id, title, body) vs akhbar (tags, the sync path).

    The two alternate `rounds` times and the best time of each counts: the machine is shared.
    """
    from whoosh.fields import ID, TEXT, Schema
    from whoosh.index import create_in

    rng = random.Random(11)
    docs = [tagged(stored, rng) for stored in base]
    archive = MemoryArchive()
    for stored in docs:
        archive.put(stored)
    bare_times: list[float] = []
    akhbar_times: list[float] = []
    for _ in range(rounds):
        with tempfile.TemporaryDirectory() as folder:
            bare = Path(folder) / "bare"
            bare.mkdir()
            schema = Schema(id=ID(stored=True, unique=True), title=TEXT(stored=True), body=TEXT())
            ix = create_in(str(bare), schema)
            started = time.perf_counter()
            writer = ix.writer()
            for stored in docs:
                article = stored.article
                writer.add_document(id=article.id, title=article.title, body=article.body)
            writer.commit()
            bare_times.append(time.perf_counter() - started)
            index = SearchIndex(Path(folder) / "akhbar")
            started = time.perf_counter()
            index.sync(archive)
            akhbar_times.append(time.perf_counter() - started)
            index.close()
    bare_seconds, akhbar_seconds = min(bare_times), min(akhbar_times)
    return {
        "articles": len(docs),
        "bare_whoosh_seconds": [round(t, 1) for t in bare_times],
        "akhbar_sync_seconds": [round(t, 1) for t in akhbar_times],
        "bare_whoosh_docs_per_s": round(len(docs) / bare_seconds, 1),
        "akhbar_sync_docs_per_s": round(len(docs) / akhbar_seconds, 1),
        "ratio_akhbar_time_over_bare": round(akhbar_seconds / bare_seconds, 2),
    }


def one_process(base: list[StoredArticle], runs: int = 5) -> dict[str, Any]:
    """Wall time of `akhbar search` (python -m reader) on a 2,000-article archive, index synced."""
    from reader.store import Archive

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "archive"
        with Archive.open(path) as archive:
            for stored in base:
                archive.upsert(stored.article, original=None, origin="bench")
            SearchIndex(archive.index_dir).sync(archive)
        env = dict(os.environ, AKHBAR_ARCHIVE=str(path), AKHBAR_CONFIG=os.devnull)
        times = []
        for query in ["رئيس الوزراء", "اسعار النفط", "المنتخب", "الانتخابات العراقيه", "ترامب"][
            :runs
        ]:
            started = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "reader", "search", query, "--limit", "10"],
                env=env,
                capture_output=True,
                check=False,
            )
            times.append(time.perf_counter() - started)
            if done.returncode:
                raise SystemExit(done.stderr.decode())
    return {
        "runs": len(times),
        "mean_s": round(statistics.fmean(times), 3),
        "max_s": round(max(times), 3),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="2000,100000")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "akhbar-bench")
    parser.add_argument("--procs", type=int, default=2, help="writer processes for big builds")
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument("--skip-process", action="store_true")
    args = parser.parse_args()
    if not SAMPLE.is_file():
        print(json.dumps({"skipped": "../shared/corpus/sample.jsonl is absent"}))
        return 0
    base = load_corpus(SAMPLE)
    report: dict[str, Any] = {"analyzer": ANALYZER_VERSION}
    queries = query_set(base)
    for size in [int(part) for part in args.sizes.split(",")]:
        folder = args.cache / f"index-{size}"
        record = build(folder, base, size, args.procs if size > 10_000 else 1)
        entry: dict[str, Any] = {"build": record}
        if not args.build_only:
            index = SearchIndex(folder / "whoosh")
            started = time.perf_counter()
            index.search("اختبار", limit=10)
            entry["open_and_first_query_ms"] = round((time.perf_counter() - started) * 1000, 1)
            entry["queries"] = time_queries(index, queries)
            index.close()
        report[f"{size}"] = entry
    if not args.build_only and not args.skip_import:
        report["import"] = import_throughput(base)
    if not args.build_only and not args.skip_process:
        report["one_akhbar_search_process"] = one_process(base)
    print(json.dumps(report, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
