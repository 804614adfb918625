"""An in-memory stand-in for `reader.store.Archive`'s change feed, and the shared-corpus loader."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from reader.models import Article, StoredArticle, Tags


class MemoryArchive:
    """Articles with a growing change sequence and tombstones, like the real archive."""

    def __init__(self) -> None:
        self.articles: dict[str, StoredArticle] = {}
        self.tombstones: dict[str, int] = {}
        self.seq = 0

    def put(self, stored: StoredArticle) -> StoredArticle:
        self.seq += 1
        stored = replace(stored, seq=self.seq)
        self.articles[stored.article.id] = stored
        self.tombstones.pop(stored.article.id, None)
        return stored

    def delete(self, article_id: str) -> None:
        self.seq += 1
        del self.articles[article_id]
        self.tombstones[article_id] = self.seq

    def changes_since(self, seq: int, limit: int) -> tuple[list[StoredArticle], list[str], int]:
        events: list[tuple[int, StoredArticle | str]] = [
            (stored.seq, stored) for stored in self.articles.values() if stored.seq > seq
        ]
        events += [(s, article_id) for article_id, s in self.tombstones.items() if s > seq]
        events.sort(key=lambda event: event[0])
        events = events[:limit]
        changed = [item for _, item in events if isinstance(item, StoredArticle)]
        deleted = [item for _, item in events if isinstance(item, str)]
        return changed, deleted, events[-1][0] if events else seq

    def current_seq(self) -> int:
        return self.seq

    def iter_articles(self) -> Iterator[StoredArticle]:
        yield from sorted(self.articles.values(), key=lambda stored: stored.seq)

    def get(self, article_id: str) -> StoredArticle | None:
        return self.articles.get(article_id)


def load_corpus(path: Path, limit: int | None = None) -> list[StoredArticle]:
    """Articles of `shared/corpus/sample.jsonl` (read at test time, never copied)."""
    out: list[StoredArticle] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            article = Article(
                id=record["id"],
                title=record["title"],
                paragraphs=tuple(p for p in record["body"].split("\n") if p.strip()),
                url=record.get("url", ""),
                source=record.get("source", ""),
                published=datetime.fromisoformat(record["published"])
                if record.get("published")
                else None,
                category=record.get("category", ""),
            )
            out.append(StoredArticle(article=article, tags=Tags()))
            if limit is not None and len(out) >= limit:
                break
    return out
