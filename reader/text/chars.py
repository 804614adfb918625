"""Per-character facts the layout needs: bidi class, terminal cell width, grapheme clusters.

Each fact is a one-letter code so that a whole paragraph is classified by one `str.translate`
(C speed, results cached per character).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Literal

from wcwidth import wcswidth, wcwidth

# Bidi class -> code letter.
_BIDI_CODE = {
    "L": "L", "R": "R", "AL": "A", "EN": "E", "ES": "s", "ET": "t", "AN": "N", "CS": "c",
    "NSM": "m", "BN": "b", "B": "B", "S": "S", "WS": "W", "ON": "o",
    "LRE": "x", "LRO": "x", "RLE": "x", "RLO": "x", "PDF": "x",
    "LRI": "i", "RLI": "i", "FSI": "i", "PDI": "p",
}  # fmt: skip


class _CodeTable(dict[int, str]):
    """A `str.translate` table that computes and caches the code of each new character."""

    def __init__(self, compute: Callable[[str], str]) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, key: int) -> str:
        code = self._compute(chr(key))
        self[key] = code
        return code


def _bidi_code(char: str) -> str:
    return _BIDI_CODE.get(unicodedata.bidirectional(char), "L")


ZWJ = "\u200d"

# Width codes: "0"/"1"/"2" start a cluster and take that many cells; "f" is a format character
# (never printed); "x"/"y"/"z" extend the previous cluster with 0/1/2 cells; "j" is ZWJ
# (extends, never printed, and lets a following pictograph join); "r" is a regional indicator.
_EXTEND_WIDTH = {0: "x", 1: "y", 2: "z"}


def _width_code(char: str) -> str:
    if char == ZWJ:
        return "j"
    category = unicodedata.category(char)
    if category == "Cf":
        return "f"
    if "\U0001f1e6" <= char <= "\U0001f1ff":
        return "r"
    width = max(wcwidth(char), 0)
    if category in ("Mn", "Me", "Mc") or "\U0001f3fb" <= char <= "\U0001f3ff":
        return _EXTEND_WIDTH[min(width, 2)]
    return str(min(width, 2))


BIDI_CODES = _CodeTable(_bidi_code)
WIDTH_CODES = _CodeTable(_width_code)

# Format characters are never printed (both modes); everything else maps to itself.
DROP_FORMAT = _CodeTable(lambda c: "" if _width_code(c) in ("f", "j") else c)


def bidi_codes(text: str) -> str:
    """One code letter per character of `text` for its bidi class (see `_BIDI_CODE`)."""
    return text.translate(BIDI_CODES)


def width_codes(text: str) -> str:
    """One code letter per character of `text` for its width and cluster role."""
    return text.translate(WIDTH_CODES)


SIMPLE_CODES = frozenset("012f")


def is_simple(codes: str) -> bool:
    """True when every character is its own cluster and its width code is exact."""
    return SIMPLE_CODES.issuperset(codes)


def simple_width(codes: str) -> int:
    """Cells of characters whose width codes are all simple ("0", "1", "2", "f")."""
    ones = codes.count("1")
    if ones == len(codes):
        return ones
    return ones + 2 * codes.count("2")


def clusters(text: str, codes: str) -> list[tuple[int, int, int]]:
    """Grapheme clusters of `text` as (start, end, cells), simplified UAX #29.

    Marks, emoji modifiers and ZWJ extend a cluster, a pictograph after ZWJ joins it, and
    regional indicators pair up. Cells are measured on what is printed (format characters
    dropped) with `wcswidth`, which agrees with Rich on emoji sequences.
    """
    starts: list[int] = []
    pictograph = False
    flag_open = False
    previous = ""
    for index, code in enumerate(codes):
        if index > 0 and (
            code in "xyzj"
            or (previous == "j" and pictograph and code == "2")
            or (code == "r" and flag_open)
        ):
            flag_open = False
            previous = code
            continue
        starts.append(index)
        pictograph = code == "2"
        flag_open = code == "r"
        previous = code
    result: list[tuple[int, int, int]] = []
    ends = [*starts[1:], len(text)]
    for start, end in zip(starts, ends, strict=True):
        if end - start == 1:
            code = codes[start]
            if code in "012":
                result.append((start, end, int(code)))
                continue
            if code in "fj":
                result.append((start, end, 0))
                continue
        printed = text[start:end].translate(DROP_FORMAT)
        cells = wcswidth(printed)
        if cells < 0:
            cells = sum(max(wcwidth(char), 0) for char in printed)
        result.append((start, end, cells))
    return result


def cell_width(text: str) -> int:
    """Terminal cells `text` takes once format characters are dropped (as layout prints it)."""
    codes = width_codes(text)
    if is_simple(codes):
        return simple_width(codes)
    return sum(cells for _, _, cells in clusters(text, codes))


_ISOLATE_CODES = re.compile("[ip]")
_STRONG = re.compile("[LRA]")


def direction_of_codes(codes: str) -> Literal["rtl", "ltr"] | None:
    """P2/P3 on bidi codes: the first strong class outside isolates; None when there is none."""
    if _ISOLATE_CODES.search(codes) is None:
        match = _STRONG.search(codes)
        if match is None:
            return None
        return "ltr" if match.group() == "L" else "rtl"
    depth = 0
    for code in codes:
        if code == "i":
            depth += 1
        elif code == "p":
            depth = max(depth - 1, 0)
        elif depth == 0 and code in "LRA":
            return "ltr" if code == "L" else "rtl"
    return None


def paragraph_direction(paragraph: str) -> Literal["rtl", "ltr"]:
    """Direction of a paragraph by its first strong character (UAX #9 P2/P3); none: "rtl"."""
    return direction_of_codes(bidi_codes(paragraph)) or "rtl"
