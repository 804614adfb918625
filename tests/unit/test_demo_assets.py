"""The demo archive in `assets/demo/`: well-formed JSON Lines, clean text, and the mix of content
(numbers, Latin names, quotes, hashtags, emoji, an LTR paragraph) the reader's display, search
and tagging are shown off with on first run."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

DEMO_DIR = Path(__file__).resolve().parents[2] / "assets" / "demo"
ARTICLES = DEMO_DIR / "articles.jsonl"
FIELDS = {"id", "url", "title", "published", "source", "category", "body"}
URL_PREFIX = "https://example.org/akhbar-demo/"

ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u0671-\u06D3]")
HARAKAT = re.compile(r"[\u064B-\u0652]")
ARABIC_INDIC_DIGIT = re.compile(r"[\u0660-\u0669]")
# Embeddings, overrides, isolates and invisible direction marks: none belong in the demo text.
BIDI_FORMATTING = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
WORD = re.compile(r"\w+")


def load_articles() -> list[dict[str, Any]]:
    """Parse every line of the demo file; a blank or broken line fails the test that loads it."""
    articles = []
    with ARTICLES.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            assert line.strip(), f"line {number} is blank"
            record = json.loads(line)
            assert isinstance(record, dict), f"line {number} is not a JSON object"
            articles.append(record)
    return articles


@pytest.fixture(scope="module")
def articles() -> list[dict[str, Any]]:
    return load_articles()


def paragraphs(article: dict[str, Any]) -> list[str]:
    return str(article["body"]).split("\n")


def all_text(articles: list[dict[str, Any]]) -> Iterator[str]:
    for article in articles:
        yield article["title"]
        yield from paragraphs(article)


def first_strong_direction(paragraph: str) -> str | None:
    """Rules P2-P3 of UAX #9, read straight from the Unicode database (no project code)."""
    for char in paragraph:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return None


def test_file_is_utf8_json_lines_without_bom() -> None:
    raw = ARTICLES.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert raw.endswith(b"\n")
    assert b"\r" not in raw
    raw.decode("utf-8")


def test_count_and_fields(articles: list[dict[str, Any]]) -> None:
    assert 12 <= len(articles) <= 14
    for article in articles:
        assert set(article) == FIELDS, article.get("id")
        for name in FIELDS:
            value = article[name]
            assert isinstance(value, str) and value.strip() == value and value, (
                article["id"],
                name,
            )


def test_ids_and_urls_are_unique_and_invented(articles: list[dict[str, Any]]) -> None:
    ids = [article["id"] for article in articles]
    urls = [article["url"] for article in articles]
    assert len(set(ids)) == len(ids)
    assert len(set(urls)) == len(urls)
    for article in articles:
        assert re.fullmatch(r"demo-\d{3}", article["id"])
        assert article["url"].startswith(URL_PREFIX)
        assert re.fullmatch(r"[a-z0-9/\-]+", article["url"][len(URL_PREFIX) :])


def test_published_is_aware_iso8601_in_2026(articles: list[dict[str, Any]]) -> None:
    dates = []
    for article in articles:
        published = datetime.fromisoformat(article["published"])
        assert published.tzinfo is not None, article["id"]
        assert published.year == 2026
        dates.append(published)
    spread = max(dates) - min(dates)
    assert 7 <= spread.days <= 60, "spread over a few weeks"


def test_sources_and_categories_vary(articles: list[dict[str, Any]]) -> None:
    assert len({article["source"] for article in articles}) >= 3
    assert len({article["category"] for article in articles}) >= 6
    for article in articles:
        assert re.fullmatch(r"[a-z][a-z\-]*", article["source"])
        assert re.fullmatch(r"[a-z][A-Za-z]*", article["category"])


def test_no_control_bidi_or_presentation_characters(articles: list[dict[str, Any]]) -> None:
    for article in articles:
        for name in FIELDS:
            for char in article[name]:
                if name == "body" and char == "\n":
                    continue
                where = f"{article['id']}.{name}: U+{ord(char):04X}"
                assert unicodedata.category(char) not in ("Cc", "Cs", "Co", "Cn"), where
                assert char not in BIDI_FORMATTING, where
                assert char != "\ufeff", where
                # Logical, unshaped text only: Arabic presentation forms A and B.
                assert not ("\ufb50" <= char <= "\ufdff" or "\ufe70" <= char <= "\ufefe"), where
                assert unicodedata.normalize("NFC", char) == char, where


