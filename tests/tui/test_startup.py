"""A cold start shows the first screen before loading what it does not need.

The app runs in a fresh interpreter (so `sys.modules` starts clean) on an existing archive.
The moment the main screen hands over to its background start (demo import, index sync,
facets), the list and the counts must already be there, and no heavy library (Whoosh, the
ingest parsers, the tagger) may have been imported. Afterwards the background start must
load the search index and fill the tags panel: the check sees imports when they happen.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

# Top-level packages the first screen must not import (each costs tens of milliseconds or
# more at start), and the akhbar packages that bring them.
HEAVY = (
    "whoosh",
    "trafilatura",
    "feedparser",
    "lxml",
    "pycrfsuite",
    "hypothesis",
    "reader.search",
    "reader.library",
    "reader.ingest",
    "reader.tagging",
)

SCRIPT = r"""
import asyncio, json, sys
from pathlib import Path

HEAVY = tuple(json.loads(sys.argv[2]))

def heavy_loaded():
    return sorted(
        name for name in sys.modules if any(name == h or name.startswith(h + ".") for h in HEAVY)
    )

from reader.cli import build_parser

build_parser().parse_args(["--archive", sys.argv[1]])  # what every `akhbar` start imports
from reader.tui.app import AkhbarApp
from reader.tui.screens.main import MainScreen
from reader.tui.widgets.article_list import ArticleList

report = {"at_start": None}
original_start = MainScreen.start
original_render = ArticleList.render_line

def render_line(self, y):
    if len(self) and "first_rows_rendered" not in report:
        report["first_rows_rendered"] = heavy_loaded()
    return original_render(self, y)

def start(self, empty):
    report["at_start"] = {
        "heavy": heavy_loaded(),
        "rows": len(self.article_list),
        "total": self.status.total,
        "empty": empty,
    }
    return original_start(self, empty)

ArticleList.render_line = render_line
MainScreen.start = start

async def main():
    app = AkhbarApp(Path(sys.argv[1]))
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(500):
            await pilot.pause(0.02)
            screen = app.main_screen
            if screen is not None and screen.ready and not any(w.is_running for w in app.workers):
                break
        report["after"] = heavy_loaded()
        report["facets"] = sum(1 for row in app.main_screen.tags_panel.rows if row.kind)

asyncio.run(main())
print(json.dumps(report))
"""


def run_cold(archive: Path) -> dict[str, object]:
    env = dict(os.environ)
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(archive), json.dumps(HEAVY)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return report


def test_first_screen_comes_before_heavy_imports(fixture_archive: Path) -> None:
    report = run_cold(fixture_archive)
    at_start = report["at_start"]
    assert isinstance(at_start, dict), report
    # The first screen is complete: every fixture article listed, the counts shown.
    assert at_start["empty"] is False
    assert at_start["rows"] == 3
    assert at_start["total"] == 3
    assert at_start["heavy"] == [], at_start
    # Rows were drawn (headless, the compositor still renders) with nothing heavy loaded.
    assert report.get("first_rows_rendered") == [], report
    # Then the background start did load the index and fill the tags panel.
    after = report["after"]
    assert isinstance(after, list)
    assert "whoosh" in after and "reader.search" in after, after
    # Browsing an existing archive never needs the ingest parsers or the tagger.
    import_only = ("trafilatura", "feedparser", "lxml", "pycrfsuite", "reader.ingest")
    assert [m for m in after if m.split(".")[0] in import_only or m in import_only] == []
    assert [m for m in after if m.startswith(("reader.tagging", "hypothesis"))] == []
    assert isinstance(report["facets"], int) and report["facets"] > 0


def test_closing_does_not_wait_for_a_long_index_commit(
    fixture_archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One batch's commit can take many seconds at 100k articles: quitting must not wait."""
    from reader.search import SearchIndex
    from reader.tui.data import SYNC_STOP_WAIT, DataThread

    release = threading.Event()
    entered = threading.Event()

    def slow_sync(self: SearchIndex, archive: object, *, wait: float | None = None) -> int:
        entered.set()
        release.wait(30)  # a commit that is still running when the user quits
        return 1

    monkeypatch.setattr(SearchIndex, "sync", slow_sync)
    store = DataThread(fixture_archive)

    async def quit_during_sync() -> float:
        task = asyncio.ensure_future(store.sync_index())
        while not entered.is_set():
            await asyncio.sleep(0.01)
        started = time.perf_counter()
        store.close()
        elapsed = time.perf_counter() - started
        task.cancel()
        return elapsed

    try:
        elapsed = asyncio.run(quit_during_sync())
    finally:
        release.set()
    assert store.stopping.is_set()
    assert elapsed < SYNC_STOP_WAIT + 2.0, elapsed


def test_closing_does_not_wait_for_a_long_data_job(fixture_archive: Path) -> None:
    """A facets query over a whole 100k index can take a second or more: quit caps the wait."""
    from reader.tui.data import DATA_STOP_WAIT, DataThread

    release = threading.Event()
    entered = threading.Event()
    ran_after = threading.Event()
    store = DataThread(fixture_archive)

    def long_query(library: object) -> int:
        entered.set()
        release.wait(30)
        return 1

    async def quit_during_query() -> tuple[float, bool]:
        assert await store.call(lambda library: 2) == 2  # the thread works (and owns a Library)
        task = asyncio.ensure_future(store.call(long_query))
        queued = asyncio.ensure_future(store.call(lambda library: ran_after.set()))
        while not entered.is_set():
            await asyncio.sleep(0.01)
        started = time.perf_counter()
        store.close()
        elapsed = time.perf_counter() - started
        task.cancel()
        queued.cancel()
        return elapsed, ran_after.is_set()

    try:
        elapsed, ran_early = asyncio.run(quit_during_query())
    finally:
        release.set()
    assert elapsed < DATA_STOP_WAIT + 2.0, elapsed
    assert not ran_early  # the queue keeps its order: nothing jumped the long job


def test_a_read_mark_queued_at_quit_is_kept(fixture_archive: Path) -> None:
    from reader.store import Archive
    from reader.tui import data
    from reader.tui.data import DataThread
    from tests.tui.conftest import FIXTURE_ARTICLES

    article_id = FIXTURE_ARTICLES[0]["id"]
    store = DataThread(fixture_archive)

    async def mark_then_quit() -> None:
        await store.call(data.counts)  # the Library is open, as in the running app
        pending = asyncio.ensure_future(store.call(data.set_read(article_id, True)))
        await asyncio.sleep(0)  # submitted, not awaited: the user quits right away
        store.close()
        pending.cancel()

    asyncio.run(mark_then_quit())
    with Archive.open(fixture_archive) as archive:
        stored = archive.get(article_id)
    assert stored is not None and stored.read
