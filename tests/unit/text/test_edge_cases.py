"""Edge cases of Arabic display, with sentences written for these tests.

Presentation forms are pinned as \\u escapes (shaped and unshaped text look alike on screen).
Where the expectation is a visual order, libfribidi also checks it (independent of this code).
"""

from __future__ import annotations

import unicodedata

import pytest
from bidi import get_display

from reader.text import cell_width, layout, layout_line, render_lines, sanitize
from reader.text.shape import reshape_text
from tests.oracles import fribidi
from tests.oracles.layout_check import order_mismatches

needs_fribidi = pytest.mark.skipif(not fribidi.available(), reason="libfribidi is not installed")


def stripped(text: str, width: int, **kwargs: object) -> list[str]:
    return [line.text.strip() for line in layout(text, width, **kwargs)]  # type: ignore[arg-type]


def assert_fribidi_agrees(text: str, *widths: int) -> None:
    if fribidi.available():
        for width in widths:
            assert order_mismatches(text, width) == []


# --- numbers at line starts: levels must come from the whole paragraph ---------------------


def test_percentage_at_a_line_start_keeps_its_paragraph_resolution() -> None:
    text = "ارتفع المؤشر بنسبة 45.5% اليوم"
    lines = layout(text, 18)
    assert len(lines) == 2
    second = lines[1].text.strip()
    # After Arabic, 45.5 is AN (W2): the percent sign shows on its left.
    assert "%45.5" in second
    # Resolving the line alone (what per-line get_display does) would give the other order.
    assert "45.5%" in get_display("45.5% اليوم", base_dir="R")
    assert_fribidi_agrees(text, 18, 12, 25)


def test_range_at_a_line_start_reads_right_to_left() -> None:
    text = "بين 10-12 عاما"
    lines = stripped(text, 5)
    assert lines[1] == "12-10"
    assert get_display("10-12", base_dir="R") == "10-12"  # what per-line resolution shows
    assert_fribidi_agrees(text, 3, 4, 5, 6, 9)


def test_mixed_arabic_latin_and_digits() -> None:
    (line,) = layout("رويترز Reuters 2018", 40)
    assert line.rtl and line.text.startswith(" ")
    assert line.text.strip() == "Reuters 2018 \ufeaf\ufeae\ufe98\ufef3\ufeed\ufead"
    ltr = layout('The UN said "مجلس الأمن" met', 40)[0]
    assert not ltr.rtl and ltr.text.startswith("The UN said")
    assert_fribidi_agrees(
        "رويترز Reuters 2018 قالت إن 1,234,567 شخصا عند 10:30 و-3% أمس", 8, 15, 30
    )


def test_brackets_are_mirrored_at_odd_levels() -> None:
    (line,) = layout("قال (م)", 20)
    assert line.text.strip() == "\u0028\ufee1\u0029 \ufedd\ufe8e\ufed7"
    # python-bidi alone does not mirror: a non-bidi terminal would show )م(.
    assert get_display("قال (م)").startswith(")")
    text = "قال [الوزير] {بوضوح} <هنا> (نعم) «لا» “ربما”"
    assert_fribidi_agrees(text, 10, 17, 60)
    # Quotes and guillemets are not Bidi_Mirrored: they keep their glyph.
    joined = "".join(render_lines(text, 60))
    assert "«" in joined and "»" in joined and "“" in joined


def test_hashtag_reads_with_the_hash_on_the_right() -> None:
    (line,) = layout("#مجلس_الأمن", 40)
    assert line.text.strip() == "\ufee6\ufee3\ufef7\ufe8d_\ufeb2\ufee0\ufea0\ufee3#"


def test_url_stays_one_left_to_right_run() -> None:
    url = "https://example.com/news?id=42&lang=ar"
    text = f"رابط الخبر {url} للمزيد"
    (line,) = layout(text, 80)
    assert url in line.text
    assert_fribidi_agrees(text, 12, 20, 38, 50)
    # Longer than the width: hard-broken, every piece still left to right.
    pieces = stripped(url, 10)
    assert "".join(pieces) == url


