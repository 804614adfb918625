"""Hand-written rules: page furniture, datelines, words that are never names, titles, and
the bodies an editor calls actors although ANERcorp leaves them untagged (ministries, councils...).

All word lists are folded (`reader.tagging.arabic.fold`) before use.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Sequence

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
        "الله اليوم أمس غدا العام الأسبوع الشهر الحكومة النظام المعارضة الجيش الشرطة القوات "
        "الرئيس الوزير المتحدث الدولة البلاد العاصمة المدينة المنطقة الشمال الجنوب الشرق "
        "الغرب شمال جنوب شرق غرب وسط الأخبار المصدر المصادر تويتر فيسبوك يوتيوب ريف الريف"
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
    "الحزب الجبهة الحركة الجماعة التنظيم الوزارة المفوضية المكتب مكتب وحدات "
    "مؤسسة المؤسسة مندوبية المندوبية نقابة النقابة رابطة الرابطة جمعية الجمعية معهد المعهد "
    "مديرية المديرية"
)
# Heads that only count with a particular next word ("غرفة العمليات").
ACTOR_HEAD_PAIRS = {fold("غرفة"): fold("العمليات")}
# Heads too generic to stand for one actor unless a proper modifier follows.
WEAK_HEADS = _folded("الشركة شركة البنك بنك الجامعة جامعة المكتب مكتب الشرطة شرطة")
# Heads with an everyday sense (`حركة الركاب`, `لجنة التحكيم`): a body only with a name in them.
GENERIC_HEADS = _folded(
    "حركة الحركة لجنة اللجنة هيئة الهيئة جماعة الجماعة جبهة الجبهة صندوق مكتب المكتب وحدات "
    "تحالف التحالف ائتلاف الائتلاف مؤسسة المؤسسة مندوبية المندوبية نقابة النقابة رابطة "
    "الرابطة جمعية الجمعية معهد المعهد مديرية المديرية"
)
# Heads of ministries, whose names coordinate nouns (`وزارة الصحة والسكان`).
MINISTRY_HEADS = _folded("وزارة الوزارة")
# Rank adjectives of official bodies (`الهيئة العليا للإغاثة`, `الهيئة العامة للطيران`).
RANK_ADJECTIVES = _folded(
    "العليا الأعلى العامة العام الوطنية الوطني الدائمة الدائم السامية السامي الملكية الملكي"
)
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
        "ذلك تلك الكبير الكبرى الرئيسية الرئيسي للمرة شبه"
        # Adjectives that describe a meeting or a body's state, not its name
        # (`الجمعية المنعقدة`, `الجبهة المتمردة`, `جلسة مجلس الوزراء الأسبوعية`).
        " الفترة للفترة التالي التالية المنعقد المنعقدة المتعثر المتعثرة المتمرد المتمردة"
        " الأسبوعي الأسبوعية اليومي اليومية الشهري الشهرية السنوي السنوية الحاكم الحاكمة"
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
    if short and _is_dateline_only(paragraph):
        return True
    return short and "/" in paragraph and words[0] in AGENCY_WORDS


# A dateline on its own line: `دمشق - رويترز`, `القاهرة (أ ف ب)`, `واشنطن - وكالات`.
_DATELINE_ONLY = re.compile(
    r"^\s*[^\s\-–—:.,،()]+(?:[\s،,]+[^\s\-–—:.,،()]+){0,3}\s*"
    r"(?:\(([^)]{1,30})\)\s*[-–—]*|[-–—]+\s*([^\-–—]{1,30}))\s*$"
)


def _is_dateline_only(paragraph: str) -> bool:
    match = _DATELINE_ONLY.match(paragraph)
    if match is None:
        return False
    if match.group(1) is not None:
        return True  # a credit in brackets
    credit = _NOT_WORD.sub(" ", fold(match.group(2))).split()
    return bool(credit) and all(word in AGENCY_WORDS or word.isascii() for word in credit)


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
    r"(?:[^\s\-–—:.,،()]+(?:[،,]?\s+|\s*(?=\())){0,6}\([A-Za-z .]{2,20}\)\s*[-–—]+"
    r"|(?:[^\s\-–—:.,،()]+(?:[،,]?\s+|\s*(?=\())){0,3}\([A-Z .]{2,10}\)\s*[-–—]*"
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


def _head_word(word: str) -> str:
    """The head as listed, without its clitics (`لوزارة` -> `وزارة`, `وزارة` stays)."""
    for variant in proclitic_variants(word):
        if variant in ACTOR_HEADS or variant in ACTOR_HEAD_PAIRS:
            return variant
    return _bare(word)


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
    """A definite adjective: nisba (`السوري`), participle (`المعارض`) or a listed one (`الحر`);
    a body's head is none (`مجلس الأمن المجلس ...`: a second body starts)."""
    if word in ACTOR_HEADS:
        return False
    return word.endswith(("ي", "يه", "يين", "يون")) or word.startswith("الم") or word in _ADJECTIVES


