"""The small public functions of reader.text, with values from the Unicode data itself."""

from __future__ import annotations

import pytest

from reader.text import (
    VisualLine,
    cell_width,
    fold_presentation_forms,
    layout,
    paragraph_direction,
    render_lines,
    sanitize,
    sanitize_with_map,
)


@pytest.mark.parametrize(
    ("paragraph", "direction"),
    [
        ("مرحبا", "rtl"),
        ("hello مرحبا", "ltr"),
        ("123 مرحبا", "rtl"),
        ("123 abc", "ltr"),
        ("", "rtl"),
        ("123 - 456", "rtl"),  # no strong character: the Arabic reader's default
        ("\u2067abc\u2069 hello", "ltr"),  # P2 skips the isolate's contents
        ("\u2068abc\u2069 مرحبا", "rtl"),
        ("\u2066abc", "rtl"),  # unterminated isolate: skipped to the end, no strong char
        ("\u200fabc", "rtl"),  # RLM is a strong R character
    ],
)
def test_paragraph_direction(paragraph: str, direction: str) -> None:
    assert paragraph_direction(paragraph) == direction


@pytest.mark.parametrize(
    ("text", "cells"),
    [
        ("abc", 3),
        ("لا", 2),  # unshaped: two letters
        ("\ufefb", 1),  # the lam-alef ligature
        ("بَيْتٌ", 3),  # harakat take no cell
        ("\u200f\u200d\ufeff", 0),
        ("\u4e2d\u6587", 4),
        ("\U0001f468\u200d\U0001f469\u200d\U0001f467", 6),  # printed without ZWJ
        ("\U0001f1f8\U0001f1e6", 2),  # a flag
        ("e\u0301", 1),
    ],
)
def test_cell_width(text: str, cells: int) -> None:
    assert cell_width(text) == cells


def test_fold_presentation_forms() -> None:
    assert fold_presentation_forms("\ufe91\ufef4\ufe96") == "بيت"
    assert fold_presentation_forms("\ufefb abc") == "لا abc"
    assert fold_presentation_forms("بيت") == "بيت"


def test_sanitize_with_map_points_into_the_input() -> None:
    text = "\x1b[1mab\x1b[0m\r\nc\td"
    clean, source = sanitize_with_map(text)
    assert clean == "ab\nc       d"
    assert source[:3] == [4, 5, 10] and source[4:11] == [13] * 7 and source[-1] == 14
    assert sanitize("\ud800x") == "\ufffdx"
    assert sanitize("\x1b]2;unterminated\nnext") == "\nnext"  # strings end at a line end


def test_visual_line_is_frozen_and_cells_cover_the_width() -> None:
    (line,) = layout("قال (م)", 12)
    assert isinstance(line, VisualLine) and line.width == 12 == len(line.cells)
    with pytest.raises(AttributeError):
        line.text = "x"  # type: ignore[misc]
    assert line.cells[:5] == (None,) * 5
    assert render_lines("قال (م)", 12) == [line.text]
