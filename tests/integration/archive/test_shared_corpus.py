"""The real inputs in ../shared/corpus: pages against their reference texts, feeds, the sample.

The references are independent of this project: the ANT crawler's own extraction and the text
newspaper's test-suite expects for the CNN page.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from reader.ingest import Ingested, read_paths
from reader.ingest.furniture import normalise_line
from reader.store import Archive
from tests.conftest import run_akhbar

PAGES = [
    ("JA-economy-1-20170302.html", "JA-economy-1-20170302.ant.txt", 0.95, 0.95),
    (
        "JA-economy-1-20170302.derived-windows-1256.html",
        "JA-economy-1-20170302.ant.txt",
        0.95,
        0.95,
    ),
    ("JA-sport-1-20170302.html", "JA-sport-1-20170302.ant.txt", 0.95, 0.95),
    ("cnn-arabic-2013.html", "cnn-arabic-2013.newspaper.txt", 0.95, 0.95),
]


def _reference(path: Path) -> tuple[str, str]:
    text = path.read_text(encoding="utf-8")
    body = re.search(r"<TEXT>(.*?)</TEXT>", text, re.S)
    title = re.search(r"<TITLE>(.*?)</TITLE>", text, re.S)
    return (body.group(1) if body else text), (title.group(1).strip() if title else "")


def _precision_recall(extracted: str, reference: str) -> tuple[float, float]:
    got = Counter(normalise_line(extracted).split())
    want = Counter(normalise_line(reference).split())
    common = sum((got & want).values())
    return common / max(sum(got.values()), 1), common / max(sum(want.values()), 1)


@pytest.mark.parametrize(("page", "reference", "min_precision", "min_recall"), PAGES)
def test_html_extraction_matches_the_reference_text(
    shared_dir: Path, page: str, reference: str, min_precision: float, min_recall: float
) -> None:
    html = shared_dir / "corpus" / "html"
    (item,) = list(read_paths([html / page]))
    assert isinstance(item, Ingested), item
    body, title = _reference(html / reference)
    precision, recall = _precision_recall(item.article.body, body)
    assert precision >= min_precision and recall >= min_recall, (precision, recall)
    if title:
        assert item.article.title == title
    reference_time = re.search(r"<TIME>(\d{4}-\d\d-\d\d)", (html / reference).read_text("utf-8"))
    if reference_time:  # the day the crawler recorded is the day the page prints
        assert item.article.published is not None
        assert item.article.published.date().isoformat() == reference_time.group(1)
    assert item.article.source and item.article.url.startswith("http")


def test_windows_1256_page_is_the_same_article_as_the_utf8_page(shared_dir: Path) -> None:
    html = shared_dir / "corpus" / "html"
    utf8, legacy = (
        next(iter(read_paths([html / name])))
        for name in (
            "JA-economy-1-20170302.html",
            "JA-economy-1-20170302.derived-windows-1256.html",
        )
    )
    assert isinstance(utf8, Ingested) and isinstance(legacy, Ingested)
    assert legacy.article == utf8.article


def test_feeds_each_entry_an_article(shared_dir: Path) -> None:
    feeds = shared_dir / "corpus" / "feeds"
    items = list(read_paths([feeds]))
    assert all(isinstance(item, Ingested) for item in items), items
    articles = [item.article for item in items if isinstance(item, Ingested)]
    assert len(articles) == 45
    assert all(a.title and a.paragraphs and a.published and a.url for a in articles)
    legacy = [i for i in items if isinstance(i, Ingested) and "1256" in i.origin]
    assert legacy and all(i.article.language == "ar" for i in legacy)
    assert {a.source for a in articles} == {"CNN بالعربية", "العربية", "فرانس 24"}


def test_seed_article_title_and_furniture(shared_dir: Path) -> None:
    (item,) = list(read_paths([shared_dir / "corpus" / "seed-article.txt"]))
    assert isinstance(item, Ingested)
    lines = [
        line.strip()
        for line in (shared_dir / "corpus" / "seed-article.txt").read_text("utf-8").splitlines()
        if line.strip()
    ]
    # Independent of the rules: the title is the line that appears twice near the top, and the
    # body is everything between its second copy and the two furniture lines at the end.
    title = next(line for line in lines[:5] if lines.count(line) == 2)
    assert item.article.title == title
    start = len(lines) - 1 - lines[::-1].index(title) + 1
    assert list(item.article.paragraphs) == lines[start:-2]


@pytest.mark.slow
def test_sample_import_then_rerun_changes_nothing(shared_dir: Path, archive_dir: Path) -> None:
    sample = shared_dir / "corpus" / "sample.jsonl"
    first = run_akhbar(
        ["import", "--json", "--no-index", "--no-tags", str(sample)], archive=archive_dir
    )
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["added"] == 2000
    # The feeds are RSS items of the same articles: they add nothing new and change no text.
    feeds = run_akhbar(
        ["import", "--json", "--no-index", "--no-tags", str(shared_dir / "corpus" / "feeds")],
        archive=archive_dir,
    )
    assert json.loads(feeds.stdout)["added"] == 0
    again = run_akhbar(
        ["import", "--json", "--no-index", "--no-tags", str(sample)], archive=archive_dir
    )
    summary = json.loads(again.stdout)
    assert (summary["added"], summary["updated"], summary["unchanged"]) == (0, 0, 2000)
    with Archive.open(archive_dir, create=False) as archive:
        assert archive.count() == 2000
        given = {json.loads(line)["id"] for line in sample.read_text("utf-8").splitlines()}
        assert set(archive.ids()) == given


def test_html_folder_with_its_reference_records_reimports_unchanged(
    shared_dir: Path, archive_dir: Path
) -> None:
    """Pages, their windows-1256 copy, their ANT records and a newspaper text: each article
    reached through several inputs is stored once, and a rerun changes nothing."""
    html = shared_dir / "corpus" / "html"
    first = run_akhbar(["import", "--json", "--no-index", str(html)], archive=archive_dir)
    assert first.returncode == 0, first.stderr
    summary = json.loads(first.stdout)
    # Two Jawhara articles and the CNN page; the newspaper text is the CNN page's body.
    assert (summary["added"], summary["unchanged"]) == (3, 4)
    again = json.loads(
        run_akhbar(["import", "--json", "--no-index", str(html)], archive=archive_dir).stdout
    )
    assert (again["added"], again["updated"]) == (0, 0)
