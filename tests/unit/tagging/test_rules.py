"""Furniture, datelines, actor chains and nisba adjectives."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from reader.tagging.arabic import fold, tokenize
from reader.tagging.rules import (
    actor_chains,
    clubs_by_city_adjective,
    is_adjective_of,
    is_bare_state_body,
    is_furniture,
    persons_after_roles,
    strip_dateline,
)


@pytest.mark.parametrize(
    "paragraph",
    [
        "الأخبار",
        "مقالات ذات صلة",
        "زر الذهاب إلى الأعلى",
        "اقرأ أيضاً",
        "المصدر: وكالات",
        "",
        "اقرأ أيضاً: الرئيس الفرنسي يزور بيروت",
        "للمزيد: مباحثات في القاهرة حول غزة",
        "فرانس24/ أ ف ب",
        "*نقلاً عن الرؤية",
        "** جميع المقالات تعبر عن رأي كتابها",
        # A dateline on its own line.
        "دمشق - رويترز",
        "القاهرة (أ ف ب)",
        "واشنطن - وكالات",
        "دبي، الإمارات (CNN)",
    ],
)
def test_furniture(paragraph: str) -> None:
    assert is_furniture(paragraph)


@pytest.mark.parametrize(
    "paragraph",
    [
        "قال المرصد السوري إن القصف تواصل",
        "الأخبار السارة لم تصل بعد إلى درعا",
        "المصدر نفسه قال",
        "نقلا عن مصادر في دمشق قال المرصد إن القصف تواصل طوال الليل",
        "رويترز: مقتل خمسة في درعا",
        "حمص - درعا",
        "بيروت",
    ],
)
def test_news_is_not_furniture(paragraph: str) -> None:
    assert not is_furniture(paragraph)


@pytest.mark.parametrize(
    ("paragraph", "rest"),
    [
        ("دمشق - قال مصدر عسكري", "قال مصدر عسكري"),
        ("القاهرة (رويترز) - أعلنت الحكومة", "أعلنت الحكومة"),
        ("دبي، الإمارات العربية المتحدة (CNN)-- قال مسؤول", "قال مسؤول"),
        ("وقال الوزير (رويترز) إن الاتفاق قريب", "وقال الوزير (رويترز) إن الاتفاق قريب"),
        ("أكد متحدث باسم المعارضة فشل المحادثات", "أكد متحدث باسم المعارضة فشل المحادثات"),
        ("واشنطن (AP) قال مسؤول", "قال مسؤول"),
        # A Latin gloss in brackets is no agency: `(Port Authority)` after a body's name.
        ("أعلنت هيئة الموانئ (Port Authority) أن", "أعلنت هيئة الموانئ (Port Authority) أن"),
    ],
)
def test_strip_dateline(paragraph: str, rest: str) -> None:
    assert strip_dateline(paragraph) == rest


def _chains(sentence: str) -> list[str]:
    tokens = tokenize(sentence)
    folded = [fold(token) for token in tokens]
    return [" ".join(tokens[start:end]) for start, end in actor_chains(folded)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("قالت وزارة الخارجية الأميركية أمس", ["وزارة الخارجية الأميركية"]),
        ("قال المرصد السوري لحقوق الإنسان، الأربعاء", ["المرصد السوري لحقوق الإنسان"]),
        ("المتحدث باسم غرفة العمليات المركزية في الجنوب", ["غرفة العمليات المركزية"]),
        ("فصائل الجيش السوري الحر الرئيسية", ["الجيش السوري الحر"]),
        ("سيجتمع مجلس الأمن الدولي الخميس", ["مجلس الأمن الدولي"]),
        ("الرئاسة الدورية لمجلس الأمن خلال تموز", ["لمجلس الأمن"]),
        ("انتشر الجيش في المدينة", []),
        ("ووفقا للمنظمة الدولية، نزح الآلاف", []),
        ("تدعم جهود مجلس الأمن لإنهاء الحرب", ["مجلس الأمن"]),
        ("شكوى لدى المنظمة الدولية للطيران المدني", ["المنظمة الدولية للطيران المدني"]),
        ("رحب الائتلاف الوطني السوري المعارض الفصائل بالقرار", ["الائتلاف الوطني السوري المعارض"]),
        ("ومنع منظمة الصحة العالمية القيام بعمليات", ["منظمة الصحة العالمية"]),
        (
            "قالت الهيئة العامة للطيران المدني السعودية إنها",
            ["الهيئة العامة للطيران المدني السعودية"],
        ),
        ("غرفة الفندق واسعة", []),
    ],
)
def test_actor_chains(sentence: str, expected: list[str]) -> None:
    assert _chains(sentence) == expected


def test_adjectives_of_places_are_not_places() -> None:
    places = {fold(name) for name in ("سوريا", "السويد", "أميركا", "مصر", "السعودية")}
    for word in ("سوري", "السويدية", "الأميركية", "المصري", "المصريين"):
        assert is_adjective_of(fold(word), places), word
    for word in ("السعودية", "سوريا", "درعا"):
        assert not is_adjective_of(fold(word), places), word


# Folded names a tagger would know (places and a movement), for the chain and person rules.
_NAMES = frozenset(fold(name) for name in ("فلسطين", "العراق", "الأردن", "عمان", "حماس"))


def _ranges(sentence: str, found: Callable[[list[str]], list[tuple[int, int]]]) -> list[str]:
    tokens = tokenize(sentence)
    return [" ".join(tokens[start:end]) for start, end in found([fold(t) for t in tokens])]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A generic head needs a name in it: a place's adjective, a known name, a rank adjective.
        ("تراجعت حركة الشاحنات عبر المعبر الحدودي", []),
        ("وقالت لجنة التحقيق إنها ستنهي عملها", []),
        ("وهاجمت جماعة شبه مسلحة القرية", []),
        ("أصدرت المندوبية السامية للإحصاء تقريرها", ["المندوبية السامية للإحصاء"]),
        ("وأعلنت مؤسسة موانئ العراق أن", ["مؤسسة موانئ العراق"]),
        ("ووزعت الجمعية الخيرية الطرود", []),
        ("وقالت مؤسسة موانئ عمان إن", ["مؤسسة موانئ عمان"]),
        ("وبقيت البلدة تحت سلطة الحكم العراقي", []),
        ("أعلنت حركة النضال الفلسطينية مسؤوليتها", ["حركة النضال الفلسطينية"]),
        ("وقال متحدث باسم حركة حماس إن", ["حركة حماس"]),
        # A meeting's or a body's state is no part of its name; nor is a pronoun's noun.
        ("أيدت الجمعية العراقية المنعقدة في بغداد", ["الجمعية العراقية"]),
        ("قالت الجبهة الفلسطينية المتمردة إنها", ["الجبهة الفلسطينية"]),
        ("وجهت المنظمة الأردنية لرئيسها رسالة", ["المنظمة الأردنية"]),
        (
            "أطلقت الهيئة الوطنية للنقل والسلامة الطرقية حملة",
            ["الهيئة الوطنية للنقل والسلامة الطرقية"],
        ),
        # A definite head takes adjectives and `لـ` phrases, never a verb or a second noun.
        ("ناقش المجلس خطط الإسكان الجديدة", []),
        ("وأرسلت الوزارة الرسائل إلى المدارس", []),
        ("ثم قرأت اللجنة التقارير كلها", []),
        ("عرضت الخطة على المجلس الأعلى للشباب التابع للحكومة", ["المجلس الأعلى للشباب"]),
        ("وحذر المرصد الوطني للزلازل، أمس", ["المرصد الوطني للزلازل"]),
        # `و` + noun continues a ministry's name, not into another actor or place.
        ("أعلنت وزارة الزراعة والصيد البحري خطة", ["وزارة الزراعة والصيد البحري"]),
        ("ودعا مجلس الأمن والعراق إلى الحوار", ["مجلس الأمن"]),
        ("وأكدت وزارة الدفاع والجيش أن", ["وزارة الدفاع"]),
    ],
)
def test_actor_chains_stop_at_verbs_and_need_names(sentence: str, expected: list[str]) -> None:
    assert _ranges(sentence, lambda folded: actor_chains(folded, _NAMES)) == expected


# Folded common words (the shipped list has them too): given names that are also words.
_COMMON = frozenset(fold(word) for word in ("سهام", "من", "وفد", "الحكومة", "كلمة", "بعثة"))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("قالت الكاتبة الجزائرية سهام المرابطي إن الرواية", ["سهام المرابطي"]),
        ("وقال مدرب الفريق، الجزائري كمال بلعيد، إن", ["كمال بلعيد"]),
        ("وأكدت المتحدثة باسم الهيئة، هالة منصور، أن", ["هالة منصور"]),
        ("ورد حارس النادي يونس الحجري على", ["يونس الحجري"]),
        ("وقال مدير المهرجان، الناقد فادي عبد الله، إن", ["فادي عبد الله"]),
        ("وصل وزير الخارجية الكندي جون ماكلين يصل", ["جون ماكلين"]),
        # A title that takes its body first, and a given name that folds like `ال` + word.
        ("وقال وزير الدفاع إلياس الحداد إن", ["إلياس الحداد"]),
        ("وقال الوزير إن الحكومة ستدرس", []),
        ("قال رئيس الوزراء في كلمة", []),
        ("استقبل الرئيس وفدا من", []),
        ("وقال رئيس بعثة الأردن إن", []),
        ("مرت الحافلة قرب بوابة الملعب الكبير", []),
        # Right after a bare role an object may follow; ordinary word shapes end a name.
        ("وقال الناقد فراس الحلبي إن", ["فراس الحلبي"]),
        ("ويرى الخبير تأثير الأزمة محدود", []),
        ("وقال المدرب الإيطالي ماركو بيرتي إن", ["ماركو بيرتي"]),
        ("ودافع عنه الرئيس منصور مرارا", []),
        ("وجه الناطق باسم الوزارة، انتقادات حادة للقرار", []),
        ("خطأ بين الحارس وأحد مدافعيه", []),
        ("التقى المدير الجديد، والذي اشترط تأجيل", []),
        ("ويثير اللاعب البرازيلي عادة غضب الجماهير", []),
        ("وقال المتحدث إن اللجنة", []),
    ],
)
def test_full_names_after_role_words(sentence: str, expected: list[str]) -> None:
    assert (
        _ranges(sentence, lambda folded: persons_after_roles(folded, _COMMON, _NAMES)) == expected
    )


_CITIES = {fold(name) for name in ("تطوان", "مراكش", "وجدة", "فاس", "الجديدة")}
_COUNTRIES = {fold(name) for name in ("المغرب", "مصر")}


@pytest.mark.parametrize(
    ("sentence", "clubs"),
    [
        ("تعادل المغرب التطواني مع الكوكب المراكشي", ["المغرب التطواني", "الكوكب المراكشي"]),
        ("فازت المولودية الوجدية على الدفاع الجديدي", ["المولودية الوجدية", "الدفاع الجديدي"]),
        ("سجل اللاعب المراكشي هدفا", []),  # a player, not a club
        ("وخسر الفريق الفاسي", []),  # a team word, not a club's name
        ("قال المنتخب المصري", []),  # a country's adjective
    ],
)
def test_clubs_named_by_a_city_adjective(sentence: str, clubs: list[str]) -> None:
    folded = [fold(word) for word in tokenize(sentence)]
    found = clubs_by_city_adjective(folded, _CITIES, _COUNTRIES)
    assert [" ".join(folded[start:end]) for start, end in found] == [fold(c) for c in clubs]


@pytest.mark.parametrize(
    ("body", "bare"),
    [
        ("وزارة الخارجية", True),
        ("مجلس النواب", True),
        ("المجلس العسكري", True),
        ("وزارة الخارجية الأميركية", False),  # three words: a country's
        ("المجلس المصري", False),  # a country's adjective
        ("حركة الشباب", False),  # not a state body's head
    ],
)
def test_bare_state_bodies_name_no_one(body: str, bare: bool) -> None:
    folded = [fold(word) for word in body.split()]
    places = {fold("مصر")}
    assert is_bare_state_body(folded, 0, len(folded), places) is bare
