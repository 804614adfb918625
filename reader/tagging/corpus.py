"""Reading ANERcorp (`token TAG` lines, a blank line between sentences) for training and tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reader.tagging.arabic import clean, tokenize

Sentence = list[tuple[str, str]]


@dataclass(frozen=True, slots=True)
class Span:
    """An annotated or predicted name: tokens `start:end` of one sentence, of type `label`."""

    start: int
    end: int
    label: str


def default_ner_dir() -> Path:
    """`../shared/ner` beside the source checkout."""
    return Path(__file__).resolve().parents[3] / "shared" / "ner"


def read_sentences(path: Path) -> list[Sentence]:
    """Sentences of (token, BIO tag), tokens cleaned and re-tokenized as the tagger sees them."""
    sentences: list[Sentence] = []
    current: Sentence = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if current:
                sentences.append(current)
                current = []
            continue
        token, tag = parts[0], parts[-1]
        pieces = tokenize(clean(token))
        for index, piece in enumerate(pieces):
            if tag == "O" or (not piece[:1].isalnum() and index > 0):
                current.append((piece, "O"))
            elif index == 0:
                current.append((piece, tag))
            else:
                current.append((piece, "I-" + tag[2:]))
    if current:
        sentences.append(current)
    return sentences


def split(sentences: list[Sentence]) -> tuple[list[Sentence], list[Sentence]]:
    """Training part and held-out part: the last sixth in sentence order is held out."""
    cut = len(sentences) - len(sentences) // 6
    return sentences[:cut], sentences[cut:]


def spans(tags: list[str]) -> list[Span]:
    """Entity spans of a BIO sequence; a stray I- starts a new span."""
    found: list[Span] = []
    start = -1
    label = ""
    for index, tag in enumerate([*tags, "O"]):
        kind = tag[2:] if tag != "O" else ""
        if start >= 0 and (tag == "O" or tag.startswith("B-") or kind != label):
            found.append(Span(start, index, label))
            start = -1
        if tag != "O" and start < 0:
            start = index
            label = kind
    return found
