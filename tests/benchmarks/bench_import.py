"""Import benchmark on the 2,000 shared articles; prints one JSON object.

Each mode runs in a fresh archive in its own process, so the peak memory is that mode's alone:
- `store_only`: ingest + archive (no tags, no index);
- `store_and_tags`, `store_and_index`: one derived step each, to see where the time goes;
- `full`: ingest + archive + tagging + search index, as `akhbar import` does;
- `rerun`: the full import again over the same archive (everything unchanged).
`furniture` measures the boilerplate rules on the sample bodies and the seed page.

    .venv/bin/python tests/benchmarks/bench_import.py [--skip-full] [--examples N]
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus"

_CHILD = """
import json, resource, sys, time
from pathlib import Path
from reader.library import Library
directory, source, tag, index = sys.argv[1], sys.argv[2], sys.argv[3] == "1", sys.argv[4] == "1"
started = time.perf_counter()
with Library(Path(directory)) as library:
    report = library.import_paths([source], tag=tag, index=index)
seconds = time.perf_counter() - started
peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "peak_rss_kb": peak_kb, "added": report.added,
                  "unchanged": report.unchanged, "refused": len(report.refused)}))
"""


def run_mode(directory: Path, source: Path, *, tag: bool, index: bool) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, str(directory), str(source), str(int(tag)), str(int(index))],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    data = json.loads(result.stdout.strip().splitlines()[-1])
    articles = data["added"] + data["unchanged"]
    return {
        "articles": articles,
        "added": data["added"],
        "unchanged": data["unchanged"],
        "refused": data["refused"],
        "seconds": round(data["seconds"], 2),
        "articles_per_s": round(articles / data["seconds"], 1),
        "peak_rss_mb": round(data["peak_rss_kb"] / 1024, 1),
    }


def furniture(examples: int) -> dict[str, Any]:
    """How many sample bodies lost furniture, what kind, and examples removed and kept."""
    sys.path.insert(0, str(REPO))
    from reader.ingest.clean import split_paragraphs
    from reader.ingest.furniture import (
        is_back_to_top,
        is_copyright,
        is_date_line,
        is_decoration,
        is_related_header,
        is_share_line,
        strip_furniture,
    )

    def kind(line: str, title: str) -> str:
        for name, test in (
            ("share", is_share_line),
            ("back_to_top", is_back_to_top),
            ("related_header", is_related_header),
            ("copyright", is_copyright),
            ("date", is_date_line),
            ("decoration", is_decoration),
        ):
            if test(line):
                return name
        return "repeated_title" if line == title else "related_list_or_label"

    records = [json.loads(line) for line in (CORPUS / "sample.jsonl").open(encoding="utf-8")]
    touched: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    removed_examples: dict[str, list[dict[str, str]]] = {}
    kept_suspects: list[dict[str, str]] = []
    lines_total = lines_removed = 0
    short_line = re.compile(r"^[^.!?؟:؛،]{3,80}$")
    for record in records:
        paragraphs = split_paragraphs(record["body"])
        cleaned = strip_furniture(paragraphs, title=record["title"])
        lines_total += len(paragraphs)
        lines_removed += len(cleaned.removed)
        if cleaned.removed:
            touched[record["source"]] += 1
            kinds_here = [kind(line, record["title"]) for line in cleaned.removed]
            kinds.update(kinds_here)
            shown = removed_examples.setdefault(kinds_here[0], [])
            if len(shown) < examples:
                shown.append({"id": record["id"], "removed": " | ".join(cleaned.removed)})
        # What stays that looks like furniture: short lines without sentence punctuation
        # inside the body (BBC's inline "related article" headlines, for example).
        for line in cleaned.paragraphs[1:-1]:
            if short_line.match(line) and len(line.split()) <= 10:
                if len(kept_suspects) < examples:
                    kept_suspects.append({"id": record["id"], "kept": line})
                break
    per_source = Counter(record["source"] for record in records)
    seed_text = (CORPUS / "seed-article.txt").read_text(encoding="utf-8")
    seed = strip_furniture(split_paragraphs(seed_text))
    return {
        "sample_articles": len(records),
        "articles_with_furniture_removed": sum(touched.values()),
        "share_with_furniture_removed": round(sum(touched.values()) / len(records), 4),
        "by_source": {
            source: f"{touched[source]}/{count}" for source, count in sorted(per_source.items())
        },
        "paragraphs_removed": lines_removed,
        "paragraphs_total": lines_total,
        "removed_by_kind": dict(kinds.most_common()),
        "removed_examples": removed_examples,
        "kept_suspects": kept_suspects,
        "seed": {"title": seed.title, "paragraphs": len(seed.paragraphs), "removed": seed.removed},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-full", action="store_true", help="store-only mode alone")
    parser.add_argument("--examples", type=int, default=5, help="examples of kept/removed lines")
    args = parser.parse_args()
    source = CORPUS / "sample.jsonl"
    if not source.is_file():
        print(json.dumps({"skipped": "../shared/corpus/sample.jsonl is absent"}))
        return 0
    result: dict[str, Any] = {"source": "shared/corpus/sample.jsonl", "modes": {}}
    with tempfile.TemporaryDirectory() as scratch:
        result["modes"]["store_only"] = run_mode(
            Path(scratch) / "store", source, tag=False, index=False
        )
        if not args.skip_full:
            result["modes"]["store_and_tags"] = run_mode(
                Path(scratch) / "tags", source, tag=True, index=False
            )
            result["modes"]["store_and_index"] = run_mode(
                Path(scratch) / "index", source, tag=False, index=True
            )
            full_dir = Path(scratch) / "full"
            result["modes"]["full"] = run_mode(full_dir, source, tag=True, index=True)
            result["modes"]["rerun"] = run_mode(full_dir, source, tag=True, index=True)
            archive_file = full_dir / "archive.sqlite3"
            result["archive_mb"] = round(archive_file.stat().st_size / 2**20, 1)
    started = time.perf_counter()
    result["furniture"] = furniture(args.examples)
    result["furniture"]["seconds"] = round(time.perf_counter() - started, 2)
    result["bench_process_peak_rss_mb"] = round(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
    )
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