def test_titles(articles: list[dict[str, Any]]) -> None:
    for article in articles:
        assert ARABIC_LETTER.search(article["title"]), article["id"]
        assert 20 <= len(article["title"]) <= 140
    assert any(len(article["title"]) > 90 for article in articles), "a title to truncate"


def test_bodies_have_paragraphs_and_length(articles: list[dict[str, Any]]) -> None:
    for article in articles:
        body_paragraphs = paragraphs(article)
        assert 3 <= len(body_paragraphs) <= 6, article["id"]
        for paragraph in body_paragraphs:
            assert paragraph.strip() == paragraph and paragraph, article["id"]
        words = len(article["body"].split())
        assert 120 <= words <= 300, (article["id"], words)
        arabic = len(ARABIC_LETTER.findall(article["body"]))
        assert arabic > len(article["body"]) / 2, article["id"]


def test_mixed_content_is_present(articles: list[dict[str, Any]]) -> None:
    text = "\n".join(all_text(articles))
    assert ARABIC_INDIC_DIGIT.search(text)
    assert re.search(r"\d+\.\d+%", text)
    assert "\u066a" in text  # Arabic percent sign
    assert re.search(r"(?<![\d,])\d+-\d+(?![\d,])", text)  # a range
    assert re.search(r"\b\d{1,2}:\d{2}\b", text)  # a time
    assert re.search(r"\b\d{1,3}(,\d{3}){2,}\b", text)  # a large number
    assert "(" in text and ")" in text
    assert "«" in text and "»" in text
    assert "\u201c" in text and "\u201d" in text
    assert re.search(r"https://example\.org/\S+", text)
    assert re.search(r"#\w+_\w+", text)
    assert HARAKAT.search(text)
    for latin in ("OpenAI", "FIFA", "UNESCO", "Reuters"):
        assert latin in text


def test_emoji_and_emoji_zwj_sequence(articles: list[dict[str, Any]]) -> None:
    text = "\n".join(all_text(articles))
    emoji = [char for char in text if ord(char) >= 0x1F000 and unicodedata.category(char) == "So"]
    assert emoji
    zwj_between_emoji = re.search("[\U0001f300-\U0001faff]\u200d[\U0001f300-\U0001faff]", text)
    assert zwj_between_emoji
    # The ZWJ appears only inside emoji sequences, never inside Arabic words.
    for match in re.finditer("\u200d", text):
        assert ord(text[match.start() - 1]) >= 0x1F000 and ord(text[match.end()]) >= 0x1F000


def test_paragraph_directions(articles: list[dict[str, Any]]) -> None:
    directions = [first_strong_direction(p) for article in articles for p in paragraphs(article)]
    assert None not in directions
    assert directions.count("ltr") >= 1, "one English-first paragraph"
    assert directions.count("rtl") >= len(directions) - 2
    for article in articles:
        assert first_strong_direction(article["title"]) == "rtl"


def test_people_and_places_to_tag(articles: list[dict[str, Any]]) -> None:
    """Spot-check the forms the tagger is shown off with: proclitics and repeated short names."""
    text = "\n".join(all_text(articles))
    for form in ("والقاهرة", "وبيروت", "لبنان", "عمّان", "الرباط", "دمشق", "بغداد", "الدوحة"):
        assert form in text, form
    assert "سامي الخطيب" in text and re.search(r"(?<!سامي )الخطيب", text)
    assert "مجلس الأمن" in text and "الجيش اللبناني" in text and "المرصد" in text
    for month in ("نيسان", "تموز", "يناير"):
        assert month in text


def shingles(words: list[str], size: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def test_not_copied_from_the_shared_corpus(shared_dir: Path) -> None:
    """No run of eight words of a demo article occurs in the real sample corpus."""
    size = 8
    demo: set[tuple[str, ...]] = set()
    for article in load_articles():
        for paragraph in [article["title"], *paragraphs(article)]:
            demo |= shingles(WORD.findall(paragraph), size)
    overlaps: set[tuple[str, ...]] = set()
    with (shared_dir / "corpus" / "sample.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            text = f"{record.get('title', '')}\n{record.get('body', '')}"
            for paragraph in text.split("\n"):
                overlaps |= demo & shingles(WORD.findall(paragraph), size)
    assert not overlaps, sorted(" ".join(shingle) for shingle in overlaps)[:5]
