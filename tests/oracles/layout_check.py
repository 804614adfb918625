"""Compare `reader.text.layout` with libfribidi line by line (order, mirroring) and glyphs.

`order_mismatches(text, width)` lays `text` out and checks every line against
`fribidi.visual_orders` for the same line span (levels over the paragraph, REORDER_NSM), and
every unshaped character against libfribidi's mirroring. `glyph_mismatches(text)` compares
each paragraph at unbounded width with the `fribidi` command's shaped output through `norm()`.
Both return human-readable descriptions of the differences (empty: all agree).
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Sequence

from reader.text import VisualLine, cell_width, layout, sanitize_with_map
from reader.text.chars import width_codes
from tests.oracles import fribidi


def _inverse(clean_map: Sequence[int], length: int) -> list[int]:
    inverse = [-1] * (length + 1)
    for clean_index, original in enumerate(clean_map):
        inverse[original] = clean_index
    return inverse


def _cell_chars(line: VisualLine) -> list[str]:
    """The printed character that starts at each column (zero-width ones join the previous)."""
    codes = width_codes(line.text)
    if set(codes) <= {"1"}:
        return list(line.text)
    columns: list[str] = []
    for char in line.text:
        columns.extend([char] * cell_width(char))
    return columns


def order_mismatches(text: str, width: int, *, mode: str = "app") -> list[str]:
    """Lines whose cell order or mirroring differs from libfribidi's (empty list: none)."""
    lines = layout(text, width, mode="app")
    clean, clean_map = sanitize_with_map(text)
    inverse = _inverse(clean_map, len(text))
    paragraphs = clean.split("\n")
    offsets = []
    offset = 0
    for paragraph in paragraphs:
        offsets.append(offset)
        offset += len(paragraph) + 1
    problems: list[str] = []
    by_paragraph: dict[int, list[VisualLine]] = {}
    for line in lines:
        by_paragraph.setdefault(line.paragraph, []).append(line)
    for number, paragraph_lines in by_paragraph.items():
        paragraph = paragraphs[number]
        base = offsets[number]
        rtl = paragraph_lines[0].rtl
        spans = []
        for line in paragraph_lines:
            if line.end > line.start:
                spans.append((inverse[line.start] - base, inverse[line.end - 1] + 1 - base))
            else:
                spans.append((0, 0))
        orders = fribidi.visual_orders(paragraph, spans, rtl)
        glyphs = fribidi.mirrored(paragraph, rtl)
        mirrorable = {i for i, char in enumerate(paragraph) if unicodedata.mirrored(char)}
        for line, order in zip(paragraph_lines, orders, strict=True):
            units = [unit for unit, _ in itertools.groupby(c for c in line.cells if c is not None)]
            primaries = [inverse[unit[0]] - base for unit in units]
            shown = set(primaries)
            expected = [index for index in order if index in shown]
            if primaries != expected:
                problems.append(
                    f"paragraph {number} width {width} span {line.start}-{line.end}: "
                    f"order {primaries} != fribidi {expected}"
                )
                continue
            if not mirrorable & shown:
                continue
            printed = _cell_chars(line)
            for column, cell in enumerate(line.cells):
                if cell is None:
                    continue
                primary = inverse[cell[0]] - base
                source = paragraph[primary]
                if primary in mirrorable and printed[column] != glyphs[primary]:
                    problems.append(
                        f"paragraph {number} width {width}: U+{ord(printed[column]):04X} printed "
                        f"for U+{ord(source):04X}, fribidi shows U+{ord(glyphs[primary]):04X}"
                    )
    return problems


def glyph_mismatches(texts: Sequence[str]) -> list[str]:
    """Paragraphs whose unbounded-width line differs from the fribidi CLI after `norm()`.

    All paragraphs of all `texts` go through two CLI runs (one per base direction).
    """
    wanted: dict[bool, list[tuple[str, str]]] = {True: [], False: []}
    for text in texts:
        clean, _ = sanitize_with_map(text)
        paragraphs = clean.split("\n")
        width = max(cell_width(paragraph) for paragraph in paragraphs) + 1
        for line in layout(text, width):
            paragraph = paragraphs[line.paragraph]
            if paragraph.strip():
                wanted[line.rtl].append((paragraph, line.text))
    problems = []
    for rtl, items in wanted.items():
        outputs = fribidi.cli_visual([paragraph for paragraph, _ in items], rtl)
        for (paragraph, mine), reference in zip(items, outputs, strict=True):
            if fribidi.norm(mine) != fribidi.norm(reference):
                problems.append(
                    f"{paragraph[:30]!r}...: {fribidi.norm(mine)!r} != fribidi "
                    f"{fribidi.norm(reference)!r}"
                )
    return problems
