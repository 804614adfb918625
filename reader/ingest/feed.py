"""RSS and Atom files through feedparser: one article per entry, full content when present.

Entity declarations are refused before any parser sees the bytes, and defusedxml vets the rest,
so neither entity expansion ("billion laughs") nor external entities are ever processed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from reader.errors import InputError
from reader.ingest.base import MAX_ARTICLE_CHARS, MAX_FEED_ENTRIES, Ingested, make_id
from reader.ingest.clean import one_line, split_paragraphs
from reader.ingest.furniture import strip_furniture
from reader.ingest.plain import language_of
from reader.models import Article

_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
_BLOCK_TAGS = re.compile(
    r"<\s*(?:br|/?p|/?div|/?li|/?h[1-6]|/?blockquote|/?tr|/?section|/?article|/?pre|/?ul|/?ol"
    r"|/?table|/?figure|/?figcaption|hr)\b[^>]*>",
    re.IGNORECASE,
)
_INVISIBLE = re.compile(r"<(script|style|template)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


def check_xml_safety(data: bytes, source: str) -> None:
    """Refuse entity declarations and external references before any XML parser runs."""
    import defusedxml.ElementTree
    from defusedxml import DefusedXmlException

    if _ENTITY_DECLARATION.search(data):
        raise InputError(
            source, "XML entity declarations are refused (no entity expansion or external entities)"
        )
    try:
        defusedxml.ElementTree.fromstring(data, forbid_dtd=False)
    except DefusedXmlException as exc:
        raise InputError(source, f"unsafe XML refused ({type(exc).__name__})") from None
    except Exception:
        return  # not well-formed: feedparser's lenient parser may still read it


def fragment_paragraphs(html: str) -> list[str]:
    """Paragraphs of an HTML fragment: block elements and <br> separate paragraphs."""
    import lxml.html  # type: ignore[import-untyped]

    marked = _BLOCK_TAGS.sub("\n\n", _INVISIBLE.sub(" ", html))
    try:
        text = lxml.html.fragment_fromstring(marked, create_parent="div").text_content()
    except Exception:  # lxml raises several unrelated types for hopeless input
        text = re.sub(r"<[^>]*>", " ", marked)
    return split_paragraphs(text)


def _entry_time(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                year, month, day, hour, minute, second = (int(v) for v in parsed[:6])
                return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
            except (TypeError, ValueError):
                continue
    return None


def _entry_paragraphs(entry: Any) -> tuple[list[str], bool]:
    """The entry's text and whether it is only a summary."""
    best: tuple[str, str] | None = None
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        if best is None or len(value) > len(best[0]):
            best = (value, content.get("type") or "text/html")
    partial = best is None
    if best is None:
        detail = entry.get("summary_detail") or {}
        best = (entry.get("summary") or "", detail.get("type") or "text/html")
    value, kind = best
    if len(value) > MAX_ARTICLE_CHARS:
        raise ValueError(f"too large ({len(value):,} characters)")
    if kind == "text/plain":
        return split_paragraphs(value), partial
    return fragment_paragraphs(value), partial


def parse_feed(data: bytes, path: str) -> Iterator[Ingested | InputError]:
    """Each entry of an RSS or Atom file as an article; a broken entry is refused alone."""
    import feedparser

    check_xml_safety(data, path)
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    entries = parsed.get("entries") or []
    if not entries:
        reason = "no entries"
        if parsed.get("bozo"):
            reason = f"malformed feed ({one_line(str(parsed.get('bozo_exception')))})"
        raise InputError(path, reason)
    if len(entries) > MAX_FEED_ENTRIES:
        raise InputError(path, f"too many entries ({len(entries):,} > {MAX_FEED_ENTRIES:,})")
    channel = parsed.get("feed") or {}
    source = one_line(channel.get("title") or "")
    for number, entry in enumerate(entries, start=1):
        origin = f"{path}#entry-{number}"
        try:
            paragraphs, partial = _entry_paragraphs(entry)
        except ValueError as exc:
            yield InputError(origin, str(exc))
            continue
        title = one_line(entry.get("title") or "")
        cleaned = strip_furniture(paragraphs, title=title or None)
        if not cleaned.title and not cleaned.paragraphs:
            yield InputError(origin, "empty entry (no title or text)")
            continue
        url = one_line(entry.get("link") or "")
        key = one_line(entry.get("id") or "") or url or f"{cleaned.title}\0{_entry_time(entry)}"
        tags = entry.get("tags") or []
        article = Article(
            id=make_id("feed", key),
            title=cleaned.title or (cleaned.paragraphs[0][:80] if cleaned.paragraphs else ""),
            paragraphs=tuple(cleaned.paragraphs),
            url=url,
            source=source,
            published=_entry_time(entry),
            category=one_line(tags[0].get("term") or "") if tags else "",
            language=language_of(" ".join(cleaned.paragraphs) or title),
            author=one_line(entry.get("author") or ""),
        )
        yield Ingested(article, data, origin, partial=partial)
