"""What every reader of an input format yields, the size limits, and stable article ids."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from reader.models import Article

# Limits that keep a hostile or mistaken input from hanging the import or exhausting memory.
MAX_DOCUMENT_BYTES = 16 * 1024 * 1024  # one text, HTML or feed file
MAX_JSONL_LINE_BYTES = 4 * 1024 * 1024  # one JSON Lines record
MAX_ARTICLE_CHARS = 2_000_000  # the text of one article after extraction
# Element nesting in an HTML page: libxml2 silently drops what lies deeper than 255 levels,
# so a page that reaches it is refused rather than imported with its text missing.
MAX_HTML_DEPTH = 255
MAX_FEED_ENTRIES = 10_000


@dataclass(frozen=True, slots=True)
class Ingested:
    """One article read from an input, with the bytes it came from and where they were.

    `partial` marks an article that carries only a summary (a feed entry without content):
    the archive lets it fill gaps in a stored article but never replace the stored text.
    `read`/`starred` come from an `akhbar export` file and apply to newly added articles.
    """

    article: Article
    original: bytes | None
    origin: str
    partial: bool = False
    read: bool | None = None  # user state carried by an `akhbar export` file
    starred: bool | None = None


def make_id(kind: str, key: str) -> str:
    """A short, stable id derived from what identifies an article in its format."""
    digest = hashlib.sha256(f"{kind}\0{key}".encode()).hexdigest()
    return f"{kind}-{digest[:16]}"
