"""Arabic shaping with arabic-reshaper, run by run, cached, with a map back to the input.

Only maximal runs of Arabic letters (with their harakat and ZWJ) reach the reshaper, so emoji
ZWJ sequences and Latin text never do. Harakat are deleted, lam-alef ligatures are formed and
the Allah ligature is off (fonts lack its glyph, so it overflows its cell).
"""

from __future__ import annotations

import re
import unicodedata

from arabic_reshaper import ArabicReshaper
from arabic_reshaper.arabic_reshaper import HARAKAT_RE
from arabic_reshaper.letters import LETTERS_ARABIC

RESHAPER_CONFIGURATION = {
    "language": "Arabic",
    "delete_harakat": True,
    "delete_tatweel": False,
    "support_zwj": True,
    "shift_harakat_position": False,
    "use_unshaped_instead_of_isolated": False,
    "support_ligatures": True,
    "ARABIC LIGATURE ALLAH": False,
    "ARABIC LIGATURE LAM WITH ALEF": True,
    "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA ABOVE": True,
    "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA BELOW": True,
    "ARABIC LIGATURE LAM WITH ALEF WITH MADDA ABOVE": True,
}

_reshaper = ArabicReshaper(configuration=RESHAPER_CONFIGURATION)

_ZWJ = "\u200d"
_HARAKAT_CLASS = HARAKAT_RE.pattern.replace(" ", "").replace("\n", "").strip("[]")
_LETTER_CLASS = "".join(re.escape(letter) for letter in sorted(LETTERS_ARABIC) if letter != _ZWJ)
# A run starts with a letter or a haraka and continues with letters, harakat and ZWJ.
ARABIC_RUN = re.compile(
    f"[{_LETTER_CLASS}{_HARAKAT_CLASS}][{_LETTER_CLASS}{_HARAKAT_CLASS}{_ZWJ}]*"
)
_DELETABLE = re.compile(f"[{_HARAKAT_CLASS}{_ZWJ}]")

# A shaped run: the output and, when it is not one-to-one, each output char's input index.
ShapedRun = tuple[str, tuple[int, ...] | None]


def _align(run: str, shaped: str) -> tuple[int, ...] | None:
    """Input index of each shaped char, found by un-shaping with NFKC; deleted marks are skipped.

    Raises ValueError when the output cannot be explained by the input.
    """
    starts: list[int] = []
    index = 0
    for char in shaped:
        letters = unicodedata.normalize("NFKC", char) if char > "\u07ff" else char
        first = -1
        for letter in letters:
            while index < len(run) and run[index] != letter and _DELETABLE.match(run[index]):
                index += 1
            if index >= len(run) or run[index] != letter:
                raise ValueError(f"cannot align {shaped!r} with {run!r}")
            if first < 0:
                first = index
            index += 1
        starts.append(first)
    if len(starts) == len(run) and all(start == i for i, start in enumerate(starts)):
        return None
    return tuple(starts)


def _reshape_guarded(run: str) -> ShapedRun:
    """Reshape one run; on the reshaper's ZWJ IndexError retry without ZWJ, then give up."""
    for candidate in (run, run.replace(_ZWJ, "")):
        try:
            shaped = _reshaper.reshape(candidate)
            return shaped, _align(run, shaped)
        except (IndexError, ValueError):
            continue
    return run, None


def _prime(runs: list[str]) -> None:
    """Shape many uncached runs in one reshape() call, separated by newlines, and cache them."""
    missing = list(dict.fromkeys(run for run in runs if _ZWJ not in run))
    if len(missing) < 2:
        return
    try:
        pieces = _reshaper.reshape("\n".join(missing)).split("\n")
    except IndexError:
        return
    if len(pieces) != len(missing):
        return
    for run, shaped in zip(missing, pieces, strict=True):
        try:
            aligned: ShapedRun = (shaped, _align(run, shaped))
        except ValueError:
            continue
        _seed(run, aligned)


# Shaped runs by run text: words repeat, and reshape() has a high per-call cost.
_cached_runs: dict[str, ShapedRun] = {}
MAX_CACHED_RUNS = 200_000


def _seed(run: str, shaped: ShapedRun) -> None:
    if len(_cached_runs) >= MAX_CACHED_RUNS:
        _cached_runs.clear()
    _cached_runs[run] = shaped


def shape_run(run: str) -> ShapedRun:
    """Shape one Arabic run, cached."""
    shaped = _cached_runs.get(run)
    if shaped is None:
        shaped = _reshape_guarded(run)
        _seed(run, shaped)
    return shaped


def shape_with_map(text: str) -> tuple[str, list[int] | None]:
    """Shape the Arabic runs of `text`; the map gives each output char's index in `text`.

    The map is None when the output is the input (no Arabic letters).
    """
    matches = list(ARABIC_RUN.finditer(text))
    if not matches:
        return text, None
    uncached = [m.group() for m in matches if m.group() not in _cached_runs]
    if uncached:
        _prime(uncached)
    pieces: list[str] = []
    source: list[int] = []
    position = 0
    for match in matches:
        start, end = match.span()
        if start > position:
            pieces.append(text[position:start])
            source.extend(range(position, start))
        run = match.group()
        output, starts = _cached_runs.get(run) or shape_run(run)
        pieces.append(output)
        if starts is None:
            source.extend(range(start, end))
        else:
            source.extend([start + offset for offset in starts])
        position = end
    if position < len(text):
        pieces.append(text[position:])
        source.extend(range(position, len(text)))
    return "".join(pieces), source


def reshape_text(text: str) -> str:
    """Shape the Arabic runs of `text` (no reordering): presentation forms, logical order."""
    return shape_with_map(text)[0]
