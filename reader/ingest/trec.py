"""TREC-style corpus files (`<DOC><DOCNO>…</DOCNO><TITLE>…</TITLE><TEXT>…</TEXT></DOC>`), as
the ANT Arabic news corpus ships them: one article per `<DOC>`, the DOCNO kept as the id.

Fields are read with a pattern, not an XML parser: these files are not well-formed XML
(raw `&` and `<` in text), and nothing here expands entities beyond the HTML named ones.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import UTC, datetime

from reader.errors import InputError
from reader.ingest.base import MAX_ARTICLE_CHARS, MAX_FEED_ENTRIES, Ingested, make_id
from reader.ingest.clean import one_line, split_paragraphs
from reader.ingest.furniture import strip_furniture
from reader.ingest.plain import language_of
from reader.models import Article

_DOC = re.compile(r"<DOC>(.*?)</DOC>", re.IGNORECASE | re.DOTALL)
_FIELD = re.compile(r"<([A-Za-z]+)>(.*?)</\1>", re.DOTALL)


def _published(value: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def parse_trec(text: str, data: bytes, path: str) -> Iterator[Ingested | InputError]:
    """Each `<DOC>` record of a TREC-style file as an article, or a refusal naming it."""
    records = _DOC.findall(text)
    if not records:
        raise InputError(path, "no <DOC> records")
    if len(records) > MAX_FEED_ENTRIES:
        raise InputError(path, f"too many records ({len(records):,} > {MAX_FEED_ENTRIES:,})")
    for number, record in enumerate(records, start=1):
        fields = {name.upper(): html.unescape(value) for name, value in _FIELD.findall(record)}
        origin = f"{path}#doc-{number}"
        body = fields.get("TEXT") or fields.get("ABSTRACT") or ""
        if len(body) > MAX_ARTICLE_CHARS:
            yield InputError(origin, f"too large ({len(body):,} characters)")
            continue
        title = one_line(fields.get("TITLE", ""))
        cleaned = strip_furniture(split_paragraphs(body), title=title or None)
        if not cleaned.title or not cleaned.paragraphs:
            yield InputError(origin, "record without a <TITLE> or a <TEXT>")
            continue
        docno = one_line(fields.get("DOCNO", ""))[:200]
        url = one_line(fields.get("URL", ""))
        article = Article(
            id=docno or make_id("trec", url or cleaned.title + body),
            title=cleaned.title,
            paragraphs=tuple(cleaned.paragraphs),
            url=url,
            source=one_line(fields.get("SRC", "") or fields.get("SOURCE", "")),
            published=_published(fields.get("TIME", "") or fields.get("DATE", "")),
            category=one_line(fields.get("CAT", "")),
            language=language_of(body),
            author=one_line(fields.get("AUTHOR", "")),
        )
        yield Ingested(article, data, origin)
