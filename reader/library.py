"""Orchestration shared by the CLI and the UI: import = ingest -> store -> tag -> index.

Every write goes to the archive first (the source of truth); tags and the search index are
derived and caught up afterwards, so a crash at any point is repaired by the next run.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

from reader.errors import ArchiveError, InputError
from reader.models import TagKind
from reader.store import Archive

if TYPE_CHECKING:
    from reader.ingest import Ingested
    from reader.search import SearchIndex

IMPORT_LOCK = "import.lock"
BATCH_ARTICLES = 200  # upserts per transaction: what a crash can cost, and rerun repeats
SYNC_EVERY_ARTICLES = 2000  # big imports make articles searchable as they go


@dataclass(slots=True)
class ImportProgress:
    """How far an import has come, for a progress bar."""

    done_bytes: int = 0
    total_bytes: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: int = 0


@dataclass(slots=True)
class ImportReport:
    """What one import did; `refused` names each refused input (file, line or entry)."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    tagged: int = 0
    indexed: int = 0
    changed_ids: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # derived data that could not be made

    @property
    def articles(self) -> int:
        return self.added + self.updated + self.unchanged

    def as_dict(self) -> dict[str, object]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "refused": [{"input": source, "reason": reason} for source, reason in self.refused],
            "tagged": self.tagged,
            "indexed": self.indexed,
            "warnings": list(self.warnings),
            "seconds": round(self.seconds, 3),
        }


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300]


