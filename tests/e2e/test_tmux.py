"""The real `akhbar` command in tmux: search in Arabic, open the best hit, resize, quit.

Every row of the article view that tmux captured must be the visual form libfribidi gives for
the same logical span of the article (levels per paragraph, one line span at a time), and the
rows must follow the article's reading order with nothing skipped. tmux does no bidi itself,
so `capture-pane -p` shows exactly the cells akhbar printed.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import unicodedata
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pytest
from rich.cells import get_character_cell_size

from reader.models import StoredArticle
from reader.search.analysis import analyze
from reader.store.archive import Archive
from reader.text import layout
from reader.tui.widgets.article_view import article_document
from tests.conftest import run_akhbar
from tests.oracles import fribidi

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
    pytest.mark.skipif(not fribidi.available(), reason="libfribidi is not installed"),
]

QUERY = "الزيتون"
# Written for this test: one article carries the query word; numbers, a Latin name,
# brackets, a percentage, a range, a hashtag, a URL and a shadda for the layout to get right.
ARTICLES = [
    {
        "id": "e2e-olive",
        "source": "akhbar-e2e",
        "url": "https://example.org/e2e/olive",
        "published": "2024-10-02T08:00:00+00:00",
        "title": "موسم قطف الزيتون يبدأ مبكرا في قرى الجليل هذا العام",
        "body": "\n".join(
            [
                "بدأ المزارعون في قرى الجليل قطف ثمار الزيتون قبل موعده المعتاد بأسبوعين، "
                "بعد صيف حار وجاف رفع درجات الحرارة إلى 38 درجة في بعض الأيام.",
                "وقال رئيس جمعية المزارعين (خليل عودة) إن الإنتاج المتوقع هذا العام يبلغ نحو "
                "12,500 طن، أي أقل بنسبة 15% من العام الماضي.",
                "ويصدّر جزء من الزيت إلى أوروبا عبر شركة Olive Trade Ltd، فيما يباع الباقي في "
                "الأسواق المحلية بسعر 30-35 شيكلا للتر الواحد.",
                "ودعت الجمعية الشباب إلى المشاركة في حملة #قطف_الزيتون التطوعية، وللتسجيل يمكن "
                "زيارة الموقع https://example.org/olive?lang=ar قبل نهاية الشهر.",
                "ويعد الزيتون مصدر رزق لآلاف العائلات في المنطقة، إذ تعتمد عليه أكثر من 40 قرية "
                "بشكل رئيسي، ويقول كبار السن إن الشجرة «أقدم من الذاكرة».",
            ]
        ),
    },
    {
        "id": "e2e-library",
        "source": "akhbar-e2e",
        "url": "https://example.org/e2e/library",
        "published": "2024-10-01T08:00:00+00:00",
        "title": "افتتاح مكتبة عامة جديدة في وسط المدينة",
        "body": "افتتحت البلدية مكتبة عامة تضم 20 ألف كتاب وقاعة للأطفال.\n"
        "وقالت مديرة المكتبة إن ساعات العمل تمتد حتى التاسعة مساء.",
    },
    {
        "id": "e2e-rain",
        "source": "akhbar-e2e",
        "url": "https://example.org/e2e/rain",
        "published": "2024-09-30T08:00:00+00:00",
        "title": "أمطار غزيرة متوقعة نهاية الأسبوع",
        "body": "توقعت دائرة الأرصاد هطول أمطار غزيرة يومي الجمعة والسبت.\n"
        "ودعت السائقين إلى الحذر على الطرق السريعة.",
    },
]
EXPECTED_ID = "e2e-olive"
WAIT_S = 30.0

T = TypeVar("T")


class Tmux:
    """One detached tmux server on its own socket, running one command."""

    def __init__(self) -> None:
        self.socket = f"akhbar-e2e-{uuid.uuid4().hex[:10]}"
        self.socket_path = ""

    def __call__(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-u", "-L", self.socket, "-f", os.devnull, *args],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )

    def start(self, command: list[str], env: dict[str, str], width: int, height: int) -> None:
        env_args = [arg for name, value in env.items() for arg in ("-e", f"{name}={value}")]
        result = self(
            "new-session", "-d", "-s", "akhbar", "-x", str(width), "-y", str(height),
            *env_args, shlex.join(command),
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        self.socket_path = self("display-message", "-p", "#{socket_path}").stdout.strip()

    def capture(self) -> list[str]:
        return self("capture-pane", "-p", "-t", "akhbar").stdout.split("\n")

    def capture_reverse(self) -> list[set[int]]:
        """Per row, the columns drawn in reverse video (akhbar's search-hit style)."""
        rows = self("capture-pane", "-p", "-e", "-t", "akhbar").stdout.split("\n")
        return [reverse_columns(row) for row in rows]

    def keys(self, *keys: str, literal: bool = False) -> None:
        self("send-keys", "-t", "akhbar", *(["-l"] if literal else []), *keys)

    def alive(self) -> bool:
        return self("has-session", "-t", "akhbar").returncode == 0

    def kill(self) -> None:
        """Stop the server and remove its socket file (tmux leaves it behind)."""
        self("kill-server")
        if self.socket_path:
            Path(self.socket_path).unlink(missing_ok=True)


_SGR = re.compile(r"\x1b\[([0-9;:]*)m")


def reverse_columns(row: str) -> set[int]:
    """Columns of one `capture-pane -e` row whose SGR state has reverse video on."""
    columns: set[int] = set()
    reverse = False
    column = 0
    position = 0
    for match in [*_SGR.finditer(row), None]:
        end = match.start() if match else len(row)
        for char in row[position:end]:
            width = get_character_cell_size(char)
            if reverse and width:
                columns.update(range(column, column + width))
            column += width
        if match is None:
            break
        position = match.end()
        params = [int(p) if p.isdigit() else 0 for p in match.group(1).replace(":", ";").split(";")]
        index = 0
        while index < len(params):
            code = params[index]
            if code in (38, 48, 58):  # extended colour: skip its arguments
                index += 3 if index + 1 < len(params) and params[index + 1] == 5 else 5
                continue
            if code == 0:
                reverse = False
            elif code == 7:
                reverse = True
            elif code == 27:
                reverse = False
            index += 1
    return columns


def check_hits(view: ViewOnScreen, reversed_rows: list[set[int]], screen: list[str]) -> int:
    """Every reversed run in the view spells a hit of the query; every visible query word is lit.

    Returns how many runs were lit (at least one is expected on the first screen).
    """
    # What counts as a hit is the search module's analysis (its stemmer folds الزيت too).
    wanted = {term for term, _, _ in analyze(QUERY)}
    lit = 0
    for y, line in view.rows:
        columns = sorted(c for c in reversed_rows[y] if view.left <= c < view.left + view.width)
        runs: list[list[int]] = []
        for column in columns:
            if runs and runs[-1][-1] == column - 1:
                runs[-1].append(column)
            else:
                runs.append([column])
        for run in runs:
            visual = "".join(screen[y][c] for c in run)
            logical = fribidi.norm(visual)[::-1] if line.rtl else fribidi.norm(visual)
            terms = {term for term, _, _ in analyze(logical)}
            assert terms & wanted, f"row {y}: lit cells {visual!r} are not a hit of {QUERY!r}"
        occurrences = len(re.findall(rf"(?<!\w){QUERY}(?!\w)", line.logical))
        assert len(runs) >= occurrences, f"row {y}: {occurrences} hits shown, {len(runs)} lit"
        lit += len(runs)
    return lit


def wait_for(probe: Callable[[], T | None], what: str, timeout: float = WAIT_S) -> T:
    """Poll `probe` until it returns something (bounded).

    An AssertionError from a probe (a frame caught mid-repaint) is retried; the last one is
    raised if the screen never settles into a correct state.
    """
    deadline = time.monotonic() + timeout
    last_error: AssertionError | None = None
    while True:
        try:
            value = probe()
        except AssertionError as error:
            last_error, value = error, None
        else:
            last_error = None
        if value is not None:
            return value
        if time.monotonic() > deadline:
            if last_error is not None:
                raise last_error
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.25)


