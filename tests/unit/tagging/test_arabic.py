"""Folding, cleaning, tokens and clitics of the tagger's Arabic helpers."""

from __future__ import annotations

import pytest

from reader.tagging.arabic import (
    clean,
    fold,
    proclitic_variants,
    short_word_after_clitic,
    tokenize,
)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("أحمد", "احمد"),
        ("إسرائيل", "اسرائيل"),
        ("آسيا", "اسيا"),
        ("سورية", "سوريه"),
        ("مصطفى", "مصطفي"),
        ("المؤتمر", "الموتمر"),
        ("السُّوَيْد", "السويد"),
        ("فلسطيـــن", "فلسطين"),
    ],
)
def test_fold_makes_spelling_variants_equal(left: str, right: str) -> None:
    assert fold(left) == fold(right)


def test_fold_keeps_different_names_apart() -> None:
    assert fold("عمر") != fold("عمرو")
    assert fold("الأردن") != fold("أردن")


def test_clean_unfolds_hashtags_and_drops_marks() -> None:
    assert clean("اجتماع #مجلس_الأمن الدولي") == "اجتماع مجلس الأمن الدولي"
    assert clean("\u202eدرعا\u202c") == "درعا"
    assert clean("سُوريا") == "سوريا"


def test_tokenize_splits_punctuation_and_keeps_words() -> None:
    assert tokenize("قال (رويترز): درعا، سوريا.") == [
        "قال",
        "(",
        "رويترز",
        ")",
        ":",
        "درعا",
        "،",
        "سوريا",
        ".",
    ]


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("وروسيا", "روسيا"),
        ("والكويت", "الكويت"),
        ("بالعراق", "العراق"),
        ("للحكومة", "الحكومة"),
        ("وللحكومة", "الحكومة"),
        ("فبغداد", "بغداد"),
    ],
)
def test_proclitic_variants_offer_the_bare_word(token: str, expected: str) -> None:
    variants = proclitic_variants(token)
    assert variants[0] == token
    assert expected in variants


@pytest.mark.parametrize("token", ["بالقدس", "والقدس", "وبالقدس", "فبالقدس", "كالقدس"])
def test_clitics_before_an_article_keep_it(token: str) -> None:
    # `القدس`, never `لقدس`: the article stays whole, and it is the most stripped reading.
    variants = proclitic_variants(token)
    assert variants[-1] == "القدس"
    assert "لقدس" not in variants


def test_the_article_reading_of_lil_comes_first() -> None:
    assert proclitic_variants("للقدس")[1] == "القدس"


def test_a_short_word_after_a_clitic_is_offered_only_for_longer_names() -> None:
    assert short_word_after_clitic("لبي") == "بي"
    assert short_word_after_clitic("بين") == "ين"  # callers need a longer name after it
    assert short_word_after_clitic("مصر") is None
    assert short_word_after_clitic("لبنان") is None


def test_short_words_have_no_clitic_reading() -> None:
    assert proclitic_variants("ولد") == ("ولد",)
    assert proclitic_variants("الأردن") == ("الأردن",)
