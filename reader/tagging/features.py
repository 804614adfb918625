"""CRF features of a token sequence: word, affixes, clitics, shape, gazetteer and context.

Training (`reader.tagging.train`) and tagging use this one function, so they cannot drift.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
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


def _cluster_features(stem: str, clusters: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    """`fq=` (log2 count in unlabelled news) and `c0=`, `c1=`, `c2=` (cluster ids, small to
    large); a stem the news never showed often enough is `fq=-`, `c1=-`."""
    found = clusters.get(stem) if stem[:1].isalpha() else None
    if found is None:
        return ("fq=-", "c1=-", "c2=-")
    return (f"fq={found[0]}", *(f"c{level}={cluster}" for level, cluster in enumerate(found[1:])))


def stem_of(token: str) -> str:
    """The folded token without proclitics (the key of the word lists)."""
    return _context_word(token)[1]


@dataclass(frozen=True, slots=True)
class Knowledge:
    """What the features look words up in besides the words themselves."""

    places: Gazetteer
    name_words: Mapping[str, str] = field(default_factory=dict)
    clusters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Hand-written name lists by short key (`club`, `org`, `given`): marks B/I like places.
    lists: Mapping[str, Gazetteer] = field(default_factory=dict)


_SPORT_WORDS = _fold_words(
    "مباراة مباريات المباراة الدوري دوري البطولة بطولة كأس هدف هدفا هدفين أهداف الأهداف "
    "فريق الفريق فرق نادي النادي أندية المنتخب منتخب لاعب اللاعب لاعبي لاعبا المدرب مدرب "
    "الملعب ملعب تعادل التعادل فاز الفوز فوزه هزيمة الهزيمة خسر خسارة ركلة ركلات الشوط "
    "شوط المرمى الحارس حارس المهاجم الموسم الجولة جولة المسابقة نقطة نقاط المركز الصدارة "
    "الهداف التأهل تأهل النهائي نهائي الذهاب الإياب الأولمبية الميدالية"
)
TOPIC_WINDOW = 4  # sentences either side that decide a sentence's topic
MIN_SPORT_WORDS = 3


def topic_flags(sentences: Sequence[Sequence[str]]) -> list[str]:
    """`sport` for each sentence whose neighbourhood (`TOPIC_WINDOW` sentences either side)
    holds `MIN_SPORT_WORDS` sports words, else "": in sports news a city names its club."""
    counts = [
        sum(1 for token in sentence if _context_word(token)[1] in _SPORT_WORDS)
        for sentence in sentences
    ]
    flags: list[str] = []
    for index in range(len(sentences)):
        window = counts[max(0, index - TOPIC_WINDOW) : index + TOPIC_WINDOW + 1]
        flags.append("sport" if sum(window) >= MIN_SPORT_WORDS else "")
    return flags


def _marks(gazetteer: Gazetteer, words: Sequence[str]) -> list[str]:
    marks = [""] * len(words)
    for match in gazetteer.find(words):
        marks[match.start] = "B"
        for index in range(match.start + 1, match.end):
            marks[index] = "I"
    return marks


def sequence_features(
    tokens: Sequence[str], knowledge: Knowledge, topic: str = ""
) -> list[list[str]]:
    """One feature list per token (binary features, as python-crfsuite takes them); `topic`
    is the sentence's flag from `topic_flags`."""
    count = len(tokens)
    folded = [_context_word(token) for token in tokens]
    words = [word for word, _ in folded]
    name_words = knowledge.name_words
    kinds = [name_words.get(stem, "") for _, stem in folded]
    clusters = knowledge.clusters
    groups = [_cluster_features(stem, clusters) for _, stem in folded] if clusters else None
    # Per-token marks by feature key: the place list (B/I), each name list, the name kinds.
    marked = [
        ("gz", _marks(knowledge.places, words)),
        *((key, _marks(gazetteer, words)) for key, gazetteer in knowledge.lists.items()),
        ("nk", kinds),
    ]
    sequence: list[list[str]] = []
    for index, token in enumerate(tokens):
        features = ["bias", *_word_features(token)]
        for key, marks in marked:
            if marks[index]:
                features.append(f"{key}={marks[index]}")
                if topic:
                    features.append(f"{key}={marks[index]}|{topic}")
        if topic:
            features.append(f"T={topic}")
        if groups:
            features.extend(groups[index])
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
                    for key, marks in marked:
                        if marks[position]:
                            features.append(f"{offset}{key}={marks[position]}")
                    if groups:
                        features.append(f"{offset}{groups[position][-2]}")
            else:
                features.append(f"{offset}w=<edge>")
        if 0 < index < count - 1:
            features.append(f"w-1w+1={folded[index - 1][0]}|{folded[index + 1][0]}")
        if index > 0:
            features.append(f"w-1w0={folded[index - 1][0]}|{folded[index][0]}")
        sequence.append(features)
    return sequence