def settled(tmux: Tmux) -> list[str]:
    """A capture that did not change over 0.3 s (akhbar finished repainting)."""
    previous = tmux.capture()
    for _ in range(40):
        time.sleep(0.3)
        current = tmux.capture()
        if current == previous:
            return current
        previous = current
    return previous


def first_strong_rtl(paragraph: str) -> bool:
    """Rules P2/P3 with akhbar's default for text without a strong character: RTL."""
    for char in paragraph:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return False
        if kind in ("R", "AL"):
            return True
    return True


@dataclass(frozen=True)
class ExpectedLine:
    """One row the article view should show: the engine's text and libfribidi's visual form."""

    index: int
    engine_text: str
    oracle_norm: str
    rtl: bool
    logical: str  # the logical text of the line's span


def expected_lines(stored: StoredArticle, width: int) -> list[ExpectedLine]:
    """Every non-blank row of the article view at `width`, in reading order."""
    document = article_document(stored, "en")
    paragraphs = [document.title, *document.meta.split("\n"), *document.tags.split("\n")]
    paragraphs += list(document.paragraphs)
    lines: list[ExpectedLine] = []
    for paragraph in paragraphs:
        if not paragraph:
            continue
        rtl = first_strong_rtl(paragraph)
        visual_lines = layout(paragraph, width)
        spans = [(line.start, line.end) for line in visual_lines]
        orders = fribidi.visual_orders(paragraph, spans, rtl)
        mirrored = fribidi.mirrored(paragraph, rtl)
        for line, order in zip(visual_lines, orders, strict=True):
            oracle = "".join(mirrored[i] for i in order)
            logical = paragraph[line.start : line.end]
            lines.append(ExpectedLine(len(lines), line.text, fribidi.norm(oracle), rtl, logical))
    return lines


