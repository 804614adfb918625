"""The tagger's shipped data files (package data under `reader/tagging/data`)."""

from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
MODEL_FILE = "model.crfsuite"
PLACES_FILE = "places.txt"
LEXICON_FILE = "lexicon.tsv"
NAME_WORDS_FILE = "name_words.tsv"
COMMON_WORDS_FILE = "common_words.txt"
ALIASES_FILE = "aliases.tsv"
ACTORS_FILE = "actors.txt"


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


def place_names(path: Path, *, strong_only: bool = False) -> list[str]:
    """Names of the generated place list (`name<TAB>origin`); `strong_only` leaves out the
    geonames city names, which need the model's agreement."""
    names: list[str] = []
    for line in load_lines(path):
        name, _, origin = line.partition("\t")
        if not strong_only or origin != "geonames":
            names.append(name)
    return names


def load_name_words(path: Path) -> dict[str, str]:
    """Folded stem -> the kinds of name it mostly belongs to (`name_words.tsv`)."""
    pairs = (line.split("\t") for line in load_lines(path))
    return {fields[0]: fields[1] for fields in pairs if len(fields) == 2}
