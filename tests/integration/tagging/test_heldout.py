"""Quality floors on the held-out sixth of ANERcorp's training file (../shared/ner).

The numbers to report come from `python -m reader.tagging.evaluate`; these floors only catch
regressions (they sit a few points under the measured values).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.tagging import Tagger
from reader.tagging.corpus import read_sentences, split
from reader.tagging.evaluate import document_level, entity_level


@pytest.fixture(scope="module")
def held_out(shared_dir: Path) -> list[list[tuple[str, str]]]:
    path = shared_dir / "ner" / "anercorp_train.txt"
    if not path.is_file():
        pytest.skip("../shared/ner/anercorp_train.txt is absent")
    train, held = split(read_sentences(path))
    assert len(held) == (len(train) + len(held)) // 6
    return held


def test_entity_level_floor(held_out: list[list[tuple[str, str]]]) -> None:
    scores = entity_level(Tagger(), held_out)
    assert scores["micro"]["f1"] >= 0.60  # type: ignore[index]
    assert scores["LOC"]["f1"] >= 0.78  # type: ignore[index]


def test_document_level_floor(held_out: list[list[tuple[str, str]]]) -> None:
    scores = document_level(Tagger(), held_out, 15)
    assert scores["actors"]["f1"] >= 0.52  # type: ignore[index]
    assert scores["places"]["f1"] >= 0.77  # type: ignore[index]
