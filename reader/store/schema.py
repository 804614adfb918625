"""The archive's SQLite schema as an ordered list of migrations; `PRAGMA user_version` counts them.

A migration is applied at most once, inside one transaction with the version bump, so an archive
killed mid-migration reopens at the previous version and migrates again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from reader.errors import ArchiveError

# Each step is a list of statements; step N (1-based) takes an archive from version N-1 to N.
MIGRATIONS: Sequence[Sequence[str]] = (
    (
        # One row per article; the text id is what users and the index see.
        """CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            url TEXT NOT NULL DEFAULT '',
            url_key TEXT,
            title TEXT NOT NULL,
            paragraphs TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT '',
            published TEXT,
            sort_time REAL NOT NULL,
            category TEXT NOT NULL DEFAULT '',
            language TEXT NOT NULL DEFAULT 'ar',
            author TEXT NOT NULL DEFAULT '',
            body_key TEXT,
            content_hash TEXT NOT NULL,
            original_hash TEXT,
            origin TEXT NOT NULL DEFAULT '',
            imported_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            read INTEGER NOT NULL DEFAULT 0,
            starred INTEGER NOT NULL DEFAULT 0,
            tagged INTEGER NOT NULL DEFAULT 0,
            seq INTEGER NOT NULL
        )""",
        "CREATE UNIQUE INDEX articles_url_key ON articles(url_key) WHERE url_key IS NOT NULL",
        "CREATE INDEX articles_body_key ON articles(body_key) WHERE body_key IS NOT NULL",
        "CREATE INDEX articles_sort ON articles(sort_time, id)",
        "CREATE INDEX articles_unread_sort ON articles(read, sort_time, id)",
        "CREATE INDEX articles_starred ON articles(starred) WHERE starred = 1",
        "CREATE INDEX articles_untagged ON articles(tagged) WHERE tagged = 0",
        "CREATE UNIQUE INDEX articles_seq ON articles(seq)",
        "CREATE INDEX articles_source ON articles(source)",
        # The bytes each article was read from, compressed, shared by every article of one file.
        """CREATE TABLE originals (
            hash TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            data BLOB NOT NULL
        )""",
        """CREATE TABLE machine_tags (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            name TEXT NOT NULL,
            PRIMARY KEY (article_id, kind, name)
        ) WITHOUT ROWID""",
        "CREATE INDEX machine_tags_kind ON machine_tags(kind, name)",
        # A user's edit of one tag: added (1) or removed (0); it wins over the machine's tags.
        """CREATE TABLE user_tags (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            name TEXT NOT NULL,
            added INTEGER NOT NULL,
            PRIMARY KEY (article_id, kind, name)
        ) WITHOUT ROWID""",
        """CREATE TABLE tombstones (
            id TEXT PRIMARY KEY,
            seq INTEGER NOT NULL
        )""",
        "CREATE INDEX tombstones_seq ON tombstones(seq)",
        """CREATE TABLE import_log (
            entry INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            origin TEXT NOT NULL,
            article_id TEXT,
            outcome TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL)",
        "INSERT INTO counters (name, value) VALUES ('seq', 0)",
    ),
)

SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(connection: sqlite3.Connection) -> int:
    row = connection.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(
    connection: sqlite3.Connection, migrations: Sequence[Sequence[str]] = MIGRATIONS
) -> int:
    """Bring the archive up to `len(migrations)`; returns the number of steps applied."""
    applied = 0
    while True:
        connection.execute("BEGIN IMMEDIATE")
        try:
            version = schema_version(connection)
            if version > len(migrations):
                raise ArchiveError(
                    f"archive schema version {version} is newer than this akhbar "
                    f"understands ({len(migrations)}); upgrade akhbar"
                )
            if version == len(migrations):
                connection.execute("COMMIT")
                return applied
            for statement in migrations[version]:
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {version + 1}")
            connection.execute("COMMIT")
            applied += 1
        except BaseException:
            connection.execute("ROLLBACK")
            raise
