"""HTML pages: main text, title, date, author and site through trafilatura, furniture removed."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from reader.errors import InputError
from reader.ingest.base import MAX_ARTICLE_CHARS, MAX_HTML_DEPTH, make_id
from reader.ingest.clean import one_line, split_paragraphs
from reader.ingest.furniture import Cleaned, date_from_line, is_date_line, strip_furniture
from reader.ingest.plain import language_of
from reader.models import Article

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_DOCTYPE_SUBSET = re.compile(r"<!DOCTYPE[^\[>]*\[.*?\]\s*>", re.IGNORECASE | re.DOTALL)


def html_depth(html: str) -> int:
    """How deep the element tree of a page goes (libxml2 stops at 255)."""
    import lxml.html  # type: ignore[import-untyped]

    try:
        root = lxml.html.document_fromstring(html)
    except Exception:  # lxml raises several unrelated types for hopeless input
        return 0
    deepest = 0
    stack = [(root, 0)]
    while stack:
        element, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in element)
    return deepest


_PUBLISHED_META = re.compile(
    r"""<meta\s[^>]*?(?:property|name|itemprop)\s*=\s*["']?(?:article:published_time|"""
    r"""datePublished|pubdate|publishdate|date)["']?[^>]*?content\s*=\s*["']([^"'<>]{8,40})["']""",
    re.IGNORECASE,
)


def published_time(
    html: str, date: str | None, visible_lines: list[str] | tuple[str, ...] = ()
) -> datetime | None:
    """The page's publication time: a full timestamp from its metadata, else the date line
    printed beside the title (the furniture removed from the top), else trafilatura's date."""
    found = _published(date)
    for match in _PUBLISHED_META.finditer(html[:200_000]):
        moment = _published(match.group(1).strip().replace("Z", "+00:00"))
        if moment is not None and (found is None or moment.date() == found.date()):
            return moment
    for line in visible_lines:
        visible = date_from_line(line) if is_date_line(line) else None
        if visible is not None:
            return visible
    return found


def _published(date: str | None) -> datetime | None:
    if not date:
        return None
    try:
        moment = datetime.fromisoformat(date)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def parse_html(text: str, source: str, *, identity: str) -> tuple[Article, Cleaned]:
    """One article from an HTML page (already decoded to text)."""
    import trafilatura

    # Entity declarations in a DOCTYPE are never expanded by the HTML parser; drop them anyway.
    text = _DOCTYPE_SUBSET.sub("<!DOCTYPE html>", _XML_DECLARATION.sub("", text, count=1))
    depth = html_depth(text)
    if depth >= MAX_HTML_DEPTH:
        raise InputError(source, f"too deeply nested HTML (over {depth} levels of elements)")
    try:
        document = trafilatura.bare_extraction(
            text, with_metadata=True, include_comments=False, include_tables=True
        )
    except Exception as exc:  # trafilatura wraps lxml and htmldate, which raise freely
        raise InputError(source, f"malformed HTML ({type(exc).__name__})") from None
    found: dict[str, Any] = {}
    if document is not None:
        found = document if isinstance(document, dict) else document.as_dict()

    def field(name: str) -> str:
        value = found.get(name)
        return value if isinstance(value, str) else ""

    body = field("text")
    if not body.strip():
        raise InputError(source, "no article text found in the HTML page")
    if len(body) > MAX_ARTICLE_CHARS:
        raise InputError(source, f"too large ({len(body):,} characters of text)")
    title = one_line(field("title"))
    paragraphs = split_paragraphs(body)
    cleaned = strip_furniture(paragraphs, title=title or None)
    url = one_line(field("url"))
    article = Article(
        id=make_id("url", url) if url else make_id("html", identity),
        title=cleaned.title,
        paragraphs=tuple(cleaned.paragraphs),
        url=url,
        source=one_line(field("sitename") or field("hostname")),
        published=published_time(text, field("date"), cleaned.removed[:3]),
        category=one_line(", ".join(str(c) for c in found.get("categories") or [])),
        language=language_of(body),
        author=one_line(field("author")),
    )
    return article, cleaned
