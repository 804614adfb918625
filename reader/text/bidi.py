"""UAX #9 for wrapped lines: paragraph embedding levels, then L1, L2 and L4 per line.

python-bidi 0.6.12 (the Rust `unicode-bidi` crate) resolves the levels, but exposes them only
in the `{:#?}` dump that `get_display(..., debug=True)` returns: one `Level(n)` per UTF-8 byte,
before rule L1. This module parses that dump (the version is pinned; tests fail if its format
changes) and does L1, L2 (by grapheme cluster) and L4 itself, per line.
"""

from __future__ import annotations

import itertools
import re

from bidi import get_display
from bidi.mirror import MIRRORED

from reader.text.chars import bidi_codes

_LEVELS_HEADER = "\n    levels: [\n"
_LEVELS_FOOTER = "\n    ],\n"
# With single-digit levels every entry has the same shape, so the digits sit at a fixed stride.
_ENTRY = "        Level(\n            0,\n        ),\n"
_ENTRY_DIGIT = _ENTRY.index("0")
_LEVEL = re.compile(r"Level\(\s*(\d+),?\s*\)")
# For each UTF-8 byte: 1 if it starts a character, 0 for a continuation byte.
_LEAD_BYTE = bytes(0 if 0x80 <= value < 0xC0 else 1 for value in range(256))
_DIGIT_VALUE = bytes((value - 48) % 256 for value in range(256))


class BidiDumpError(RuntimeError):
    """python-bidi's debug dump no longer has the shape this parser was written for."""


# The common case of an Arabic news paragraph: RTL base, no Latin letters, no explicit
# formatting, no marks or BN. Then every character is at level 1 except numbers (level 2).
_FAST_RTL_CODES = frozenset("ARWocstEN")
_EUROPEAN_NUMBER = re.compile("E+")
_W4_EUROPEAN = re.compile("(?<=E)[cs](?=E)")
_W4_ARABIC = re.compile("(?<=N)c(?=N)")
_W5 = re.compile("(?<=E)t+|t+(?=E)")
_NUMBER_TO_LEVEL = bytes(2 if value in b"EN" else 1 for value in range(256))


def simple_rtl_levels(codes: str) -> bytes | None:
    """Levels of an RTL paragraph whose bidi codes are all in `_FAST_RTL_CODES`, else None.

    With R/AL as the only strong types (sos and eos are R), every neutral resolves to R (N1,
    N2, and N0 for brackets), so only W2/W4/W5 decide which characters are numbers (I2: 2).
    """
    if not _FAST_RTL_CODES.issuperset(codes):
        return None
    if "E" not in codes and "N" not in codes:
        return b"\x01" * len(codes)
    if "E" in codes:
        # W2: a European number after Arabic letters (previous strong type AL) is an AN.
        parts = []
        position = 0
        for match in _EUROPEAN_NUMBER.finditer(codes):
            start = match.start()
            if codes.rfind("A", 0, start) > codes.rfind("R", 0, start):
                parts.append(codes[position:start])
                parts.append("N" * (match.end() - start))
                position = match.end()
        if parts:
            parts.append(codes[position:])
            codes = "".join(parts)
    codes = _W4_EUROPEAN.sub("E", codes)  # W4: one separator between two ENs
    codes = _W4_ARABIC.sub("N", codes)  # W4: one common separator between two ANs
    codes = _W5.sub(lambda match: "E" * len(match.group()), codes)  # W5: terminators by ENs
    return codes.encode("ascii").translate(_NUMBER_TO_LEVEL)


def paragraph_levels(paragraph: str, rtl: bool, codes: str | None = None) -> bytes:
    """Resolved embedding levels (rules up to I2, before L1), one per character of `paragraph`.

    `paragraph` must not contain a paragraph separator; `rtl` is its base direction; `codes`
    are its bidi codes when the caller has them. Common Arabic paragraphs take a fast path;
    everything else comes from python-bidi.
    """
    if not paragraph:
        return b""
    if rtl:
        fast = simple_rtl_levels(bidi_codes(paragraph) if codes is None else codes)
        if fast is not None:
            return fast
    return python_bidi_levels(paragraph, rtl)


