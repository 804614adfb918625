"""Measure the tagger on the held-out last sixth of ANERcorp's training file.

`python -m reader.tagging.evaluate [--ner-dir ../shared/ner] [--group 15]` first trains a
tagger on the first five sixths only (in a temporary folder, like `train --holdout`; needs the
`train` extra), then prints JSON (`--data-dir DIR` measures an already built folder instead;
the shipped data have seen the held-out sentences, so measuring them there means nothing):
- entity level: exact (start, end, type) spans per sentence, model only and the full tagger;
- document level: per group of consecutive sentences, the sets of canonical actor names
  (ANERcorp PERS + ORG) and place names (LOC), gold names canonicalised the same way; once
  with the shipped tagger, once without the editor's extra actors (ministries, armies...),
  which ANERcorp leaves untagged and so counts as false positives.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reader.models import TagKind
from reader.tagging.arabic import fold
from reader.tagging.canonical import Mention, canonical_tags, clean_name
from reader.tagging.corpus import Sentence, default_ner_dir, read_sentences, spans, split
from reader.tagging.features import sequence_features, topic_flags
from reader.tagging.tagger import Tagger

_KIND = {"PERS": TagKind.ACTOR, "ORG": TagKind.ACTOR, "LOC": TagKind.PLACE}


@dataclass(slots=True)
class Score:
    """True positives, false positives and false negatives, with F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: set[object], gold: set[object]) -> None:
        self.tp += len(predicted & gold)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    def as_dict(self) -> dict[str, float]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def entity_level(tagger: Tagger, sentences: list[Sentence]) -> dict[str, object]:
    """Exact-span F1 per ANERcorp type for the CRF alone (the comparable number)."""
    resources = tagger.loaded()
    per_type: dict[str, Score] = {label: Score() for label in ("PERS", "LOC", "ORG", "MISC")}
    micro = Score()
    tokens_seen = 0
    started = time.perf_counter()
    topics = topic_flags([[token for token, _ in sentence] for sentence in sentences])
    for sentence, topic in zip(sentences, topics, strict=True):
        tokens = [token for token, _ in sentence]
        tokens_seen += len(tokens)
        labels = resources.crf.tag(sequence_features(tokens, resources.knowledge, topic))
        predicted = {(s.start, s.end, s.label) for s in spans(labels)}
        gold = {(s.start, s.end, s.label) for s in spans([tag for _, tag in sentence])}
        for label, score in per_type.items():
            score.add({p for p in predicted if p[2] == label}, {g for g in gold if g[2] == label})
        micro.add(set(predicted), set(gold))
    elapsed = time.perf_counter() - started
    result: dict[str, object] = {label: score.as_dict() for label, score in per_type.items()}
    result["micro"] = micro.as_dict()
    result["tokens_per_second"] = round(tokens_seen / elapsed)
    return result


def _folded_set(names: Iterable[str]) -> set[object]:
    return {fold(name) for name in names}


