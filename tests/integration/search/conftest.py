"""Search test fixtures: articles written for this project, and real ones from ../shared."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reader.models import Article, Tags
from reader.search.index import SearchIndex
from reader.store import Archive
from tests.integration.search.memory_archive import load_corpus

# Short news items invented for these tests (not taken from any outlet).
OWN_ARTICLES = [
    Article(
        id="own-1",
        title="افتتاح مكتبة جديدة في مدينة الإسكندرية",
        paragraphs=(
            "افتتحت المحافظة صباح الأحد مكتبةً جديدة تضم آلاف الكتب للأطفال.",
            "وقال المسؤولون إن المكتبة ستفتح أبوابها للطلاب مجانا.",
        ),
        source="own-news",
        published=datetime(2024, 3, 10, 9, 0, tzinfo=UTC),
        category="culture",
    ),
    Article(
        id="own-2",
        title="أمطار غزيرة تغلق الطرق في الشمال",
        paragraphs=(
            "أغلقت السلطات عدة طرق رئيسية بعد أمطار غزيرة استمرت يومين.",
            "ودعت الأرصاد السكان إلى الحذر حتى نهاية الأسبوع.",
        ),
        source="own-news",
        published=datetime(2024, 3, 12, 18, 30, tzinfo=UTC),
        category="local",
    ),
    Article(
        id="own-3",
        title="المنتخب يفوز بالمباراة النهائية",
        paragraphs=(
            "فاز المنتخب الوطني بالمباراة النهائية بهدفين مقابل هدف.",
            "واحتفل المشجعون في الشوارع حتى ساعة متأخرة.",
        ),
        source="other-news",
        published=datetime(2024, 4, 1, 21, 0, tzinfo=UTC),
        category="sport",
    ),
    Article(
        id="own-4",
        title="وزير الاقتصاد يعلن خطة لدعم الشركات الصغيرة",
        paragraphs=(
            "أعلن وزير الاقتصاد خطة جديدة لدعم الشركات الصغيرة بقروض ميسرة.",
            "وتشمل الخطة تدريب أصحاب المشاريع في مصر والأردن.",
        ),
        source="other-news",
        published=datetime(2024, 4, 5, 8, 15, tzinfo=UTC),
        category="economy",
    ),
]
OWN_TAGS = {
    "own-1": Tags(places=("الإسكندرية",)),
    "own-4": Tags(actors=("وزارة الاقتصاد",), places=("مصر", "الأردن")),
}


def fill(archive: Archive, articles: list[Article]) -> None:
    for article in articles:
        archive.upsert(article, original=None, origin="test")
    for article_id, tags in OWN_TAGS.items():
        if archive.get(article_id) is not None:
            archive.set_machine_tags(article_id, tags)


@pytest.fixture
def own_archive(tmp_path: Path) -> Iterator[Archive]:
    """A real archive holding the four invented articles, with tags."""
    with Archive.open(tmp_path / "archive") as archive:
        fill(archive, OWN_ARTICLES)
        yield archive


@pytest.fixture(scope="module")
def corpus_index(
    shared_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Archive, SearchIndex]]:
    """A real archive of 400 shared-corpus articles plus the invented ones, synced once."""
    folder = tmp_path_factory.mktemp("corpus")
    with Archive.open(folder / "archive") as archive:
        real = [
            stored.article for stored in load_corpus(shared_dir / "corpus" / "sample.jsonl", 400)
        ]
        fill(archive, real + OWN_ARTICLES)
        index = SearchIndex(archive.index_dir)
        index.sync(archive)
        yield archive, index
        index.close()
