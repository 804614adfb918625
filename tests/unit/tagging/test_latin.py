"""Latin-script names inside Arabic text: plausible names only, never English sentences."""

from __future__ import annotations

import pytest

from reader.tagging import Tagger
from reader.tagging.arabic import clean, tokenize
from reader.tagging.latin import latin_names, mostly_latin, split_clitics


def _names(sentence: str) -> list[str]:
    tokens = split_clitics(tokenize(clean(sentence)))
    return [" ".join(tokens[start:end]).replace(" - ", "-") for start, end in latin_names(tokens)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "وقارن الباحثون النتائج بأنظمة من DeepSoft وNovaTech وAcme",
            ["DeepSoft", "NovaTech", "Acme"],
        ),
        ("ونقلت وكالة Newswire عن مصدر", ["Newswire"]),
        ("أعلنت منظمة ICAO الخطة", ["ICAO"]),
        ("وقال المهندس Omar Al-Fahd إن", ["Omar Al-Fahd"]),
        # Glosses in brackets repeat an Arabic name; units and lowercase words are no names.
        ("أعلنت الهيئة العامة للطيران (GACA) خطتها", []),
        ("يعمل الهاتف بذاكرة 8 GB وشريحة من نوع pro", []),
        ("وكتب على اللافتة: welcome to the show", []),
        # A capitalised word beside lowercase English words is part of a sentence, not a name.
        ("وقالت بالإنجليزية: Science needs patience ثم ابتسمت", []),
    ],
)
def test_latin_names(sentence: str, expected: list[str]) -> None:
    assert _names(sentence) == expected


def test_an_english_paragraph_gives_no_latin_tags() -> None:
    paragraph = "“Cities need trees,” said Prof. Samir Haddad, who leads the Green Belt study."
    assert mostly_latin(paragraph)
    assert not mostly_latin("وقارن الباحثون النتائج بأنظمة من DeepSoft")
    tags = Tagger().tag("", [paragraph, "وأعلنت شركة ناشئة شراكة مع DeepSoft أمس."])
    assert tags.actors == ("DeepSoft",)
