"""The index follows the archive: sync, updates, deletes, reindex equality and self-repair."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from reader.models import Tags
from reader.search import index as index_module
from reader.search.index import META_FILE, SearchFilters, SearchIndex
from reader.store import Archive
from tests.integration.search.conftest import OWN_ARTICLES, fill
from tests.integration.search.memory_archive import load_corpus


def _ids(index: SearchIndex, query: str, **kwargs: Any) -> list[str]:
    return [hit.id for hit in index.search(query, limit=1000, **kwargs).hits]


def test_sync_is_incremental_and_checkpointed(own_archive: Archive) -> None:
    index = SearchIndex(own_archive.index_dir)
    assert index.sync(own_archive) == len(OWN_ARTICLES)  # each article once, tags included
    assert index.checkpoint() == own_archive.current_seq()
    assert index.sync(own_archive) == 0
    index.close()
    again = SearchIndex(own_archive.index_dir)  # the checkpoint lives with the index
    assert again.notice is None
    assert again.sync(own_archive) == 0
    assert again.doc_count() == len(OWN_ARTICLES)


def test_updates_and_deletes_reach_the_index(own_archive: Archive) -> None:
    index = SearchIndex(own_archive.index_dir)
    index.sync(own_archive)
    assert _ids(index, "أمطار") == ["own-2"]
    stored = own_archive.get("own-2")
    assert stored is not None
    changed = replace(stored.article, title="رياح قوية تضرب الساحل", paragraphs=("رياح قوية.",))
    own_archive.upsert(changed, original=None, origin="test")
    own_archive.delete("own-3")
    own_archive.set_machine_tags("own-1", Tags(actors=("سلمى",)))
    index.sync(own_archive)
    assert _ids(index, "أمطار") == []
    assert _ids(index, "رياح") == ["own-2"]
    assert _ids(index, "المنتخب") == []
    assert _ids(index, "", filters=SearchFilters(actors=("سلمى",))) == ["own-1"]
    assert _ids(index, "", filters=SearchFilters(places=("الإسكندرية",))) == []
    assert index.doc_count() == len(OWN_ARTICLES) - 1


def _snapshot(index: SearchIndex) -> dict[str, Any]:
    """Every live document's stored fields and every (field, term) it is indexed under."""
    searcher = index._current_searcher()
    reader = searcher.reader()
    ids = {docnum: fields["id"] for docnum, fields in reader.iter_docs()}
    postings: dict[str, set[tuple[str, str]]] = {article_id: set() for article_id in ids.values()}
    for fieldname, term in reader.all_terms():
        for docnum in reader.postings(fieldname, term).all_ids():
            if docnum in ids:
                text = term.decode("utf-8", "replace") if isinstance(term, bytes) else str(term)
                postings[ids[docnum]].add((fieldname, text))
    stored = {fields["id"]: fields for _, fields in reader.iter_docs()}
    return {"stored": stored, "postings": postings}


def test_rebuild_equals_incremental_sync(shared_dir: Path, tmp_path: Path) -> None:
    articles = [s.article for s in load_corpus(shared_dir / "corpus" / "sample.jsonl", 120)]
    with Archive.open(tmp_path / "archive") as archive:
        incremental = SearchIndex(tmp_path / "incremental")
        batch = index_module.BATCH
        index_module.BATCH = 25  # several commits, like many small imports
        try:
            fill(archive, articles[:60] + OWN_ARTICLES)
            incremental.sync(archive)
            fill(archive, articles[60:])
            archive.delete(articles[5].id)
            archive.set_read(articles[7].id, True)
            archive.set_starred(articles[70].id, True)
            archive.set_machine_tags(articles[8].id, Tags(actors=("فلان",), places=("بيروت",)))
            edited = replace(articles[9], title="عنوان معدل للاختبار")
            archive.upsert(edited, original=None, origin="test")
            incremental.sync(archive)
        finally:
            index_module.BATCH = batch
        rebuilt = SearchIndex(tmp_path / "rebuilt")
        assert rebuilt.rebuild(archive) == archive.count()
        left, right = _snapshot(incremental), _snapshot(rebuilt)
        assert left["stored"] == right["stored"]
        assert left["postings"] == right["postings"]
        for query in ("رئيس الوزراء", "عنوان معدل", '"الأمم المتحدة"', "بيروت OR النفط"):
            assert sorted(_ids(incremental, query)) == sorted(_ids(rebuilt, query)), query
        assert incremental.checkpoint() == rebuilt.checkpoint() == archive.current_seq()


