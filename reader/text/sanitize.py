"""Make untrusted article text safe for a terminal, keeping a map back to the input.

Removes terminal escape sequences (7-bit and 8-bit), C0/C1 controls, NUL and the explicit
bidi embedding/override/isolate characters; turns CR, CRLF, NEL, U+2028 and U+2029 into
paragraph breaks; expands tabs; replaces lone surrogates with U+FFFD. An OSC/DCS/SOS/PM/APC
string without its terminator ends at the end of its line, so a stray ESC cannot swallow the
rest of an article. LRM, RLM and ALM stay (they matter to bidi; layout never prints them).
"""

from __future__ import annotations

import re
import unicodedata

TAB_SIZE = 8

# One alternation; the first branch that matches at a position wins, so order matters.
_UNSAFE = re.compile(
    r"""
      (?P<csi> (?:\x1b\[|\x9b) [0-?]* [ -/]* [@-~]? )            # CSI (final byte may be missing)
    | (?P<string> (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])        # OSC DCS SOS PM APC
                  [^\x07\x1b\x9c\n]* (?:\x07|\x1b\\|\x9c)? )      # ... up to BEL/ST or end of line
    | (?P<esc> \x1b [ -/]* [0-~]? )                               # nF / Fp / Fe / Fs, or a lone ESC
    | (?P<newline> \r\n? | [\x85\u2028\u2029] )
    | (?P<tab> \t )
    | (?P<surrogate> [\ud800-\udfff] )
    | (?P<drop> [\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]+ )
    """,
    re.VERBOSE,
)


def sanitize_with_map(text: str) -> tuple[str, list[int]]:
    """Return the clean text and, for each of its characters, its index in `text`."""
    pieces: list[str] = []
    source: list[int] = []
    position = 0
    column = 0  # characters since the last newline, for tab stops
    for match in _UNSAFE.finditer(text):
        start = match.start()
        if start > position:
            kept = text[position:start]
            pieces.append(kept)
            source.extend(range(position, start))
            newline = kept.rfind("\n")
            column = len(kept) - newline - 1 if newline >= 0 else column + len(kept)
        kind = match.lastgroup
        if kind == "newline":
            pieces.append("\n")
            source.append(start)
            column = 0
        elif kind == "tab":
            spaces = TAB_SIZE - column % TAB_SIZE
            pieces.append(" " * spaces)
            source.extend([start] * spaces)
            column += spaces
        elif kind == "surrogate":
            pieces.append("\ufffd")
            source.append(start)
            column += 1
        position = match.end()
    if position == 0:
        return text, list(range(len(text)))
    if position < len(text):
        pieces.append(text[position:])
        source.extend(range(position, len(text)))
    return "".join(pieces), source


def sanitize(text: str) -> str:
    """Return `text` without anything a terminal would interpret (see the module docstring)."""
    return sanitize_with_map(text)[0]


_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")


def fold_with_map(text: str) -> tuple[str, list[int] | None]:
    """Fold Arabic presentation forms to letters; the map gives each output char's input index.

    The map is None when nothing was folded (the common case), meaning identity.
    """
    if _PRESENTATION_FORMS.search(text) is None:
        return text, None
    pieces: list[str] = []
    source: list[int] = []
    position = 0
    for match in _PRESENTATION_FORMS.finditer(text):
        start = match.start()
        if start > position:
            pieces.append(text[position:start])
            source.extend(range(position, start))
        folded = unicodedata.normalize("NFKC", match.group())
        pieces.append(folded)
        source.extend([start] * len(folded))
        position = start + 1
    pieces.append(text[position:])
    source.extend(range(position, len(text)))
    return "".join(pieces), source


def fold_presentation_forms(text: str) -> str:
    """Turn Arabic presentation forms (U+FB50-FDFF, U+FE70-FEFE) back into letters (NFKC)."""
    return fold_with_map(text)[0]