def actor_chains(
    folded: Sequence[str], names: Container[str] = frozenset()
) -> list[tuple[int, int]]:
    """Token ranges of `head + modifiers` bodies: `وزارة الخارجية الأميركية`, `المرصد السوري
    لحقوق الإنسان`, `غرفة العمليات المركزية`. Modifiers are `ال` words, idafa nouns followed by
    one, `لـ` + noun before an `ال` word, `لل` words, and coordinated nouns inside a `لـ` phrase
    or a ministry's name (`وزارة الصحة والسكان`). `names` (folded known names and places) tells
    a generic head (`حركة`, `لجنة`) with a name (`حركة حماس`) from one without (`حركة الركاب`)."""
    found: list[tuple[int, int]] = []
    index = 0
    count = len(folded)
    while index < count:
        if not _is_head(folded, index):
            index += 1
            continue
        head = _head_word(folded[index])
        head_definite = head.startswith("ال")
        end = index + 1
        definite = False
        adjectives = False  # once adjectives start, a new noun starts a new phrase ...
        after_li = False  # ... except the noun right after `لـ` (`لحقوق الإنسان`)
        in_li = False  # inside a `لـ` phrase, where `و` + noun continues the name
        joined = False  # after `و` + noun no new `لـ` phrase (`... والمؤتمر القيادي للحقوق`)
        while end < count and end - index < MAX_CHAIN + 2:
            word = folded[end]
            following = folded[end + 1] if end + 1 < count else ""
            if word in CHAIN_STOPS or word in PARTICLES or not word[:1].isalpha():
                break
            if word.isascii():
                break
            if word.startswith("ل") and word.endswith(("ها", "هم", "هما", "هن")):
                break  # `المنظمة لرئيسها`: a pronoun's noun names no one
            if word.startswith("و"):
                if not _coordinated(folded, index, end, head, in_li, names):
                    break
                word = word[1:]
                joined = True
            elif joined and word.startswith("ل"):
                break
            next_definite = following.startswith("ال") and following not in CHAIN_STOPS
            # A name is definite too: `مؤسسة موانئ العراق`, `مؤسسة مطارات دبي`.
            next_definite = next_definite or (following in names and not definite)
            if word.startswith("ال") and len(word) > 3:
                adjective = _is_adjective(word)
                # `الوزارة الأسر`, `وزارة الصحة البلديات`: a definite noun takes no second
                # definite noun (only adjectives), unless joined by `و`.
                second_noun = (definite or head_definite) and not adjective and not after_li
                if second_noun and not folded[end].startswith("و"):
                    break
                definite = True
                adjectives = adjectives or adjective
                after_li = False
            elif word.startswith("لل") and len(word) > 4 and definite and _li_name(word):
                definite = adjectives = in_li = True  # `المرصد العراقي للمناخ`
                after_li = False
            elif not definite and word in names and not head_definite:
                definite = adjectives = True  # a name: `حركة حماس`, then adjectives only
            elif head_definite and not word.startswith("ل"):
                break  # `الوزارة تسجيلات`, `اللجنة قرأت`: a definite head is no idafa
            elif not (next_definite and len(word) > 2) or (definite and not word.startswith("ل")):
                break
            elif definite and not adjectives:
                break  # `لـ` follows an adjective (`السوري لحقوق`), not a noun (`الأمن لإنهاء`)
            else:
                after_li = definite
                in_li = in_li or definite
            end += 1
        modifiers = end - index - 1
        # `المنظمة الدولية` alone refers back to a body named elsewhere: not a name.
        generic = modifiers == 1 and folded[index + 1] in GENERIC_MODIFIERS
        # `مجلس الإدارة`, `مجلس إدارة الشركة`: every company's board, not one actor.
        generic = generic or (modifiers >= 1 and _bare(folded[index + 1]) in _BOARD_WORDS)
        weak = head in WEAK_HEADS and modifiers < 2
        unnamed = head in GENERIC_HEADS and not _has_name(folded, index + 1, end, names)
        if modifiers >= 1 and not generic and not weak and not unnamed:
            found.append((index, end))
            index = end
        else:
            index += 1
    return found


