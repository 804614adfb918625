"""TUI speed: first screen with 2,000 and 100,000 articles, opening an article, re-layout on resize.

Prints one JSON object. "First screen" is measured three ways: the reading widgets alone (list
beside article), the real `AkhbarApp` in-process (which then starts its index sync in the
background; the cached archives have no index, so that sync is stopped at exit), and a cold
`akhbar` process on a pseudo-terminal (`cold_process`): from starting `python -m reader` until
the terminal has been sent the list rows and the status line's article count, with Python's own
start, every import, the terminal's bidi query (answered, as terminals do) and Textual's
start-up included. For scale, the same is given for a bare `python -c pass` and for importing
Textual.
The archives are scaled copies of `../shared/corpus/sample.jsonl`, written straight
through `Archive.upsert` (the full import pipeline would also tag and index 100k articles,
which the first screen does not need) and cached in the temp folder for reuse.

    .venv/bin/python tests/benchmarks/bench_tui.py [--sizes 2000,100000] [--rebuild]
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import json
import os
import pty
import re
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult

from reader.models import Article
from reader.store.archive import Archive
from reader.tui.sources import ArchiveSource
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.article_view import ArticleView

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO.parent / "shared" / "corpus" / "sample.jsonl"
CACHE = Path(tempfile.gettempdir()) / "akhbar-bench-tui"
SIZE = (120, 40)


def sample_articles() -> list[Article]:
    articles = []
    for line in SAMPLE.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        articles.append(
            Article(
                id=record["id"],
                title=record["title"],
                paragraphs=tuple(p for p in record["body"].split("\n") if p.strip()),
                url=record["url"],
                source=record["source"],
                published=datetime.fromisoformat(record["published"]),
                category=record["category"],
            )
        )
    return articles


def build_archive(size: int, rebuild: bool) -> Path:
    """An archive of `size` articles: the sample, then copies with shifted dates and ids."""
    directory = CACHE / f"archive-{size}"
    if not rebuild and (directory / "archive.sqlite3").exists():
        with Archive.open(directory) as archive:
            if archive.count() == size:
                return directory
    if directory.exists():
        for path in sorted(directory.rglob("*"), reverse=True):
            path.unlink() if path.is_file() else path.rmdir()
    sample = sample_articles()
    started = time.perf_counter()
    with Archive.open(directory) as archive:
        written = 0
        copy = 0
        while written < size:
            with archive.transaction():
                for article in sample:
                    if written >= size:
                        break
                    if copy:
                        last = f"{article.paragraphs[-1]} ({copy})" if article.paragraphs else ""
                        article = Article(
                            id=f"{article.id}-copy{copy}",
                            title=article.title,
                            paragraphs=(*article.paragraphs[:-1], last),
                            url=f"{article.url}{'&' if '?' in article.url else '?'}copy={copy}",
                            source=article.source,
                            published=(article.published or datetime(2018, 1, 1))
                            - timedelta(days=copy * 7),
                            category=article.category,
                        )
                    archive.upsert(article, original=None, origin="bench")
                    written += 1
            copy += 1
        assert archive.count() == size, archive.count()
    print(f"built {size} articles in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return directory


class BenchApp(App[None]):
    """The reading widgets as the main screen composes them: list beside article."""

    CSS = """
    Screen { layout: horizontal; }
    ArticleList { width: 45%; height: 1fr; }
    ArticleView { width: 1fr; height: 1fr; }
    """

    def __init__(self, directory: Path) -> None:
        super().__init__()
        self.directory = directory

    def compose(self) -> ComposeResult:
        yield ArticleList(ArchiveSource(lambda: Archive.open(self.directory)))
        yield ArticleView()


async def first_screen(directory: Path) -> float:
    """Seconds from creating the app to the list's first screen of rows rendered."""
    started = time.perf_counter()
    app = BenchApp(directory)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        article_list = app.query_one(ArticleList)
        for y in range(article_list.scrollable_content_region.height):
            article_list.render_line(y)
        elapsed = time.perf_counter() - started
        assert len(article_list) > 0
    return elapsed


