"""CRF features of a token sequence: word, affixes, clitics, shape, gazetteer and context.

Training (`reader.tagging.train`) and tagging use this one function, so they cannot drift.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from reader.tagging.arabic import fold, proclitic_variants
from reader.tagging.gazetteer import Gazetteer


def _fold_words(words: str) -> frozenset[str]:
    return frozenset(fold(word) for word in words.split())


# Word classes that announce a name: titles and roles before a person, verbs of saying.
_PERSON_CUES = _fold_words(
    "الرئيس رئيس الوزير وزير السيد السيدة الشيخ الملك الأمير الدكتور المتحدث الناطق "
    "النائب السفير المستشار الزعيم القائد المدرب اللاعب الفنان الفنانة المطرب الكاتب "
    "الروائي الشاعر المخرج الممثل الممثلة الحارس المهاجم المدافع نظيره نظيرته الجنرال "
    "العقيد اللواء العميد المبعوث المندوب الأمين المدير رئيسة الرئيسة المرشح زميله مواطنه"
)
_SAYING = _fold_words(
    "قال قالت أكد أكدت أضاف أضافت صرح صرحت أعلن أعلنت ذكر ذكرت أوضح أوضحت أشار أشارت "
    "اعتبر اعتبرت رأى رأت دعا دعت طالب طالبت نفى نفت كشف كشفت أفاد أفادت"
)
_PLACE_CUES = _fold_words(
    "مدينة محافظة بلدة قرية منطقة ولاية إقليم عاصمة العاصمة مقاطعة جزيرة دولة ريف "
    "شمال جنوب شرق غرب وسط مطار ميناء"
)


def _cue(stem: str) -> str:
    if stem in _PERSON_CUES:
        return "P"
    if stem in _SAYING:
        return "S"
    if stem in _PLACE_CUES:
        return "L"
    return ""


MIN_NAME_SHARE = 0.5  # a stem is a "name word" when at least half its uses are in names
MIN_COMMON = 2  # a stem is a "common word" when used this often ...
MAX_COMMON_NAME_SHARE = 0.05  # ... and inside names at most this share of its other uses


@lru_cache(maxsize=65536)
def _word_features(token: str) -> tuple[str, ...]:
    """Features of one token on its own; cached because news repeats its words."""
    word = fold(token)
    if not word[:1].isalpha():
        shape = "d" if word[:1].isdigit() else "p"
        return (f"w={word}", f"sh={shape}")
    if word.isascii():
        return (f"w={word.lower()}", "sh=l")
    variants = proclitic_variants(word)
    stem = variants[-1]
    features = [
        f"w={word}",
        f"st={stem}",
        f"p2={word[:2]}",
        f"p3={word[:3]}",
        f"s1={word[-1:]}",
        f"s2={word[-2:]}",
        f"s3={word[-3:]}",
        f"ss2={stem[-2:]}",
        f"ss3={stem[-3:]}",
        f"sp2={stem[:2]}",
        f"len={min(len(stem), 8)}",
    ]
    if len(variants) > 1:
        features.append(f"cl={word[: len(word) - len(stem)]}")
    if stem.startswith("ال"):
        features.append("al")
    core = stem[2:] if stem.startswith("ال") else stem
    padded = f"<{core}>"
    features.extend(f"g3={padded[i : i + 3]}" for i in range(len(padded) - 2))
    return tuple(features)


@lru_cache(maxsize=65536)
def _context_word(token: str) -> tuple[str, str]:
    word = fold(token)
    return word, proclitic_variants(word)[-1]


def name_word_kinds(sentences: Iterable[Sequence[tuple[str, str]]]) -> dict[str, str]:
    """Stems that mostly occur inside names, with the kinds they name (`PERS`, `LOC|ORG`...).

    Used as a feature: at training time built from the other folds only (jackknife), so the
    model learns how far to trust it on words it has not seen annotated.
    """
    counts: dict[str, Counter[str]] = {}
    for sentence in sentences:
        for token, tag in sentence:
            stem = _context_word(token)[1]
            counts.setdefault(stem, Counter())[tag[2:] if tag != "O" else "O"] += 1
    kinds: dict[str, str] = {}
    for stem, seen in counts.items():
        total = sum(seen.values())
        labels = sorted(
            label
            for label in ("PERS", "LOC", "ORG")
            if seen[label] and seen[label] / total >= MIN_NAME_SHARE
        )
        if labels and len(stem) > 1:
            kinds[stem] = "|".join(labels)
    return kinds


def common_words(sentences: Iterable[Sequence[tuple[str, str]]]) -> set[str]:
    """Stems used at least `MIN_COMMON` times and almost never inside a name: a model span
    does not end on one, and one alone is no name."""
    counts: dict[str, Counter[str]] = {}
    for sentence in sentences:
        for token, tag in sentence:
            stem = _context_word(token)[1]
            counts.setdefault(stem, Counter())["O" if tag == "O" else "N"] += 1
    return {
        stem
        for stem, seen in counts.items()
        if seen["O"] >= MIN_COMMON and seen["N"] <= MAX_COMMON_NAME_SHARE * seen["O"]
    }


def stem_of(token: str) -> str:
    """The folded token without proclitics (the key of the word lists)."""
    return _context_word(token)[1]


def sequence_features(
    tokens: Sequence[str], places: Gazetteer, name_words: Mapping[str, str] | None = None
) -> list[list[str]]:
    """One feature list per token (binary features, as python-crfsuite takes them)."""
    count = len(tokens)
    folded = [_context_word(token) for token in tokens]
    kinds = [name_words.get(stem, "") for _, stem in folded] if name_words else [""] * count
    gazetteer_marks = [""] * count
    for match in places.find([word for word, _ in folded]):
        gazetteer_marks[match.start] = "B"
        for index in range(match.start + 1, match.end):
            gazetteer_marks[index] = "I"
    sequence: list[list[str]] = []
    for index, token in enumerate(tokens):
        features = ["bias", *_word_features(token)]
        if gazetteer_marks[index]:
            features.append(f"gz={gazetteer_marks[index]}")
        if kinds[index]:
            features.append(f"nk={kinds[index]}")
        for offset in (-2, -1, 1, 2):
            position = index + offset
            if 0 <= position < count:
                word, stem = folded[position]
                features.append(f"{offset}w={word}")
                cue = _cue(stem)
                if cue:
                    features.append(f"{offset}cue={cue}")
                if abs(offset) == 1:
                    features.append(f"{offset}st={stem}")
                    features.append(f"{offset}s2={stem[-2:]}")
                    if gazetteer_marks[position]:
                        features.append(f"{offset}gz={gazetteer_marks[position]}")
                    if kinds[position]:
                        features.append(f"{offset}nk={kinds[position]}")
            else:
                features.append(f"{offset}w=<edge>")
        if 0 < index < count - 1:
            features.append(f"w-1w+1={folded[index - 1][0]}|{folded[index + 1][0]}")
        if index > 0:
            features.append(f"w-1w0={folded[index - 1][0]}|{folded[index][0]}")
        sequence.append(features)
    return sequence