STATE_BODY_HEADS = _folded("وزارة الوزارة مجلس المجلس")
_BOARD_WORDS = _folded("الإدارة إدارة الأمناء أمناء")


def is_bare_state_body(folded: Sequence[str], start: int, end: int, names: Container[str]) -> bool:
    """`وزارة الخارجية`, `مجلس النواب`, `المجلس العسكري`: a chain of a state body's head and
    one word, with no country or name in it. Every state has one, so as a tag it would not
    tell which (`مجلس الأمن` is a listed alias; `وزارة الخارجية الأميركية` is a name)."""
    if end - start != 2 or _head_word(folded[start]) not in STATE_BODY_HEADS:
        return False
    return not _has_name(folded, start + 1, end, names)


def _li_name(word: str) -> bool:
    """`لل` + noun continues a body's name (`المرصد العراقي للمناخ`) unless it addresses people
    (`قال الحزب للصحافيين`) or tells the time (`للمرة`)."""
    return not word.endswith(("ين", "ون")) and word not in CHAIN_STOPS


def _coordinated(
    folded: Sequence[str], index: int, end: int, head: str, in_li: bool, names: Container[str]
) -> bool:
    """`و` + noun continues a body's name inside a `لـ` phrase (`للتربية والعلم والثقافة`) or
    right after a ministry's first noun (`وزارة المياه والري`), unless it names another actor
    or place (`والعراق`, `والجيش`)."""
    bare = folded[end][1:]
    if not bare.startswith("ال") or len(bare) <= 3 or bare in CHAIN_STOPS:
        return False
    if bare in ACTOR_HEADS or bare in names or bare in ROLES or bare in INDEFINITE_ROLES:
        return False
    following = folded[end + 1] if end + 1 < len(folded) else ""
    if f"{bare} {following}" in names:
        return False
    return in_li or (head in MINISTRY_HEADS and end == index + 2)


def _has_name(folded: Sequence[str], start: int, end: int, names: Container[str]) -> bool:
    """A modifier that makes a generic head a name: a known name or place (`حماس`, `الشام`),
    the adjective of one (`السعودية`, `العراقي`), or a rank adjective with more after it
    (`الهيئة العليا للإغاثة`)."""
    words = [_bare(word) for word in folded[start:end]]
    for first in range(len(words)):
        for last in range(first + 1, min(first + 3, len(words)) + 1):
            if " ".join(words[first:last]) in names:
                return True
        if is_adjective_of(words[first], names):
            return True
    return len(words) >= 2 and words[0] in RANK_ADJECTIVES


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


