"""Text hygiene for everything ingest produces: sanitized, folded, split into paragraphs."""

from __future__ import annotations

import re
import unicodedata

from reader.text import fold_presentation_forms, sanitize

TERMINAL_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC
    r"|\x1b[@-Z\\-_]?"  # two-byte escapes and a lone ESC
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)
_BIDI_CONTROLS = dict.fromkeys(
    [*range(0x202A, 0x202F), *range(0x2066, 0x206A)], None
)  # embeddings, overrides, isolates
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


def _basic_sanitize(text: str) -> str:
    """Terminal escapes, C0/C1 controls (but newline and tab) and bidi overrides removed."""
    text = TERMINAL_ESCAPES.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n\n")
    text = text.replace("\u2028", "\n").replace("\x0c", "\n").replace("\x0b", "\n")
    text = text.translate(_BIDI_CONTROLS)
    return _CONTROLS.sub("", text)


def clean_text(text: str) -> str:
    """Sanitized (no escapes, controls or bidi overrides), presentation forms folded, NFC."""
    text = _basic_sanitize(text)
    text = fold_presentation_forms(sanitize(text))
    text = text.replace("\ufeff", "").replace("\u00a0", " ")
    return unicodedata.normalize("NFC", text)


def one_line(text: str) -> str:
    """Clean text with all whitespace (newlines too) collapsed to single spaces."""
    return " ".join(clean_text(text).split())


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of clean text: blocks between blank lines when the text has them (hard-wrapped
    lines inside a block joined), otherwise one paragraph per line. No newlines inside."""
    text = clean_text(text).replace("\t", " ")
    text = text.strip("\n")
    if _BLANK_LINE.search(text):
        blocks = _BLANK_LINE.split(text)
        return [p for p in (" ".join(block.split()) for block in blocks) if p]
    return [p for p in (_SPACES.sub(" ", line).strip() for line in text.split("\n")) if p]
