"""The archive: one SQLite file (WAL) that is the source of truth for articles and user state.

Every change to an article takes the next value of one global counter as the article's `seq`;
deletions leave a tombstone with a seq. Derived data (the search index) follows `changes_since`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from reader.errors import ArchiveError, NotFoundError
from reader.models import Article, ArticleSummary, StoredArticle, TagKind, Tags
from reader.store.keys import body_key, url_key
from reader.store.schema import migrate

UpsertOutcome = Literal["added", "updated", "unchanged"]

ARCHIVE_FILE = "archive.sqlite3"
INDEX_DIR = "whoosh"
BUSY_TIMEOUT_MS = 60_000

_ARTICLE_COLUMNS = (
    "id, url, title, paragraphs, source, published, category, language, author, "
    "imported_at, content_hash, read, starred, seq"
)
_SUMMARY_COLUMNS = "id, title, source, published, read, starred"


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _parse_time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _sort_time(published: datetime | None, fallback: datetime) -> float:
    moment = published or fallback
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def content_hash(article: Article) -> str:
    """A hash of everything an article says (not its user state): equal hash, unchanged article."""
    record = [
        article.id,
        article.url,
        article.title,
        list(article.paragraphs),
        article.source,
        _iso(article.published),
        article.category,
        article.language,
        article.author,
    ]
    encoded = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()[:32]


def _merge(existing: Article, incoming: Article) -> Article:
    """The incoming version of an article, keeping the existing id and any field it leaves empty."""
    return replace(
        incoming,
        id=existing.id,
        # The same page under a spelling of its URL that differs only in form keeps its URL.
        url=existing.url
        if url_key(incoming.url) == url_key(existing.url)
        else incoming.url or existing.url,
        source=incoming.source or existing.source,
        published=incoming.published or existing.published,
        category=incoming.category or existing.category,
        author=incoming.author or existing.author,
        title=incoming.title or existing.title,
        paragraphs=incoming.paragraphs or existing.paragraphs,
    )


class Archive:
    """The SQLite archive in `directory` (file `archive.sqlite3`); use as a context manager."""

    def __init__(self, directory: Path, connection: sqlite3.Connection) -> None:
        self.directory = directory
        self.index_dir = directory / INDEX_DIR
        self._db = connection
        self._depth = 0

    # -- opening and closing -------------------------------------------------------------

    @classmethod
    def open(cls, directory: Path, *, create: bool = True) -> Archive:
        """Open (and with `create`, make) the archive in `directory`, migrating its schema."""
        directory = Path(directory)
        path = directory / ARCHIVE_FILE
        if not path.exists():
            if not create:
                raise ArchiveError(f"{directory}: no archive here (import some articles first)")
            try:
                directory.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise ArchiveError(f"{directory}: cannot create archive ({exc.strerror})") from None
        try:
            connection = sqlite3.connect(
                path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise ArchiveError(f"{path}: cannot open archive ({exc})") from None
        try:
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")
            connection.execute("PRAGMA foreign_keys = ON")
            migrate(connection)
        except sqlite3.DatabaseError as exc:
            connection.close()
            raise ArchiveError(f"{path}: not a usable akhbar archive ({exc})") from None
        except BaseException:
            connection.close()
            raise
        return cls(directory, connection)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes into one atomic transaction (nested calls join the outer one)."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise ArchiveError(f"{self.directory}: cannot write to the archive ({exc})") from None
        self._depth = 1
        try:
            yield
            self._db.execute("COMMIT")
        except BaseException as exc:
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise ArchiveError(
                    f"{self.directory}: cannot write to the archive ({exc})"
                ) from None
            raise
        finally:
            self._depth = 0

    def _next_seq(self) -> int:
        row = self._db.execute(
            "UPDATE counters SET value = value + 1 WHERE name = 'seq' RETURNING value"
        ).fetchone()
        return int(row[0])

    def _touch(self, article_id: str) -> None:
        """Give an article a new seq so derived data picks the change up."""
        self._db.execute("UPDATE articles SET seq = ? WHERE id = ?", (self._next_seq(), article_id))

    def _require(self, article_id: str) -> None:
        if (
            self._db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
            is None
        ):
            raise NotFoundError(f"no article with id {article_id!r}")

    # -- writes --------------------------------------------------------------------------

    def _find_existing(self, article: Article) -> tuple[Article, str, bool] | None:
        """The stored article this one is a version of (same id, same URL, or same body),
        its content hash, and whether it was found by its id."""
        queries: list[tuple[str, Any]] = [("id = ?", article.id)]
        key = url_key(article.url)
        if key is not None:
            queries.append(("url_key = ?", key))
        fingerprint = body_key(article.paragraphs)
        if fingerprint is not None:
            queries.append(("body_key = ?", fingerprint))
        for where, value in queries:
            row = self._db.execute(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE {where} LIMIT 1", (value,)
            ).fetchone()
            if row is not None:
                return self._article_from_row(row), str(row[10]), where.startswith("id ")
        return None

    def upsert(
        self, article: Article, *, original: bytes | None, origin: str, partial: bool = False
    ) -> UpsertOutcome:
        """Add an article, or update the stored version of it in place; reruns change nothing.

        A new version under the same id replaces the stored one. The same article reached
        through another input (same URL or body, another id), or a `partial` one (a feed
        summary), only fills fields the stored version lacks: the first copy stays, so
        importing several copies of one article again changes nothing."""
        with self.transaction():
            now = _now()
            found = self._find_existing(article)
            original_hash = self._store_original(original)
            if found is None:
                self._insert(article, now, original_hash, origin)
                outcome: UpsertOutcome = "added"
            else:
                existing, existing_hash, same_id = found
                fill_only = partial or not same_id
                if fill_only:
                    merged = replace(
                        _merge(article, existing), id=existing.id, url=existing.url or article.url
                    )
                else:
                    merged = _merge(existing, article)
                if content_hash(merged) == existing_hash:
                    outcome = "unchanged"
                    if original_hash is not None:
                        self._db.execute(
                            "UPDATE articles SET original_hash = ? "
                            "WHERE id = ? AND original_hash IS NULL",
                            (original_hash, existing.id),
                        )
                else:
                    if fill_only:
                        self._update(merged, now, None, None)
                    else:
                        self._update(merged, now, original_hash, origin)
                    outcome = "updated"
                article = merged
            if outcome != "unchanged":  # reruns leave no trace
                self._log(origin, article.id, outcome)
            return outcome

    def _store_original(self, original: bytes | None) -> str | None:
        if original is None:
            return None
        digest = hashlib.sha256(original).hexdigest()
        self._db.execute(
            "INSERT OR IGNORE INTO originals (hash, size, data) VALUES (?, ?, ?)",
            (digest, len(original), zlib.compress(original, 6)),
        )
        return digest

    def _content_values(self, article: Article, now: datetime) -> dict[str, Any]:
        return {
            "id": article.id,
            "url": article.url,
            "url_key": url_key(article.url),
            "title": article.title,
            "paragraphs": json.dumps(list(article.paragraphs), ensure_ascii=False),
            "source": article.source,
            "published": _iso(article.published),
            "sort_time": _sort_time(article.published, now),
            "category": article.category,
            "language": article.language,
            "author": article.author,
            "body_key": body_key(article.paragraphs),
            "content_hash": content_hash(article),
            "updated_at": now.isoformat(),
        }

    def _insert(
        self, article: Article, now: datetime, original_hash: str | None, origin: str
    ) -> None:
        values = self._content_values(article, now)
        values.update(
            imported_at=now.isoformat(),
            original_hash=original_hash,
            origin=origin,
            seq=self._next_seq(),
        )
        # Another article may already hold this URL under a different id and body: the newest
        # keeps the URL key, so that lookups by URL find one article.
        if values["url_key"] is not None:
            self._db.execute(
                "UPDATE articles SET url_key = NULL WHERE url_key = ?", (values["url_key"],)
            )
        columns = ", ".join(values)
        placeholders = ", ".join(f":{name}" for name in values)
        self._db.execute(f"INSERT INTO articles ({columns}) VALUES ({placeholders})", values)
        self._db.execute("DELETE FROM tombstones WHERE id = ?", (article.id,))

    def _update(
        self, article: Article, now: datetime, original_hash: str | None, origin: str | None
    ) -> None:
        """Store a new version; `original_hash`/`origin` None keep the stored ones."""
        values = self._content_values(article, now)
        if values["url_key"] is not None:
            self._db.execute(
                "UPDATE articles SET url_key = NULL WHERE url_key = ? AND id != ?",
                (values["url_key"], article.id),
            )
        values.update(seq=self._next_seq(), tagged=0)
        if origin is not None:
            values["origin"] = origin
        assignments = ", ".join(f"{name} = :{name}" for name in values if name != "id")
        if original_hash is not None:
            assignments += ", original_hash = :original_hash"
            values["original_hash"] = original_hash
        self._db.execute(f"UPDATE articles SET {assignments} WHERE id = :id", values)

    def _log(self, origin: str, article_id: str | None, outcome: str, reason: str = "") -> None:
        self._db.execute(
            "INSERT INTO import_log (at, origin, article_id, outcome, reason) "
            "VALUES (?, ?, ?, ?, ?)",
            (_now().isoformat(), origin, article_id, outcome, reason),
        )

    def log_refusal(self, origin: str, reason: str) -> None:
        """Record an input that was refused, for `stats` and later diagnosis."""
        with self.transaction():
            self._log(origin, None, "refused", reason)

    def delete(self, article_id: str) -> bool:
        """Remove an article (and its tags, and its original if nothing else uses it)."""
        with self.transaction():
            row = self._db.execute(
                "SELECT original_hash FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
            if row is None:
                return False
            self._db.execute("DELETE FROM machine_tags WHERE article_id = ?", (article_id,))
            self._db.execute("DELETE FROM user_tags WHERE article_id = ?", (article_id,))
            self._db.execute("DELETE FROM articles WHERE id = ?", (article_id,))
            if row[0] is not None:
                self._db.execute(
                    "DELETE FROM originals WHERE hash = ? AND NOT EXISTS "
                    "(SELECT 1 FROM articles WHERE original_hash = ?)",
                    (row[0], row[0]),
                )
            self._db.execute(
                "INSERT INTO tombstones (id, seq) VALUES (?, ?) "
                "ON CONFLICT (id) DO UPDATE SET seq = excluded.seq",
                (article_id, self._next_seq()),
            )
            self._log("delete", article_id, "deleted")
            return True

    def _set_flag(self, article_id: str, column: str, value: bool) -> None:
        with self.transaction():
            self._require(article_id)
            changed = self._db.execute(
                f"UPDATE articles SET {column} = ? WHERE id = ? AND {column} != ?",
                (int(value), article_id, int(value)),
            ).rowcount
            if changed:
                self._touch(article_id)

    def set_read(self, article_id: str, read: bool) -> None:
        self._set_flag(article_id, "read", read)

    def set_starred(self, article_id: str, starred: bool) -> None:
        self._set_flag(article_id, "starred", starred)

    def set_machine_tags(self, article_id: str, tags: Tags) -> None:
        """Replace the tagger's tags of an article (user edits are kept apart and still win)."""
        with self.transaction():
            self._require(article_id)
            wanted = {(kind.value, name) for kind in TagKind for name in tags.of(kind) if name}
            current = set(
                self._db.execute(
                    "SELECT kind, name FROM machine_tags WHERE article_id = ?", (article_id,)
                ).fetchall()
            )
            self._db.execute("UPDATE articles SET tagged = 1 WHERE id = ?", (article_id,))
            if {tuple(row) for row in current} == wanted:
                return
            self._db.execute("DELETE FROM machine_tags WHERE article_id = ?", (article_id,))
            self._db.executemany(
                "INSERT INTO machine_tags (article_id, kind, name) VALUES (?, ?, ?)",
                [(article_id, kind, name) for kind, name in sorted(wanted)],
            )
            self._touch(article_id)

    def _edit_user_tag(self, article_id: str, kind: TagKind, name: str, added: bool) -> None:
        name = " ".join(name.split())
        if not name:
            raise ArchiveError("a tag name cannot be empty")
        with self.transaction():
            self._require(article_id)
            before = self.get_tags(article_id)
            self._db.execute(
                "INSERT INTO user_tags (article_id, kind, name, added) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (article_id, kind, name) DO UPDATE SET added = excluded.added",
                (article_id, TagKind(kind).value, name, int(added)),
            )
            if self.get_tags(article_id) != before:
                self._touch(article_id)

    def add_user_tag(self, article_id: str, kind: TagKind, name: str) -> None:
        self._edit_user_tag(article_id, kind, name, True)

    def remove_user_tag(self, article_id: str, kind: TagKind, name: str) -> None:
        self._edit_user_tag(article_id, kind, name, False)

    # -- reads ---------------------------------------------------------------------------

    @staticmethod
    def _article_from_row(row: Sequence[Any]) -> Article:
        return Article(
            id=row[0],
            url=row[1],
            title=row[2],
            paragraphs=tuple(json.loads(row[3])),
            source=row[4],
            published=_parse_time(row[5]),
            category=row[6],
            language=row[7],
            author=row[8],
        )

    def _stored_from_row(self, row: Sequence[Any], tags: Tags | None = None) -> StoredArticle:
        return StoredArticle(
            article=self._article_from_row(row),
            tags=tags if tags is not None else self.get_tags(row[0]),
            read=bool(row[11]),
            starred=bool(row[12]),
            imported_at=_parse_time(row[9]),
            content_hash=row[10],
            seq=int(row[13]),
        )

    @staticmethod
    def _summary_from_row(row: Sequence[Any]) -> ArticleSummary:
        return ArticleSummary(
            id=row[0],
            title=row[1],
            source=row[2],
            published=_parse_time(row[3]),
            read=bool(row[4]),
            starred=bool(row[5]),
        )

    def get_tags(self, article_id: str) -> Tags:
        """Effective tags: machine tags plus the user's additions minus the user's removals."""
        names: dict[str, list[str]] = {kind.value: [] for kind in TagKind}
        rows = self._db.execute(
            "SELECT kind, name FROM machine_tags WHERE article_id = ?1 AND NOT EXISTS ("
            "  SELECT 1 FROM user_tags u WHERE u.article_id = ?1 AND u.kind = machine_tags.kind"
            "  AND u.name = machine_tags.name AND u.added = 0) "
            "UNION SELECT kind, name FROM user_tags WHERE article_id = ?1 AND added = 1 "
            "ORDER BY 1, 2",
            (article_id,),
        ).fetchall()
        for kind, name in rows:
            if kind in names:
                names[kind].append(name)
        return Tags(actors=tuple(names["actor"]), places=tuple(names["place"]))

    def get(self, article_id: str) -> StoredArticle | None:
        row = self._db.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return None if row is None else self._stored_from_row(row)

    def original(self, article_id: str) -> bytes | None:
        """The bytes the article was imported from (a whole file, feed or JSONL line)."""
        row = self._db.execute(
            "SELECT o.data FROM articles a JOIN originals o ON o.hash = a.original_hash "
            "WHERE a.id = ?",
            (article_id,),
        ).fetchone()
        return None if row is None else zlib.decompress(row[0])

    def count(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def unread_count(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM articles WHERE read = 0").fetchone()[0])

    def list_summaries(
        self,
        *,
        order: Literal["newest", "oldest"] = "newest",
        offset: int = 0,
        limit: int = 100,
        unread_only: bool = False,
        starred_only: bool = False,
    ) -> list[ArticleSummary]:
        """One page of the article list, newest (or oldest) first by publication time."""
        direction = "DESC" if order == "newest" else "ASC"
        where = []
        if unread_only:
            where.append("read = 0")
        if starred_only:
            where.append("starred = 1")
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        rows = self._db.execute(
            f"SELECT {_SUMMARY_COLUMNS} FROM articles {clause} "
            f"ORDER BY sort_time {direction}, id {direction} LIMIT ? OFFSET ?",
            (max(0, limit), max(0, offset)),
        ).fetchall()
        return [self._summary_from_row(row) for row in rows]

    def summaries(self, ids: Sequence[str]) -> list[ArticleSummary]:
        """Summaries of the given articles in the given order; unknown ids are skipped."""
        found: dict[str, ArticleSummary] = {}
        unique = list(dict.fromkeys(ids))
        for start in range(0, len(unique), 500):
            chunk = unique[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            for row in self._db.execute(
                f"SELECT {_SUMMARY_COLUMNS} FROM articles WHERE id IN ({marks})", chunk
            ):
                found[row[0]] = self._summary_from_row(row)
        return [found[article_id] for article_id in ids if article_id in found]

    def iter_articles(self) -> Iterator[StoredArticle]:
        """Every article, in id order, read in pages so memory stays flat."""
        last = ""
        while True:
            rows = self._db.execute(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id > ? ORDER BY id LIMIT 500",
                (last,),
            ).fetchall()
            if not rows:
                return
            for row in rows:
                yield self._stored_from_row(row)
            last = rows[-1][0]

    def ids(self) -> list[str]:
        return [row[0] for row in self._db.execute("SELECT id FROM articles ORDER BY id")]

    def ids_needing_tags(self) -> list[str]:
        """Articles added or changed since the tagger last saw them."""
        return [row[0] for row in self._db.execute("SELECT id FROM articles WHERE tagged = 0")]

    def tag_counts(self, kind: TagKind) -> list[tuple[str, int]]:
        """Effective tag names of one kind with their article counts, most used first."""
        rows = self._db.execute(
            "SELECT name, COUNT(*) AS n FROM ("
            "  SELECT article_id, name FROM machine_tags WHERE kind = ?1"
            "  UNION SELECT article_id, name FROM user_tags WHERE kind = ?1 AND added = 1"
            "  EXCEPT SELECT article_id, name FROM user_tags WHERE kind = ?1 AND added = 0"
            ") GROUP BY name ORDER BY n DESC, name",
            (TagKind(kind).value,),
        ).fetchall()
        return [(name, int(n)) for name, n in rows]

    def stats(self) -> dict[str, Any]:
        """Counts for `akhbar stats`: articles, per source, unread, starred, tags, originals."""
        sources = {
            (source or "unknown"): int(n)
            for source, n in self._db.execute(
                "SELECT source, COUNT(*) FROM articles GROUP BY source "
                "ORDER BY COUNT(*) DESC, source"
            )
        }
        oldest, newest = self._db.execute(
            "SELECT MIN(published), MAX(published) FROM articles WHERE published IS NOT NULL"
        ).fetchone()
        original_bytes, stored_bytes = self._db.execute(
            "SELECT COALESCE(SUM(size), 0), COALESCE(SUM(LENGTH(data)), 0) FROM originals"
        ).fetchone()
        path = self.directory / ARCHIVE_FILE
        return {
            "archive": str(self.directory),
            "articles": self.count(),
            "sources": sources,
            "unread": self.unread_count(),
            "starred": int(
                self._db.execute("SELECT COUNT(*) FROM articles WHERE starred = 1").fetchone()[0]
            ),
            "actors": len(self.tag_counts(TagKind.ACTOR)),
            "places": len(self.tag_counts(TagKind.PLACE)),
            "oldest": oldest,
            "newest": newest,
            "originals_bytes": int(original_bytes),
            "originals_stored_bytes": int(stored_bytes),
            "file_bytes": path.stat().st_size if path.exists() else 0,
            "seq": self.current_seq(),
            "last_import": self._db.execute(
                "SELECT MAX(at) FROM import_log WHERE outcome IN ('added', 'updated')"
            ).fetchone()[0],
        }

    # -- change feed ---------------------------------------------------------------------

    def current_seq(self) -> int:
        return int(self._db.execute("SELECT value FROM counters WHERE name = 'seq'").fetchone()[0])

    def changes_since(
        self, seq: int, limit: int = 500
    ) -> tuple[list[StoredArticle], list[str], int]:
        """Articles changed and ids deleted after `seq`, at most `limit` in all, in seq order,
        and the last seq this batch covers (pass it back to continue)."""
        limit = max(1, limit)
        # One read transaction so the two queries see the same snapshot.
        own_transaction = not self._depth
        if own_transaction:
            self._db.execute("BEGIN")
        try:
            article_rows = self._db.execute(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE seq > ? ORDER BY seq LIMIT ?",
                (seq, limit),
            ).fetchall()
            tombstone_rows = self._db.execute(
                "SELECT id, seq FROM tombstones WHERE seq > ? ORDER BY seq LIMIT ?",
                (seq, limit),
            ).fetchall()
            merged: list[tuple[int, Sequence[Any] | None, str | None]] = [
                (int(row[13]), row, None) for row in article_rows
            ] + [(int(row[1]), None, str(row[0])) for row in tombstone_rows]
            merged.sort(key=lambda item: item[0])
            merged = merged[:limit]
            changed = [self._stored_from_row(row) for _, row, _ in merged if row is not None]
            deleted = [article_id for _, _, article_id in merged if article_id is not None]
            last = merged[-1][0] if merged else max(seq, self.current_seq())
        finally:
            if own_transaction:
                self._db.execute("COMMIT")
        return changed, deleted, last