def clubs_by_city_adjective(
    folded: Sequence[str], cities: Container[str], countries: Container[str]
) -> list[tuple[int, int]]:
    """Clubs named by a word and their city's adjective, in sports news: `المغرب التطواني`,
    `الكوكب المراكشي`, `المولودية الوجدية`; not a country's adjective (`المنتخب المغربي`)
    and not a role or team word before it (`اللاعب المراكشي`, `الفريق الفاسي`)."""
    found: list[tuple[int, int]] = []
    for index in range(len(folded) - 1):
        first = _bare(folded[index])
        second = folded[index + 1]
        if not (first.startswith("ال") and len(first) > 3 and second.startswith("ال")):
            continue
        if first in _TEAM_WORDS or first in ACTOR_HEADS or role_of(first) or not _plain(first):
            continue
        if _is_nisba(first) and not first.endswith("يه"):
            continue  # two adjectives (`الدولي المغربي`)
        if _city_adjective(second, cities) and not is_adjective_of(second, countries):
            found.append((index, index + 2))
    return found


def _city_adjective(folded_word: str, cities: Container[str]) -> bool:
    """`المراكشي` (مراكش), `الوجدية` (وجدة), `الجديدي` (الجديدة): the adjective of a city,
    derived plainly (no `-ا`/`-يا` endings, which match stray short names in the city list)."""
    bare = folded_word[2:] if folded_word.startswith("ال") else folded_word
    for suffix in ("يه", "ي"):
        if bare.endswith(suffix) and len(bare) - len(suffix) >= 3:
            stem = bare[: -len(suffix)]
            return any(place in cities for place in (stem, stem + "ه", "ال" + stem + "ه"))
    return False


_TEAM_WORDS = _folded(
    "الفريق المنتخب النادي الجمهور المدرب اللاعب الحارس المهاجم المدافع الدوري الملعب "
    "الموسم الهدف الفوز الديربي الكأس البطولة"
)


# Roles written before a person's name (`الشاعرة التونسية آمنة ...`, `مهاجم الوداد، ...`);
# the indefinite ones take the body they belong to first (`مدير المرصد`).
ROLES = (TITLES - _folded("العام ولي العهد د الفريق")) | _folded(
    "المتحدثة الناطقة الأكاديمي الأكاديمية الشاعرة الناقد الناقدة المترجم المترجمة الباحث "
    "الباحثة المهاجم الحارس البديل الصحفي الصحفية المخرج المخرجة الممثل الممثلة الروائي "
    "الروائية الطبيب الطبيبة المهندسة الدكتورة المديرة الكاتبة المحامية القاضية السفيرة "
    "النائبة المدربة اللاعبة الناشط الناشطة المحلل المحللة الخبير الخبيرة المؤرخ المؤرخة "
    "الرسام الرسامة المغني المغنية المصور المصورة"
)
INDEFINITE_ROLES = _folded(
    "رئيس رئيسة مدير مديرة مدرب مدربة مهاجم حارس لاعب لاعبة متحدث وزير وزيرة سفير سفيرة "
    "قائد أمين مستشار مستشارة عميد محافظ نائب نائبة مندوب ممثل ممثلة"
)
# Words that join the parts of a person's name (`عبد الرحمن`, `كريم بن عمار`).
NAME_JOINER_WORDS = "بن بنت ابن أبو أبي عبد آل ولد"
NAME_JOINERS = _folded(NAME_JOINER_WORDS)
_MAX_NAME = 4
# Verbs of saying, often right after a role (`قال الوزير ...`, `... الوزير قال`).
# Particles, auxiliaries and other words that start no name (`أن يصوت`, `قد أمهل`).
FUNCTION_WORDS = _folded(
    "أن إن أنه إنه أنها إنها أنهم إنهم قد كان كانت كانوا يكون تكون بعد قبل ما إذا إذ أمام "
    "خلف لم لن لا ليس ليست غير شأن عند عندما حيث كما مثل أو أم ثم هو هي هم نحن أنا أنت "
    "يمكن يمكنه تم يتم كل بعض أي أيضا فقط لدى منه منها عنه عنها له لها عادة"
    " لكرة كرة"  # `مدرب المنتخب السعودي لكرة القدم`: the sport, no name after the role
)
SAYING_VERBS = _folded("قال قالت أكد أكدت أضاف أضافت أوضح أوضحت أشار أشارت أعلن أعلنت صرح")


