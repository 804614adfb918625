"""Data access for the UI: one data thread owns the Library (archive + index); the UI awaits it.

SQLite and Whoosh objects must not cross threads, and writes must not race searches, so every
search, import, sync and state change runs on a single worker thread (`DataThread.call`). The
UI thread keeps its own read-only Archive for the article list's quick paged reads.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal, ParamSpec, TypeVar

from reader.config import asset_path
from reader.errors import AkhbarError
from reader.models import StoredArticle

if TYPE_CHECKING:
    from reader.library import ImportReport, Library
    from reader.search import SearchResults
    from reader.store import Archive

T = TypeVar("T")
P = ParamSpec("P")
Order = Literal["newest", "oldest", "relevance"]
FacetKind = Literal["actors", "places", "sources"]
FACET_KINDS: tuple[FacetKind, ...] = ("actors", "places", "sources")
RESULT_LIMIT = 2000


@dataclass(frozen=True, slots=True)
class Query:
    """What the list currently shows: query text, tag filters, state filters and order."""

    text: str = ""
    actors: frozenset[str] = field(default_factory=frozenset)
    places: frozenset[str] = field(default_factory=frozenset)
    sources: frozenset[str] = field(default_factory=frozenset)
    unread_only: bool = False
    starred_only: bool = False
    order: Order = "newest"

    @property
    def uses_index(self) -> bool:
        """True when the list comes from the search index, not from the archive's pages."""
        return bool(self.text.strip() or self.actors or self.places or self.sources)

    def selected(self, kind: FacetKind) -> frozenset[str]:
        return {"actors": self.actors, "places": self.places, "sources": self.sources}[kind]

    def toggled(self, kind: FacetKind, name: str) -> Query:
        """A copy with one tag filter added or removed."""
        current = self.selected(kind)
        new = current - {name} if name in current else current | {name}
        if kind == "actors":
            return replace(self, actors=new)
        if kind == "places":
            return replace(self, places=new)
        return replace(self, sources=new)

    def filter_count(self) -> int:
        return len(self.actors) + len(self.places) + len(self.sources)


class DaemonExecutor(Executor):
    """One daemon thread running submitted calls in order.

    Unlike ThreadPoolExecutor, whose threads the interpreter joins at exit, a job still running
    at quit (a facets query over a 100k index) can be abandoned after a bounded wait. Writes are
    SQLite transactions and imports are crash-safe, so an abandoned job loses nothing.
    """

    def __init__(self, name: str) -> None:
        self._jobs: queue.SimpleQueue[tuple[Future[object], Callable[[], object]] | None]
        self._jobs = queue.SimpleQueue()
        self._closed = False
        self._thread = threading.Thread(target=self._work, name=name, daemon=True)
        self._thread.start()

    def _work(self) -> None:
        while (job := self._jobs.get()) is not None:
            future, call = job
            if not future.set_running_or_notify_cancel():
                continue
            try:
                result = call()
            except BaseException as exc:  # handed to whoever awaits the future
                future.set_exception(exc)
            else:
                future.set_result(result)

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        if self._closed:
            raise RuntimeError("the data thread is closed")
        future: Future[T] = Future()
        self._jobs.put((future, lambda: fn(*args, **kwargs)))  # type: ignore[arg-type]
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self.close(wait=None if wait else 0.0, cancel_pending=cancel_futures)

    def cancel_pending(self) -> None:
        """Cancel every job not started yet."""
        with contextlib.suppress(queue.Empty):
            while True:
                job = self._jobs.get_nowait()
                if job is not None:
                    job[0].cancel()

    def close(self, *, wait: float | None, cancel_pending: bool = True) -> bool:
        """Stop taking jobs and end the thread; wait at most `wait` s (None: as long as it
        takes). True when the thread has ended."""
        self._closed = True
        if cancel_pending:
            self.cancel_pending()
        self._jobs.put(None)
        self._thread.join(wait)
        return not self._thread.is_alive()


