"""Plain text: the first meaningful line is the title, the rest the body, furniture removed."""

from __future__ import annotations

import re

from reader.errors import InputError
from reader.ingest.base import MAX_ARTICLE_CHARS, make_id
from reader.ingest.clean import split_paragraphs
from reader.ingest.decode import letter_shares
from reader.ingest.furniture import Cleaned, date_from_line, is_date_line, strip_furniture
from reader.models import Article

MAX_TITLE_WORDS = 30
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")  # "# Title", not a "#hashtag"
TITLE_PREFIX_WORDS = 12


def language_of(text: str) -> str:
    """`ar` when most letters are Arabic, `und` (undetermined) otherwise."""
    letters, share = letter_shares(text[:4000])
    return "ar" if not letters or share >= 0.3 else "und"


def parse_text(text: str, source: str, *, identity: str) -> tuple[Article, Cleaned]:
    """One article from a text file; `identity` (the file's path) makes its stable id."""
    if len(text) > MAX_ARTICLE_CHARS:
        raise InputError(source, f"too large ({len(text):,} characters of text)")
    cleaned = strip_furniture(split_paragraphs(text))
    if not cleaned.title:
        raise InputError(source, "empty (no text)")
    title, paragraphs = _MARKDOWN_HEADING.sub("", cleaned.title), cleaned.paragraphs
    words = title.split()
    if len(words) > MAX_TITLE_WORDS:
        # No title line: the text starts with its first paragraph; show its start as title.
        paragraphs = [title, *paragraphs]
        title = " ".join(words[:TITLE_PREFIX_WORDS]) + " …"
    printed = (date_from_line(line) for line in cleaned.removed[:4] if is_date_line(line))
    article = Article(
        id=make_id("txt", identity),
        title=title,
        paragraphs=tuple(paragraphs),
        published=next((moment for moment in printed if moment is not None), None),
        language=language_of(text),
    )
    return article, cleaned
