"""Phrase gazetteers: longest-match lookup of folded names over a token sequence."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reader.tagging.arabic import fold, proclitic_variants, short_word_after_clitic
from reader.tagging.resources import (
    ALIASES_FILE,
    NAMES_FILE,
    PLACES_FILE,
    load_aliases,
    load_name_lists,
    place_names,
    place_rows,
)


@dataclass(frozen=True, slots=True)
class Match:
    """Tokens `start:end` name `display` (the clitic-free form the gazetteer ships)."""

    start: int
    end: int
    display: str


class Gazetteer:
    """Names keyed by their folded token tuple; a name's first token may carry proclitics."""

    def __init__(self, names: Iterable[str] = (), aliases: Iterable[tuple[str, str]] = ()) -> None:
        self._phrases: dict[tuple[str, ...], str] = {}
        self._longest: dict[str, int] = {}  # first word -> longest phrase starting with it
        self.max_len = 1
        for name in names:
            self.add(name, name)
        for alias, canonical in aliases:
            self.add(alias, canonical)

    def add(self, name: str, display: str) -> None:
        key = tuple(fold(name).split())
        if not key:
            return
        self._phrases.setdefault(key, display)
        self._longest[key[0]] = max(self._longest.get(key[0], 0), len(key))
        self.max_len = max(self.max_len, len(key))

    def __contains__(self, name: str) -> bool:
        return tuple(fold(name).split()) in self._phrases

    def __len__(self) -> int:
        return len(self._phrases)

    def get(self, name: str) -> str | None:
        return self._phrases.get(tuple(fold(name).split()))

    def find(self, folded_tokens: Sequence[str]) -> list[Match]:
        """Non-overlapping longest matches, left to right, over already folded tokens."""
        matches: list[Match] = []
        phrases = self._phrases
        longest = self._longest
        i = 0
        count = len(folded_tokens)
        while i < count:
            found: Match | None = None
            for first, shortest in _first_words(folded_tokens[i]):
                most = longest.get(first, 0)
                if not most:
                    continue
                for length in range(min(most, count - i), shortest - 1, -1):
                    key = (first, *folded_tokens[i + 1 : i + length])
                    display = phrases.get(key)
                    if display is not None:
                        if found is None or i + length > found.end:
                            found = Match(i, i + length, display)
                        break
            if found is not None:
                matches.append(found)
                i = found.end
            else:
                i += 1
        return matches


@lru_cache(maxsize=131072)
def _first_words(token: str) -> tuple[tuple[str, int], ...]:
    """How a phrase's first word may be written in `token`, each with the fewest words a match
    needs: a two-letter word after a one-letter clitic only starts a longer name (`لبي` in
    `لبي بي سي`), since alone it would be any short word."""
    readings = tuple((variant, 1) for variant in proclitic_variants(token))
    short = short_word_after_clitic(token)
    return readings if short is None else (*readings, (short, 2))


def feature_gazetteers(
    name_lists: Mapping[str, Sequence[str]],
    strong_places: Iterable[str],
    place_aliases: Iterable[tuple[str, str]],
) -> dict[str, Gazetteer]:
    """The name lists the CRF marks tokens with, by feature key: one per hand-written list of
    `names.tsv` (`club`, `given`, `org`, `person`), and `strong`: the places of the place list
    that are no GeoNames city (countries, territories, CLDR cities) and the hand-written
    place aliases, a surer sign than the whole list."""
    gazetteers = {kind: Gazetteer(names) for kind, names in sorted(name_lists.items())}
    gazetteers["strong"] = Gazetteer(strong_places, place_aliases)
    return gazetteers


def load_feature_gazetteers(data_dir: Path) -> dict[str, Gazetteer]:
    """`feature_gazetteers` from the files of a tagger's data folder."""
    return feature_gazetteers(
        load_name_lists(data_dir / NAMES_FILE),
        place_names(place_rows(data_dir / PLACES_FILE), strong_only=True),
        load_aliases("place", data_dir / ALIASES_FILE),
    )