def role_of(word: str) -> str:
    """`definite`, `indefinite` or '' for a word (with its clitics) that names a role."""
    for variant in proclitic_variants(word):
        # `وزير`, `رئيس` are titles too, but take their body first (`وزير الدفاع إلياس ...`).
        if variant in INDEFINITE_ROLES:
            return "indefinite"
        if variant in ROLES:
            return "definite"
    return ""


def _is_nisba(word: str) -> bool:
    return word.startswith("ال") and word.endswith(("ي", "يه", "يين", "يون")) and len(word) > 4


def _plain(word: str) -> bool:
    """An Arabic word that could be part of a name: no particle, time word, title or number."""
    return (
        word[:1].isalpha()
        and not word.isascii()
        and len(word) >= 2
        and word not in PARTICLES
        and word not in CHAIN_STOPS
        and word not in NOT_NAMES
        and word not in ROLES
        and not role_of(word)
        and word not in ACTOR_HEADS
    )


# Given names that look like `ال` + word once folded (`إلياس` -> `الياس`).
AL_GIVEN_NAMES = _folded(
    "إلياس إلهام ألفت ألكسندر ألكسندرا أليكسي ألكسي ألبرت ألبرتو ألفريد ألفونسو إلين "
    "أليكس ألان إليزابيث إليسا إليوت إلينا ألفارو"
)


def persons_after_roles(
    folded: Sequence[str], common: Container[str], names: Container[str] = frozenset()
) -> list[tuple[int, int]]:
    """Token ranges of full names introduced by a role: `الأكاديمية المغربية سلمى الإدريسي`,
    `المتحدثة باسم البنك، نادية بنسودة`, `حارس الفريق أنس الزموري`. A name here is a given name
    and at least one more part: a joiner (`بن`, `عبد`), a family name of the nisba shape
    (`الإدريسي`) or a word that is not a common word (`بنسودة`)."""
    found: list[tuple[int, int]] = []
    count = len(folded)
    index = 0
    while index < count:
        role = role_of(folded[index])
        if not role:
            index += 1
            continue
        for position in _after_role(folded, index + 1, role):
            if position < count and role_of(folded[position]):
                index = position - 1  # `مدير الأمسية، الناقد حسن ...`: the second role leads
                break
            end = _name_end(folded, position, common, names)
            if end > position and role == "definite" and position == index + 1:
                # Right after a definite role with no adjective or comma (`ويرى المحلل ...`)
                # an object may follow: only a name with a joiner or a nisba family name.
                parts = folded[position + 1 : end]
                if not any(_is_nisba(word) or word in NAME_JOINERS for word in parts):
                    end = position
            if end > position:
                found.append((position, end))
                index = end - 1
                break
        index += 1
    return found


def persons_from_given_names(
    folded: Sequence[str], starts: Iterable[int], common: Container[str], names: Container[str]
) -> list[tuple[int, int]]:
    """Full names that start with a listed given name (`starts`: where one begins) and go on
    as `persons_after_roles` reads a name: `غادة عادل`, `ياسمين عبد العزيز`, `حسن أبو السعود`;
    a given name alone is no tag."""
    found: list[tuple[int, int]] = []
    taken_until = 0
    for start in sorted(starts):
        if start < taken_until:
            continue
        end = _name_end(folded, start, common, names)
        if end - start >= 2:
            found.append((start, end))
            taken_until = end
    return found


def _skip_adjectives(folded: Sequence[str], position: int) -> int:
    """Past nisba adjectives (`التونسية`) and commas."""
    while position < len(folded) and (_is_nisba(folded[position]) or folded[position] == "،"):
        position += 1
    return position