def test_arabic_indic_digits_keep_their_order() -> None:
    text = "في عام ٢٠١٨ بلغت النسبة ١٢٫٥٪ وفي ۱۲۳"
    joined = " ".join(stripped(text, 80))
    assert "٢٠١٨" in joined and "١٢٫٥" in joined and "۱۲۳" in joined
    assert_fribidi_agrees(text, 9, 14, 80)


def test_harakat_are_deleted_and_belong_to_their_letter() -> None:
    (line,) = layout("بَيْتٌ", 10)
    assert line.text.strip() == "\ufe96\ufef4\ufe91"
    # Cells are right-aligned: the first letter (with its fatha) is the rightmost cell.
    assert line.cells[-1] == (0, 2)
    assert line.columns_for_span(1, 2) == [(9, 10)]  # the fatha lights its letter
    assert cell_width(line.text) == 10


def test_lam_alef_is_one_cell_owning_two_letters_and_allah_is_not_a_ligature() -> None:
    (line,) = layout("لا", 5)
    assert line.text == "    \ufefb" and line.cells[-1] == (0, 2)
    assert line.columns_for_span(1, 2) == [(4, 5)]
    (allah,) = layout("الله", 10)
    assert allah.text.strip() == "\ufeea\ufee0\ufedf\ufe8d"
    assert "\ufdf2" not in reshape_text("عبدالله")


def test_emoji_zwj_sequence_keeps_its_order_in_rtl() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    (line,) = layout(f"مرحبا {family} عالم", 40)
    assert "\U0001f468\U0001f469\U0001f467" in line.text  # not reversed, ZWJ not printed
    assert "\u200d" not in line.text
    start = len("مرحبا ")
    columns = line.columns_for_span(start, start + 1)
    assert columns and columns[0][1] - columns[0][0] == 6  # the whole cluster lights up


def test_reshaper_zwj_crash_is_guarded() -> None:
    for text in ("\u200dلا", "ب\u200dلا", "\U0001f468\u200d\U0001f469\u200d\U0001f467 لا"):
        lines = layout(text, 20)
        assert all("\u200d" not in line.text for line in lines)
    assert layout("ب\u200dلا", 20)[0].text.strip().endswith("\ufe91")


def test_explicit_overrides_are_removed() -> None:
    (line,) = layout("مرحبا \u202eabc\u202c عالم", 40)
    assert "abc" in line.text
    trojan = 'access_level = "user\u202e \u2066// Check if admin\u2069 \u2066"'
    assert sanitize(trojan) == 'access_level = "user // Check if admin "'


@pytest.mark.parametrize(
    "dirty",
    [
        "\x1b[31mأحمر\x1b[0m",
        "\x1b]8;;https://example.com\x07رابط\x1b]8;;\x1b\\",
        "\x1b]0;title\x07عنوان",
        "\x1bP1$r0m\x1b\\نص",
        "\x1b_apc\x1b\\\x1b^pm\x1b\\\x1bXsos\x1b\\نص",
        "\x9b31mنص\x9b0m",
        "\x9d0;t\x9cنص",
        "\x07\x08نص\x00\x7f\x1bc\x1b(B",
    ],
)
def test_escape_sequences_never_reach_the_output(dirty: str) -> None:
    for mode in ("app", "terminal"):
        for line in layout(dirty, 30, mode=mode):  # type: ignore[arg-type]
            assert all(unicodedata.category(c) not in ("Cc", "Cf") for c in line.text)
            assert "]" not in line.text and "[" not in line.text


def test_line_and_paragraph_separators() -> None:
    lines = layout("a\r\nb\rc\u2028d\u2029e\x85f\n\ng", 10)
    assert [line.text for line in lines] == ["a", "b", "c", "d", "e", "f", "", "g"]
    assert [line.paragraph for line in lines] == list(range(8))
    assert lines[1].cells == ((3, 4),)  # indices into the ORIGINAL string


def test_tabs_are_expanded_and_mapped() -> None:
    (line,) = layout("a\tb", 20)
    assert line.text == "a       b"
    assert line.cells[1] == (1, 2) and line.cells[-1] == (2, 3)


def test_presentation_forms_in_the_input_are_folded() -> None:
    # بيت written with presentation forms (as PDFs give it) lays out like the letters.
    assert render_lines("\ufe91\ufef4\ufe96", 10) == render_lines("بيت", 10)
    assert layout("\ufefb", 5)[0].text.strip() == "\ufefb"


