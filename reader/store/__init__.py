"""The SQLite archive: the source of truth for articles, originals, user state and tags."""

from reader.store.archive import ARCHIVE_FILE, Archive, UpsertOutcome, content_hash

__all__ = ["ARCHIVE_FILE", "Archive", "UpsertOutcome", "content_hash"]
