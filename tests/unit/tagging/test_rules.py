"""Furniture, datelines, actor chains and nisba adjectives."""

from __future__ import annotations

import pytest

from reader.tagging.arabic import fold, tokenize
from reader.tagging.rules import actor_chains, is_adjective_of, is_furniture, strip_dateline


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
