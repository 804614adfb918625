"""Row sources for ArticleList: the archive paged in order, or a list of search results.

A source answers `len()` and `rows(start, stop)` cheaply enough for the UI thread (one
SQLite page is about a millisecond), so the list only ever asks for the rows on screen.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Literal, Protocol, runtime_checkable

from reader.models import ArticleSummary, SearchHit

if TYPE_CHECKING:
    from reader.store.archive import Archive

ArchiveOpener = Callable[[], "Archive"]
Order = Literal["newest", "oldest"]

# Rows fetched from the archive per request: a screenful is far smaller.
PAGE_SIZE = 200


@runtime_checkable
class ListSource(Protocol):
    """What ArticleList reads rows from."""

    def __len__(self) -> int: ...

    def rows(self, start: int, stop: int) -> Sequence[ArticleSummary]:
        """Rows `start` to `stop` (exclusive); shorter at the end."""
        ...

    def refresh_rows(self) -> None:
        """Forget anything cached: the next calls read fresh data."""
        ...


class ArchiveSource:
    """The archive's articles in date order (optionally unread or starred only), read in pages."""

    def __init__(
        self,
        archive_opener: ArchiveOpener,
        order: Order = "newest",
        unread_only: bool = False,
        starred_only: bool = False,
    ) -> None:
        self._opener = archive_opener
        self._archive: Archive | None = None
        self.order: Order = order
        self.unread_only = unread_only
        self.starred_only = starred_only
        self._length: int | None = None

    @property
    def archive(self) -> Archive:
        if self._archive is None:
            self._archive = self._opener()
        return self._archive

    def __len__(self) -> int:
        if self._length is None:
            self._length = self._count()
        return self._length

    def _count(self) -> int:
        archive = self.archive
        if not self.starred_only:
            return archive.unread_count() if self.unread_only else archive.count()
        # No counter for starred rows in the store: page through them (they are few).
        total = 0
        while True:
            page = archive.list_summaries(
                order=self.order,
                offset=total,
                limit=5000,
                unread_only=self.unread_only,
                starred_only=True,
            )
            total += len(page)
            if len(page) < 5000:
                return total

    def rows(self, start: int, stop: int) -> Sequence[ArticleSummary]:
        start = max(0, start)
        if stop <= start:
            return []
        return self.archive.list_summaries(
            order=self.order,
            offset=start,
            limit=stop - start,
            unread_only=self.unread_only,
            starred_only=self.starred_only,
        )

    def refresh_rows(self) -> None:
        self._length = None


def summary_of_hit(hit: SearchHit) -> ArticleSummary:
    """The list row of a search hit (a hit already carries everything a row shows)."""
    return ArticleSummary(
        id=hit.id,
        title=hit.title,
        source=hit.source,
        published=hit.published,
        read=hit.read,
        starred=hit.starred,
    )


class ResultSource:
    """Search results (or any ids) in the given order, e.g. by relevance."""

    def __init__(
        self,
        hits: Sequence[SearchHit] | Sequence[str],
        archive_opener: ArchiveOpener | None = None,
    ) -> None:
        self._opener = archive_opener
        self._archive: Archive | None = None
        self._hits: list[SearchHit] = [hit for hit in hits if isinstance(hit, SearchHit)]
        self._ids: list[str] = [hit.id if isinstance(hit, SearchHit) else hit for hit in hits]
        self._rows: dict[int, ArticleSummary] = {}
        if self._hits and len(self._hits) == len(self._ids):
            self._rows = {i: summary_of_hit(hit) for i, hit in enumerate(self._hits)}
        elif self._hits:
            raise TypeError("ResultSource takes either SearchHits or ids, not a mix")

    @property
    def ids(self) -> list[str]:
        return list(self._ids)

    @property
    def hits(self) -> list[SearchHit]:
        return list(self._hits)

    def __len__(self) -> int:
        return len(self._ids)

    def _fetch(self, start: int, stop: int) -> None:
        if self._opener is None:
            raise RuntimeError("ResultSource of ids needs an archive_opener")
        if self._archive is None:
            self._archive = self._opener()
        wanted = self._ids[start:stop]
        found = {summary.id: summary for summary in self._archive.summaries(wanted)}
        for index, article_id in enumerate(wanted, start):
            summary = found.get(article_id)
            # A deleted article keeps its row (with its id as the title) so the indexes hold.
            self._rows[index] = summary or ArticleSummary(id=article_id, title=article_id)

    def rows(self, start: int, stop: int) -> Sequence[ArticleSummary]:
        start = max(0, start)
        stop = min(stop, len(self._ids))
        if stop <= start:
            return []
        if any(index not in self._rows for index in range(start, stop)):
            self._fetch(start, stop)
        return [self._rows[index] for index in range(start, stop)]

    def refresh_rows(self) -> None:
        if self._opener is not None:
            self._rows = {}
        # Hits without an archive keep their rows: there is nothing fresher to read.

    def update(
        self, article_id: str, *, read: bool | None = None, starred: bool | None = None
    ) -> None:
        """Change the marks of one row in place (the list calls this from `mark`)."""
        for index, summary in list(self._rows.items()):
            if summary.id == article_id:
                self._rows[index] = dataclasses.replace(
                    summary,
                    read=summary.read if read is None else read,
                    starred=summary.starred if starred is None else starred,
                )
