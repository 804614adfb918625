"""libfribidi as an independent bidi oracle (ctypes), plus the `fribidi` CLI for glyphs.

Test-only: akhbar never loads libfribidi at run time. `available()` says whether the library
is present; tests skip with a reason when it is not.

- `visual_orders(paragraph, spans, rtl)`: for each line span [start, end) of one paragraph,
  the source indices in visual order. Levels are resolved over the whole paragraph
  (`fribidi_get_par_embedding_levels_ex`, with bracket types), then each line is reordered
  with `fribidi_reorder_line(FRIBIDI_FLAG_REORDER_NSM)`, which also applies rule L1.
- `mirrored(paragraph, rtl)`: the paragraph with Bidi_Mirroring_Glyph applied at odd levels.
- `cli_visual(paragraphs, rtl)`: the `fribidi` command's shaped visual string of each
  paragraph at unbounded width (one input line is one paragraph for the CLI).
- `norm(visual)`: folds shaping so two visual strings compare (see the Arabic display note).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import shutil
import subprocess
import unicodedata
from array import array
from collections.abc import Sequence
from functools import lru_cache

FRIBIDI_PAR_LTR = 0x110
FRIBIDI_PAR_RTL = 0x111
FRIBIDI_FLAG_REORDER_NSM = 0x2

_Char = ctypes.c_uint32
_Type = ctypes.c_uint32
_Bracket = ctypes.c_uint32
_Level = ctypes.c_int8
_Index = ctypes.c_int


@lru_cache(maxsize=1)
def _library() -> ctypes.CDLL | None:
    for name in ("libfribidi.so.0", ctypes.util.find_library("fribidi")):
        if not name:
            continue
        try:
            library = ctypes.CDLL(name)
        except OSError:
            continue
        library.fribidi_get_bidi_types.restype = None
        library.fribidi_get_bracket_types.restype = None
        library.fribidi_get_par_embedding_levels_ex.restype = _Level
        library.fribidi_reorder_line.restype = _Level
        library.fribidi_get_mirror_char.restype = ctypes.c_int
        return library
    return None


def available() -> bool:
    """True when libfribidi can be loaded."""
    return _library() is not None


def cli_available() -> bool:
    """True when the `fribidi` command (Debian libfribidi-bin) is on PATH."""
    return shutil.which("fribidi") is not None


def _lib() -> ctypes.CDLL:
    library = _library()
    if library is None:
        raise RuntimeError("libfribidi is not installed")
    return library


def _resolve(paragraph: str, rtl: bool) -> tuple[ctypes.Array[_Type], ctypes.Array[_Level], int]:
    library = _lib()
    length = len(paragraph)
    chars = (_Char * max(length, 1)).from_buffer_copy(
        (paragraph or "\0").encode("utf-32-le", "surrogatepass")
    )
    types = (_Type * max(length, 1))()
    brackets = (_Bracket * max(length, 1))()
    levels = (_Level * max(length, 1))()
    library.fribidi_get_bidi_types(chars, _Index(length), types)
    library.fribidi_get_bracket_types(chars, _Index(length), types, brackets)
    base = ctypes.c_uint32(FRIBIDI_PAR_RTL if rtl else FRIBIDI_PAR_LTR)
    if length:
        result = library.fribidi_get_par_embedding_levels_ex(
            types, brackets, _Index(length), ctypes.byref(base), levels
        )
        if result == 0:
            raise RuntimeError("fribidi_get_par_embedding_levels_ex failed")
    return types, levels, base.value


def paragraph_levels(paragraph: str, rtl: bool) -> list[int]:
    """libfribidi's resolved levels of one paragraph, before L1."""
    _, levels, _ = _resolve(paragraph, rtl)
    return list(levels)[: len(paragraph)]


def visual_orders(paragraph: str, spans: Sequence[tuple[int, int]], rtl: bool) -> list[list[int]]:
    """Visual order of source indices for each line span of `paragraph` (levels per paragraph)."""
    library = _lib()
    types, levels, base = _resolve(paragraph, rtl)
    length = len(paragraph)
    index_map = (_Index * max(length, 1)).from_buffer_copy(array("i", range(max(length, 1))))
    orders: list[list[int]] = []
    for start, end in spans:
        if end > start:
            library.fribidi_reorder_line(
                ctypes.c_uint32(FRIBIDI_FLAG_REORDER_NSM),
                types,
                _Index(end - start),
                _Index(start),
                ctypes.c_uint32(base),
                levels,
                None,
                index_map,
            )
        orders.append(list(index_map[start:end]))
    return orders


@lru_cache(maxsize=256)
def mirrored(paragraph: str, rtl: bool) -> str:
    """`paragraph` with each character at an odd resolved level replaced by its mirror glyph."""
    library = _lib()
    candidates = [char for char in set(paragraph) if unicodedata.mirrored(char)]
    if not candidates:
        return paragraph
    _, levels, _ = _resolve(paragraph, rtl)
    out = list(paragraph)
    for index, char in enumerate(paragraph):
        if char not in candidates or not levels[index] & 1:
            continue
        glyph = _Char(ord(char))
        if library.fribidi_get_mirror_char(_Char(ord(char)), ctypes.byref(glyph)):
            out[index] = chr(glyph.value)
    return "".join(out)


def cli_visual(paragraphs: Sequence[str], rtl: bool) -> list[str]:
    """The `fribidi` CLI's visual (shaped, mirrored) string of each paragraph, unbounded width."""
    if not paragraphs:
        return []
    result = subprocess.run(
        ["fribidi", "--nopad", "--nobreak", "--clean", "--rtl" if rtl else "--ltr"],
        input="\n".join(paragraphs) + "\n",
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    lines = result.stdout.split("\n")
    return lines[: len(paragraphs)]


class _NormTable(dict[int, str]):
    """Per-character `norm` folding, computed once per character (a `str.translate` table)."""

    def __missing__(self, key: int) -> str:
        char = chr(key)
        decomposed = unicodedata.normalize("NFKC", char)
        if len(decomposed) > 1 and unicodedata.bidirectional(char) in ("AL", "R"):
            decomposed = decomposed[::-1]
        folded = "".join(
            part for part in decomposed if unicodedata.category(part) not in ("Cf", "Mn", "Me")
        )
        self[key] = folded
        return folded


_NORM = _NormTable()


def norm(visual: str) -> str:
    """Fold shaping so that two VISUAL strings compare: presentation forms to letters.

    A ligature expands to letters in logical order, so an RTL one is reversed back; format
    characters and marks (harakat, which akhbar deletes) are dropped; ends are stripped.
    """
    return visual.translate(_NORM).strip()