def python_bidi_levels(paragraph: str, rtl: bool) -> bytes:
    """Levels from python-bidi's debug dump (one `Level(n)` per UTF-8 byte, before L1)."""
    if not paragraph:
        return b""
    dump = get_display(paragraph, base_dir="R" if rtl else "L", debug=True)
    if not isinstance(dump, str):
        raise BidiDumpError("get_display(debug=True) did not return a string")
    encoded = paragraph.encode("utf-8", "surrogatepass")
    head = dump.find(_LEVELS_HEADER)
    if head < 0:
        raise BidiDumpError("no 'levels' list in python-bidi's debug output")
    begin = head + len(_LEVELS_HEADER)
    end = dump.find(_LEVELS_FOOTER, begin)
    if end < 0:
        raise BidiDumpError("unterminated 'levels' list in python-bidi's debug output")
    section = dump[begin : end + 1]
    per_byte: bytes
    if len(section) == len(_ENTRY) * len(encoded):
        digits = section[_ENTRY_DIGIT :: len(_ENTRY)]
        if not digits.isdigit() or section[: len(_ENTRY)] != _ENTRY.replace("0", digits[0]):
            raise BidiDumpError("unexpected 'levels' entries in python-bidi's debug output")
        per_byte = digits.encode("ascii").translate(_DIGIT_VALUE)
    else:
        values = [int(value) for value in _LEVEL.findall(section)]
        if len(values) != len(encoded) or max(values) > 125:
            raise BidiDumpError(f"python-bidi gave {len(values)} levels for {len(encoded)} bytes")
        per_byte = bytes(values)
    if len(encoded) == len(paragraph):
        return per_byte
    return bytes(itertools.compress(per_byte, encoded.translate(_LEAD_BYTE)))


# L1: whitespace, isolate formatting characters and X9-removed characters (BN, explicit
# embeddings) at the end of a line or before a segment/paragraph separator.
_TRAILING = re.compile("[Wipbx]*$")
_BEFORE_SEPARATOR = re.compile("[Wipbx]*[SB]")


def line_levels(levels: bytes, codes: str, base_level: int) -> bytearray:
    """Apply rule L1 to the levels of one line (`codes` are the line's bidi codes)."""
    result = bytearray(levels)
    trailing = _TRAILING.search(codes)
    if trailing is not None:
        start = trailing.start()
        result[start:] = bytes([base_level]) * (len(result) - start)
    if "S" in codes or "B" in codes:
        for match in _BEFORE_SEPARATOR.finditer(codes):
            start, end = match.span()
            result[start:end] = bytes([base_level]) * (end - start)
    return result


_RUN = re.compile(rb"(.)\1*", re.DOTALL)

# A visual segment of a line: [start, end) in line positions, reversed or not, and its level.
Segment = tuple[int, int, bool, int]


def visual_segments(levels: bytes | bytearray) -> list[Segment]:
    """Rule L2 on level runs: the line's runs in visual order, each flagged when reversed."""
    spans = [(match.start(), match.end(), match.group()[0]) for match in _RUN.finditer(levels)]
    if not spans:
        return []
    order = list(range(len(spans)))
    flipped = [False] * len(spans)
    highest = max(span[2] for span in spans)
    lowest_odd = min(span[2] for span in spans) | 1
    for level in range(highest, lowest_odd - 1, -1):
        index = 0
        while index < len(order):
            if spans[order[index]][2] < level:
                index += 1
                continue
            stop = index
            while stop < len(order) and spans[order[stop]][2] >= level:
                stop += 1
            block = order[index:stop][::-1]
            order[index:stop] = block
            for run in block:
                flipped[run] = not flipped[run]
            index = stop
    return [(spans[run][0], spans[run][1], flipped[run], spans[run][2]) for run in order]


MIRROR_TABLE = {ord(char): mirror for char, mirror in MIRRORED.items()}


def mirror(text: str) -> str:
    """Rule L4: replace characters with their Bidi_Mirroring_Glyph (for odd levels)."""
    return text.translate(MIRROR_TABLE)


def resolved_line_levels(paragraph: str, rtl: bool) -> list[int]:
    """Levels after L1 for the whole paragraph taken as one line (for conformance tests)."""
    levels = paragraph_levels(paragraph, rtl)
    return list(line_levels(levels, bidi_codes(paragraph), 1 if rtl else 0))
