"""The Arabic analyzer against the documented rules of Lucene's ArabicNormalizer/ArabicStemmer.

Every case below was written for this project from the rules as Lucene documents them
(ArabicNormalizer: alef forms, alef maksura, teh marbuta, tatweel, harakat; ArabicStemmer:
seven prefixes, one removed, `و` only with >= 3 letters left, others with >= 2; ten suffixes
in one sweep, each with >= 2 letters left), plus the extensions akhbar documents.
"""

from __future__ import annotations

import pytest

from reader.search.analysis import (
    ANALYZER_VERSION,
    STOP_WORDS,
    analyze,
    fold_name,
    normalize,
    stem,
    strip_lucene_prefix,
    strip_prefix,
    strip_suffixes,
    surface_words,
)

FATHA, DAMMA, KASRA, SUKUN, SHADDA = "\u064e", "\u064f", "\u0650", "\u0652", "\u0651"
FATHATAN, DAMMATAN, KASRATAN = "\u064b", "\u064c", "\u064d"
TATWEEL = "\u0640"


# -- ArabicNormalizer ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("\u0622\u062e\u0631", "\u0627\u062e\u0631"),  # آخر: alef with madda -> alef
        ("\u0623\u0645\u064a\u0646", "\u0627\u0645\u064a\u0646"),  # أمين: hamza above
        ("\u0625\u0646\u0633\u0627\u0646", "\u0627\u0646\u0633\u0627\u0646"),  # إنسان: below
        ("\u0647\u062f\u0649", "\u0647\u062f\u064a"),  # هدى: alef maksura -> yeh
        ("\u0633\u0627\u062d\u0629", "\u0633\u0627\u062d\u0647"),  # ساحة: teh marbuta -> heh
        ("\u0633" + TATWEEL * 3 + "\u0644\u0627\u0645", "\u0633\u0644\u0627\u0645"),  # tatweel
    ],
)
def test_lucene_letter_folds(raw: str, folded: str) -> None:
    assert normalize(raw) == folded


@pytest.mark.parametrize("mark", [FATHATAN, DAMMATAN, KASRATAN, FATHA, DAMMA, KASRA, SHADDA, SUKUN])
def test_each_of_the_eight_harakat_is_removed(mark: str) -> None:
    word = "\u062f" + mark + "\u0631\u0633"  # د + mark + رس
    assert normalize(word) == "\u062f\u0631\u0633"


def test_fully_vowelled_word_folds_to_bare_letters() -> None:
    vowelled = "\u0645" + DAMMA + "\u0639" + FATHA + "\u0644" + SHADDA + KASRA + "\u0645"
    assert normalize(vowelled) == "\u0645\u0639\u0644\u0645"


@pytest.mark.parametrize(
    "kept",
    [
        "\u0645\u0624\u062a\u0645\u0631",  # مؤتمر: hamza on waw stays
        "\u0631\u0626\u064a\u0633",  # رئيس: hamza on yeh stays
        "\u0645\u0633\u0627\u0621",  # مساء: lone hamza stays
    ],
)
def test_other_hamza_forms_are_left_alone(kept: str) -> None:
    assert normalize(kept) == kept


@pytest.mark.parametrize(
    ("raw", "ascii_digits"),
    [
        ("\u0662\u0660\u0661\u0668", "2018"),  # Arabic-Indic
        ("\u06f1\u06f4\u06f0\u06f2", "1402"),  # Persian (extended Arabic-Indic)
        ("\uff17", "7"),  # fullwidth
    ],
)
def test_decimal_digits_become_ascii(raw: str, ascii_digits: str) -> None:
    assert normalize(raw) == ascii_digits


def test_persian_yeh_and_keheh_fold_to_arabic_letters() -> None:
    # Beyond Lucene: کتاب and a word ending in Persian ی fold onto Arabic spellings.
    assert normalize("\u06a9\u062a\u0627\u0628") == "\u0643\u062a\u0627\u0628"
    assert normalize("\u0639\u0644\u06cc") == "\u0639\u0644\u064a"


