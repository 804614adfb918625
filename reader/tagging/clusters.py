"""Word clusters from unlabelled Arabic news: a feature that carries what the model learns
about one name to words used the same way (`بنفيكا` beside `ميلان`).

At run time only `load_clusters` is used: `clusters.tsv` maps a folded stem to a frequency
bucket and its cluster at three granularities. `python -m reader.tagging.clusters` rebuilds the
file (needs numpy, in the `train` extra): context counts of the two words either side, positive
PMI, a seeded randomized SVD, then spherical k-means with k-means++ seeding, one run per size.
The text is the shared news sample (`../shared/corpus/sample.jsonl`) and the first five sixths
of ANERcorp's training file, never its held-out sixth, so the evaluation stays unseen.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from reader.tagging.arabic import clean, fold, proclitic_variants, tokenize
from reader.tagging.resources import CLUSTERS_FILE, DATA_DIR, load_lines

SEED = 20261129
MIN_COUNT = 3  # words seen fewer times get no cluster (their rarity is a feature itself)
CONTEXT_WORDS = 1000  # the most frequent stems, counted at offsets -2, -1, +1, +2
DIMENSIONS = 120
SIZES = (64, 256, 1024)
ITERATIONS = 25


def stem(token: str) -> str:
    """A token's key in the cluster table: folded, proclitics removed (as `stem_of`)."""
    return proclitic_variants(fold(token))[-1]


def load_clusters(path: Path) -> dict[str, tuple[str, ...]]:
    """Stem -> (frequency bucket, cluster ids small to large) from `clusters.tsv`."""
    table: dict[str, tuple[str, ...]] = {}
    for line in load_lines(path):
        fields = line.split("\t")
        if len(fields) >= 2:
            table[fields[0]] = tuple(fields[1:])
    return table


def news_sentences(corpus: Path) -> Iterator[list[str]]:
    """Stems of each paragraph of a JSON Lines news file (title and body)."""
    with corpus.open(encoding="utf-8") as handle:
        for line in handle:
            article = json.loads(line)
            text = f"{article.get('title', '')}\n{article.get('body', '')}"
            for paragraph in text.split("\n"):
                words = [stem(token) for token in tokenize(clean(paragraph))]
                if words:
                    yield words


def build_clusters(
    sentences: Iterable[list[str]], sizes: tuple[int, ...] = SIZES
) -> list[tuple[str, int, list[int]]]:
    """(stem, count, cluster id per size) for every stem seen `MIN_COUNT` times."""
    import numpy as np

    texts = [sentence for sentence in sentences if sentence]
    counts = Counter(word for sentence in texts for word in sentence)
    vocabulary = sorted(word for word, n in counts.items() if n >= MIN_COUNT)
    index = {word: i for i, word in enumerate(vocabulary)}
    frequent = sorted(counts, key=lambda word: (-counts[word], word))[:CONTEXT_WORDS]
    context = {word: i for i, word in enumerate(frequent)}
    offsets = (-2, -1, 1, 2)
    rows: list[int] = []
    columns: list[int] = []
    for sentence in texts:
        for position, word in enumerate(sentence):
            row = index.get(word)
            if row is None:
                continue
            for slot, offset in enumerate(offsets):
                other = position + offset
                if 0 <= other < len(sentence):
                    column = context.get(sentence[other])
                    if column is not None:
                        rows.append(row)
                        columns.append(slot * len(frequent) + column)
    matrix = np.zeros((len(vocabulary), len(offsets) * len(frequent)), dtype=np.float64)
    np.add.at(matrix, (np.array(rows), np.array(columns)), 1.0)
    total = matrix.sum()
    row_sums = matrix.sum(axis=1, keepdims=True)
    column_sums = matrix.sum(axis=0, keepdims=True) ** 0.75  # context smoothing
    column_sums *= total / column_sums.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(matrix * total / (row_sums * column_sums))
    ppmi = np.where(matrix > 0, np.maximum(pmi, 0.0), 0.0)
    rng = np.random.default_rng(SEED)
    # Randomized SVD (two power iterations) of the PPMI matrix.
    sample = ppmi @ rng.standard_normal((ppmi.shape[1], DIMENSIONS + 20))
    for _ in range(2):
        sample, _r = np.linalg.qr(sample)
        sample = ppmi @ (ppmi.T @ sample)
    basis, _r = np.linalg.qr(sample)
    small = basis.T @ ppmi
    left, singular, _vt = np.linalg.svd(small, full_matrices=False)
    vectors = (basis @ left[:, :DIMENSIONS]) * np.sqrt(singular[:DIMENSIONS])
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = vectors / np.where(norms > 0, norms, 1.0)
    assignments = [_spherical_kmeans(vectors, size, rng) for size in sizes]
    return [
        (word, counts[word], [int(labels[i]) for labels in assignments])
        for i, word in enumerate(vocabulary)
    ]


def _spherical_kmeans(vectors: Any, size: int, rng: Any) -> Any:
    """Cluster ids of unit `vectors` (cosine k-means, k-means++ seeding)."""
    import numpy as np

    count = vectors.shape[0]
    centres = [int(rng.integers(count))]
    distance = 1.0 - vectors @ vectors[centres[0]]
    for _ in range(1, size):
        weights = np.maximum(distance, 0.0) ** 2
        pick = int(rng.choice(count, p=weights / weights.sum()))
        centres.append(pick)
        distance = np.minimum(distance, 1.0 - vectors @ vectors[pick])
    centroids = vectors[centres].copy()
    labels = np.zeros(count, dtype=np.int64)
    for _ in range(ITERATIONS):
        labels = np.argmax(vectors @ centroids.T, axis=1)
        for cluster in range(size):
            members = vectors[labels == cluster]
            if len(members):
                mean = members.sum(axis=0)
                centroids[cluster] = mean / max(float(np.linalg.norm(mean)), 1e-12)
    return labels


def bucket(count: int) -> int:
    """A coarse frequency class (log2 of the count)."""
    return min(int(math.log2(max(count, 1))), 12)


def main(argv: list[str] | None = None) -> int:
    from reader.tagging.corpus import default_ner_dir, read_sentences, split

    parser = argparse.ArgumentParser(prog="python -m reader.tagging.clusters", description=__doc__)
    parser.add_argument("--ner-dir", type=Path, default=default_ner_dir())
    parser.add_argument("--corpus", type=Path, help="default: ../shared/corpus/sample.jsonl")
    parser.add_argument("--out", type=Path, default=DATA_DIR / CLUSTERS_FILE)
    args = parser.parse_args(argv)
    corpus: Path = args.corpus or args.ner_dir.parent / "corpus" / "sample.jsonl"
    annotated = args.ner_dir / "anercorp_train.txt"
    for source in (corpus, annotated):
        if not source.is_file():
            print(f"clusters: {source}: not found", file=sys.stderr)
            return 1
    train, _held_out = split(read_sentences(annotated))
    sentences = list(news_sentences(corpus))
    sentences += [[stem(token) for token, _tag in sentence] for sentence in train]
    table = build_clusters(sentences)
    lines = [
        f"{word}\t{bucket(count)}\t" + "\t".join(str(c) for c in ids) + "\n"
        for word, count, ids in table
    ]
    header = f"# stem, log2 count, clusters of {', '.join(map(str, SIZES))}: see clusters.py\n"
    args.out.write_text(header + "".join(lines), encoding="utf-8")
    print(f"clusters: {len(table)} stems from {len(sentences)} paragraphs", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
