"""The tagger's shipped data files (package data under `reader/tagging/data`)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
MODEL_FILE = "model.crfsuite"
PLACES_FILE = "places.txt"
LEXICON_FILE = "lexicon.tsv"
NAME_WORDS_FILE = "name_words.tsv"
COMMON_WORDS_FILE = "common_words.txt"
ALIASES_FILE = "aliases.tsv"
ACTORS_FILE = "actors.txt"
CLUSTERS_FILE = "clusters.tsv"
NAMES_FILE = "names.tsv"


def load_lines(path: Path) -> list[str]:
    """Non-empty, non-comment lines of a UTF-8 list file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def load_aliases(kind: str, path: Path | None = None) -> list[tuple[str, str]]:
    """(alias, canonical) pairs of one kind (`actor` or `place`) from the handwritten table."""
    pairs: list[tuple[str, str]] = []
    for line in load_lines(path or DATA_DIR / ALIASES_FILE):
        fields = line.split("\t")
        if len(fields) == 3 and fields[0] == kind:
            pairs.append((fields[1], fields[2]))
    return pairs


COUNTRY_ORIGINS = ("babel-territory", "pycountry")


PlaceRow = tuple[str, str, str]  # (name, origin, common name; may be empty)


def place_rows(path: Path) -> list[PlaceRow]:
    """The rows of the generated place list (`name<TAB>origin[<TAB>common name]`)."""
    rows: list[PlaceRow] = []
    for line in load_lines(path):
        fields = [*line.split("\t"), "", ""]
        rows.append((fields[0], fields[1], fields[2]))
    return rows


def place_names(
    rows: Sequence[PlaceRow], *, strong_only: bool = False, countries_only: bool = False
) -> list[str]:
    """Names of the place list's rows; `strong_only` leaves out the geonames city names, which
    need the model's agreement; `countries_only` keeps only countries and territories."""
    return [
        name
        for name, origin, _common in rows
        if (not countries_only or origin in COUNTRY_ORIGINS)
        and (not strong_only or origin != "geonames")
    ]


def place_common_names(rows: Sequence[PlaceRow]) -> list[tuple[str, str]]:
    """(official or ISO name, common name) pairs of the place list (`دولة قطر`, `قطر`)."""
    return [(name, common) for name, _origin, common in rows if common]


def load_name_lists(path: Path) -> dict[str, list[str]]:
    """Hand-written names by list (`club`, `org`, `given`, `person`) from `names.tsv`."""
    lists: dict[str, list[str]] = {}
    for line in load_lines(path):
        kind, _, name = line.partition("\t")
        if name:
            lists.setdefault(kind, []).append(name)
    return lists


def load_name_words(path: Path) -> dict[str, str]:
    """Folded stem -> the kinds of name it mostly belongs to (`name_words.tsv`)."""
    pairs = (line.split("\t") for line in load_lines(path))
    return {fields[0]: fields[1] for fields in pairs if len(fields) == 2}