def test_decomposed_hamza_composes_then_folds() -> None:
    # Beyond Lucene: alef + combining hamza above (two code points) folds like أ.
    assert normalize("\u0627\u0654\u0645\u0646") == "\u0627\u0645\u0646"


def test_english_is_lowercased() -> None:
    assert normalize("NASA Twitter") == "nasa twitter"


# -- ArabicStemmer: prefixes ---------------------------------------------------------------

ROOT = "\u0642\u0644\u0645"  # قلم: three letters with no prefix or suffix letters


@pytest.mark.parametrize(
    "prefix",
    [
        "\u0627\u0644",  # ال
        "\u0648\u0627\u0644",  # وال
        "\u0628\u0627\u0644",  # بال
        "\u0643\u0627\u0644",  # كال
        "\u0641\u0627\u0644",  # فال
        "\u0644\u0644",  # لل
        "\u0648",  # و
    ],
)
def test_each_lucene_prefix_is_removed(prefix: str) -> None:
    assert stem(prefix + ROOT) == ROOT


def test_only_one_prefix_comes_off() -> None:
    # ال then و: after ال is removed, Lucene does not look at the و again.
    assert strip_lucene_prefix("\u0627\u0644\u0648" + ROOT) == "\u0648" + ROOT
    # Nor at a second ال: والالم keeps its inner ال.
    assert strip_prefix("\u0648\u0627\u0644\u0627\u0644" + ROOT) == "\u0627\u0644" + ROOT


def test_waw_needs_three_letters_left() -> None:
    assert stem("\u0648\u0631\u062f") == "\u0648\u0631\u062f"  # ورد: 3 letters, kept
    assert stem("\u0648\u0642\u0644\u0645") == ROOT  # وقلم: 4 letters, و removed


def test_two_letter_prefix_needs_two_letters_left() -> None:
    assert strip_prefix("\u0627\u0644\u0645") == "\u0627\u0644\u0645"  # الم: 1 would remain
    assert strip_prefix("\u0627\u0644\u0645\u062f") == "\u0645\u062f"  # المد -> مد


@pytest.mark.parametrize("letter", ["\u0628", "\u0643", "\u0641", "\u0644"])
def test_single_letter_b_k_f_l_are_not_prefixes(letter: str) -> None:
    assert stem(letter + ROOT) == letter + ROOT


# -- ArabicStemmer: suffixes ---------------------------------------------------------------


@pytest.mark.parametrize(
    "suffix",
    [
        "\u0647\u0627",  # ها
        "\u0627\u0646",  # ان
        "\u0627\u062a",  # ات
        "\u0648\u0646",  # ون
        "\u064a\u0646",  # ين
        "\u064a\u0647",  # يه
        "\u064a\u0629",  # ية
        "\u0647",  # ه
        "\u0629",  # ة
        "\u064a",  # ي
    ],
)
def test_each_lucene_suffix_is_removed(suffix: str) -> None:
    assert strip_suffixes(ROOT + suffix) == ROOT


def test_suffixes_come_off_in_one_sweep_in_list_order() -> None:
    # ات is listed before ه: قلمهات -> قلمه -> قلم.
    assert strip_suffixes(ROOT + "\u0647\u0627\u062a") == ROOT


def test_an_earlier_suffix_is_not_rechecked() -> None:
    # ي comes last: قلمهاي -> قلمها, and ها (listed first) is not tried again.
    assert strip_suffixes(ROOT + "\u0647\u0627\u064a") == ROOT + "\u0647\u0627"


def test_suffix_needs_two_letters_left() -> None:
    assert strip_suffixes("\u0645\u0647\u0627") == "\u0645\u0647\u0627"  # مها: 1 would remain
    assert strip_suffixes("\u0645\u0646\u0647\u0627") == "\u0645\u0646"  # منها -> من


