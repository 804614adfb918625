"""The Library pipeline in process: import -> store -> tags -> index, and the small writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.library import Library
from reader.models import TagKind


def test_import_tags_indexes_and_small_writes_follow(fixtures_dir: Path, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    shutil.copytree(fixtures_dir / "ingest", inputs)
    with Library(tmp_path / "archive") as library:
        seen: list[int] = []
        report = library.import_paths([inputs], progress=lambda p: seen.append(p.done_bytes))
        assert report.added == 11 and len(report.refused) == 4
        assert seen and seen[-1] == sum(f.stat().st_size for f in inputs.iterdir())
        assert library.archive.ids_needing_tags() == []
        assert library.index.doc_count() == 11

        hits = library.index.search("المكتبة", limit=10).hits
        (hit,) = [h for h in hits if "مكتبة" in h.title]
        library.add_tag(hit.id, TagKind.PLACE, "حي الزهور")
        library.remove_tag(hit.id, TagKind.PLACE, "صفاقس")
        library.set_starred(hit.id, True)
        assert library.retag([hit.id]) == 1
        stored = library.archive.get(hit.id)
        assert stored is not None and stored.starred
        assert "حي الزهور" in stored.tags.places and "صفاقس" not in stored.tags.places
        again = [h for h in library.index.search("المكتبة", limit=10).hits if h.id == hit.id]
        assert again and again[0].starred

        assert library.delete(hit.id)
        assert all(h.id != hit.id for h in library.index.search("المكتبة", limit=10).hits)
        assert library.index.doc_count() == 10


def test_a_failing_tagger_or_index_never_loses_the_import(
    fixtures_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.tagging

    def broken(article: object) -> object:
        raise FileNotFoundError("model file missing")

    monkeypatch.setattr(reader.tagging, "tag_article", broken)
    source = fixtures_dir / "ingest" / "saved-page.txt"
    with Library(tmp_path / "archive") as library:
        report = library.import_paths([source])
        assert report.added == 1 and report.tagged == 0
        assert any("tagging failed" in warning for warning in report.warnings)
        assert len(library.archive.ids_needing_tags()) == 1
        monkeypatch.undo()
        again = library.import_paths([source])
        assert again.unchanged == 1 and again.tagged == 1 and again.warnings == []
        assert library.archive.ids_needing_tags() == []