class Library:
    """The archive in `directory` with its derived tags and search index."""

    def __init__(self, directory: Path, *, create: bool = True) -> None:
        self.directory = Path(directory)
        self.archive = Archive.open(self.directory, create=create)
        self._index: SearchIndex | None = None
        self._tagging = True

    @property
    def index(self) -> SearchIndex:
        """The search index, opened on first use (it lives in `archive.index_dir`)."""
        if self._index is None:
            from reader.search import SearchIndex

            self._index = SearchIndex(self.archive.index_dir)
        return self._index

    def close(self) -> None:
        if self._index is not None:
            with contextlib.suppress(Exception):
                self._index.close()
        self.archive.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- import ----------------------------------------------------------------------------

    @contextlib.contextmanager
    def _import_lock(self, on_wait: Callable[[str], None] | None) -> Iterator[None]:
        """One import at a time per archive; a second one waits (and says so) instead of failing."""
        path = self.directory / IMPORT_LOCK
        handle: IO[str] = path.open("a+")
        try:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = ""
                with contextlib.suppress(OSError):
                    handle.seek(0)
                    holder = handle.read().strip()
                if on_wait is not None:
                    who = f" (process {holder})" if holder else ""
                    on_wait(f"another import into this archive is running{who}; waiting for it")
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            handle.seek(0)
            handle.truncate()
            handle.write(str(os.getpid()))
            handle.flush()
            yield
        finally:
            with contextlib.suppress(OSError):
                handle.truncate(0)
            handle.close()  # closing releases the lock, as does the death of the process

    def import_paths(
        self,
        paths: Iterable[Path | str],
        *,
        progress: Callable[[ImportProgress], None] | None = None,
        on_wait: Callable[[str], None] | None = None,
        index: bool = True,
        tag: bool = True,
    ) -> ImportReport:
        """Read every input under `paths` into the archive, tag what changed, update the index."""
        from reader.ingest import InputWalker

        started = time.monotonic()
        report = ImportReport()
        with self._import_lock(on_wait):
            walker = InputWalker(paths, exclude=[self.directory])  # never the archive itself
            state = ImportProgress(total_bytes=walker.total_bytes)
            batch: list[Ingested] = []
            since_sync = 0
            # Articles a killed earlier run stored but never tagged are finished first.
            self._tagging = tag
            self._tag_pending(report)
            for item in walker:
                if isinstance(item, InputError):
                    report.refused.append((item.source, item.reason))
                    state.refused += 1
                    with contextlib.suppress(ArchiveError):
                        self.archive.log_refusal(item.source, item.reason)
                else:
                    batch.append(item)
                    if len(batch) >= BATCH_ARTICLES:
                        since_sync += self._store_batch(batch, report, state)
                        batch = []
                        if index and since_sync >= SYNC_EVERY_ARTICLES:
                            index = self._sync_index(report)
                            since_sync = 0
                if progress is not None:
                    state.done_bytes = walker.done_bytes
                    progress(state)
            if batch:
                self._store_batch(batch, report, state)
            if index:
                self._sync_index(report)
            state.done_bytes = state.total_bytes
            if progress is not None:
                progress(state)
        report.seconds = time.monotonic() - started
        return report

    def _store_batch(
        self,
        batch: Sequence[Ingested],
        report: ImportReport,
        state: ImportProgress,
    ) -> int:
        """Upsert a batch in one transaction, then tag what it added or changed."""
        changed: list[str] = []
        with self.archive.transaction():
            for item in batch:
                outcome = self.archive.upsert(
                    item.article, original=item.original, origin=item.origin, partial=item.partial
                )
                if outcome == "added":
                    report.added += 1
                    state.added += 1
                    if item.read:
                        self.archive.set_read(item.article.id, True)
                    if item.starred:
                        self.archive.set_starred(item.article.id, True)
                elif outcome == "updated":
                    report.updated += 1
                    state.updated += 1
                else:
                    report.unchanged += 1
                    state.unchanged += 1
                    continue
                changed.append(item.article.id)
        report.changed_ids.extend(changed)
        self._tag_pending(report)
        return len(changed)

    def _tag_pending(self, report: ImportReport) -> None:
        """Tag every article that needs it; a failing tagger stops tagging, not the import
        (the articles stay marked untagged and the next import or retag does them)."""
        if not self._tagging:
            return
        try:
            report.tagged += self._tag(self.archive.ids_needing_tags())
        except (ArchiveError, MemoryError):
            raise
        except Exception as exc:
            self._tagging = False
            report.warnings.append(
                f"tagging failed ({type(exc).__name__}: {_one_line(exc)}); the articles are stored "
                "untagged and will be tagged by the next import"
            )

    def _sync_index(self, report: ImportReport) -> bool:
        """Bring the search index up to date; False (with a warning) when it cannot be."""
        try:
            report.indexed += self.index.sync(self.archive)
        except (ArchiveError, MemoryError):
            raise
        except Exception as exc:
            report.warnings.append(
                f"the search index was not updated ({type(exc).__name__}: {_one_line(exc)}); "
                "`akhbar reindex` rebuilds it from the archive"
            )
            return False
        return True

    def _tag(self, ids: Sequence[str]) -> int:
        """Give each article its machine tags (user edits are kept apart and still win).

        Tags are computed outside any transaction, then written in one short one, so the
        archive's write lock is never held while the tagger works."""
        if not ids:
            return 0
        from reader.tagging import tag_article

        done = 0
        for start in range(0, len(ids), BATCH_ARTICLES):
            computed = []
            for article_id in ids[start : start + BATCH_ARTICLES]:
                stored = self.archive.get(article_id)
                if stored is not None:
                    computed.append((article_id, stored.content_hash, tag_article(stored.article)))
            with self.archive.transaction():
                for article_id, content_hash, tags in computed:
                    current = self.archive.get(article_id)
                    # Deleted or changed meanwhile: its next run tags the current text.
                    if current is None or current.content_hash != content_hash:
                        continue
                    self.archive.set_machine_tags(article_id, tags)
                    done += 1
        return done

    # -- small writes, each followed by an index sync ----------------------------------------

    def _sync(self) -> None:
        self.index.sync(self.archive)

    def set_read(self, article_id: str, read: bool = True) -> None:
        self.archive.set_read(article_id, read)
        self._sync()

    def set_starred(self, article_id: str, starred: bool = True) -> None:
        self.archive.set_starred(article_id, starred)
        self._sync()

    def add_tag(self, article_id: str, kind: TagKind, name: str) -> None:
        self.archive.add_user_tag(article_id, kind, name)
        self._sync()

    def remove_tag(self, article_id: str, kind: TagKind, name: str) -> None:
        self.archive.remove_user_tag(article_id, kind, name)
        self._sync()

    def delete(self, article_id: str) -> bool:
        deleted = self.archive.delete(article_id)
        if deleted:
            self._sync()
        return deleted

    def retag(self, ids: Sequence[str] | None = None) -> int:
        """Run the tagger again over some articles (all when `ids` is None); user edits stay."""
        targets = list(ids) if ids is not None else self.archive.ids()
        done = self._tag(targets)
        self._sync()
        return done
