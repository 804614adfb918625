"""Arabic full-text search: the Whoosh index derived from the archive, analysis and queries."""

from __future__ import annotations

from reader.search.index import SearchFilters, SearchIndex, SearchResults

__all__ = ["SearchFilters", "SearchIndex", "SearchResults"]