@dataclass(frozen=True)
class ViewOnScreen:
    width: int
    left: int  # first column of the view's text
    rows: list[tuple[int, ExpectedLine]]  # (screen row, the line it shows)


def locate_view(screen: list[str], stored: StoredArticle) -> ViewOnScreen | None:
    """Find the article view in a capture: its text width and columns, and check every row.

    Returns None while the article is not (yet) on screen; raises AssertionError when it is
    on screen but a row differs from the oracle or breaks the reading order.
    """
    pane_width = max(len(row) for row in screen)
    best: tuple[int, int, int] | None = None  # (score, width, right edge)
    for width in range(12, pane_width + 1):
        lines_at_width = expected_lines(stored, width)
        keys = {
            line.engine_text.strip(): line
            for line in lines_at_width
            if len(line.engine_text.strip()) >= 8
        }
        ends: Counter[int] = Counter()
        matched_rows: list[str] = []
        for row in screen:
            found = False
            for key, line in keys.items():
                position = row.find(key)
                if position >= 0:
                    found = True
                    if line.rtl:
                        ends[position + len(key)] += 1
            if found:
                matched_rows.append(row)
        if len(matched_rows) >= 3 and ends:
            right = ends.most_common(1)[0][0]
            left = right - width
            texts = {line.engine_text.strip() for line in lines_at_width}
            # Only rows whose whole slice is one line count (a short line of a narrower
            # layout is also a substring of a longer line, with the same right edge).
            exact = [row for row in screen if left >= 0 and row[left:right].strip() in texts - {""}]
            border = left - 1
            border_chars = {row[border] if 0 <= border < len(row) else " " for row in exact}
            bordered = len(border_chars) == 1 and border_chars != {" "}
            score = len(exact) * 2 + bordered
            if len(exact) >= 3 and (best is None or (score, width) >= (best[0], best[1])):
                best = (score, width, right)
    if best is None:
        return None
    _, width, right = best
    left = right - width
    lines = expected_lines(stored, width)
    # The view's rows: those that show one of its lines, and the rows between them.
    candidates = []
    for y, row in enumerate(screen):
        text = row[left:right]
        if any(text.strip() == line.engine_text.strip() for line in lines if line.engine_text):
            candidates.append(y)
    top, bottom = min(candidates), max(candidates)
    shown: list[tuple[int, ExpectedLine]] = []
    previous: ExpectedLine | None = None
    for y in range(top, bottom + 1):
        text = screen[y][left:right] if len(screen[y]) > left else ""
        if not text.strip():
            continue
        options = [line for line in lines if fribidi.norm(text) == line.oracle_norm]
        assert options, (
            f"row {y} is not the visual form of any line span: {text!r} "
            f"(view text at columns {left}-{right}, width {width})\n" + "\n".join(screen)
        )
        if previous is None:
            line = options[0]
        else:
            following = [line for line in options if line.index == previous.index + 1]
            assert following, (
                f"row {y} breaks the reading order: {text!r} "
                f"does not follow {previous.engine_text!r}"
            )
            line = following[0]
        assert text.strip() == line.engine_text.strip()
        if line.rtl:
            assert text.rstrip(" ") == text, f"RTL row {y} is not right-aligned: {text!r}"
        shown.append((y, line))
        previous = line
    if len(shown) < 3:
        return None
    return ViewOnScreen(width, left, shown)


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    server = Tmux()
    try:
        yield server
    finally:
        server.kill()


