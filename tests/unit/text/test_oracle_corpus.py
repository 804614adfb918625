"""Every line of real articles against libfribidi (order, mirroring) and the fribidi CLI (glyphs).

Articles are read from ../shared/corpus/sample.jsonl at test time (skipped when absent).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.oracles import fribidi
from tests.oracles.layout_check import glyph_mismatches, order_mismatches

pytestmark = [
    pytest.mark.oracle,
    pytest.mark.skipif(not fribidi.available(), reason="libfribidi (libfribidi0) is not installed"),
]

THREE_WIDTHS = (31, 57, 80)
SWEEP_ARTICLES = 30  # a deterministic spread over the corpus, checked at every width 20..120


@pytest.fixture(scope="module")
def articles(shared_dir: Path) -> list[str]:
    texts = []
    with (shared_dir / "corpus" / "sample.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            texts.append(f"{record['title']}\n{record['body']}")
    return texts


@pytest.mark.parametrize("width", THREE_WIDTHS)
def test_every_article_matches_libfribidi(articles: list[str], width: int) -> None:
    problems = []
    for number, text in enumerate(articles):
        problems.extend(f"article {number}: {problem}" for problem in order_mismatches(text, width))
    assert problems == [], f"{len(problems)} lines differ, e.g. {problems[:3]}"


def test_a_spread_of_articles_matches_libfribidi_at_every_width(articles: list[str]) -> None:
    step = max(len(articles) // SWEEP_ARTICLES, 1)
    chosen = articles[::step][:SWEEP_ARTICLES]
    problems = []
    for number, text in enumerate(chosen):
        for width in range(20, 121):
            problems.extend(f"article {number * step}: {p}" for p in order_mismatches(text, width))
    assert problems == [], f"{len(problems)} lines differ, e.g. {problems[:3]}"


@pytest.mark.skipif(
    not fribidi.cli_available(), reason="the fribidi command (libfribidi-bin) is absent"
)
def test_glyphs_match_the_fribidi_command_at_unbounded_width(articles: list[str]) -> None:
    problems = glyph_mismatches(articles)
    assert problems == [], f"{len(problems)} paragraphs differ, e.g. {problems[:3]}"
