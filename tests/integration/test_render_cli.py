"""`akhbar render` as a user runs it: the real entry point in a subprocess."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.text import render_lines
from tests.conftest import run_akhbar

ARTICLE = (
    "أخبار اليوم\nقال المتحدث (باسم الوزارة) إن 45.5% من السكان تأثروا، وفق Reuters.\n\nThe end.\n"
)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_renders_a_file_at_80_columns_when_not_a_terminal(article: Path) -> None:
    result = run_akhbar(["render", str(article)])
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == render_lines(ARTICLE.rstrip("\n"), 80)
    assert result.stdout.splitlines()[2] == ""  # blank line kept, no extra one at the end


def test_width_and_terminal_mode(article: Path) -> None:
    result = run_akhbar(["render", str(article), "--width", "30", "--bidi", "terminal"])
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines == render_lines(ARTICLE.rstrip("\n"), 30, mode="terminal")
    assert lines[0] == "أخبار اليوم"  # logical, unshaped
    assert all(len(line) <= 30 for line in lines)


def test_reads_stdin_with_a_bom_and_crlf() -> None:
    data = "\ufeffمرحبا\r\nبالعالم\r\n".encode()
    result = run_akhbar(["render", "-", "--width", "20"], input=data)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == render_lines("مرحبا\nبالعالم", 20)


def test_escape_sequences_never_reach_stdout(tmp_path: Path) -> None:
    path = tmp_path / "evil.txt"
    path.write_text("\x1b]0;pwned\x07عنوان \x1b[2J\x9b31mنص \u202eabc\n", encoding="utf-8")
    result = run_akhbar(["render", str(path), "--width", "40"])
    assert result.returncode == 0, result.stderr
    assert not any((ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) < 0xA0 for c in result.stdout)
    assert "\u202e" not in result.stdout and "pwned" not in result.stdout


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (None, "no such file"),
        (b"\x7fELF\x02\x01\x00\x00binary", "binary data"),
        ("نص".encode("cp1256"), "not valid UTF-8"),
    ],
)
def test_bad_input_is_one_line_without_traceback(
    tmp_path: Path, content: bytes | None, reason: str
) -> None:
    path = tmp_path / "input.txt"
    if content is not None:
        path.write_bytes(content)
    result = run_akhbar(["render", str(path)])
    assert result.returncode == 1
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert reason in result.stderr and str(path) in result.stderr
    assert "Traceback" not in result.stderr


def test_a_directory_and_a_bad_width_are_refused(tmp_path: Path) -> None:
    result = run_akhbar(["render", str(tmp_path)])
    assert result.returncode == 1 and "directory" in result.stderr
    result = run_akhbar(["render", "-", "--width", "0"], input="x")
    assert result.returncode == 2 and "--width" in result.stderr
    assert "Traceback" not in result.stderr


def test_output_is_utf8_whatever_the_locale(article: Path) -> None:
    result = run_akhbar(
        ["render", str(article), "--width", "40"], env={"PYTHONIOENCODING": "latin-1"}
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == render_lines(ARTICLE.rstrip("\n"), 40)