def document_level(tagger: Tagger, sentences: list[Sentence], group: int) -> dict[str, object]:
    """Set F1 of canonical names per group of `group` sentences, actors and places."""
    lexicon = tagger.loaded().lexicon
    actors, places = Score(), Score()
    errors: dict[str, Counter[str]] = {key: Counter() for key in ("fp_a", "fn_a", "fp_p", "fn_p")}
    for first in range(0, len(sentences), group):
        chunk = sentences[first : first + group]
        gold_mentions: list[Mention] = []
        for sentence in chunk:
            tokens = [token for token, _ in sentence]
            for span in spans([tag for _, tag in sentence]):
                kind = _KIND.get(span.label)
                if kind is None:
                    continue
                name = clean_name(tokens[span.start : span.end], kind, lexicon)
                if name is not None:
                    gold_mentions.append(Mention(name, kind))
        gold_actors, gold_places = canonical_tags(gold_mentions, lexicon)
        tags = tagger.tag_texts([" ".join(token for token, _ in s) for s in chunk])
        predicted_actors, predicted_places = _folded_set(tags.actors), _folded_set(tags.places)
        actors.add(predicted_actors, _folded_set(gold_actors))
        places.add(predicted_places, _folded_set(gold_places))
        errors["fp_a"].update(str(x) for x in predicted_actors - _folded_set(gold_actors))
        errors["fn_a"].update(str(x) for x in _folded_set(gold_actors) - predicted_actors)
        errors["fp_p"].update(str(x) for x in predicted_places - _folded_set(gold_places))
        errors["fn_p"].update(str(x) for x in _folded_set(gold_places) - predicted_places)
    return {
        "group_sentences": group,
        "groups": (len(sentences) + group - 1) // group,
        "actors": actors.as_dict(),
        "places": places.as_dict(),
        "frequent_errors": {key: counter.most_common(15) for key, counter in errors.items()},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reader.tagging.evaluate", description=__doc__)
    parser.add_argument("--ner-dir", type=Path, default=default_ner_dir())
    parser.add_argument("--group", type=int, default=15, help="sentences per document")
    parser.add_argument("--errors", action="store_true", help="also list frequent errors")
    parser.add_argument("--data-dir", type=Path, help="a tagger built with `train --holdout`")
    parser.add_argument(
        "--folds",
        type=int,
        default=0,
        help="instead: train and score once per contiguous fold (e.g. 6), report mean and range",
    )
    args = parser.parse_args(argv)
    source = args.ner_dir / "anercorp_train.txt"
    if not source.is_file():
        print(f"evaluate: {source}: not found", file=sys.stderr)
        return 1
    if args.folds:
        json.dump(cross_validate(read_sentences(source), args.folds, args.group), sys.stdout)
        print()
        return 0
    train, held_out = split(read_sentences(source))
    with tempfile.TemporaryDirectory(prefix="akhbar-tagger-") as scratch:
        data_dir: Path = args.data_dir or Path(scratch)
        if args.data_dir is None:
            from reader.tagging.train import build

            build(data_dir, train)
        report = evaluate(data_dir, held_out, args.group, errors=args.errors)
    json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


def evaluate(
    data_dir: Path, held_out: list[Sentence], group: int, *, errors: bool = False
) -> dict[str, object]:
    """Entity-level and document-level scores of the tagger in `data_dir` on `held_out`."""
    tagger = Tagger(data_dir)
    document = document_level(tagger, held_out, group)
    if not errors:
        document.pop("frequent_errors")
    conventions = document_level(Tagger(data_dir, editor_rules=False), held_out, group)
    conventions.pop("frequent_errors")
    return {
        "held_out_sentences": len(held_out),
        "entity_level_model": entity_level(tagger, held_out),
        "document_level": document,
        "document_level_without_editor_rules": conventions,
    }


def cross_validate(sentences: list[Sentence], folds: int, group: int) -> dict[str, object]:
    """Scores with each of `folds` contiguous blocks held out in turn: mean, min and max of
    entity-level micro F1 and document-level actor and place F1. (The word clusters were
    built from the first five sixths as unlabelled text, so folds before the last are a
    little less unseen than the last one.)"""
    from reader.tagging.train import build

    rows: list[dict[str, float]] = []
    count = len(sentences)
    for fold_index in range(folds):
        first, stop = fold_index * count // folds, (fold_index + 1) * count // folds
        with tempfile.TemporaryDirectory(prefix="akhbar-tagger-") as scratch:
            build(Path(scratch), sentences[:first] + sentences[stop:])
            tagger = Tagger(Path(scratch))
            entity = entity_level(tagger, sentences[first:stop])
            document = document_level(tagger, sentences[first:stop], group)
        rows.append(
            {
                "entity_micro_f1": entity["micro"]["f1"],  # type: ignore[index]
                "document_actors_f1": document["actors"]["f1"],  # type: ignore[index]
                "document_places_f1": document["places"]["f1"],  # type: ignore[index]
            }
        )
    summary: dict[str, object] = {"folds": folds, "per_fold": rows}
    for key in rows[0]:
        values = [row[key] for row in rows]
        summary[key] = {
            "mean": round(sum(values) / len(values), 4),
            "min": min(values),
            "max": max(values),
        }
    return summary


if __name__ == "__main__":
    raise SystemExit(main())
