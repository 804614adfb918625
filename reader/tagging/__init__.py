"""Actors and places of an article: `tag_article(article)` and `Tagger().tag(title, paragraphs)`.

Importing this package is cheap: the CRF model and lists load on the first call.
"""

from __future__ import annotations

from reader.models import Article, Tags
from reader.tagging.tagger import Tagger, default_tagger

__all__ = ["Tagger", "tag_article"]


def tag_article(article: Article) -> Tags:
    """Tags of one article with the shipped model (loaded once, on first use)."""
    return default_tagger().tag(article.title, article.paragraphs)
