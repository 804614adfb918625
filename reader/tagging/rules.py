"""Hand-written rules: page furniture, datelines, words that are never names, titles, and
the bodies an editor calls actors although ANERcorp leaves them untagged (ministries, councils...).

All word lists are folded (`reader.tagging.arabic.fold`) before use.
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence

from reader.tagging.arabic import fold, proclitic_variants


def _folded(words: str) -> frozenset[str]:
    return frozenset(fold(word) for word in words.split())


# Whole paragraphs that are page furniture (section labels, share bars, navigation).
FURNITURE = frozenset(
    fold(" ".join(line.split()))
    for line in (
        "الأخبار",
        "أخبار",
        "الرئيسية",
        "مقالات ذات صلة",
        "مقالات مشابهة",
        "اقرأ أيضا",
        "اقرأ أيضاً",
        "اقرأ المزيد",
        "إقرأ أيضا",
        "زر الذهاب إلى الأعلى",
        "شارك",
        "شارك المقال",
        "شارك هذا المقال",
        "تابعنا",
        "تابعونا",
        "إعلان",
        "مواضيع ذات صلة",
        "أخبار ذات صلة",
        "قصص ذات صلة",
        "الأكثر قراءة",
        "اخترنا لكم",
        "طباعة",
        "تعليقات",
        "التعليقات",
    )
)
# First words of credit lines ("المصدر: رويترز", "تصوير: ...").
CREDIT_STARTS = _folded("المصدر مصدر تصوير إعداد تحرير بقلم كتب كتبت ترجمة الصورة صورة حقوق نقلا")
# Month names (Levantine and Western forms) and days of the week: never actors or places.
MONTHS = _folded(
    "كانون شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين "
    "يناير فبراير مارس أبريل ابريل إبريل مايو يونيو يونيه يوليو يوليه أغسطس أغسطس "
    "سبتمبر أكتوبر اكتوبر نوفمبر ديسمبر جانفي فيفري أفريل ماي جوان جويلية أوت"
)
DAYS = _folded("السبت الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة")
# Words that are never a whole name on their own although a model may think so.
NOT_NAMES = (
    MONTHS
    | DAYS
    | _folded(
        "الله اليوم أمس غدا العام الأسبوع الشهر الحكومة النظام المعارضة الجيش الشرطة "
        "الرئيس الوزير المتحدث الدولة البلاد العاصمة المدينة المنطقة الشمال الجنوب الشرق "
        "الغرب شمال جنوب شرق غرب وسط الأخبار المصدر المصادر تويتر فيسبوك يوتيوب ريف"
    )
)
# Titles and roles before a person's name: not part of the name.
TITLES = _folded(
    "الرئيس رئيس الرئيسة الوزير وزير الوزيرة السيد السيدة الشيخ الملك الأمير الأميرة "
    "الدكتور د المتحدث المتحدثة الجنرال العقيد اللواء العميد الرائد النقيب النائب السفير "
    "المستشار المستشارة الزعيم القائد المدير الأمين العام المبعوث المندوب نظيره نظيرته "
    "الناطق المرشح المرشحة المدرب اللاعب الفنان الفنانة الكاتب الشاعر الإمام القس "
    "البروفيسور المهندس الأستاذ المحامي القاضي الحاكم ولي العهد السلطان الفريق المشير"
)

# Heads of the bodies an editor tags as actors; the rule needs at least one modifier.
ACTOR_HEADS = _folded(
    "وزارة مجلس الجيش جيش حركة المرصد مرصد وكالة منظمة هيئة حزب جبهة الاتحاد اتحاد "
    "البرلمان برلمان محكمة المحكمة لجنة اللجنة مفوضية المفوضية صندوق تحالف التحالف "
    "ائتلاف الائتلاف جماعة مجلس المجلس الحرس الشرطة شرطة "
    "جامعة الجامعة البنك بنك مصرف المصرف شركة الشركة الوكالة المنظمة الهيئة "
    "الحزب الجبهة الحركة الجماعة التنظيم الوزارة المفوضية المكتب مكتب وحدات"
)
# Heads that only count with a particular next word ("غرفة العمليات").
ACTOR_HEAD_PAIRS = {fold("غرفة"): fold("العمليات")}
# Heads too generic to stand for one actor unless a proper modifier follows.
WEAK_HEADS = _folded("الشركة شركة البنك بنك الجامعة جامعة المكتب مكتب الشرطة شرطة")
# Adjectives that make no name of a head on their own (`المنظمة الدولية`, `اللجنة المعنية`).
GENERIC_MODIFIERS = _folded(
    "الدولي الدولية العالمي العالمية الحكومي الحكومية المعني المعنية المختص المختصة المحلي "
    "المحلية الرسمي الرسمية المذكور المذكورة نفسه نفسها"
)
# Prepositions and particles that end a chain even before an `ال` word.
PARTICLES = _folded("في من على الى إلى عن مع بين ضد عبر لدى لكن لأن منذ حتى خلال نحو")
# Words that end a modifier chain: time words, relatives, quantifiers, generic adjectives.
CHAIN_STOPS = (
    MONTHS
    | DAYS
    | _folded(
        "الذي التي الذين اللذين اللتين اللواتي الماضي الماضية الجاري الجارية المقبل المقبلة "
        "الحالي الحالية اليوم الأسبوع الشهر العام السنة الآن الأول الثاني الثالث الأخير "
        "الأخيرة الأولى الثانية الجديد الجديدة السابق السابقة كل بعض جميع عدد أي هذا هذه "
        "ذلك تلك الكبير الكبرى الرئيسية الرئيسي"
    )
)
MAX_CHAIN = 5


def is_furniture(paragraph: str) -> bool:
    """A whole paragraph that is a section label, a share bar, a link to another article
    (`للمزيد: ...`, `اقرأ أيضاً: ...`) or a credit line (`المصدر: ...`, `فرانس24/ أ ف ب`)."""
    words = _NOT_WORD.sub(" ", fold(paragraph)).split()
    if not words:
        return True
    folded = " ".join(words)
    if folded in FURNITURE or any(phrase in folded for phrase in FURNITURE_PHRASES):
        return True
    if folded.startswith(LINK_STARTS):
        return True
    short = len(words) <= 6
    marked = ":" in paragraph or "/" in paragraph or words[0] == "نقلا"
    if short and words[0] in CREDIT_STARTS and marked:
        return True
    return short and "/" in paragraph and words[0] in AGENCY_WORDS


_NOT_WORD = re.compile(r"[^\w]+")
# Starts of paragraphs that point to another article.
LINK_STARTS = tuple(
    fold(start)
    for start in ("للمزيد", "اقرأ أيضا", "اقرأ المزيد", "إقرأ أيضا", "شاهد أيضا", "جميع المقالات")
)
# First words of agency credits written `فرانس24/ أ ف ب`.
AGENCY_WORDS = _folded("فرانس24 فرانس أ ف ب رويترز وكالات")


# `دمشق - `, `القاهرة (رويترز) - `, `دبي، الإمارات العربية المتحدة (CNN)-- `, `(CNN)-- `.
_DATELINE = re.compile(
    r"^\s*(?:"
    r"(?:[^\s\-–—:.,،()]+(?:[،,]?\s+|\s*(?=\())){0,6}\([A-Za-z .]{2,20}\)\s*[-–—]*"
    r"|(?:[^\s\-–—:.,،()]+(?:[،,]?\s+|\s*(?=\())){0,6}\([^)]{1,30}\)\s*[-–—]+"
    r"|[^\s\-–—:.,،]+(?:\s+[^\s\-–—:.,،]+){0,2}\s*[-–—]+(?=\s)"
    r")\s*"
)
# Phrases that make a whole paragraph a promotion or share bar, not news.
FURNITURE_PHRASES = tuple(
    fold(phrase) for phrase in ("تطبيق بي بي سي عربي", "اضغط هنا", "تابعونا على", "اشترك في النشرة")
)


def strip_dateline(paragraph: str) -> str:
    """`دمشق (رويترز) - ...` -> `...`: the place and agency of a dateline are not tags."""
    return _DATELINE.sub("", paragraph, count=1)


def _bare(word: str) -> str:
    """A folded word without the conjunction/preposition in front of it."""
    variants = proclitic_variants(word)
    for variant in variants[1:]:
        if variant.startswith("ال"):
            return variant
    if len(variants) > 1 and word[:1] in "وفبلك":
        return variants[1]
    return word


def _is_head(folded: Sequence[str], index: int) -> bool:
    word = folded[index]
    for variant in proclitic_variants(word):
        if variant in ACTOR_HEADS:
            return True
        pair = ACTOR_HEAD_PAIRS.get(variant)
        if pair is not None and index + 1 < len(folded) and folded[index + 1] == pair:
            return True
    return False


# Common adjectives of body names that have neither shape.
_ADJECTIVES = _folded(
    "الحر الحرة العام العامة العليا الأعلى الكبرى العظمى الأحمر الأخضر الدائم الخاص الخاصة "
    "الأهلي الموحد الموحدة الحاكم الشامل"
)


def _is_adjective(word: str) -> bool:
    """A definite adjective: nisba (`السوري`), participle (`المعارض`) or a listed one (`الحر`)."""
    return word.endswith(("ي", "يه", "يين", "يون")) or word.startswith("الم") or word in _ADJECTIVES


def actor_chains(folded: Sequence[str]) -> list[tuple[int, int]]:
    """Token ranges of `head + modifiers` bodies: `وزارة الخارجية الأميركية`, `المرصد السوري
    لحقوق الإنسان`, `غرفة العمليات المركزية`. Modifiers are `ال` words, idafa nouns followed by
    one, and `لـ` + noun before an `ال` word."""
    found: list[tuple[int, int]] = []
    index = 0
    count = len(folded)
    while index < count:
        if not _is_head(folded, index):
            index += 1
            continue
        end = index + 1
        definite = False
        adjectives = False  # once adjectives start, a new noun starts a new phrase ...
        after_li = False  # ... except the noun right after `لـ` (`لحقوق الإنسان`)
        while end < count and end - index < MAX_CHAIN:
            word = folded[end]
            following = folded[end + 1] if end + 1 < count else ""
            if word in CHAIN_STOPS or word in PARTICLES or not word[:1].isalpha():
                break
            if word.isascii() or word.startswith("و"):
                break
            next_definite = following.startswith("ال") and following not in CHAIN_STOPS
            if word.startswith("ال") and len(word) > 3:
                adjective = _is_adjective(word)
                if adjectives and not adjective and not after_li:
                    break
                definite = True
                adjectives = adjectives or adjective
                after_li = False
            elif not (next_definite and len(word) > 2) or (definite and not word.startswith("ل")):
                break
            elif definite and not adjectives:
                break  # `لـ` follows an adjective (`السوري لحقوق`), not a noun (`الأمن لإنهاء`)
            else:
                after_li = definite
            end += 1
        head = _bare(folded[index])
        modifiers = end - index - 1
        # `المنظمة الدولية` alone refers back to a body named elsewhere: not a name.
        generic = modifiers == 1 and folded[index + 1] in GENERIC_MODIFIERS
        if modifiers >= 1 and not generic and not (head in WEAK_HEADS and modifiers < 2):
            found.append((index, end))
            index = end
        else:
            index += 1
    return found


def is_adjective_of(folded_word: str, places: Container[str]) -> bool:
    """`سوري`, `السويدية`, `الأميركية`: a nisba adjective of a place in `places` (folded)."""
    if " " in folded_word:
        return False
    bare = folded_word[2:] if folded_word.startswith("ال") else folded_word
    for suffix in ("يه", "يين", "يون", "ي"):
        if bare.endswith(suffix) and len(bare) - len(suffix) >= 2:
            stem = bare[: -len(suffix)]
            for place in (stem, stem + "ا", "ال" + stem, stem + "يا", stem + "ه"):
                if place in places and place != folded_word:
                    return True
            break
    return False
