"""Arabic helpers for the tagger: display cleanup, folding for matching, tokens and clitics.

Kept inside `reader.tagging` (stdlib only) so the tagger and its training script agree exactly.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Harakat, tanween, shadda, sukun, superscript alef, Quranic marks, and tatweel.
_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad]")
_FOLD_TABLE = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ي",
        "ؤ": "و",
        "ئ": "ي",
        "ک": "ك",
        "ی": "ي",
        "ي": "ي",
    }
)
_DISPLAY_TABLE = str.maketrans({"ک": "ك", "ی": "ي"})
_HASHTAG = re.compile(r"#(\w+)")
# A token is a run of word characters (letters, digits) or one other visible character.
_TOKEN = re.compile(r"\w+|[^\w\s]")
_ARABIC_LETTER = re.compile("[\u0621-\u064a]")

# Proclitics an Arabic name can carry in running text, longest first.
_PROCLITICS = ("وبال", "وكال", "فبال", "وللل", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل")


def clean(text: str) -> str:
    """Text as the tagger reads it: no diacritics, tatweel or invisible marks; hashtags unfolded."""
    text = _INVISIBLE.sub("", _DIACRITICS.sub("", text)).translate(_DISPLAY_TABLE)
    return _HASHTAG.sub(lambda match: match.group(1).replace("_", " "), text)


@lru_cache(maxsize=131072)
def fold(text: str) -> str:
    """The matching key of a word or name: hamza forms, ta marbuta and alef maqsura folded."""
    return _DIACRITICS.sub("", text).translate(_FOLD_TABLE)


def tokenize(text: str) -> list[str]:
    """Word and punctuation tokens of already cleaned text."""
    return _TOKEN.findall(text)


def is_arabic_word(token: str) -> bool:
    return bool(_ARABIC_LETTER.match(token))


def short_word_after_clitic(token: str) -> str | None:
    """`لبي` -> `بي`: a two-letter word after a one-letter proclitic. Only a longer name's
    first word is read so (`لبي بي سي`); alone it would be any short word (`بين`, `لكن`)."""
    if len(token) == 3 and token[0] in "وفبلك":
        return token[1:]
    return None


@lru_cache(maxsize=131072)
def proclitic_variants(token: str) -> tuple[str, ...]:
    """The ways to read `token` as proclitics + a word, most stripped last, the token first.

    `وروسيا` -> [`وروسيا`, `روسيا`]; `للحكومة` -> [`للحكومة`, `الحكومة`].
    """
    variants = [token]
    for clitic in _PROCLITICS:
        if token.startswith(clitic) and len(token) - len(clitic) >= 2:
            # The clitics stand before an article, which stays: `بالقدس` -> `القدس`, and
            # `لل` + stem stands for `ل` + `ال` + stem.
            stem = token[len(clitic) - 2 :] if clitic.endswith("ال") else token[len(clitic) :]
            if clitic.endswith("لل"):
                stem = "ال" + token[len(clitic) :]
            variants.append(stem)
            break
    for single in ("و", "ف", "ب", "ل", "ك"):
        if token.startswith(single) and len(token) >= 4:
            rest = token[1:]
            variants.append(rest)
            if single in "وف" and rest[:1] in ("ب", "ل", "ك") and len(rest) >= 4:
                variants.append(rest[1:])
            break
    # Each reading once, at its last place: the most stripped one ends the tuple.
    variants = list(reversed(dict.fromkeys(reversed(variants[1:]))))
    return (token, *(variant for variant in variants if variant != token))
