"""Latin-script names inside Arabic text: brands and agencies an editor writes in Latin letters
(`OpenAI`, `Reuters`, `وGoogle`). Plausible names only: capitalised words and acronyms, never
sentences; English paragraphs and glosses in brackets (`(UNESCO)`) give none."""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.tagging.arabic import is_arabic_word


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# `Google`, `OpenAI`, `McDonald`, `Al`: a capital and then letters or digits.
_CAPITALISED = re.compile(r"[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*\Z")
# `UNESCO`, `BBC`, `G20`: three or more capitals (two-letter ones are mostly units: `GB`, `AI`).
_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{2,}\Z")
# An Arabic proclitic written onto a Latin word: `وGoogle`, `لـMeta` (tatweel is cleaned away).
_CLITIC_ON_LATIN = re.compile(r"([وفبلك]{1,2})([A-Za-z].*)\Z")
# Capitalised words that are no names: titles, articles, months, weekdays, technical acronyms and
# product-line words (`Pro`, `Max`).
NOT_LATIN_NAMES = _words(
    "The A An And Of For In On At To By With From This That These Those It He She We They I "
    "Dr Mr Mrs Ms Prof Sir Mme Jr Sr St CEO USB GPS PDF HTML HTTP HTTPS URL WWW GDP FAQ API "
    "January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday "
    "LCD LED OLED SIM VAR VoIP GPU CPU RAM SSD NFC SMS MMS DNA RNA PCR ICU VIP "
    "Pro Max Plus Mini Ultra Lite Air Face"
)
MAX_LATIN_NAME = 4


def split_clitics(tokens: Sequence[str]) -> list[str]:
    """`وGoogle` -> `و`, `Google`: the Arabic conjunction or preposition is not part of a name."""
    out: list[str] = []
    for token in tokens:
        match = _CLITIC_ON_LATIN.match(token)
        if match:
            out.extend(match.groups())
        else:
            out.append(token)
    return out


def mostly_latin(text: str) -> bool:
    """A paragraph written mostly in Latin script (an English quote): no Latin names from it."""
    words = re.findall(r"\w+", text)
    latin = sum(1 for word in words if word.isascii() and word[:1].isalpha())
    arabic = sum(1 for word in words if is_arabic_word(word))
    return latin > arabic


def _lower_latin(token: str) -> bool:
    return token.isascii() and token[:1].isalpha() and token.islower()


def _name_word(token: str) -> bool:
    return bool(_CAPITALISED.match(token) or _ACRONYM.match(token)) and token not in NOT_LATIN_NAMES


def latin_names(tokens: Sequence[str]) -> list[tuple[int, int]]:
    """Token ranges of Latin-script names in an Arabic sentence: runs of capitalised words or
    acronyms (joined by `-`: `Al-Hussaini`), not in brackets and not a sentence's first word."""
    found: list[tuple[int, int]] = []
    count = len(tokens)
    index = 0
    while index < count:
        if not _name_word(tokens[index]):
            index += 1
            continue
        end = index + 1
        while end < count and end - index < MAX_LATIN_NAME * 2:
            if _name_word(tokens[end]):
                end += 1
            elif tokens[end] == "-" and end + 1 < count and _name_word(tokens[end + 1]):
                end += 2
            else:
                break
        previous = tokens[index - 1] if index > 0 else ""
        following = tokens[end] if end < count else ""
        gloss = previous == "(" and following == ")"
        first = index == 0 or previous in '.!?:«"“'
        lone_capital = end == index + 1 and not _ACRONYM.match(tokens[index])
        english = _lower_latin(previous) or _lower_latin(following)  # `Arabic deserves`
        if not gloss and not (first and lone_capital) and not english:
            found.append((index, end))
        index = end
    return found
