"""The index schema, the Whoosh fields of an archive article, and the search value types.

Whoosh pickles the schema into the index: its analyzers stay in `reader.search.analysis`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Literal

from whoosh.fields import BOOLEAN, DATETIME, ID, KEYWORD, TEXT, Schema

from reader.models import SearchHit, StoredArticle
from reader.search.analysis import arabic_analyzer, tag_analyzer

SCHEMA_VERSION = 2


Sort = Literal["relevance", "newest", "oldest"]


@dataclass(frozen=True, slots=True)
class SearchFilters:
    """Restrictions on a search; names are matched through the same spelling folds as text."""

    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    unread_only: bool = False
    starred_only: bool = False

    def __bool__(self) -> bool:
        return bool(
            self.actors
            or self.places
            or self.sources
            or self.since
            or self.until
            or self.unread_only
            or self.starred_only
        )


@dataclass(slots=True)
class SearchResults:
    """One page of hits plus what describes the whole result set."""

    hits: list[SearchHit]
    total: int
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    suggestion: str | None = None
    relaxed: bool = False
    terms: tuple[str, ...] = ()


def make_schema() -> Schema:
    """The index fields (see docs/design.md); analyzers come from reader.search.analysis."""
    text = arabic_analyzer()
    actor = KEYWORD(commas=True)
    actor.analyzer = tag_analyzer()
    place = KEYWORD(commas=True)
    place.analyzer = tag_analyzer()
    return Schema(
        id=ID(unique=True, stored=True),
        title=TEXT(analyzer=text, stored=True),
        body=TEXT(analyzer=text),
        source=ID(stored=True, sortable=True),
        published=DATETIME(stored=True, sortable=True),
        category=ID(stored=True),
        actor=actor,
        place=place,
        actors=KEYWORD(commas=True, stored=True),
        places=KEYWORD(commas=True, stored=True),
        read=BOOLEAN(stored=True),
        starred=BOOLEAN(stored=True),
    )


def _utc_naive(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def _names(names: Iterable[str]) -> str:
    return ",".join(" ".join(name.replace(",", " ").split()) for name in names)


def document(stored: StoredArticle) -> dict[str, Any]:
    """The Whoosh fields of one archive article."""
    article = stored.article
    doc: dict[str, Any] = {
        "id": article.id,
        "title": article.title,
        "body": article.body,
        "source": article.source,
        "category": article.category,
        "read": stored.read,
        "starred": stored.starred,
    }
    published = _utc_naive(article.published)
    if published is not None:
        doc["published"] = published
    if stored.tags.actors:
        doc["actor"] = doc["actors"] = _names(stored.tags.actors)
    if stored.tags.places:
        doc["place"] = doc["places"] = _names(stored.tags.places)
    return doc


_NO_DATE = 2**64 - 1  # what Whoosh's published column holds for an article without a date
