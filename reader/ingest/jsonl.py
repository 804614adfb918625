"""JSON Lines: one article per line (`id, url, title, published, body, source, category`).

Each broken line is refused alone, named by its line number; the given `id` is kept.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any, Protocol

from reader.errors import InputError
from reader.ingest.base import MAX_ARTICLE_CHARS, MAX_JSONL_LINE_BYTES, Ingested, make_id
from reader.ingest.clean import one_line, split_paragraphs
from reader.ingest.furniture import strip_furniture
from reader.ingest.plain import language_of
from reader.models import Article

_TEXT_FIELDS = ("id", "url", "title", "body", "source", "category", "author", "language")


def _published(value: Any) -> datetime | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValueError("field 'published' is not a string")
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"field 'published' is not an ISO 8601 date: {value[:40]!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def record_to_article(record: Any) -> Article:
    """An article from one decoded JSON record; ValueError names what is wrong."""
    if not isinstance(record, dict):
        raise ValueError(f"not a JSON object but {type(record).__name__}")
    for name in _TEXT_FIELDS:
        value = record.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, str | int)):
            raise ValueError(f"field {name!r} is not a string")
    body = record.get("body")
    paragraphs_field = record.get("paragraphs")
    if body is None and isinstance(paragraphs_field, list):
        if not all(isinstance(p, str) for p in paragraphs_field):
            raise ValueError("field 'paragraphs' is not a list of strings")
        body = "\n".join(paragraphs_field)
    title = one_line(str(record.get("title") or ""))
    body = str(body or "")
    if not title and not body.strip():
        raise ValueError("no 'title' and no 'body'")
    if len(body) > MAX_ARTICLE_CHARS:
        raise ValueError(f"body too large ({len(body):,} characters)")
    cleaned = strip_furniture(split_paragraphs(body), title=title or None)
    if not cleaned.title:
        raise ValueError("no 'title' and no text to take one from")
    url = one_line(str(record.get("url") or ""))
    given_id = one_line(str(record.get("id") or ""))
    if len(given_id) > 200:
        raise ValueError("field 'id' is longer than 200 characters")
    article_id = given_id or (
        make_id("url", url) if url else make_id("jsonl", cleaned.title + "\0" + body)
    )
    return Article(
        id=article_id,
        title=cleaned.title,
        paragraphs=tuple(cleaned.paragraphs),
        url=url,
        source=one_line(str(record.get("source") or "")),
        published=_published(record.get("published")),
        category=one_line(str(record.get("category") or "")),
        language=one_line(str(record.get("language") or "")) or language_of(body or title),
        author=one_line(str(record.get("author") or "")),
    )


class LineSource(Protocol):
    def readline(self, limit: int = -1, /) -> bytes: ...  # pragma: no cover


def parse_jsonl(
    stream: LineSource, path: str, *, on_bytes: Callable[[int], None] | None = None
) -> Iterator[Ingested | InputError]:
    """Every line of a JSON Lines stream as an article or a refusal naming the line."""
    number = 0
    while True:
        line = stream.readline(MAX_JSONL_LINE_BYTES + 1)
        if not line:
            return
        number += 1
        origin = f"{path}:{number}"
        consumed = len(line)
        if len(line) > MAX_JSONL_LINE_BYTES and not line.endswith(b"\n"):
            while True:  # skip the rest of the oversized line without holding it
                rest = stream.readline(1024 * 1024)
                consumed += len(rest)
                if not rest or rest.endswith(b"\n"):
                    break
            if on_bytes:
                on_bytes(consumed)
            yield InputError(origin, f"line too long (over {MAX_JSONL_LINE_BYTES:,} bytes)")
            continue
        if on_bytes:
            on_bytes(consumed)
        if number == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        if not line.strip():
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield InputError(origin, f"not UTF-8 (byte {exc.start + 1})")
            continue
        try:
            record = json.loads(text)
        except json.JSONDecodeError as exc:
            yield InputError(origin, f"malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        except RecursionError:
            yield InputError(origin, "malformed JSON (nested too deeply)")
            continue
        try:
            article = record_to_article(record)
        except ValueError as exc:
            yield InputError(origin, str(exc))
            continue
        read, starred = record.get("read"), record.get("starred")
        yield Ingested(
            article,
            line.rstrip(b"\r\n"),
            origin,
            read=read if isinstance(read, bool) else None,
            starred=starred if isinstance(starred, bool) else None,
        )