def test_search_open_resize_quit_in_tmux(tmp_path: Path, tmux: Tmux) -> None:
    archive_dir = tmp_path / "archive"
    fixture = tmp_path / "articles.jsonl"
    fixture.write_text(
        "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in ARTICLES),
        encoding="utf-8",
    )
    imported = run_akhbar(["import", str(fixture)], archive=archive_dir)
    assert imported.returncode == 0, imported.stderr
    with Archive.open(archive_dir) as archive:
        stored = archive.get(EXPECTED_ID)
    assert stored is not None

    env = {
        "AKHBAR_ARCHIVE": str(archive_dir),
        "AKHBAR_CONFIG": os.devnull,
        "LANG": "C.UTF-8",
        "HOME": str(tmp_path),
    }
    # COLUMNS/LINES (pytest's environment has them) would pin Textual's idea of the size:
    # shutil.get_terminal_size prefers them to the terminal's own.
    command = [
        "env",
        "-u",
        "COLUMNS",
        "-u",
        "LINES",
        sys.executable,
        "-m",
        "reader",
        "--bidi",
        "app",
    ]
    tmux.start(command, env, 110, 34)
    wait_for(
        lambda: True if any("akhbar-e2e" in row or "2024-10-0" in row for row in tmux.capture())
        else None,
        "the article list",
    )  # fmt: skip

    tmux.keys("/")
    time.sleep(0.3)
    tmux.keys(QUERY, literal=True)
    time.sleep(0.3)
    tmux.keys("Enter")
    time.sleep(1.0)
    tmux.keys("Enter")
    first = wait_for(lambda: locate_view(settled(tmux), stored), "the opened article")
    assert len(first.rows) >= 8
    # The title and the first body line are shown, in that order.
    assert first.rows[0][1].index == 0
    # The search hits are lit on exactly their cells (reverse video reaches the terminal).
    screen = settled(tmux)
    assert check_hits(first, tmux.capture_reverse(), screen) >= 2

    for width, height in ((72, 26), (130, 40), (58, 30)):
        tmux("resize-window", "-t", "akhbar", "-x", str(width), "-y", str(height))

        def resized(previous: int = first.width) -> ViewOnScreen | None:
            view = locate_view(settled(tmux), stored)
            return view if view is not None and view.width != previous else None

        view = wait_for(resized, f"the article laid out again at {width}x{height}")
        assert len(view.rows) >= 5
        check_hits(view, tmux.capture_reverse(), settled(tmux))
        first = view

    tmux.keys("q")
    wait_for(lambda: None if tmux.alive() else True, "akhbar to quit")
