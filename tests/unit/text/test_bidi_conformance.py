"""The paragraph levels and the per-line reorder against Unicode's BidiCharacterTest.txt.

Levels come from python-bidi's debug dump (see reader/text/bidi.py); these tests are the guard
that fails if that dump's format or meaning changes.
"""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import pytest
from bidi import get_display
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.text.bidi import (
    BidiDumpError,
    line_levels,
    paragraph_levels,
    python_bidi_levels,
    resolved_line_levels,
    simple_rtl_levels,
    visual_segments,
)
from reader.text.chars import bidi_codes, direction_of_codes
from tests.oracles import fribidi

UNICODE_DATA = Path("/usr/share/unicode")
BIDI_CHARACTER_TEST = UNICODE_DATA / "BidiCharacterTest.txt"


def _cases() -> list[tuple[int, str, int, int, list[int | None], list[int]]]:
    cases = []
    for number, line in enumerate(BIDI_CHARACTER_TEST.read_text().splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        points, direction, paragraph_level, levels, order = line.split(";")
        text = "".join(chr(int(point, 16)) for point in points.split())
        cases.append(
            (
                number,
                text,
                int(direction),
                int(paragraph_level),
                [None if level == "x" else int(level) for level in levels.split()],
                [int(index) for index in order.split()],
            )
        )
    return cases


@pytest.mark.oracle
@pytest.mark.skipif(not BIDI_CHARACTER_TEST.is_file(), reason="unicode-data is not installed")
def test_levels_and_order_agree_with_bidi_character_test() -> None:
    """Every case: levels after L1 (X9-removed ignored) and the visual order of the line."""
    cases = _cases()
    assert len(cases) > 90_000
    level_failures = []
    order_failures = []
    fast_path_cases = 0
    for number, text, direction, paragraph_level, expected_levels, expected_order in cases:
        if direction == 2:
            found = direction_of_codes(bidi_codes(text))
            rtl = found == "rtl"
        else:
            rtl = direction == 1
        assert (1 if rtl else 0) == paragraph_level, number
        if rtl and simple_rtl_levels(bidi_codes(text)) is not None:
            fast_path_cases += 1
        levels = resolved_line_levels(text, rtl)
        got = [
            level if expected is not None else None
            for level, expected in zip(levels, expected_levels, strict=True)
        ]
        if got != expected_levels:
            level_failures.append(number)
            continue
        order = []
        for start, end, reverse, _ in visual_segments(bytes(levels)):
            indices = range(end - 1, start - 1, -1) if reverse else range(start, end)
            order.extend(index for index in indices if expected_levels[index] is not None)
        if order != expected_order:
            order_failures.append(number)
    assert level_failures == [], (
        f"{len(level_failures)} level mismatches, e.g. line {level_failures[:5]}"
    )
    assert order_failures == [], (
        f"{len(order_failures)} order mismatches, e.g. line {order_failures[:5]}"
    )


def test_python_bidi_version_is_the_one_the_dump_parser_knows() -> None:
    assert importlib.metadata.version("python-bidi") == "0.6.12"


def test_debug_dump_format_is_unchanged() -> None:
    """The exact shape the fast parser relies on: one pretty `Level(n)` entry per UTF-8 byte."""
    dump = get_display("a\u0628", base_dir="L", debug=True)
    assert isinstance(dump, str)
    entry = "        Level(\n            {},\n        ),\n"
    expected = "\n    levels: [\n" + entry.format(0) + entry.format(1) * 2 + "    ],\n"
    assert expected in dump


def test_levels_are_per_character_not_per_byte() -> None:
    # 1, 2, 3 and 4 UTF-8 bytes per character.
    text = "a\u0628\u4e2d\U0001f600 b"
    assert list(paragraph_levels(text, rtl=False)) == [0, 1, 0, 0, 0, 0]
    assert len(paragraph_levels("\u0628" * 50, rtl=True)) == 50


def test_levels_above_nine_use_the_general_parser() -> None:
    # 11 RLE/LRE pairs push the embedding level past 9, where dump entries change width.
    text = "\u202b\u202a" * 6 + "abc \u0628\u062a" + "\u202c" * 12
    levels = paragraph_levels(text, rtl=False)
    assert max(levels) >= 10
    if fribidi.available():
        reference = fribidi.paragraph_levels(text, rtl=False)
        keep = [i for i, c in enumerate(text) if c not in "\u202a\u202b\u202c"]
        assert [levels[i] for i in keep] == [reference[i] for i in keep]


def test_a_changed_dump_is_reported_not_misread(monkeypatch: pytest.MonkeyPatch) -> None:
    import reader.text.bidi as bidi_module

    monkeypatch.setattr(bidi_module, "get_display", lambda *a, **k: "BidiInfo { }")
    with pytest.raises(BidiDumpError):
        bidi_module.paragraph_levels("abc", rtl=False)
    monkeypatch.setattr(
        bidi_module, "get_display", lambda *a, **k: "\n    levels: [\n        Level(1),\n    ],\n"
    )
    with pytest.raises(BidiDumpError):
        bidi_module.paragraph_levels("abc", rtl=False)


def test_l1_resets_trailing_whitespace_and_separators() -> None:
    codes = bidi_codes("ab\tc  ")
    assert list(line_levels(bytes([2, 2, 2, 2, 2, 2]), codes, 1)) == [2, 2, 1, 2, 1, 1]


@pytest.mark.oracle
@pytest.mark.skipif(not fribidi.available(), reason="libfribidi is not installed")
def test_levels_agree_with_libfribidi_on_mixed_sentences() -> None:
    sentences = [
        "قال المتحدث (باسم الوزارة) إن 45.5% من 10-12 مليون، وفق Reuters 2018.",
        'The UN said "مجلس الأمن" met on 10:30, [again] {twice}.',
        "رابط https://example.com/news?id=42&lang=ar ثم #مجلس_الأمن و٢٠١٨ و١٢٫٥٪",
        "١٢٣ - 456 ، abc؟",
    ]
    for sentence in sentences:
        for rtl in (True, False):
            assert list(paragraph_levels(sentence, rtl)) == fribidi.paragraph_levels(sentence, rtl)


FAST_ALPHABET = "بتثلاأمن" + "0123456789" + "٠١٢٣" + " .,:;-+%$#/()[]«»،؟" + "\u05d0\u05d1"


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet=FAST_ALPHABET, max_size=40))
def test_fast_rtl_levels_equal_python_bidi(text: str) -> None:
    fast = simple_rtl_levels(bidi_codes(text))
    assert fast is not None
    assert list(fast) == list(python_bidi_levels(text, rtl=True))


def test_fast_path_is_refused_outside_its_domain() -> None:
    for text in ("abc", "ب\u064e", "\u202bب", "ب\u200dب", "ب\tب"):
        assert simple_rtl_levels(bidi_codes(text)) is None
