"""Identity keys for deduplication: a normalised URL and a normalised body fingerprint."""

from __future__ import annotations

import hashlib
import unicodedata
from urllib.parse import unquote, urlsplit

# Bodies shorter than this (after normalisation) are too generic to prove two articles are one.
MIN_BODY_KEY_CHARS = 40

_TATWEEL = "\u0640"


def url_key(url: str) -> str | None:
    """The URL with what does not change the page dropped: scheme, `www.`, case of the host,
    percent-encoding, fragment and a trailing slash. None for an empty URL."""
    url = url.strip()
    if not url:
        return None
    parts = urlsplit(url)
    if not parts.netloc:
        return unquote(url).casefold()
    host = parts.netloc.lower().removeprefix("www.")
    path = unquote(parts.path).rstrip("/")
    query = unquote(parts.query)
    return f"{host}{path}" + (f"?{query}" if query else "")


def normalise_for_key(text: str) -> str:
    """Letters and digits only, without diacritics or tatweel, NFKC-folded, one space apart."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace(_TATWEEL, "")
    words: list[str] = []
    current: list[str] = []
    for char in folded:
        category = unicodedata.category(char)
        if category[0] in "LN":
            current.append(char)
        elif category == "Mn":
            continue
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return " ".join(words)


def body_key(paragraphs: tuple[str, ...]) -> str | None:
    """A fingerprint of the body that survives re-wrapping, punctuation and diacritics."""
    normalised = normalise_for_key(" ".join(paragraphs))
    if len(normalised) < MIN_BODY_KEY_CHARS:
        return None
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:32]