def test_prefix_and_suffixes_together() -> None:
    # والمعلمات (and the teachers, f.) -> معلم
    assert stem("\u0648\u0627\u0644\u0645\u0639\u0644\u0645\u0627\u062a") == (
        "\u0645\u0639\u0644\u0645"
    )


def test_latin_words_are_not_stemmed() -> None:
    assert stem("iphone") == "iphone"


# -- beyond Lucene: two-clitic prefixes ----------------------------------------------------


def test_a_word_stems_alike_with_and_without_al() -> None:
    # Lucene: وزير -> زير (bare و removed) but الوزير -> وزير; akhbar gives زير for all three.
    wazir = "\u0648\u0632\u064a\u0631"
    assert strip_lucene_prefix(wazir) != strip_lucene_prefix("\u0627\u0644" + wazir)
    assert stem(wazir) == stem("\u0627\u0644" + wazir) == stem("\u0648" + wazir)


def test_wa_plus_lil_is_one_prefix() -> None:
    # وللقلم: Lucene removes only و and keeps للقلم; akhbar reaches قلم.
    assert stem("\u0648\u0644\u0644" + ROOT) == ROOT
    assert stem("\u0648\u0628\u0627\u0644" + ROOT) == ROOT  # وبالقلم


# -- the analyzer chain --------------------------------------------------------------------


def test_vowelled_word_is_one_token_with_exact_offsets() -> None:
    vowelled = "\u0627\u0644\u0645" + DAMMA + "\u0641\u0627\u0648" + FATHA + "\u0636\u0627\u062a"
    text = "xx " + vowelled + KASRA + " yy"
    terms = analyze(text)
    assert terms[1] == ("\u0645\u0641\u0627\u0648\u0636", 3, 3 + len(vowelled) + 1)
    assert [term for term, _, _ in terms] == ["xx", "\u0645\u0641\u0627\u0648\u0636", "yy"]


def test_offsets_point_at_the_words_in_the_text() -> None:
    text = "\u0630\u0647\u0628 \u0627\u0644\u0648\u0632\u064a\u0631 \u0625\u0644\u0649 Paris"
    for term, start, end in analyze(text):
        piece = text[start:end]
        assert " " not in piece and piece
        assert stem(normalize(piece)) == term


def test_stop_words_are_dropped_and_spelling_variants_too() -> None:
    # في and إلى/الى are function words whatever the hamza.
    assert analyze("\u0641\u064a") == []
    assert analyze("\u0625\u0644\u0649") == analyze("\u0627\u0644\u064a") == []
    assert all(normalize(word) == word for word in STOP_WORDS)


def test_query_variants_reach_the_same_term() -> None:
    # أكبر مدينة with hamza and ta marbuta, and as people type it.
    written = analyze("\u0623\u0643\u0628\u0631 \u0645\u062f\u064a\u0646\u0629")
    typed = analyze("\u0627\u0643\u0628\u0631 \u0627\u0644\u0645\u062f\u064a\u0646\u0647")
    assert [t for t, _, _ in written] == [t for t, _, _ in typed]


def test_surface_words_are_normalised_but_not_stemmed() -> None:
    assert surface_words("\u0627\u0644\u0623\u062e\u0628\u0627\u0631") == [
        ("\u0627\u0644\u0627\u062e\u0628\u0627\u0631", 0, 7)
    ]


def test_tag_names_fold_hamza_ta_marbuta_and_alef_maksura() -> None:
    assert fold_name("  \u0623\u0633\u0627\u0645\u0629   \u0645\u0648\u0633\u0649 ") == (
        "\u0627\u0633\u0627\u0645\u0647 \u0645\u0648\u0633\u064a"
    )


def test_analyzer_has_a_version() -> None:
    assert ANALYZER_VERSION.startswith("ar-light-")