async def first_screen_real_app(directory: Path) -> float:
    """The same, for the real app (main screen, status, tags panel, search bar)."""
    from reader.tui.app import AkhbarApp

    started = time.perf_counter()
    app = AkhbarApp(directory)
    async with app.run_test(size=SIZE) as pilot:
        article_list = None
        for _ in range(600):
            await pilot.pause(0.01)
            lists = app.screen.query(ArticleList)
            if lists and len(lists.first()) > 0:
                article_list = lists.first()
                break
        assert article_list is not None, "the list never showed rows"
        for y in range(article_list.scrollable_content_region.height):
            article_list.render_line(y)
        elapsed = time.perf_counter() - started
    return elapsed


DATE = re.compile(rb"\d{4}-\d{2}-\d{2}")
DECRQM_BDSM = b"\x1b[8$p"


def cold_first_screen(directory: Path, total: int, timeout: float = 30.0) -> float:
    """Seconds from starting `python -m reader --archive DIR` on a 120x40 pseudo-terminal until
    it has drawn the list (10 dated rows) and the status line's article count."""
    skip = ("COLUMNS", "LINES", "TMUX", "STY")
    env = {k: v for k, v in os.environ.items() if k not in skip and not k.startswith("AKHBAR_")}
    env.update(TERM="xterm-256color", AKHBAR_CONFIG=str(directory / "no-config.toml"))
    argv = [sys.executable, "-m", "reader", "--archive", str(directory)]
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: the pty is its terminal
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
        os.chdir(REPO)
        os.execve(argv[0], argv, env)
    count = f"{total} articles".encode()
    stream = b""
    answered = False
    elapsed = None
    try:
        while time.perf_counter() - started < timeout:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            stream += chunk
            if not answered and DECRQM_BDSM in stream:
                # As a terminal without bidi of its own answers DECRQM, then DA1.
                os.write(fd, b"\x1b[8;2$y\x1b[?62;22c")
                answered = True
            if len(DATE.findall(stream)) >= 10 and count in stream:
                elapsed = time.perf_counter() - started
                break
    finally:
        os.kill(pid, signal.SIGKILL)  # the background index sync need not finish
        os.waitpid(pid, 0)
        os.close(fd)
    assert elapsed is not None, f"no first screen within {timeout} s"
    return elapsed


def process_seconds(code: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)
    return time.perf_counter() - started


