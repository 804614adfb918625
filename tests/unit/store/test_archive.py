"""The archive: dedupe, user state, effective tags, the change feed, listing."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from reader.errors import ArchiveError, NotFoundError
from reader.models import Article, TagKind, Tags
from reader.store import Archive
from reader.store.schema import SCHEMA_VERSION, migrate, schema_version

BODY = (
    "أعلنت وزارة الزراعة اليوم عن خطة جديدة لدعم صغار المزارعين في المناطق الجبلية.",
    "وقال المتحدث باسم الوزارة إن الخطة تشمل قروضاً ميسرة وبذوراً محسنة.",
)


def make(article_id: str = "a1", **changes: object) -> Article:
    fields: dict[str, object] = {
        "id": article_id,
        "title": "خطة لدعم المزارعين",
        "paragraphs": BODY,
        "url": f"https://example.org/news/{article_id}",
        "source": "example",
        "published": datetime(2024, 3, 1, 12, 0, tzinfo=UTC),
    }
    fields.update(changes)
    return Article(**fields)  # type: ignore[arg-type]


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    with Archive.open(tmp_path / "archive") as opened:
        yield opened  # type: ignore[misc]


def test_open_creates_wal_archive_at_current_version(tmp_path: Path) -> None:
    with Archive.open(tmp_path / "a") as archive:
        assert archive.index_dir == tmp_path / "a" / "whoosh"
        assert (tmp_path / "a" / "archive.sqlite3").is_file()
    connection = sqlite3.connect(tmp_path / "a" / "archive.sqlite3")
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert schema_version(connection) == SCHEMA_VERSION


def test_open_without_create_refuses_missing_archive(tmp_path: Path) -> None:
    with pytest.raises(ArchiveError, match="no archive"):
        Archive.open(tmp_path / "none", create=False)


def test_garbage_file_is_a_one_line_archive_error(tmp_path: Path) -> None:
    (tmp_path / "archive.sqlite3").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(ArchiveError) as caught:
        Archive.open(tmp_path)
    assert "\n" not in str(caught.value)


def test_migrations_apply_in_order_once_and_refuse_newer(tmp_path: Path) -> None:
    connection = sqlite3.connect(tmp_path / "m.sqlite3", isolation_level=None)
    steps = [["CREATE TABLE one (x)"], ["ALTER TABLE one ADD COLUMN y", "CREATE TABLE two (z)"]]
    assert migrate(connection, steps[:1]) == 1
    assert schema_version(connection) == 1
    assert migrate(connection, steps) == 1
    assert migrate(connection, steps) == 0
    assert schema_version(connection) == 2
    with pytest.raises(ArchiveError, match="newer"):
        migrate(connection, steps[:1])


def test_failed_migration_leaves_previous_version(tmp_path: Path) -> None:
    connection = sqlite3.connect(tmp_path / "m.sqlite3", isolation_level=None)
    with pytest.raises(sqlite3.OperationalError):
        migrate(connection, [["CREATE TABLE one (x)", "THIS IS NOT SQL"]])
    assert schema_version(connection) == 0
    assert connection.execute("SELECT name FROM sqlite_master").fetchall() == []


def test_upsert_added_then_unchanged_then_updated(archive: Archive) -> None:
    assert archive.upsert(make(), original=b"raw", origin="f.txt") == "added"
    assert archive.upsert(make(), original=b"raw", origin="f.txt") == "unchanged"
    changed = make(title="خطة موسعة لدعم المزارعين")
    assert archive.upsert(changed, original=None, origin="f.txt") == "updated"
    assert archive.count() == 1
    stored = archive.get("a1")
    assert stored is not None
    assert stored.article.title == "خطة موسعة لدعم المزارعين"
    assert archive.original("a1") == b"raw"


def test_same_url_different_id_is_one_article(archive: Archive) -> None:
    archive.upsert(make("a1"), original=None, origin="x")
    other = make("zz", url="HTTP://WWW.Example.org/news/a1/#comments")
    assert archive.upsert(other, original=None, origin="y") == "unchanged"
    assert archive.count() == 1 and archive.get("zz") is None


def test_same_body_modulo_punctuation_and_diacritics_is_one_article(archive: Archive) -> None:
    archive.upsert(make("a1", url="", category=""), original=b"first", origin="x")
    vocalised = tuple(p.replace("وزارة", "وِزارةُ").replace(".", " !") for p in BODY)
    again = make("b2", url="", paragraphs=vocalised, category="economy")
    # Another input's copy fills gaps (the category) but the first copy's text stays...
    assert archive.upsert(again, original=b"second", origin="y") == "updated"
    assert archive.upsert(again, original=b"second", origin="y") == "unchanged"
    assert archive.count() == 1
    stored = archive.get("a1")
    assert stored is not None and stored.article.paragraphs == BODY
    assert stored.article.category == "economy" and archive.original("a1") == b"first"
    # ...while a new version under the article's own id replaces it.
    assert archive.upsert(replace(again, id="a1"), original=None, origin="x") == "updated"
    stored = archive.get("a1")
    assert stored is not None and stored.article.paragraphs == vocalised


def test_short_bodies_are_not_merged(archive: Archive) -> None:
    archive.upsert(make("a1", url="", paragraphs=("قصير",)), original=None, origin="x")
    archive.upsert(make("a2", url="", paragraphs=("قصير",)), original=None, origin="x")
    assert archive.count() == 2


def test_update_keeps_fields_the_new_version_lacks_and_user_state(archive: Archive) -> None:
    archive.upsert(make(), original=None, origin="x")
    archive.set_read("a1", True)
    archive.set_starred("a1", True)
    archive.upsert(make(source="", title="عنوان آخر"), original=None, origin="y")
    stored = archive.get("a1")
    assert stored is not None
    assert stored.article.source == "example" and stored.read and stored.starred


def test_unknown_ids_raise_not_found(archive: Archive) -> None:
    for call in (
        lambda: archive.set_read("nope", True),
        lambda: archive.set_starred("nope", True),
        lambda: archive.set_machine_tags("nope", Tags()),
        lambda: archive.add_user_tag("nope", TagKind.ACTOR, "x"),
        lambda: archive.remove_user_tag("nope", TagKind.PLACE, "x"),
    ):
        with pytest.raises(NotFoundError):
            call()
    assert archive.delete("nope") is False


def test_user_edits_survive_retagging(archive: Archive) -> None:
    archive.upsert(make(), original=None, origin="x")
    archive.set_machine_tags("a1", Tags(actors=("وزارة الزراعة",), places=("لبنان", "سوريا")))
    archive.remove_user_tag("a1", TagKind.PLACE, "سوريا")
    archive.add_user_tag("a1", TagKind.ACTOR, "المزارعون")
    archive.set_machine_tags("a1", Tags(actors=("وزارة الزراعة",), places=("سوريا", "الأردن")))
    stored = archive.get("a1")
    assert stored is not None
    assert set(stored.tags.actors) == {"وزارة الزراعة", "المزارعون"}
    assert set(stored.tags.places) == {"الأردن"}
    archive.add_user_tag("a1", TagKind.PLACE, "سوريا")
    assert "سوريا" in archive.get_tags("a1").places


def test_tag_counts_are_effective_and_most_first(archive: Archive) -> None:
    for n in range(3):
        archive.upsert(
            make(f"a{n}", url="", paragraphs=(f"{BODY[0]} {n}",)), original=None, origin="x"
        )
        archive.set_machine_tags(f"a{n}", Tags(places=("مصر",) if n else ("مصر", "تونس")))
    archive.remove_user_tag("a1", TagKind.PLACE, "مصر")
    archive.add_user_tag("a2", TagKind.PLACE, "تونس")
    assert archive.tag_counts(TagKind.PLACE) == [("مصر", 2), ("تونس", 2)] or archive.tag_counts(
        TagKind.PLACE
    ) == [("تونس", 2), ("مصر", 2)]
    assert archive.tag_counts(TagKind.ACTOR) == []


def test_every_change_bumps_seq_and_feed_reports_it(archive: Archive) -> None:
    start = archive.current_seq()
    archive.upsert(make(), original=None, origin="x")
    seqs = [archive.current_seq()]
    for change in (
        lambda: archive.set_read("a1", True),
        lambda: archive.set_starred("a1", True),
        lambda: archive.set_machine_tags("a1", Tags(actors=("س",))),
        lambda: archive.add_user_tag("a1", TagKind.PLACE, "ع"),
        lambda: archive.upsert(make(title="جديد"), original=None, origin="x"),
    ):
        change()
        stored = archive.get("a1")
        assert stored is not None and stored.seq > seqs[-1]
        seqs.append(stored.seq)
    # No-ops do not bump.
    archive.set_read("a1", True)
    archive.upsert(make(title="جديد"), original=None, origin="x")
    assert archive.current_seq() == seqs[-1]
    changed, deleted, last = archive.changes_since(start)
    assert [s.article.id for s in changed] == ["a1"] and deleted == [] and last == seqs[-1]
    assert archive.changes_since(last) == ([], [], last)
    assert archive.delete("a1")
    changed, deleted, last2 = archive.changes_since(last)
    assert changed == [] and deleted == ["a1"] and last2 > last


def test_changes_since_pages_through_in_seq_order(archive: Archive) -> None:
    for n in range(7):
        archive.upsert(
            make(f"a{n}", url="", paragraphs=(f"{BODY[0]} {n}",)), original=None, origin="x"
        )
    archive.delete("a2")
    archive.set_read("a0", True)
    seen: list[str] = []
    deleted: list[str] = []
    seq = 0
    while True:
        changed, gone, last = archive.changes_since(seq, limit=3)
        if not changed and not gone:
            break
        assert len(changed) + len(gone) <= 3 and last > seq
        seen += [s.article.id for s in changed]
        deleted += gone
        seq = last
    assert seen == ["a1", "a3", "a4", "a5", "a6", "a0"] and deleted == ["a2"]


def test_readding_a_deleted_article_clears_its_tombstone(archive: Archive) -> None:
    archive.upsert(make(), original=b"x", origin="x")
    archive.delete("a1")
    archive.upsert(make(), original=b"x", origin="x")
    changed, deleted, _ = archive.changes_since(0)
    assert [s.article.id for s in changed] == ["a1"] and deleted == []


def test_list_summaries_order_filters_and_paging(archive: Archive) -> None:
    base = datetime(2024, 1, 1, tzinfo=UTC)
    for n in range(5):
        archive.upsert(
            make(f"a{n}", url="", paragraphs=(f"{BODY[0]} {n}",), published=base + timedelta(n)),
            original=None,
            origin="x",
        )
    archive.set_read("a4", True)
    archive.set_starred("a1", True)
    assert [s.id for s in archive.list_summaries()] == ["a4", "a3", "a2", "a1", "a0"]
    assert [s.id for s in archive.list_summaries(order="oldest", offset=1, limit=2)] == [
        "a1",
        "a2",
    ]
    assert [s.id for s in archive.list_summaries(unread_only=True, limit=2)] == ["a3", "a2"]
    assert [s.id for s in archive.list_summaries(starred_only=True)] == ["a1"]
    assert archive.unread_count() == 4
    assert [s.id for s in archive.summaries(["a3", "missing", "a0"])] == ["a3", "a0"]


def test_stats_and_iteration(archive: Archive) -> None:
    archive.upsert(make("a1"), original=b"<html>" * 100, origin="x")
    archive.upsert(
        make("a2", url="", source="", paragraphs=(BODY[1] * 2,)), original=None, origin="y"
    )
    stats = archive.stats()
    assert stats["articles"] == 2 and stats["sources"] == {"example": 1, "unknown": 1}
    assert stats["originals_bytes"] == 600 and stats["originals_stored_bytes"] < 600
    assert sorted(s.article.id for s in archive.iter_articles()) == ["a1", "a2"]
    assert set(archive.ids_needing_tags()) == {"a1", "a2"}
    archive.set_machine_tags("a1", Tags())
    assert archive.ids_needing_tags() == ["a2"]


def test_delete_removes_unshared_original(archive: Archive) -> None:
    archive.upsert(make("a1"), original=b"shared", origin="x")
    archive.upsert(make("a2", url="", paragraphs=(BODY[1] * 2,)), original=b"shared", origin="x")
    archive.delete("a1")
    assert archive.original("a2") == b"shared"
    archive.delete("a2")
    assert archive.stats()["originals_bytes"] == 0


def test_partial_article_fills_gaps_but_never_replaces_text(archive: Archive) -> None:
    archive.upsert(make(category=""), original=None, origin="corpus.jsonl:1")
    summary = make(
        "feed-x",
        url="https://example.org/news/a1",
        title="عنوان الخلاصة",
        paragraphs=("ملخص قصير",),
        category="economy",
    )
    assert archive.upsert(summary, original=None, origin="f.xml", partial=True) == "updated"
    stored = archive.get("a1")
    assert stored is not None
    assert stored.article.paragraphs == BODY and stored.article.title == "خطة لدعم المزارعين"
    assert stored.article.category == "economy"
    assert archive.upsert(summary, original=None, origin="f.xml", partial=True) == "unchanged"


@pytest.mark.parametrize(
    ("where", "order"),
    [
        ("", "sort_time DESC, id DESC"),
        ("", "sort_time ASC, id ASC"),
        ("WHERE read = 0", "sort_time DESC, id DESC"),
    ],
)
def test_list_pages_walk_an_index_instead_of_sorting(
    archive: Archive, where: str, order: str
) -> None:
    """At 100k articles a page must not sort the table: SQLite's plan shows no temp B-tree."""
    plan = archive._db.execute(
        f"EXPLAIN QUERY PLAN SELECT id, title, source, published, read, starred FROM articles "
        f"{where} ORDER BY {order} LIMIT 100"
    ).fetchall()
    details = " ".join(str(row[-1]) for row in plan)
    assert "INDEX articles_" in details and "TEMP B-TREE" not in details, details


def test_a_page_of_a_large_archive_is_quick(tmp_path: Path) -> None:
    import time

    with Archive.open(tmp_path / "big") as archive, archive.transaction():
        for n in range(5000):
            archive.upsert(
                make(
                    f"n{n:05d}",
                    url="",
                    paragraphs=(f"{BODY[0]} {n}",),
                    published=datetime(2020, 1, 1, tzinfo=UTC) + timedelta(hours=n),
                ),
                original=None,
                origin="x",
            )
    with Archive.open(tmp_path / "big") as archive:
        started = time.perf_counter()
        page = archive.list_summaries(offset=0, limit=100, unread_only=True)
        elapsed = time.perf_counter() - started
    assert page[0].id == "n04999" and len(page) == 100
    assert elapsed < 0.5
