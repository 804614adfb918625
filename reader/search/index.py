"""The Whoosh index beside the archive: its lifecycle, sync from the change feed, searchers.

The index is derived data. Its checkpoint (the archive seq it has caught up to) and the analyzer
version live in `akhbar-search.json`, written only after a commit, so a crash can repeat changes
but never skip them. A damaged index, a missing checkpoint or another analyzer version makes the
index start empty; the next `sync` then refills it from the archive. The schema, queries and
result sets live in `schema`, `query` and `facets`; their names stay importable from here.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Protocol

from whoosh import index as whoosh_index

from reader.errors import IndexError_
from reader.models import StoredArticle
from reader.search.analysis import ANALYZER_VERSION
from reader.search.facets import (
    FACET_BY_DOC,
    FACETS,
    FILTER_CACHE,
    POSTING_CACHE,
    _bitmask,
    _DocSet,
    _Facet,
    _Posting,
    _PostingCache,
    _read_postings,
)
from reader.search.query import (
    ESTIMATE_LIMIT,
    EXACT_DEPTH,
    RERANK_DEPTH,
    SMALL_SET,
    TITLE_BOOST,
    VARIANT_WEIGHT,
    _filter_query,
    _Parser,
    _Search,
    _top_level_groups,
    expand,
)
from reader.search.schema import (
    _NO_DATE,
    SCHEMA_VERSION,
    SearchFilters,
    SearchResults,
    Sort,
    document,
    make_schema,
)

__all__ = [
    "BATCH",
    "ESTIMATE_LIMIT",
    "EXACT_DEPTH",
    "FACETS",
    "FACET_BY_DOC",
    "FILTER_CACHE",
    "META_FILE",
    "POSTING_CACHE",
    "RERANK_DEPTH",
    "SCHEMA_VERSION",
    "SMALL_SET",
    "TITLE_BOOST",
    "VARIANT_WEIGHT",
    "WRITER_TIMEOUT",
    "ChangeFeed",
    "SearchFilters",
    "SearchIndex",
    "SearchResults",
    "Sort",
    "_DocSet",
    "_Facet",
    "_Parser",
    "_Posting",
    "_PostingCache",
    "_Search",
    "_bitmask",
    "_filter_query",
    "_read_postings",
    "_top_level_groups",
    "document",
    "expand",
    "make_schema",
]


META_FILE = "akhbar-search.json"


BATCH = 500
WRITER_TIMEOUT = 30.0


class ChangeFeed(Protocol):
    """The part of `reader.store.Archive` the index reads."""

    def changes_since(
        self, seq: int, limit: int
    ) -> tuple[list[StoredArticle], list[str], int]: ...  # pragma: no cover

    def current_seq(self) -> int: ...  # pragma: no cover

    def iter_articles(self) -> Iterator[StoredArticle]: ...  # pragma: no cover

    def get(self, id: str) -> StoredArticle | None: ...  # pragma: no cover


class SearchIndex:
    """The search index in `directory` (`Archive.index_dir`), created on first use."""

    def __init__(self, directory: Path, archive: ChangeFeed | None = None) -> None:
        self.directory = Path(directory)
        self.archive = archive
        self.notice: str | None = None  # set on opening: why the index was started afresh
        self._ix: Any = None
        self._searcher: Any = None
        self._lock = threading.Lock()
        self._facet_table: tuple[Any, dict[str, _Facet]] | None = None
        self._date_table: tuple[Any, tuple[list[int], list[int]]] | None = None
        self._postings: tuple[Any, _PostingCache] | None = None

    # -- lifecycle -------------------------------------------------------------------------

    @property
    def meta_path(self) -> Path:
        return self.directory / META_FILE

    def _read_meta(self) -> dict[str, Any] | None:
        try:
            meta = json.loads(self.meta_path.read_text("utf-8"))
        except (OSError, ValueError):
            return None
        return meta if isinstance(meta, dict) else None

    def _write_meta(self, checkpoint: int) -> None:
        meta = {
            "analyzer": ANALYZER_VERSION,
            "schema": SCHEMA_VERSION,
            "checkpoint": checkpoint,
        }
        temp = self.meta_path.with_suffix(".tmp")
        temp.write_text(json.dumps(meta), "utf-8")
        os.replace(temp, self.meta_path)

    def checkpoint(self) -> int:
        """The archive seq the index has caught up to (0 for an empty or fresh index)."""
        self._index()
        meta = self._read_meta() or {}
        value = meta.get("checkpoint", 0)
        return value if isinstance(value, int) else 0

    def _index(self) -> Any:
        if self._ix is None:
            self._ix = self._open_or_create()
        return self._ix

    def _open_or_create(self) -> Any:
        meta = self._read_meta()
        exists = self.directory.is_dir() and any(self.directory.glob("_MAIN_*.toc"))
        if exists and meta is not None:
            current = (
                meta.get("analyzer") == ANALYZER_VERSION and meta.get("schema") == SCHEMA_VERSION
            )
            if current:
                try:
                    ix = whoosh_index.open_dir(str(self.directory))
                    ix.doc_count()
                    return ix
                except Exception:
                    self.notice = "the search index was damaged; it is rebuilt from the archive"
            else:
                self.notice = (
                    "the search index was made by another akhbar version; "
                    "it is rebuilt from the archive"
                )
        elif exists:
            self.notice = "the search index has no checkpoint; it is rebuilt from the archive"
        return self._create()

    def _create(self) -> Any:
        # The checkpoint goes first: an index without one is never trusted.
        with contextlib.suppress(FileNotFoundError):
            self.meta_path.unlink()
        if self.directory.is_dir():
            for child in self.directory.iterdir():
                if child.is_dir():
                    shutil.rmtree(child, ignore_errors=True)
                else:
                    with contextlib.suppress(FileNotFoundError):
                        child.unlink()
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            ix = whoosh_index.create_in(str(self.directory), make_schema())
        except OSError as exc:
            raise IndexError_(f"{self.directory}: cannot create the search index ({exc})") from None
        self._write_meta(0)
        return ix

    def _writer(self, timeout: float = WRITER_TIMEOUT, **options: Any) -> Any:
        from whoosh.index import LockError

        try:
            return self._index().writer(timeout=timeout, **options)
        except LockError:
            raise IndexError_(
                f"{self.directory}: the search index is busy (another akhbar is writing it)"
            ) from None

    def _drop_searcher(self, *, close: bool = False) -> None:
        # A superseded searcher may still be in use by a search on another thread (the UI):
        # it is left to the garbage collector unless the whole index is closing.
        if close and self._searcher is not None:
            self._searcher.close()
        self._searcher = None
        self._facet_table = None
        self._date_table = None
        self._postings = None

    def close(self) -> None:
        self._drop_searcher(close=True)
        if self._ix is not None:
            self._ix.close()
            self._ix = None

    def doc_count(self) -> int:
        return int(self._index().doc_count())

    # -- writing ---------------------------------------------------------------------------

    def sync(self, archive: ChangeFeed, *, wait: float | None = None) -> int:
        """Apply the archive's changes since the checkpoint; returns how many were applied.

        With `wait`, give up quietly (returning what was applied) when another process holds
        the writer for longer than `wait` seconds: a search then runs on the index as it is.
        """
        self.archive = archive
        applied = 0
        while True:
            if wait is None:
                writer = self._writer()
            else:
                try:
                    writer = self._writer(timeout=wait)
                except IndexError_:
                    return applied
            try:
                since = self.checkpoint()  # read under the lock: another process may have synced
                changed, deleted, last = archive.changes_since(since, BATCH)
                if not changed and not deleted:
                    writer.cancel()
                    if last > since:
                        self._write_meta(last)
                    return applied
                for stored in changed:
                    writer.update_document(**document(stored))
                for article_id in deleted:
                    writer.delete_by_term("id", article_id)
                writer.commit()
            except BaseException:
                with contextlib.suppress(Exception):
                    writer.cancel()
                raise
            self._write_meta(max(last, since))
            applied += len(changed) + len(deleted)
            if last <= since:
                return applied

    def rebuild(self, archive: ChangeFeed) -> int:
        """Start the index afresh from every archive article; returns how many were indexed."""
        self.archive = archive
        self.close()
        self._ix = self._create()
        seq = archive.current_seq()
        count = self.add_all(archive.iter_articles())
        self._write_meta(seq)
        self.sync(archive)  # whatever changed while rebuilding
        return count

    def add_all(self, articles: Iterable[StoredArticle], *, procs: int = 1) -> int:
        """Add articles to the index in one commit (rebuilds and benchmarks; no checkpoint)."""
        options: dict[str, Any] = {}
        if procs > 1:
            options = {"procs": procs, "multisegment": True}
        writer = self._writer(**options)
        count = 0
        try:
            for stored in articles:
                writer.add_document(**document(stored))
                count += 1
            writer.commit()
        except BaseException:
            with contextlib.suppress(Exception):
                writer.cancel()
            raise
        return count

    # -- reading ---------------------------------------------------------------------------

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        filters: SearchFilters | None = None,
        sort: Sort = "relevance",
    ) -> SearchResults:
        """Run a query (Whoosh syntax, all words required; relaxed when that finds nothing)."""
        return _Search(self, self._current_searcher(), limit, filters, sort).run(query)

    def _current_searcher(self) -> Any:
        """One searcher kept open across queries, refreshed when a commit made a new one."""
        with self._lock:
            ix = self._index()
            searcher = self._searcher
            if searcher is not None:
                # Not Searcher.refresh(): it reuses segment readers with stale deletion sets,
                # so an updated article would show up twice.
                if ix.latest_generation() == searcher.reader().generation():
                    return searcher
                self._drop_searcher()
            self._searcher = searcher = ix.searcher()
            return searcher

    def _facet_table_for(self, searcher: Any) -> dict[str, _Facet]:
        """Per facet, label -> docnums, read once per searcher from the field's postings."""
        cached = self._facet_table
        if cached is not None and cached[0] is searcher:
            return cached[1]
        with self._lock:
            reader = searcher.reader()
            table: dict[str, _Facet] = {}
            for name, fieldname in FACETS.items():
                facet = _Facet()
                if fieldname in reader.indexed_field_names():
                    for term in reader.lexicon(fieldname):
                        label = term.decode("utf-8") if isinstance(term, bytes) else str(term)
                        posting = _Posting(_read_postings(reader, fieldname, term))
                        facet.by_label[label] = frozenset(posting.docs)
                table[name] = facet
            self._facet_table = (searcher, table)
        return table

    def _postings_for(self, searcher: Any) -> _PostingCache:
        """Decoded posting lists of this searcher's recent terms (a new searcher starts empty)."""
        cached = self._postings
        if cached is not None and cached[0] is searcher:
            return cached[1]
        with self._lock:
            cached = self._postings
            if cached is not None and cached[0] is searcher:
                return cached[1]
            cache = _PostingCache(searcher.reader())
            self._postings = (searcher, cache)
        return cache

    def _dates_for(self, searcher: Any) -> tuple[list[int], list[int]]:
        """Publication times (Whoosh longs) in ascending order with their docnums."""
        cached = self._date_table
        if cached is not None and cached[0] is searcher:
            return cached[1]
        with self._lock:
            reader = searcher.reader()
            pairs: list[tuple[int, int]] = []
            if reader.has_column("published"):
                column = reader.column_reader("published", translate=False)
                pairs = [
                    (column[docnum], docnum)
                    for docnum in reader.all_doc_ids()
                    if column[docnum] != _NO_DATE
                ]
            pairs.sort()
            table = ([value for value, _ in pairs], [docnum for _, docnum in pairs])
            self._date_table = (searcher, table)
        return table
