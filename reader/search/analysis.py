"""Arabic analysis for the index and for queries: tokenize, normalise, drop stop words, stem.

The classes here are pickled into the Whoosh index (its schema), so they must keep this module
path and their names; any change to what they produce must bump `ANALYZER_VERSION`, which makes
the index rebuild itself.

Normalisation follows Lucene's ArabicNormalizer (alef forms -> ا, ى -> ي, ة -> ه, tatweel and
harakat removed) plus DecimalDigitFilter, and goes further: Persian yeh/keheh, alef wasla,
superscript alef, Quranic marks and decomposed hamza/madda marks. Stemming is Lucene's
ArabicStemmer (one prefix, one sweep of suffixes) with a few extra two-clitic prefixes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from whoosh.analysis import CommaSeparatedTokenizer, Filter, RegexTokenizer, Token

ANALYZER_VERSION = "ar-light-3"

# Arabic combining marks that belong inside a word: Quranic signs, harakat, superscript alef.
_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"
# A token: letters/digits (no underscore) with Arabic marks and tatweel kept inside.
TOKEN_PATTERN = rf"(?:[^\W_]|[{_MARKS}\u0640])+"

_DELETE = [
    0x0640,  # tatweel
    *range(0x064B, 0x0653),  # the eight harakat (Lucene)
    0x0670,  # superscript alef
    *range(0x0610, 0x061B),  # honorific / Quranic signs above
    *range(0x0656, 0x0660),  # further Arabic marks
    *range(0x06D6, 0x06DD),
    *range(0x06DF, 0x06E9),
    *range(0x06EA, 0x06EE),
    0x200C,  # zero-width non-joiner
    0x200D,  # zero-width joiner
]

_MAP: dict[int, int | None] = {code: None for code in _DELETE}
_MAP.update(
    {
        0x0622: 0x0627,  # آ -> ا
        0x0623: 0x0627,  # أ -> ا
        0x0625: 0x0627,  # إ -> ا
        0x0671: 0x0627,  # ٱ (wasla) -> ا
        0x0649: 0x064A,  # ى -> ي
        0x0629: 0x0647,  # ة -> ه
        0x06CC: 0x064A,  # Persian yeh -> ي
        0x06A9: 0x0643,  # keheh -> ك
    }
)
for _base in (0x0660, 0x06F0, 0xFF10, 0x0966, 0x07C0):  # Arabic-Indic, Persian, fullwidth, ...
    for _digit in range(10):
        _MAP[_base + _digit] = 0x30 + _digit
_TABLE = str.maketrans(_MAP)
_COMBINING_HAMZA = re.compile("[\u0653-\u0655]")


def normalize(word: str) -> str:
    """Fold one word (or any text) the way the index does: lowercase and Arabic spelling folds."""
    if _COMBINING_HAMZA.search(word):
        # ا + U+0654 and friends: compose first (آ أ إ ؤ ئ), then drop any mark left over.
        word = _COMBINING_HAMZA.sub("", unicodedata.normalize("NFC", word))
    return word.lower().translate(_TABLE)


# Function words, written already normalised (ا for أ/إ/آ, ي for ى, ه for ة).
STOP_WORDS = frozenset(
    """
    في من الي علي عن مع ان او ام ثم حتي لكن لكنه بل لا لم لن ما ماذا هل قد لقد كان كانت كانوا
    يكون تكون يكن هذا هذه ذلك تلك هذان هاتان هؤلاء اولئك الذي التي الذين اللذان اللتان اللواتي
    اللاتي هو هي هم هن هما انا نحن انت انتم انتن كل بعض غير عند منذ بين حول خلال لدي تحت فوق
    بعد قبل حين حيث اذا اذ لو كما لما عندما بينما ايضا الا اي كي ليس ليست اما سوف نحو عليه عليها
    عليهم فيه فيها فيهم منه منها منهم له لها لهم به بها بهم اليه اليها عنه عنها انه انها بان
    بانه بانها لان لانه كذلك هناك هنا ذات وفي ومن والي وعلي وعن ومع وان وهو وهي وهم وقد ولا ولم
    ولن وما وكان وكانت وهذا وهذه وذلك وتلك والتي والذي والذين وكل وبعد وقبل وبين وحتي واذا ولكن
    فان فقد فلا فهو فهي وانه وانها وبعض لكي مما ممن عما فيما بما كما مثل و ف ب ل ك
    """.split()  # noqa: SIM905
)

_PREFIXES_EXTRA = ("وبال", "فبال", "ولل", "فلل")  # two clitics Lucene leaves half-stripped
_PREFIXES_LUCENE = ("ال", "وال", "بال", "كال", "فال", "لل", "و")
_SUFFIXES_LUCENE = ("ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي")
_ARABIC_LETTER = re.compile("[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff]")


def strip_lucene_prefix(word: str) -> str:
    """Lucene's rule: the first of its seven prefixes that fits is removed, and only that one."""
    for prefix in _PREFIXES_LUCENE:
        if len(prefix) == 1:
            if len(word) >= 4 and word.startswith(prefix):
                return word[1:]
        elif len(word) >= len(prefix) + 2 and word.startswith(prefix):
            return word[len(prefix) :]
    return word