class DataThread:
    """Runs data work on one thread that owns the Library; `call` awaits a function of it."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._executor = DaemonExecutor("akhbar-data")
        self._library: Library | None = None
        # A long index sync (after a big headless import) runs beside the data thread, with
        # its own Library, and stops at the next batch when the app closes. Its thread is a
        # daemon: one batch's commit (a Whoosh segment merge) can take many seconds at 100k
        # articles, and quitting must not wait for it (the index is derived: the next start
        # catches up, and Whoosh only adopts a segment once its commit is complete).
        self._sync_thread: threading.Thread | None = None
        self._sync_library: Library | None = None
        self.stopping = threading.Event()
        self._ui_archive: Archive | None = None
        self._ui_thread: int | None = None

    # -- the data thread -----------------------------------------------------------------

    def _get_library(self) -> Library:
        if self._library is None:
            from reader.library import Library

            self._library = Library(self.directory)
        return self._library

    async def call(self, function: Callable[[Library], T]) -> T:
        """Run `function(library)` on the data thread without blocking the event loop."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, lambda: function(self._get_library()))

    async def sync_index(self) -> int:
        """Bring the search index up to date on the sync thread; how many changes it applied."""

        def run() -> int:
            if self._sync_library is None:
                from reader.library import Library

                self._sync_library = Library(self.directory)
            library = self._sync_library
            feed = _StoppableFeed(library.archive, self.stopping)
            try:
                return library.index.sync(feed)  # type: ignore[arg-type]
            except _Stopped:
                return 0

        loop = asyncio.get_running_loop()
        done: asyncio.Future[int] = loop.create_future()

        def settle(result: int | None, error: BaseException | None) -> None:
            if done.done():
                return
            if error is not None:
                done.set_exception(error)
            else:
                done.set_result(result or 0)

        def thread_main() -> None:
            result: int | None = None
            error: BaseException | None = None
            try:
                result = run()
            except BaseException as exc:  # handed to the awaiting UI, which reports it
                error = exc
            with contextlib.suppress(RuntimeError):  # the loop is gone: nobody is waiting
                loop.call_soon_threadsafe(settle, result, error)

        if self._sync_thread is not None and self._sync_thread.is_alive():
            return 0  # one sync at a time; the running one picks up every change
        self._sync_thread = threading.Thread(target=thread_main, name="akhbar-sync", daemon=True)
        self._sync_thread.start()
        return await done

    def call_sync(self, function: Callable[[Library], T]) -> T:
        """Run on the data thread and wait (for tests and shutdown)."""
        return self._executor.submit(lambda: function(self._get_library())).result()

    # -- the UI thread's own read connection ---------------------------------------------

    def ui_archive(self) -> Archive:
        """An Archive for quick reads on the calling (UI) thread; opened once per thread."""
        from reader.store import Archive

        if self._ui_archive is None or self._ui_thread != threading.get_ident():
            self._ui_archive = Archive.open(self.directory, create=True)
            self._ui_thread = threading.get_ident()
        return self._ui_archive

    def close(self) -> None:
        """Close both connections and stop the data thread."""

        def close_library(library: Library) -> None:
            for obj in (getattr(library, "_index", None), library):
                closer = getattr(obj, "close", None)
                if callable(closer):
                    with contextlib.suppress(Exception):
                        closer()
            with contextlib.suppress(Exception):
                library.archive.close()

        self.stopping.set()
        if self._library is not None:
            # After the jobs already queued (a read mark, a star), which are quick; a long
            # query still running past the wait is abandoned with them.
            closing = self._executor.submit(close_library, self._library)
            with contextlib.suppress(FutureTimeout, Exception):
                closing.result(timeout=DATA_STOP_WAIT)
            self._library = None
        self._executor.close(wait=0.1, cancel_pending=False)
        sync = self._sync_thread
        if sync is not None:
            sync.join(SYNC_STOP_WAIT)
        if (sync is None or not sync.is_alive()) and self._sync_library is not None:
            close_library(self._sync_library)
            self._sync_library = None
        if self._ui_archive is not None:
            with contextlib.suppress(Exception):
                self._ui_archive.close()
            self._ui_archive = None


# -- functions that run on the data thread (each takes the Library) ----------------------


def demo_file() -> Path:
    return asset_path("demo", "articles.jsonl")


def import_demo(library: Library) -> ImportReport | None:
    """Import the shipped demo articles into an empty archive; None when there is no demo file."""
    path = demo_file()
    if not path.is_file():
        return None
    return library.import_paths([path])


class _Stopped(Exception):
    """Raised inside an index sync to stop it between two batches."""


class _StoppableFeed:
    """The archive's change feed, refusing to give another batch once `stopping` is set."""

    def __init__(self, archive: Archive, stopping: threading.Event) -> None:
        self._archive = archive
        self._stopping = stopping

    def changes_since(self, seq: int, limit: int) -> tuple[list[StoredArticle], list[str], int]:
        if self._stopping.is_set():
            raise _Stopped
        return self._archive.changes_since(seq, limit)

    def __getattr__(self, name: str) -> object:
        return getattr(self._archive, name)


DATA_STOP_WAIT = 1.0  # seconds closing waits for the data jobs (writes end far sooner)
SYNC_STOP_WAIT = 0.25  # seconds closing waits for the index sync to stop between batches
QUICK_SYNC_WAIT = 0.2  # seconds a state change waits for the index writer before leaving it


def run_search(query: Query, limit: int = RESULT_LIMIT) -> Callable[[Library], SearchResults]:
    """A data-thread function searching with the query's text and filters."""

    def search(library: Library) -> SearchResults:
        from reader.search import SearchFilters

        filters = SearchFilters(
            actors=tuple(sorted(query.actors)),
            places=tuple(sorted(query.places)),
            sources=tuple(sorted(query.sources)),
            unread_only=query.unread_only,
            starred_only=query.starred_only,
        )
        try:
            return library.index.search(query.text, limit=limit, filters=filters, sort=query.order)
        except AkhbarError:
            raise
        except Exception:
            # A searcher kept open across another thread's commits can fail to refresh
            # (Whoosh, when it was opened on an empty index): reopen the index once.
            library.index.close()
            return library.index.search(query.text, limit=limit, filters=filters, sort=query.order)

    return search


def set_read(article_id: str, read: bool) -> Callable[[Library], None]:
    """Mark read in the archive; the index follows now, or with the running background sync."""

    def apply(library: Library) -> None:
        library.archive.set_read(article_id, read)
        library.index.sync(library.archive, wait=QUICK_SYNC_WAIT)

    return apply


def set_starred(article_id: str, starred: bool) -> Callable[[Library], None]:
    def apply(library: Library) -> None:
        library.archive.set_starred(article_id, starred)
        library.index.sync(library.archive, wait=QUICK_SYNC_WAIT)

    return apply


def counts(library: Library) -> tuple[int, int]:
    """(articles, unread) in the archive."""
    return library.archive.count(), library.archive.unread_count()


def get_article(article_id: str) -> Callable[[Library], StoredArticle | None]:
    def get(library: Library) -> StoredArticle | None:
        return library.archive.get(article_id)

    return get


def ids_of(results: SearchResults) -> Sequence[str]:
    return [hit.id for hit in results.hits]