def _after_role(folded: Sequence[str], position: int, role: str) -> list[int]:
    """Where a name may start after a role: right after it and its adjectives (`الشاعرة
    التونسية`), after the body an indefinite role takes (`حارس الفريق`), or after the comma
    closing the role's complement (`المتحدث باسم الوزارة،`, `رئيس الهيئة العليا للإغاثة،`)."""
    count = len(folded)
    starts: list[int] = []
    if role == "definite" and not (position < count and folded[position] == "باسم"):
        starts.append(_skip_adjectives(folded, position))
    elif position < count and folded[position].startswith("ال"):
        starts.append(_skip_adjectives(folded, position + 1))
    last = min(position + 6, count)
    comma = next((k for k in range(position, last) if folded[k] == "،"), -1)
    complement = folded[position:comma]
    if comma > position and all(_complement_word(word) for word in complement):
        starts.append(comma + 1)
    return starts


def _not_a_name(word: str) -> bool:
    """Shapes of ordinary words: accusative `ـًا` (`غاضبا`, `عقدا`), plural `ـات` (`انتقادات`)."""
    return (len(word) >= 4 and word.endswith("ا")) or (len(word) >= 5 and word.endswith("ات"))


def _has_pronoun(word: str) -> bool:
    """`مرورها`, `عملهم`: a noun with a pronoun suffix is no name."""
    return len(word) >= 5 and word.endswith(("ها", "هم", "هما", "كم"))


def _joined_word(word: str) -> bool:
    """The word after `عبد`/`بن` (`الله`, `الرحمن`, `عمار`)."""
    return word[:1].isalpha() and not word.isascii() and word not in PARTICLES


def _complement_word(word: str) -> bool:
    """A word of the body a role belongs to (`باسم الهيئة العليا للإغاثة`)."""
    return word[:1].isalpha() and not word.isascii() and word not in PARTICLES


def _is_common(word: str, common: Container[str]) -> bool:
    return any(variant in common for variant in proclitic_variants(word))


def _name_end(
    folded: Sequence[str], start: int, common: Container[str], names: Container[str]
) -> int:
    """The end of a name starting at `start` (a given name and more), or `start` if none.
    A given name that is also a common word (`سلمى`, `آمنة`) needs a family name that is not
    (`الإدريسي`, `بنسودة`) and is no known place (`بعثة مصر`)."""
    count = len(folded)
    first = folded[start] if start < count else ""
    if not _plain(first) or first.startswith("لل") or first in SAYING_VERBS:
        return start
    end = start + 1
    if first in NAME_JOINERS:  # `عبد الرحمن`, `أبو علي`
        if first not in _folded("عبد أبو") or end >= count or not _plain(folded[end]):
            return start
        end += 1
    following = folded[end] if end < count else ""
    plain = _plain(following) and not following.startswith(("و", "لل"))
    strong = plain and not _is_common(following, common) and following not in names
    if first.startswith("ال") and first not in AL_GIVEN_NAMES:
        return start
    if first in FUNCTION_WORDS or _has_pronoun(first):
        return start
    if _not_a_name(first):
        return start
    if first.startswith("و"):
        return start  # `وأحد`, `والذي`, `واتهمته`: a conjunction goes on with the sentence
    if _is_common(first, common) and not strong:
        return start
    while end < count and end - start < _MAX_NAME:
        word = folded[end]
        joined = end + 1 < count and folded[end + 1] in NAME_JOINERS
        if word in NAME_JOINERS and end + 1 < count and _joined_word(folded[end + 1]):
            end += 2
            continue
        if word.startswith("ال") and word in ROLES and joined:
            end += 1  # `أحمد السيد عبد الرحمن`: a title word inside a name
            continue
        if not _plain(word) or word.startswith(("و", "لل")) or _is_common(word, common):
            break
        if word in FUNCTION_WORDS or _has_pronoun(word) or _not_a_name(word):
            break
        if not word.startswith("ال") and end - start >= 2:
            break  # a third plain word is more often a verb (`مايك بومبيو يصل`)
        end += 1
        if word.startswith("ال") and not joined:
            break  # a family name with `ال` ends the name, unless `عبد ...` follows
    return end if end - start >= 2 else start