def test_wrapping_breaks_at_spaces_and_hard_breaks_long_words() -> None:
    assert stripped("one two three four", 9) == ["one two", "three", "four"]
    assert [len(t) for t in stripped("x" * 25, 10)] == [10, 10, 5]
    marked = "e\u0301" * 15  # a grapheme is never split
    assert [line.text for line in layout(marked, 10)] == ["e\u0301" * 10, "e\u0301" * 5]


def test_wide_cluster_on_a_one_cell_line_is_replaced() -> None:
    lines = layout("\u4e2d", 1)
    assert [line.text for line in lines] == ["\ufffd"] and lines[0].width == 1


def test_blank_lines_and_empty_text() -> None:
    assert render_lines("", 10) == [""]
    assert render_lines("\n\n", 10) == ["", "", ""]


def test_neutral_only_paragraph_is_rtl() -> None:
    (line,) = layout("123 - 456", 20)
    assert line.rtl and line.text.startswith(" ")


def test_terminal_mode_is_logical_unshaped_and_unpadded() -> None:
    lines = layout("مرحبا (abc) لا\u200f", 40, mode="terminal")
    assert [line.text for line in lines] == ["مرحبا (abc) لا"]
    assert lines[0].cells[0] == (0, 1)


def test_columns_for_a_hit_can_be_several_ranges_on_one_line() -> None:
    (line,) = layout("abc مرحبا عالم def", 40)
    assert line.columns_for_span(0, 9) == [(0, 4), (9, 14)]
    lines = layout("كلمة أولى ثم كلمة ثانية", 10)
    hits = [line.columns_for_span(5, 12) for line in lines]
    assert sum(1 for hit in hits if hit) == 2  # a hit across a line break: one range per line


def test_caret_and_click_mapping() -> None:
    (rtl,) = layout("مرحبا", 10)
    assert rtl.column_for_offset(0) == 9 and rtl.column_for_offset(4) == 5
    assert rtl.column_for_offset(5) == 4  # after the last letter: on its left
    assert rtl.offset_at_column(9) == 0 and rtl.offset_at_column(0) == 5
    (ltr,) = layout("hello", 10)
    assert ltr.column_for_offset(0) == 0 and ltr.column_for_offset(5) == 5
    assert ltr.offset_at_column(1) == 1 and ltr.offset_at_column(8) == 5


def test_layout_line_cuts_at_the_logical_end() -> None:
    line = layout_line("مرحبا بالعالم كله هنا", 10)
    assert line.width == 10 and line.text.startswith("…")
    assert line.cells[-1] == (0, 1)  # the sentence's beginning is kept, on the right
    ltr = layout_line("hello wonderful world", 10)
    assert ltr.text == "hello won…"
    assert ltr.offset_at_column(9) == 9  # the ellipsis stands for the hidden rest
    short = layout_line("abc\ndef", 10)
    assert short.text == "abc def" and short.column_for_offset(7) == 7
    assert layout_line("مرحبا", 10).text == "     \ufe8e\ufe92\ufea3\ufeae\ufee3"


def test_invalid_arguments() -> None:
    with pytest.raises(ValueError):
        layout("x", 0)
    with pytest.raises(ValueError):
        layout("x", 10, mode="visual")  # type: ignore[arg-type]


@needs_fribidi
def test_edge_case_paragraphs_agree_with_libfribidi_at_every_width() -> None:
    text = "\n".join(
        [
            "قال المتحدث (باسم الوزارة): إن 45.5% من السكان، أي بين 10-12 مليونا، تأثروا.",
            "رابط https://example.com/news?id=42&lang=ar و#مجلس_الأمن في ٢٠١٨ و١٢٫٥٪.",
            'The UN said "مجلس الأمن" met at 10:30 (GMT), ABC, DEF.',
            "بَيْتٌ جَمِيلٌ [مع] {أقواس} و-3% ثم 1,234,567 دولار",
            "لا إله إلا الأمل، ولا شيء آخر؟ نعم!",
        ]
    )
    problems = [p for width in range(4, 81) for p in order_mismatches(text, width)]
    assert problems == []
