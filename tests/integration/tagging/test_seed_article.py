"""The seed article (read from ../shared at test time): the tags a careful editor would give."""

from __future__ import annotations

from pathlib import Path

from reader.tagging import Tagger
from reader.tagging.arabic import fold

# Written by hand from reading the article, not from the tagger's output.
EDITOR_ACTORS = {
    "أبو الشيماء",  # spokesman of the central operations room
    "إبراهيم الجباوي",  # another opposition spokesman
    "مايك بومبيو",
    "سيرغي لافروف",
    "الجيش السوري الحر",
    "المرصد السوري لحقوق الإنسان",
    "مجلس الأمن",
    "رويترز",
    "غرفة العمليات المركزية",
    "وزارة الخارجية الأميركية",
    "الأمم المتحدة",
}
EDITOR_PLACES = {
    "درعا",
    "بصرى الشام",
    "طفس",
    "صيدا",
    "الأردن",
    "السويد",
    "الكويت",
    "سوريا",
    "روسيا",
}


def _f1(predicted: set[str], expected: set[str]) -> float:
    predicted_keys = {fold(name) for name in predicted}
    expected_keys = {fold(name) for name in expected}
    hits = len(predicted_keys & expected_keys)
    if not hits:
        return 0.0
    precision, recall = hits / len(predicted_keys), hits / len(expected_keys)
    return 2 * precision * recall / (precision + recall)


def _seed_tags(shared_dir: Path) -> tuple[set[str], set[str]]:
    text = (shared_dir / "corpus" / "seed-article.txt").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip()]
    tags = Tagger().tag("", lines)
    return set(tags.actors), set(tags.places)


def test_seed_article_actors(shared_dir: Path) -> None:
    actors, _ = _seed_tags(shared_dir)
    assert _f1(actors, EDITOR_ACTORS) >= 0.85, sorted(actors)


def test_seed_article_places(shared_dir: Path) -> None:
    _, places = _seed_tags(shared_dir)
    assert _f1(places, EDITOR_PLACES) >= 0.90, sorted(places)


def test_seed_article_has_no_furniture_or_month_tags(shared_dir: Path) -> None:
    actors, places = _seed_tags(shared_dir)
    for unwanted in ("الأخبار", "تموز", "يوليو", "تويتر", "بومبيو", "لافروف", "والكويت"):
        assert unwanted not in actors | places
