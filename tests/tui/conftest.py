"""Fixtures for the app's Pilot tests: small archives written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

# Our own short articles: Arabic titles with numbers, Latin names, places and people.
FIXTURE_ARTICLES = [
    {
        "id": "t-1",
        "url": "https://example.org/t/1",
        "title": "وفد من روسيا يزور القاهرة لبحث صفقة القمح",
        "source": "fixture-a",
        "published": "2026-05-01T09:00:00+00:00",
        "body": "وصل وفد من روسيا إلى القاهرة صباح اليوم.\n"
        "وقال وزير التموين إن الصفقة تشمل 300 ألف طن.",
    },
    {
        "id": "t-2",
        "url": "https://example.org/t/2",
        "title": "مباراة ودية بين الأهلي والزمالك في ملعب القاهرة الدولي",
        "source": "fixture-b",
        "published": "2026-05-02T09:00:00+00:00",
        "body": "انتهت المباراة بالتعادل 2-2.\nوحضر المباراة 40 ألف مشجع.",
    },
    {
        "id": "t-3",
        "url": "javascript:alert(1)",
        "title": "الأمم المتحدة UN تحذر من موجة جفاف في السودان",
        "source": "fixture-a",
        "published": "2026-05-03T09:00:00+00:00",
        "body": "حذرت الأمم المتحدة من جفاف يهدد 5 ملايين شخص في السودان.",
    },
]


def write_articles(path: Path, articles: list[dict[str, str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8"
    )
    return path


@pytest.fixture
def fixture_archive(archive_dir: Path, tmp_path: Path) -> Path:
    """An archive holding the three fixture articles, imported through the Library."""
    from reader.library import Library

    source = write_articles(tmp_path / "in" / "fixture.jsonl", FIXTURE_ARTICLES)
    with Library(archive_dir) as library:
        report = library.import_paths([source])
    assert report.articles == len(FIXTURE_ARTICLES), report.as_dict()
    return archive_dir


def visual_norm(text: str) -> str:
    """Fold a VISUAL string back to letters so it can be compared with logical text reversed.

    Presentation forms -> letters (NFKC); a ligature expands in logical order, so it is
    re-reversed; format characters and spaces at the ends are dropped.
    """
    import unicodedata

    out = []
    for char in text:
        decomposed = unicodedata.normalize("NFKC", char)
        if len(decomposed) > 1 and unicodedata.bidirectional(char) in ("AL", "R"):
            decomposed = decomposed[::-1]
        out.append(decomposed)
    folded = "".join(out)
    return "".join(c for c in folded if unicodedata.category(c) not in ("Cf", "Mn")).strip()