def strip_prefix(word: str) -> str:
    """Lucene's prefix rule made consistent: what is left is stemmed as a bare word would be.

    Lucene strips the و of a bare `وزير` (-> زير) but not in `الوزير` (-> وزير), so the two
    never match. Here a و left at the front after a prefix goes the same way as on a bare word,
    and the two-clitic forms `ولل فلل وبال فبال` count as one prefix.
    """
    for prefix in _PREFIXES_EXTRA:
        if word.startswith(prefix) and len(word) >= len(prefix) + 2:
            word = word[len(prefix) :]
            break
    else:
        word = strip_lucene_prefix(word)
    if len(word) >= 4 and word.startswith("و"):
        word = word[1:]
    return word


def strip_suffixes(word: str) -> str:
    """Lucene's single sweep: each listed suffix in order, removed when >= 2 letters remain."""
    for suffix in _SUFFIXES_LUCENE:
        if len(word) >= len(suffix) + 2 and word.endswith(suffix):
            word = word[: -len(suffix)]
    return word


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Light stem of a normalised word; words without Arabic letters are returned as they are."""
    if not _ARABIC_LETTER.match(word):
        return word
    return strip_suffixes(strip_prefix(word))


class ArabicNormalizeFilter(Filter):  # type: ignore[misc]
    """Lowercase plus the Arabic folds of `normalize` (Lucene's normaliser and digit filter)."""

    def __call__(self, tokens: Iterator[Any]) -> Iterator[Any]:
        for token in tokens:
            token.text = normalize(token.text)
            yield token


class ArabicStopFilter(Filter):  # type: ignore[misc]
    """Drops normalised function words (and empty tokens); positions keep their gaps."""

    def __call__(self, tokens: Iterator[Any]) -> Iterator[Any]:
        for token in tokens:
            if not token.text or token.text in STOP_WORDS:
                if not token.removestops:
                    token.stopped = True
                    yield token
                continue
            token.stopped = False
            yield token


class ArabicStemFilter(Filter):  # type: ignore[misc]
    """Light stemming; `is_morph` lets Whoosh skip it when it asks for unstemmed words."""

    is_morph = True

    def __call__(self, tokens: Iterator[Any]) -> Iterator[Any]:
        for token in tokens:
            if not getattr(token, "nomorph", False):
                token.text = stem(token.text)
            yield token


class TagFoldFilter(Filter):  # type: ignore[misc]
    """Folds a whole tag name (one token per name): the normaliser, spaces collapsed."""

    def __call__(self, tokens: Iterator[Any]) -> Iterator[Any]:
        for token in tokens:
            token.text = fold_name(token.text)
            if token.text:
                yield token


def fold_name(name: str) -> str:
    """The key a tag name is matched by: hamza forms, ة/ه, ى/ي, harakat and case folded."""
    return " ".join(normalize(name).split())


def arabic_analyzer() -> Any:
    """The analyzer of the title and body fields (documents and queries alike)."""
    return (
        RegexTokenizer(TOKEN_PATTERN)
        | ArabicNormalizeFilter()
        | ArabicStopFilter()
        | ArabicStemFilter()
    )


def tag_analyzer() -> Any:
    """The analyzer of the actor/place key fields: comma-separated names, folded."""
    return CommaSeparatedTokenizer() | TagFoldFilter()


_ANALYZER: Any = None


def _analyzer() -> Any:
    global _ANALYZER
    if _ANALYZER is None:
        _ANALYZER = arabic_analyzer()
    return _ANALYZER


def analyze(text: str) -> list[tuple[str, int, int]]:
    """The terms the index keeps for `text`, each with its start and end offsets in `text`."""
    return [
        (token.text, token.startchar, token.endchar)
        for token in _analyzer()(text, chars=True, positions=True)
    ]


def surface_words(text: str) -> list[tuple[str, int, int]]:
    """Normalised, unstemmed non-stop words of `text` with offsets (query expansion, spelling)."""
    tokens: Iterator[Token] = _analyzer()(text, chars=True, no_morph=True)
    return [(token.text, token.startchar, token.endchar) for token in tokens]