async def open_and_resize(directory: Path) -> dict[str, Any]:
    """Open 30 articles (archive read + layout + render) and re-lay out a typical one on resize."""
    app = BenchApp(directory)
    opens: list[float] = []
    layouts: list[float] = []
    resizes: list[float] = []
    resize_layouts: list[float] = []
    baseline: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        article_list = app.query_one(ArticleList)
        view = app.query_one(ArticleView)
        archive = Archive.open(directory)
        ids = [article_list.summary_at(i * 37).id for i in range(30)]  # type: ignore[union-attr]
        for article_id in ids:
            started = time.perf_counter()
            stored = archive.get(article_id)
            assert stored is not None
            view.show_article(stored, terms=["مصر"])
            for y in range(view.scrollable_content_region.height):
                view.render_line(y)
            opens.append(time.perf_counter() - started)
            layouts.append(view.last_layout_seconds)
            await pilot.pause()
        # A typical article: the median body length among those opened.
        lengths = sorted((len(archive.get(i).article.body), i) for i in ids)  # type: ignore[union-attr]
        typical_length, typical = lengths[len(lengths) // 2]
        typical_article = archive.get(typical)
        assert typical_article is not None
        widths = (110, 100, 90, 130, 120, 105, 95, 125)
        # Baseline: Textual's own cost of a terminal resize with the view empty.
        view.clear()
        for width in widths:
            started = time.perf_counter()
            await pilot.resize_terminal(width, SIZE[1])
            await pilot.pause()
            baseline.append(time.perf_counter() - started)
        view.show_article(typical_article)
        await pilot.pause()
        for width in (*widths, 111, 101, 91, 131, 121, 106, 96, 126):
            started = time.perf_counter()
            await pilot.resize_terminal(width, SIZE[1])
            await pilot.pause()
            for y in range(view.scrollable_content_region.height):
                view.render_line(y)
            resizes.append(time.perf_counter() - started)
            resize_layouts.append(view.last_relayout_seconds)
        # The longest article: what the UI thread does at once, and when the worker is done.
        longest_id = max((len(a.article.body), a.article.id) for a in archive.iter_articles())[1]
        longest = archive.get(longest_id)
        assert longest is not None
        started = time.perf_counter()
        view.show_article(longest)
        huge_sync = time.perf_counter() - started
        huge_partial = not view.layout_complete
        while not view.layout_complete:
            await pilot.pause(0.005)
        huge_total = time.perf_counter() - started
        archive.close()
    return {
        "open_ms_median": round(statistics.median(opens) * 1000, 1),
        "open_ms_max": round(max(opens) * 1000, 1),
        "open_layout_ms_median": round(statistics.median(layouts) * 1000, 1),
        "typical_body_chars": typical_length,
        "longest_body_chars": len(longest.article.body),
        "longest_open_ui_thread_ms": round(huge_sync * 1000, 1),
        "longest_finished_in_worker": huge_partial,
        "longest_complete_ms": round(huge_total * 1000, 1),
        "resize_relayout_ms_median": round(statistics.median(resize_layouts) * 1000, 1),
        "resize_relayout_ms_max": round(max(resize_layouts) * 1000, 1),
        "resize_total_ms_median": round(statistics.median(resizes) * 1000, 1),
        "resize_textual_baseline_ms_median": round(statistics.median(baseline) * 1000, 1),
        "note": "open = archive.get + layout + render of the visible rows; resize_relayout = "
        "the view's own work on a resize to a new width (width choice + layout; the view's "
        "layout cache is cold for each new width, the engine's per-paragraph shaping cache "
        "warm, as after opening an article); "
        "resize_total = Pilot resize + Textual repaint + relayout + render; the baseline is "
        "the same resize with the view empty (Textual and Pilot overhead)",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="2000,100000")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--cold-runs", type=int, default=5)
    args = parser.parse_args()
    if not SAMPLE.is_file():
        print(json.dumps({"skipped": "../shared/corpus/sample.jsonl is absent"}))
        return 0
    result: dict[str, Any] = {"terminal_size": list(SIZE), "first_screen_s": {}}
    directories = {}
    for size in (int(s) for s in args.sizes.split(",")):
        directories[size] = build_archive(size, args.rebuild)
        times = [asyncio.run(first_screen(directories[size])) for _ in range(3)]
        real = [asyncio.run(first_screen_real_app(directories[size])) for _ in range(3)]
        cold = [cold_first_screen(directories[size], size) for _ in range(args.cold_runs)]
        result["first_screen_s"][str(size)] = {
            "widgets_median": round(statistics.median(times), 3),
            "widgets_runs": [round(t, 3) for t in times],
            "real_app_median": round(statistics.median(real), 3),
            "real_app_runs": [round(t, 3) for t in real],
            "cold_process_median": round(statistics.median(cold), 3),
            "cold_process_runs": [round(t, 3) for t in cold],
        }
    result["cold_process_floor_s"] = {
        "python_c_pass_median": round(
            statistics.median(process_seconds("pass") for _ in range(args.cold_runs)), 3
        ),
        "import_textual_app_median": round(
            statistics.median(process_seconds("import textual.app") for _ in range(args.cold_runs)),
            3,
        ),
    }
    result["article"] = asyncio.run(open_and_resize(directories[min(directories)]))
    result["goals"] = {"first_screen_s_at_100k": 1.0, "open_ms": 50, "resize_ms": 50}
    result["load_average"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
