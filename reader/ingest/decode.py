"""Bytes to text: BOMs, UTF-16, a declared charset, UTF-8, then the Arabic legacy code pages.

Whatever is chosen is checked: legacy decodings must read as Arabic, and UTF-8 text that is
really Arabic misread once (mojibake such as "Ø§Ù„" or "ط§ظ„") is repaired or refused.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from reader.errors import InputError
from reader.ingest.clean import TERMINAL_ESCAPES

LEGACY_ENCODINGS = ("windows-1256", "iso-8859-6")

_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

_DECLARED = re.compile(
    rb"""(?:<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})["']"""
    rb"""|<meta[^>]{0,300}?charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40}))""",
    re.IGNORECASE,
)

# Arabic letters read through the wrong code page: UTF-8 bytes D8/D9 shown as Latin-1 or
# windows-1256 letters, each followed by a continuation byte's character.
_MOJIBAKE = re.compile(
    "[ØÙ][\u0080-\u00bf\u2018-\u203a\u0152-\u0192]|[طظ][\u00a0-\u00bf\u2018-\u203aپ-ڈ]"
)


def sniff_binary(data: bytes) -> str | None:
    """Why `data` is not text (a known file signature, NUL bytes), or None when it may be."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return f"binary file ({what})"
    return None


def declared_charset(data: bytes) -> str | None:
    """The charset an XML declaration or an HTML <meta> states in the first 4 KB, if known."""
    match = _DECLARED.search(data[:4096])
    if match is None:
        return None
    name = (match.group(1) or match.group(2)).decode("ascii")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def utf16_kind(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    # Arabic in UTF-16 has 0x06 high bytes, Latin has 0x00: count both as "high" bytes.
    even_high = sum(1 for b in sample[0::2] if b in (0, 6))
    odd_high = sum(1 for b in sample[1::2] if b in (0, 6))
    if odd_high > 0.8 * half and odd_nuls + even_nuls > 0 and even_nuls < 0.1 * half:
        return "utf-16-le"
    if even_high > 0.8 * half and odd_nuls + even_nuls > 0 and odd_nuls < 0.1 * half:
        return "utf-16-be"
    return None


_LETTER = re.compile(r"[^\W\d_]")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f]")


def letter_shares(text: str) -> tuple[int, float]:
    """The number of letters in `text` and the share of them that are Arabic."""
    letters = len(_LETTER.findall(text))
    if not letters:
        return 0, 0.0
    return letters, len(_ARABIC_LETTER.findall(text)) / letters


def _control_share(text: str) -> float:
    """Share of control characters other than terminal escape sequences (which ingest strips
    from real text) among the first 20,000 characters."""
    sample = TERMINAL_ESCAPES.sub("", text[:20000])
    if not sample:
        return 0.0
    bad = sum(
        1 for char in sample if unicodedata.category(char) == "Cc" and char not in "\n\r\t\f\a"
    )
    return bad / len(sample)


def mojibake_share(text: str) -> float:
    """Share of letters caught in a mojibake pattern (0 for clean text)."""
    letters, _ = letter_shares(text)
    if not letters:
        return 0.0
    return 2 * len(_MOJIBAKE.findall(text)) / letters


def _repair_mojibake(text: str) -> str | None:
    """Undo one wrong decoding of UTF-8 (as Latin-1/windows-1252 or windows-1256)."""
    for wrong in ("windows-1256", "latin-1", "windows-1252"):
        try:
            repaired = text.encode(wrong).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if mojibake_share(repaired) < 0.01 and letter_shares(repaired)[1] > 0.5:
            return repaired
    return None


_MIXED_WORD = re.compile(r"[A-Za-z][\u0600-\u06ff]|[\u0600-\u06ff][A-Za-z]")


def _legacy_score(text: str) -> float:
    """How much a legacy decoding reads like Arabic: among the non-ASCII letters (ASCII is the
    same in every candidate code page), the Arabic share minus the stray Latin accents and
    minus Arabic letters glued to Latin ones inside a word (accents read as Arabic)."""
    letters = [char for char in _LETTER.findall(text) if char > "\x7f"]
    if not letters:
        return 1.0
    arabic = sum(1 for char in letters if _ARABIC_LETTER.match(char))
    accents = sum(1 for char in letters if "\u00c0" <= char <= "\u00ff")
    glued = len(_MIXED_WORD.findall(text))
    return (arabic - accents - 2 * glued) / len(letters)


def _western(data: bytes) -> str | None:
    """A Western European text in windows-1252, when every non-ASCII letter is a Latin one."""
    try:
        text = data.decode("windows-1252")
    except UnicodeDecodeError:
        return None
    every = _LETTER.findall(text)
    letters = [char for char in every if char > "\x7f"]
    latin = sum(1 for char in letters if "\u00c0" <= char <= "\u024f")
    # Accents are a minority in real Western text; other code pages read this way are all
    # accents ("Ïðàâèòåëüñòâî").
    plausible = letters and latin == len(letters) and len(letters) <= 0.3 * len(every)
    return text if plausible and _control_share(text) == 0 else None


def decode(data: bytes, source: str, *, declared: str | None = None) -> tuple[str, str]:
    """Decode `data` to text and name the encoding used; InputError when it is not text."""
    binary = sniff_binary(data)
    if binary:
        raise InputError(source, binary)
    text: str | None = None
    encoding = ""
    if data.startswith(codecs.BOM_UTF8):
        text, encoding = data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)) and len(data) % 4 == 0:
        text, encoding = data.decode("utf-32", errors="replace"), "utf-32"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = data.decode("utf-16", errors="replace"), "utf-16"
    else:
        kind = utf16_kind(data)
        if kind is not None:
            text, encoding = data.decode(kind, errors="replace"), kind
    if text is None and b"\x00" in data[:65536]:
        raise InputError(source, "binary file (contains NUL bytes)")
    if text is None:
        declared = declared or declared_charset(data)
        candidates: list[str] = []
        if declared and declared not in ("utf-8", "ascii"):
            candidates.append(declared)
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            scored: list[tuple[float, str, str]] = []
            for name in [*candidates, *LEGACY_ENCODINGS]:
                try:
                    decoded = data.decode(name)
                except (UnicodeDecodeError, LookupError):
                    continue
                bonus = 0.05 if name in candidates else 0.0
                scored.append((_legacy_score(decoded) + bonus, name, decoded))
            if not scored:
                raise InputError(
                    source,
                    "not text in a known encoding (tried UTF-8, UTF-16, windows-1256, ISO-8859-6)",
                ) from None
            scored.sort(key=lambda item: item[0], reverse=True)
            _score, encoding, text = scored[0]
            # Other code pages (Cyrillic, Greek...) also decode as windows-1256, into Arabic
            # letters mixed with accented Latin ones: real Arabic has few of the latter.
            arabic_page = codecs.lookup(encoding).name in ("cp1256", "iso8859-6")
            if arabic_page and _legacy_score(text) < 0.5:
                western = _western(data)
                if western is not None:
                    return western, "windows-1252"
                raise InputError(
                    source,
                    "not UTF-8 and does not read as Arabic in windows-1256 or ISO-8859-6 "
                    "(unknown encoding)",
                ) from None
    if mojibake_share(text) > 0.05:
        repaired = _repair_mojibake(text)
        if repaired is None:
            raise InputError(
                source, "garbled text (mojibake: Arabic decoded with the wrong code page)"
            )
        text, encoding = repaired, f"{encoding}+repaired"
    if _control_share(text) > 0.01:
        raise InputError(source, "binary file (control characters), not text")
    return text, encoding
