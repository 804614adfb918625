"""Lay out text for a terminal: wrap in logical order by cells, then reorder each line.

One input line is one bidi paragraph. Levels are resolved over the whole paragraph; each
wrapped line then gets L1, L2 by grapheme cluster and L4 mirroring. RTL paragraphs are
right-aligned. Every printed cell knows the range of the ORIGINAL string it came from.
"""

from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Literal

from reader.text.bidi import Segment, line_levels, mirror, paragraph_levels, visual_segments
from reader.text.chars import (
    DROP_FORMAT,
    bidi_codes,
    cell_width,
    clusters,
    direction_of_codes,
    is_simple,
    simple_width,
    width_codes,
)
from reader.text.sanitize import fold_with_map, sanitize_with_map
from reader.text.shape import shape_with_map

BidiMode = Literal["app", "terminal"]
MODES: tuple[BidiMode, ...] = ("app", "terminal")

# Break opportunities: spaces (not the no-break ones) and ZERO WIDTH SPACE.
_BREAK_SPACE = "[ \u1680\u2000-\u2006\u2008-\u200b\u205f\u3000]"
_TOKENS = re.compile(f"({_BREAK_SPACE}+)|[^ \u1680\u2000-\u2006\u2008-\u200b\u205f\u3000]+")
_IS_BREAK_SPACE = re.compile(_BREAK_SPACE)


