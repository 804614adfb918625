"""Where a query's terms occur in any text, as character offsets (for highlights and snippets)."""

from __future__ import annotations

from collections.abc import Iterable

from reader.search.analysis import analyze


def find_hits(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Offsets (start, end) in `text` of every word whose analysed term is one of `terms`."""
    wanted = set(terms)
    if not wanted or not text:
        return []
    return [(start, end) for term, start, end in analyze(text) if term in wanted]


def make_snippet(
    text: str, hits: list[tuple[int, int]], *, width: int = 180
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A one-line excerpt of `text` around its densest run of hits, with hit offsets into it."""
    flat = " ".join(text.split("\n"))
    if not hits:
        cut = _cut_at_word(flat, 0, width)
        return cut + ("…" if len(cut) < len(flat.rstrip()) else ""), ()
    best_start, best_count = hits[0][0], 0
    for first, _ in hits:
        count = sum(1 for start, end in hits if start >= first and end <= first + width)
        if count > best_count:
            best_start, best_count = first, count
    start = max(0, best_start - width // 4)
    while start > 0 and not flat[start - 1].isspace():
        start -= 1
    excerpt = _cut_at_word(flat, start, width)
    end = start + len(excerpt)
    lead = "…" if start > 0 else ""
    tail = "…" if end < len(flat.rstrip()) else ""
    shift = len(lead) - start
    inside = tuple((s + shift, e + shift) for s, e in hits if s >= start and e <= end)
    return lead + excerpt + tail, inside


def _cut_at_word(text: str, start: int, width: int) -> str:
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        if space > start:
            end = space
    return text[start:end].rstrip()