def test_other_analyzer_version_starts_afresh(own_archive: Archive) -> None:
    index = SearchIndex(own_archive.index_dir)
    index.sync(own_archive)
    index.close()
    meta_path = own_archive.index_dir / META_FILE
    meta = json.loads(meta_path.read_text())
    meta["analyzer"] = "ar-light-0"
    meta_path.write_text(json.dumps(meta))
    reopened = SearchIndex(own_archive.index_dir)
    assert reopened.doc_count() == 0
    assert reopened.notice is not None and "rebuilt" in reopened.notice
    assert reopened.sync(own_archive) > 0
    assert _ids(reopened, "المكتبة") == ["own-1"]


def test_damaged_index_is_rebuilt_without_user_action(own_archive: Archive) -> None:
    index = SearchIndex(own_archive.index_dir)
    index.sync(own_archive)
    index.close()
    for toc in own_archive.index_dir.glob("_MAIN_*.toc"):
        toc.write_bytes(b"\x00garbage")
    reopened = SearchIndex(own_archive.index_dir)
    assert reopened.doc_count() == 0  # opening found the damage and started afresh
    assert reopened.notice is not None and "damaged" in reopened.notice
    reopened.sync(own_archive)
    assert _ids(reopened, "المنتخب") == ["own-3"]


def test_missing_checkpoint_means_refill(own_archive: Archive) -> None:
    index = SearchIndex(own_archive.index_dir)
    index.sync(own_archive)
    index.close()
    (own_archive.index_dir / META_FILE).unlink()
    reopened = SearchIndex(own_archive.index_dir)
    assert reopened.doc_count() == 0
    reopened.sync(own_archive)
    assert reopened.doc_count() == len(OWN_ARTICLES)


def test_stale_lock_file_does_not_block(own_archive: Archive) -> None:
    index = SearchIndex(own_archive.index_dir)
    index.sync(own_archive)
    (own_archive.index_dir / "MAIN_WRITELOCK").write_text("left by a crash")
    own_archive.set_read("own-1", True)
    assert index.sync(own_archive) == 1


def test_busy_writer_is_skipped_by_a_waiting_search(own_archive: Archive) -> None:
    index = SearchIndex(own_archive.index_dir)
    index.sync(own_archive)
    other = SearchIndex(own_archive.index_dir)
    writer = other._writer()
    try:
        own_archive.set_starred("own-4", True)
        assert index.sync(own_archive, wait=0.2) == 0  # gave up, nothing applied
    finally:
        writer.cancel()
    assert index.sync(own_archive) == 1


@pytest.mark.parametrize("folder_name", ["new", "nested/new"])
def test_index_is_created_on_first_use(tmp_path: Path, folder_name: str) -> None:
    index = SearchIndex(tmp_path / folder_name)
    assert index.search("أي شيء").total == 0
    assert (tmp_path / folder_name / META_FILE).is_file()


def test_block_reading_of_postings_matches_whoosh(own_archive: Archive) -> None:
    index = SearchIndex(own_archive.index_dir)
    index.sync(own_archive)
    own_archive.delete("own-2")  # a deletion in an older segment
    own_archive.set_read("own-1", True)  # an update: old copy deleted, new one in a new segment
    index.sync(own_archive)
    reader = index._current_searcher().reader()
    checked = 0
    for fieldname in ("title", "body", "source", "places"):
        for term in reader.lexicon(fieldname):
            expected: dict[int, float] = {}
            matcher = reader.postings(fieldname, term)  # Whoosh's own reading, one at a time
            while matcher.is_active():
                expected[matcher.id()] = matcher.weight()
                matcher.next()
            posting = index_module._Posting(index_module._read_postings(reader, fieldname, term))
            assert posting.weights == expected
            checked += 1
    assert checked > 20