@dataclass(frozen=True)
class _Prepared:
    """A paragraph ready for wrapping: the text to print (format chars still inside) and facts."""

    text: str
    source: array[int] | None  # paragraph index of each char of `text`; None: identity
    source_length: int
    rtl: bool
    levels: bytes  # resolved levels before L1 (app mode only)
    codes: str  # bidi codes (app mode only)
    widths: str  # width codes
    units: list[tuple[int, int, int]] | None  # clusters (start, end, cells); None: one per char

    def src(self, index: int) -> int:
        """Paragraph index where `text[index]` comes from (the paragraph's end past the text)."""
        if index >= len(self.text):
            return self.source_length
        return index if self.source is None else self.source[index]

    def pieces(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """Clusters (start, end, cells) of text[start:end] (cluster-aligned bounds)."""
        if self.units is None:
            return [(index, index + 1, int(code) if code in "012" else 0)
                    for index, code in enumerate(self.widths[start:end], start)]  # fmt: skip
        first = bisect.bisect_left(self.units, (start, -1, -1))
        last = bisect.bisect_left(self.units, (end, -1, -1))
        return self.units[first:last]

    @cached_property
    def char_sources(self) -> tuple[array[int], array[int]]:
        """Per character of `text`, the paragraph range [first, after) it stands for."""
        firsts = array("i", range(len(self.text))) if self.source is None else self.source
        nexts = firsts[1:]
        nexts.append(self.source_length)
        afters = array("i", map(max, nexts, map((1).__add__, firsts)))
        return firsts, afters

    @cached_property
    def one_cell_chars(self) -> bool:
        """True when every character is printed in exactly one cell."""
        return self.units is None and self.widths.count("1") == len(self.widths)

    def cells(self, start: int, end: int) -> int:
        """Cells taken by text[start:end] (cluster-aligned bounds)."""
        if self.units is None:
            return simple_width(self.widths[start:end])
        return sum(cells for _, _, cells in self.pieces(start, end))


def _compose(outer: list[int] | None, inner: list[int] | None) -> array[int] | None:
    """The map of two steps (compact: a cached paragraph keeps it)."""
    if inner is None:
        return None if outer is None else array("i", outer)
    if outer is None:
        return array("i", inner)
    return array("i", map(outer.__getitem__, inner))


@lru_cache(maxsize=2048)
def _prepare(paragraph: str, mode: BidiMode) -> _Prepared:
    folded, fold_map = fold_with_map(paragraph)
    direction = direction_of_codes(bidi_codes(folded)) or "rtl"
    rtl = direction == "rtl"
    if mode == "app":
        text, shape_map = shape_with_map(folded)
        source = _compose(fold_map, shape_map)
        codes = bidi_codes(text)
        levels = paragraph_levels(text, rtl, codes)
    else:
        text, source, codes, levels = folded, _compose(fold_map, None), "", b""
    widths = width_codes(text)
    units = None if is_simple(widths) else clusters(text, widths)
    return _Prepared(text, source, len(paragraph), rtl, levels, codes, widths, units)


def _tokens(prepared: _Prepared) -> list[tuple[int, int, int, bool]]:
    """Words and space runs as (start, end, cells, is_space), never splitting a cluster."""
    if prepared.units is None:
        widths = prepared.widths
        if widths.count("1") == len(widths):
            return [
                (
                    match.start(),
                    match.end(),
                    match.end() - match.start(),
                    match.group(1) is not None,
                )
                for match in _TOKENS.finditer(prepared.text)
            ]
        return [
            (match.start(), match.end(), simple_width(widths[match.start() : match.end()]),
             match.group(1) is not None)
            for match in _TOKENS.finditer(prepared.text)
        ]  # fmt: skip
    tokens: list[tuple[int, int, int, bool]] = []
    text = prepared.text
    for start, end, cells in prepared.units:
        space = end - start == 1 and _IS_BREAK_SPACE.match(text, start) is not None
        if tokens and tokens[-1][3] == space:
            last = tokens[-1]
            tokens[-1] = (last[0], end, last[2] + cells, space)
        else:
            tokens.append((start, end, cells, space))
    return tokens


@lru_cache(maxsize=4096)
def _wrap(paragraph: str, mode: BidiMode, width: int) -> tuple[tuple[int, int, int], ...]:
    """Greedy wrap at break spaces: (start, end, cells) spans of the prepared text.

    Spaces at a break belong to no line; a word wider than `width` is cut between clusters.
    """
    prepared = _prepare(paragraph, mode)
    if (
        prepared.units is None
        and prepared.widths.count("1") == len(prepared.widths)
        and _OTHER_BREAKS.search(prepared.text) is None
    ):
        return _wrap_one_cell_chars(prepared.text, width)
    return _wrap_tokens(prepared, width)


_OTHER_BREAKS = re.compile("[\u1680\u2000-\u2006\u2008-\u200b\u205f\u3000]")
_NOT_SPACE = re.compile("[^ ]")


def _wrap_one_cell_chars(text: str, width: int) -> tuple[tuple[int, int, int], ...]:
    """`_wrap_tokens` for text whose characters all take one cell and break only at U+0020.

    Works per line with `str.rfind` instead of per word (the same lines, much faster).
    """
    length = len(text)
    content_end = len(text.rstrip(" "))
    lines: list[tuple[int, int, int]] = []
    start = 0
    while True:
        if length - start <= width:
            lines.append((start, length, length - start))
            break
        if content_end - start <= width:  # the rest is one line plus trailing spaces
            lines.append((start, start + width, width))
            break
        end = start + width
        if text[end] == " ":
            cut = end
        else:
            space = text.rfind(" ", start, end)
            if space < 0:  # a word longer than the line: hard break
                lines.append((start, end, width))
                start = end
                continue
            cut = space
        line_end = start + len(text[start:cut].rstrip(" "))
        if line_end == start:  # only the paragraph's leading spaces (indentation) fit
            line_end = start + len(text[start:end]) - len(text[start:end].lstrip(" "))
        lines.append((start, line_end, line_end - start))
        match = _NOT_SPACE.search(text, max(cut, line_end))
        if match is None:
            break
        start = match.start()
    return tuple(lines)


def _wrap_tokens(prepared: _Prepared, width: int) -> tuple[tuple[int, int, int], ...]:
    """The general greedy wrap, word by word, measuring clusters."""
    lines: list[tuple[int, int, int]] = []
    line_start = -1
    line_end = 0
    line_cells = 0
    pending: tuple[int, int, int] | None = None

    def add_pieces(start: int, end: int) -> None:
        nonlocal line_start, line_end, line_cells
        for piece_start, piece_end, cells in prepared.pieces(start, end):
            if line_start >= 0 and line_cells + cells > width:
                lines.append((line_start, line_end, line_cells))
                line_start = -1
            if line_start < 0:
                line_start, line_cells = piece_start, 0
            line_end = piece_end
            line_cells += cells

    for start, end, cells, space in _tokens(prepared):
        if space:
            if line_start < 0 and not lines:
                # Leading spaces of the paragraph are content (indentation), cut to the width.
                for _, piece_end, piece_cells in prepared.pieces(start, end):
                    if line_cells + piece_cells > width:
                        break
                    line_start, line_end = start, piece_end
                    line_cells += piece_cells
                continue
            pending = (start, end, cells)
            continue
        gap = pending[2] if pending is not None else 0
        if line_start >= 0:
            if line_cells + gap + cells <= width:
                line_end = end
                line_cells += gap + cells
                pending = None
                continue
            lines.append((line_start, line_end, line_cells))
            line_start = -1
        pending = None
        if cells <= width:
            line_start, line_end, line_cells = start, end, cells
        else:
            add_pieces(start, end)
    if pending is not None and line_start >= 0:
        # Trailing spaces of the paragraph: keep those that fit.
        for _, piece_end, cells in prepared.pieces(pending[0], pending[1]):
            if line_cells + cells > width:
                break
            line_end = piece_end
            line_cells += cells
    if line_start >= 0:
        lines.append((line_start, line_end, line_cells))
    if not lines:
        lines.append((0, 0, 0))
    return tuple(lines)


@dataclass(frozen=True)
class _CellSource:
    """What is needed to compute a line's per-cell source ranges when they are asked for."""

    prepared: _Prepared
    line_start: int
    segments: tuple[Segment, ...]
    padding_left: int
    padding_right: int
    paragraph_offset: int  # index of the paragraph's first char in the sanitized text
    clean_map: list[int]  # sanitized index -> original index
    replaced: frozenset[int] = frozenset()  # clusters printed as U+FFFD (wider than the line)

    def build(self) -> tuple[tuple[int, int] | None, ...]:
        prepared = self.prepared
        result: list[tuple[int, int] | None] = [None] * self.padding_left
        offset = self.paragraph_offset
        clean_map = self.clean_map
        if prepared.units is None and not self.replaced:
            self._build_simple(result)
            result.extend([None] * self.padding_right)
            return tuple(result)
        for start, end, reverse, _ in self.segments:
            pieces = prepared.pieces(self.line_start + start, self.line_start + end)
            if reverse:
                pieces = pieces[::-1]
            for piece_start, piece_end, cells in pieces:
                if piece_start in self.replaced:
                    cells = 1
                if cells == 0:
                    continue
                first = prepared.src(piece_start)
                after = max(prepared.src(piece_end), first + 1)
                cell = (clean_map[offset + first], clean_map[offset + after - 1] + 1)
                result.extend([cell] * cells)
        result.extend([None] * self.padding_right)
        return tuple(result)

    def _build_simple(self, result: list[tuple[int, int] | None]) -> None:
        """The common case: one character per cluster, width from its code."""
        prepared = self.prepared
        if prepared.one_cell_chars:
            firsts, afters = prepared.char_sources
            to_original = self.clean_map.__getitem__
            offset = self.paragraph_offset
            for start, end, reverse, _ in self.segments:
                lo, hi = self.line_start + start, self.line_start + end
                first_slice, after_slice = firsts[lo:hi], afters[lo:hi]
                if reverse:
                    first_slice.reverse()
                    after_slice.reverse()
                starts = map(to_original, map(offset.__add__, first_slice))
                ends = map((1).__add__, map(to_original, map((offset - 1).__add__, after_slice)))
                result.extend(zip(starts, ends, strict=True))
            return
        source = prepared.source
        widths = prepared.widths
        length = len(prepared.text)
        clean_map = self.clean_map
        offset = self.paragraph_offset
        line_start = self.line_start
        for start, end, reverse, _ in self.segments:
            indices = range(line_start + start, line_start + end)
            for index in reversed(indices) if reverse else indices:
                code = widths[index]
                if code != "1" and code != "2":
                    continue
                if source is None:
                    first, after = index, index + 1
                else:
                    first = source[index]
                    after = source[index + 1] if index + 1 < length else prepared.source_length
                    if after <= first:
                        after = first + 1
                cell = (clean_map[offset + first], clean_map[offset + after - 1] + 1)
                result.append(cell)
                if code == "2":
                    result.append(cell)


@dataclass(frozen=True)
class VisualLine:
    """One screen line: `text` to print as is, and where each of its cells comes from.

    `width` is the number of cells of `text`; `start`/`end` is the logical source range of the
    line in the original string (break spaces excluded). Padding cells map to None.
    """

    text: str
    paragraph: int
    rtl: bool
    width: int
    start: int
    end: int
    _source: _CellSource | None = field(default=None, repr=False, compare=False)

    @cached_property
    def cells(self) -> tuple[tuple[int, int] | None, ...]:
        """Per cell, the [start, end) range of the original string it shows (None: padding)."""
        if self._source is None:
            return (None,) * self.width
        return self._source.build()

    def columns_for_span(self, start: int, end: int) -> list[tuple[int, int]]:
        """Visual column ranges [c0, c1), left to right, of the cells showing [start, end)."""
        ranges: list[tuple[int, int]] = []
        if end <= start:
            return ranges
        for column, cell in enumerate(self.cells):
            if cell is None or cell[1] <= start or cell[0] >= end:
                continue
            if ranges and ranges[-1][1] == column:
                ranges[-1] = (ranges[-1][0], column + 1)
            else:
                ranges.append((column, column + 1))
        return ranges

    def column_for_offset(self, offset: int) -> int:
        """Column where a caret before logical `offset` is drawn (the cell of that character).

        After the line's last character: the column just past the text on its trailing side.
        """
        best_column = -1
        best_start = -1
        for column, cell in enumerate(self.cells):
            if cell is None or cell[1] <= offset:
                continue
            if best_column < 0 or cell[0] < best_start:
                best_column, best_start = column, cell[0]
        if best_column >= 0:
            return best_column
        content = [column for column, cell in enumerate(self.cells) if cell is not None]
        if not content:
            return self.width - 1 if self.rtl and self.width else 0
        if self.rtl:
            return max(content[0] - 1, 0)
        return content[-1] + 1

    def offset_at_column(self, column: int) -> int:
        """Logical offset for a click on `column`: its character's start, else the line's end."""
        cells = self.cells
        if 0 <= column < len(cells):
            cell = cells[column]
            if cell is not None:
                return cell[0]
        return self.end


def _check(width: int, mode: str) -> None:
    if width < 1:
        raise ValueError(f"width must be at least 1, not {width}")
    if mode not in MODES:
        raise ValueError(f"mode must be 'app' or 'terminal', not {mode!r}")


def _visual_line(
    prepared: _Prepared,
    span: tuple[int, int, int],
    width: int,
    mode: BidiMode,
    paragraph: int,
    paragraph_offset: int,
    clean_map: list[int],
) -> VisualLine:
    start, end, cells = span
    text = prepared.text
    first = paragraph_offset + prepared.src(start)
    after = paragraph_offset + prepared.src(end)
    source_start = clean_map[first] if first < len(clean_map) else _end_of(clean_map)
    source_end = clean_map[after - 1] + 1 if after > first else source_start
    replaced: frozenset[int] = frozenset()
    if cells > width:  # a cluster wider than the whole line (an emoji sequence, width 1)
        too_wide = [(s, c) for s, _, c in prepared.pieces(start, end) if c > width]
        replaced = frozenset(s for s, _ in too_wide)
        cells -= sum(c - 1 for _, c in too_wide)
    if mode == "terminal" or start == end:
        segments: tuple[Segment, ...] = ((0, end - start, False, 0),)
        body = text[start:end]
        if replaced:
            body = _replace(prepared, start, end, replaced)
        printed = body.translate(DROP_FORMAT)
        padding = 0
    else:
        base = 1 if prepared.rtl else 0
        levels = line_levels(prepared.levels[start:end], prepared.codes[start:end], base)
        if prepared.units is not None:
            for piece_start, piece_end, _ in prepared.pieces(start, end):
                if piece_end - piece_start > 1:
                    level = levels[piece_start - start]
                    levels[piece_start - start : piece_end - start] = bytes(
                        [level] * (piece_end - piece_start)
                    )
        segments = tuple(visual_segments(levels))
        parts: list[str] = []
        for seg_start, seg_end, reverse, level in segments:
            if prepared.units is None and not replaced:
                part = text[start + seg_start : start + seg_end]
                if reverse:
                    part = part[::-1]
            else:
                pieces = prepared.pieces(start + seg_start, start + seg_end)
                if reverse:
                    pieces = pieces[::-1]
                part = "".join("\ufffd" if s in replaced else text[s:e] for s, e, _ in pieces)
            if level & 1:
                part = mirror(part)
            parts.append(part)
        printed = "".join(parts).translate(DROP_FORMAT)
        padding = max(width - cells, 0) if prepared.rtl else 0
    shown = cells
    return VisualLine(
        text=" " * padding + printed,
        paragraph=paragraph,
        rtl=prepared.rtl,
        width=padding + shown,
        start=source_start,
        end=max(source_end, source_start),
        _source=_CellSource(
            prepared, start, segments, padding, 0, paragraph_offset, clean_map, replaced
        ),
    )


def _replace(prepared: _Prepared, start: int, end: int, replaced: frozenset[int]) -> str:
    return "".join(
        "\ufffd" if s in replaced else prepared.text[s:e] for s, e, _ in prepared.pieces(start, end)
    )


def _end_of(clean_map: list[int]) -> int:
    return clean_map[-1] + 1 if clean_map else 0


@lru_cache(maxsize=64)
def _layout(text: str, width: int, mode: BidiMode) -> tuple[VisualLine, ...]:
    clean, clean_map = sanitize_with_map(text)
    lines: list[VisualLine] = []
    offset = 0
    for number, paragraph in enumerate(clean.split("\n")):
        prepared = _prepare(paragraph, mode)
        for span in _wrap(paragraph, mode, width):
            lines.append(_visual_line(prepared, span, width, mode, number, offset, clean_map))
        offset += len(paragraph) + 1
    return tuple(lines)


def layout(text: str, width: int, *, mode: BidiMode = "app") -> list[VisualLine]:
    """Lay `text` out in lines of at most `width` cells; one input line is one paragraph.

    Blank lines stay (an empty VisualLine each), so a final newline gives a last empty line.
    `app` shapes, reorders, mirrors and right-aligns RTL paragraphs; `terminal` keeps logical
    order, unshaped, unaligned, for terminals that do bidi themselves.
    """
    _check(width, mode)
    return list(_layout(text, width, mode))


def render_lines(text: str, width: int, *, mode: BidiMode = "app") -> list[str]:
    """The printable strings of `layout(text, width, mode=mode)`."""
    return [line.text for line in layout(text, width, mode=mode)]


def layout_line(
    text: str, width: int, *, mode: BidiMode = "app", ellipsis: str = "…"
) -> VisualLine:
    """One line: newlines become spaces; too wide, it is cut at its logical end + `ellipsis`."""
    _check(width, mode)
    return _layout_line(text, width, mode, ellipsis)


@lru_cache(maxsize=1024)
def _layout_line(text: str, width: int, mode: BidiMode, ellipsis: str) -> VisualLine:
    clean, clean_map = sanitize_with_map(text)
    clean = clean.replace("\n", " ")
    prepared = _prepare(clean, mode)
    total = prepared.cells(0, len(prepared.text))
    if total <= width:
        return _visual_line(prepared, (0, len(prepared.text), total), width, mode, 0, 0, clean_map)
    mark = ellipsis.translate(DROP_FORMAT)
    room = max(width - cell_width(mark), 0)
    cut = 0
    used = 0
    for _, piece_end, cells in prepared.pieces(0, len(prepared.text)):
        if used + cells > room:
            break
        cut, used = piece_end, used + cells
    kept = prepared.text[:cut]
    short = kept + mark
    source = array("i", [prepared.src(index) for index in range(cut)])
    hidden_from = prepared.src(cut)
    source.extend([hidden_from] * len(mark))
    widths = width_codes(short)
    if mode == "app":
        codes = bidi_codes(short)
        levels = paragraph_levels(short, prepared.rtl, codes)
    else:
        codes, levels = "", b""
    units = None if is_simple(widths) else clusters(short, widths)
    truncated = _Prepared(
        short, source, prepared.source_length, prepared.rtl, levels, codes, widths, units
    )
    cells = truncated.cells(0, len(short))
    return _visual_line(truncated, (0, len(short), cells), width, mode, 0, 0, clean_map)
