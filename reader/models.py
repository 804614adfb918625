"""The nouns of akhbar: frozen dataclasses with no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class TagKind(StrEnum):
    """The two kinds of tag; the CLI spells them `actor` and `place`."""

    ACTOR = "actor"
    PLACE = "place"


@dataclass(frozen=True, slots=True)
class Article:
    """One news article in logical (reading) order, already sanitized by ingest.

    `paragraphs` never contain newlines; `body` joins them with one newline, and every
    character offset the search index reports into the body is an offset into `body`.
    """

    id: str
    title: str
    paragraphs: tuple[str, ...]
    url: str = ""
    source: str = ""
    published: datetime | None = None  # timezone-aware when known
    category: str = ""
    language: str = "ar"
    author: str = ""

    @property
    def body(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass(frozen=True, slots=True)
class Tags:
    """Canonical names of the actors (people, organisations) and places of one article."""

    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()

    def of(self, kind: TagKind) -> tuple[str, ...]:
        return self.actors if kind is TagKind.ACTOR else self.places


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article as the archive holds it, with user state and effective tags."""

    article: Article
    tags: Tags = field(default_factory=Tags)  # machine tags + user additions - user removals
    read: bool = False
    starred: bool = False
    imported_at: datetime | None = None
    content_hash: str = ""
    seq: int = 0  # change sequence: grows on every change to this article (content, tags, state)


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """What a list row needs, without the body: cheap to load by the thousand."""

    id: str
    title: str
    source: str = ""
    published: datetime | None = None
    read: bool = False
    starred: bool = False


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One search result. Offsets are character offsets into `Article.title` / `Article.body`."""

    id: str
    title: str
    source: str
    published: datetime | None
    score: float
    snippet: str = ""
    snippet_hits: tuple[tuple[int, int], ...] = ()  # offsets into `snippet`
    title_hits: tuple[tuple[int, int], ...] = ()
    body_hits: tuple[tuple[int, int], ...] = ()
    read: bool = False
    starred: bool = False
