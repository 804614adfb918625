"""Benchmark: akhbar's layout of the shared corpus at width 80 vs the naive pipeline.

Naive = `get_display(arabic_reshaper.reshape(paragraph))` per paragraph, which is fast but
wrong (no wrapping, no mirroring, lines reversed). Both run on the same text in the same
process. Prints one JSON object. Usage: python tests/benchmarks/bench_layout.py [--limit N]
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus" / "sample.jsonl"


def _clear_caches(*, shaping: bool) -> None:
    from reader.text import shape
    from reader.text import visual as layout_module

    layout_module._layout.cache_clear()
    layout_module._layout_line.cache_clear()
    layout_module._prepare.cache_clear()
    layout_module._wrap.cache_clear()
    if shaping:
        shape._cached_runs.clear()


def _timed(function: object, texts: list[str]) -> float:
    gc.collect()
    start = time.perf_counter()
    for text in texts:
        function(text)  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    parser.add_argument("--width", type=int, default=80)
    args = parser.parse_args()
    if not CORPUS.is_file():
        print(json.dumps({"skipped": "../shared/corpus/sample.jsonl is absent"}))
        return 0
    sys.path.insert(0, str(REPO))
    import arabic_reshaper
    from bidi import get_display

    from reader.text import layout

    texts = []
    with CORPUS.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            texts.append(f"{record['title']}\n{record['body']}")
    if args.limit:
        texts = texts[: args.limit]
    width = args.width

    def naive(text: str) -> None:
        for paragraph in text.split("\n"):
            if paragraph:
                get_display(arabic_reshaper.reshape(paragraph))

    def ours(text: str) -> None:
        layout(text, width)

    def ours_with_cells(text: str) -> None:
        for visual_line in layout(text, width):
            _ = visual_line.cells

    naive(texts[0])  # import-time and first-call costs out of the way
    naive_seconds = _timed(naive, texts)
    _clear_caches(shaping=True)
    cold = _timed(ours, texts)
    _clear_caches(shaping=False)
    warm_shaping = _timed(ours, texts)
    cached = 0.0
    for text in texts:  # the article view lays the same article out again (scroll, repaint)
        layout(text, width)
        start = time.perf_counter()
        layout(text, width)
        cached += time.perf_counter() - start
    _clear_caches(shaping=False)
    with_cells = _timed(ours_with_cells, texts)
    naive_again = _timed(naive, texts)
    naive_best = min(naive_seconds, naive_again)
    result = {
        "articles": len(texts),
        "characters": sum(len(text) for text in texts),
        "lines_at_width": sum(len(layout(text, width)) for text in texts),
        "width": width,
        "naive_seconds": round(naive_best, 3),
        "naive_runs_seconds": [round(naive_seconds, 3), round(naive_again, 3)],
        "layout_cold_seconds": round(cold, 3),
        "layout_warm_shaping_seconds": round(warm_shaping, 3),
        "layout_with_cell_maps_seconds": round(with_cells, 3),
        "relayout_same_article_seconds": round(cached, 4),
        "ratio_cold_to_naive": round(cold / naive_best, 2),
        "ratio_warm_shaping_to_naive": round(warm_shaping / naive_best, 2),
        "ratio_with_cell_maps_to_naive": round(with_cells / naive_best, 2),
        "goal": "ratio <= 3",
    }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
