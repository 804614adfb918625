"""Pilot tests of the whole app: first run, search, facets, open, resize, state, bidi, Arabic UI.

Rendered text is checked against independent facts where possible: a pure-Arabic title shown
in app mode must be the logical title reversed once NFKC folds the shaping away, and no
unshaped Arabic letter may reach the screen in app mode.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from textual.pilot import Pilot

from reader.config import asset_path
from reader.store import Archive
from reader.text import layout, layout_line
from reader.tui.app import AkhbarApp
from reader.tui.screens.main import MainScreen
from reader.tui.settings import UiSettings
from reader.tui.terminal import ENTER_EXPLICIT, LEAVE_EXPLICIT, BidiDecision, BidiTerminalGuard
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.search_bar import SearchBar
from reader.tui.widgets.status_line import KeyBar, StatusLine
from reader.tui.widgets.tags_panel import TagsPanel
from tests.tui.conftest import FIXTURE_ARTICLES, visual_norm

SIZE = (110, 30)


def lines_of(widget: object) -> list[str]:
    height = widget.size.height  # type: ignore[attr-defined]
    return [widget.render_line(y).text for y in range(height)]  # type: ignore[attr-defined]


def unshaped_arabic(text: str) -> list[str]:
    """Arabic letters in their base (logical) form: in app mode none may reach the screen."""
    return [c for c in text if 0x0621 <= ord(c) <= 0x064A]


async def settle(pilot: Pilot[None], app: AkhbarApp) -> MainScreen:
    """Wait until the main screen shows its first list and no worker is running."""
    for _ in range(300):
        await pilot.pause(0.02)
        screen = app.main_screen
        if screen is not None and screen.ready and not any(w.is_running for w in app.workers):
            break
    else:
        raise AssertionError("the app did not settle")
    await pilot.pause()
    assert app.main_screen is not None
    return app.main_screen


async def type_text(pilot: Pilot[None], text: str) -> None:
    for char in text:
        await pilot.press(char if char != " " else "space")


def archive_state(directory: Path, article_id: str) -> tuple[bool, bool]:
    with Archive.open(directory) as archive:
        stored = archive.get(article_id)
    assert stored is not None
    return stored.read, stored.starred


# -- start ------------------------------------------------------------------------------


async def test_first_run_imports_the_demo_articles(archive_dir: Path) -> None:
    demo = asset_path("demo", "articles.jsonl")
    expected = sum(1 for line in demo.read_text(encoding="utf-8").splitlines() if line.strip())
    app = AkhbarApp(archive_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(pilot, app)
        assert len(screen.article_list) == expected
        status = screen.query_one(StatusLine)
        assert status.total == expected and status.unread == expected
        assert "demo archive imported" in status.render_line(0).text
        assert f"{expected} articles" in status.render_line(0).text
        assert app.focused is screen.article_list
        # The newest demo article is the first row, its title drawn by the text engine.
        newest = max(
            (json.loads(line) for line in demo.read_text(encoding="utf-8").splitlines()),
            key=lambda a: a["published"],
        )
        assert screen.article_list.current_id == newest["id"]
        # Facets of the whole archive: the source counts add up to every demo article.
        sources = {json.loads(line)["source"] for line in demo.read_text("utf-8").splitlines()}
        rows = [r for r in screen.tags_panel.tag_rows() if r.kind == "sources"]
        assert {r.text for r in rows} == sources
        assert sum(r.count or 0 for r in rows) == expected


async def test_second_start_does_not_import_again(fixture_archive: Path) -> None:
    app = AkhbarApp(fixture_archive)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(pilot, app)
        assert len(screen.article_list) == len(FIXTURE_ARTICLES)
        assert "demo" not in screen.status.render_line(0).text


# -- search -----------------------------------------------------------------------------


async def test_arabic_search_selects_the_best_hit(fixture_archive: Path) -> None:
    app = AkhbarApp(fixture_archive)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(pilot, app)
        await pilot.press("slash")
        assert app.focused is screen.search_bar
        await type_text(pilot, "روسيا")
        bar = screen.search_bar
        assert bar.value == "روسيا" and bar.caret == 5
        # Shown shaped and in visual order: folding the visual cells gives the word reversed.
        shown = bar.render_line(0).text
        assert unshaped_arabic(shown) == []
        assert "ﺎﻴﺳﻭﺭ" in shown  # U+FE8E U+FEF4 U+FEB3 U+FEED U+FEAD
        assert "\ufe8e\ufef4\ufeb3\ufeed\ufead" in shown
        await pilot.press("enter")
        screen = await settle(pilot, app)
        assert app.focused is screen.article_list
        assert screen.article_list.cursor == 0
        assert screen.article_list.current_id == "t-1"
        assert screen.results is not None and screen.results.total >= 1
        total = screen.results.total
        noun = "result" if total == 1 else "results"
        assert f"{total} {noun} ·" in screen.status.render_line(0).text.rstrip() + " ·"
        # Escape in the results goes back to every article; the query is remembered.
        await pilot.press("escape")
        screen = await settle(pilot, app)
        assert screen.query_state.text == "" and screen.results is None
        assert len(screen.article_list) == len(FIXTURE_ARTICLES)
        # History: the query is remembered on disk, bounded and recalled with up.
        history = (fixture_archive / "ui-search-history.txt").read_text(encoding="utf-8")
        assert history.splitlines()[-1] == "روسيا"
        await pilot.press("slash", "ctrl+u", "up")
        assert screen.search_bar.value == "روسيا"


async def test_a_bad_query_is_a_one_line_note(fixture_archive: Path) -> None:
    app = AkhbarApp(fixture_archive)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(pilot, app)
        await pilot.press("slash")
        await type_text(pilot, "(روسيا")
        await pilot.press("enter")
        screen = await settle(pilot, app)
        status = screen.status.render_line(0).text
        assert "error" in status
        assert len(screen.article_list) == len(FIXTURE_ARTICLES)  # the list is kept


async def test_search_bar_caret_and_editing(fixture_archive: Path) -> None:
    app = AkhbarApp(fixture_archive)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(pilot, app)
        await pilot.press("slash")
        await type_text(pilot, "مصر")
        bar = screen.search_bar
        width = bar.size.width - 8  # "Search: "
        text, caret = bar.field_line(width)
        letters = [i for i, c in enumerate(text) if c != " "]
        # RTL: the caret at the logical end sits just LEFT of the leftmost letter.
        assert caret == min(letters) - 1
        await pilot.press("home")
        text, caret = bar.field_line(width)
        assert bar.caret == 0 and caret == max(letters)  # on the first letter (rightmost)
        await pilot.press("left")  # in an RTL query, left moves forward
        assert bar.caret == 1
        await pilot.press("delete")
        assert bar.value == "مر"
        await pilot.press("end", "backspace")
        assert bar.value == "م"
        app.post_message  # noqa: B018 - the paste path below goes through the same insert
        bar.insert("\x1b[31mx\u202ey\n")
        assert bar.value == "مxy "
        await pilot.press("escape")
        assert app.focused is screen.article_list


# -- facets -----------------------------------------------------------------------------


async def test_facet_filters_combine_and_can_be_removed(fixture_archive: Path) -> None:
    app = AkhbarApp(fixture_archive)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(pilot, app)
        panel = screen.query_one(TagsPanel)
        await pilot.press("t")
        assert app.focused is panel
        assert " Filter " in screen.query_one(KeyBar).render_line(0).text
        index = next(
            i for i, r in enumerate(panel.rows) if r.kind == "sources" and r.text == "fixture-a"
        )
        panel.cursor = index
        await pilot.press("enter")
        screen = await settle(pilot, app)
        assert screen.query_state.sources == {"fixture-a"}
        ids = {screen.article_list.summary_at(i).id for i in range(len(screen.article_list))}  # type: ignore[union-attr]
        assert ids == {"t-1", "t-3"}
        assert "fixture-a" in screen.status.render_line(0).text
        # The selected filter is listed first; the facets are those of the current results.
        assert panel.rows[1].selected and panel.rows[1].text == "fixture-a"
        counts = {(r.kind, r.text): r.count for r in panel.tag_rows()}
        assert ("sources", "fixture-b") not in counts
        # Add the unread filter on top, then remove the source with Enter on its row.
        await pilot.press("u")
        screen = await settle(pilot, app)
        assert screen.query_state.unread_only and screen.query_state.sources
        panel.cursor = 1
        await pilot.press("enter")
        screen = await settle(pilot, app)
        assert screen.query_state.sources == frozenset()
        await pilot.press("x")
        screen = await settle(pilot, app)
        assert not screen.query_state.unread_only
        assert len(screen.article_list) == len(FIXTURE_ARTICLES)


# -- open, resize, state ----------------------------------------------------------------


def title_row(view: ArticleView, title: str, width: int) -> int:
    """The row of the view showing the first visual line of the title laid out at `width`."""
    first = layout(title, width)[0].text.strip()
    for y, text in enumerate(lines_of(view)):
        if text.strip() == first:
            return y
    raise AssertionError(f"title line not on screen: {first!r}\n" + "\n".join(lines_of(view)))


async def test_open_shows_the_title_in_visual_order_and_marks_read(fixture_archive: Path) -> None:
    app = AkhbarApp(fixture_archive)
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await settle(pilot, app)
        article_list = screen.article_list
        article_list.select_index(
            next(i for i in range(len(article_list)) if article_list.summary_at(i).id == "t-1")  # type: ignore[union-attr]
        )
        await pilot.press("enter")
        screen = await settle(pilot, app)
        view = screen.article_view
        assert app.focused is view and view.article_id == "t-1"
        title = FIXTURE_ARTICLES[0]["title"]
        y = title_row(view, title, view.layout_width)
        shown = view.render_line(y).text
        # Independent of the engine: a pure-Arabic line read right to left is the title.
        assert visual_norm(shown) == title[::-1]
        assert unshaped_arabic(shown) == []
        assert archive_state(fixture_archive, "t-1") == (True, False)
        assert screen.status.unread == len(FIXTURE_ARTICLES) - 1
        await pilot.press("escape")
        assert app.focused is article_list


async def test_resize_relays_out_everything(fixture_archive: Path) -> None:
    app = AkhbarApp(fixture_archive)
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await settle(pilot, app)
        screen.open_article("t-2")
        await pilot.pause()
        before = screen.article_view.layout_width
        await pilot.resize_terminal(80, 24)
        await pilot.pause(0.1)
        view = screen.article_view
        assert view.layout_width < before
        title = FIXTURE_ARTICLES[1]["title"]
        title_row(view, title, view.layout_width)
        for widget in (screen.search_bar, screen.status, screen.query_one(KeyBar)):
            assert widget.size.width == 80
            assert len(widget.render_line(0).text) == 80
        # Full screen gives the article the whole width; Escape comes back.
        await pilot.press("f")
        await pilot.pause(0.1)
        assert screen.fullscreen and not screen.article_list.display
        assert view.layout_width > 60
        title_row(view, title, view.layout_width)
        await pilot.press("escape")
        await pilot.pause()
        assert not screen.fullscreen and screen.article_list.display


async def test_read_star_and_their_filters(fixture_archive: Path) -> None:
    app = AkhbarApp(fixture_archive)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(pilot, app)
        article_id = screen.article_list.current_id
        assert article_id is not None
        await pilot.press("r")
        screen = await settle(pilot, app)
        assert archive_state(fixture_archive, article_id) == (True, False)
        assert screen.article_list.summary_at(0).read  # type: ignore[union-attr]
        await pilot.press("s")
        screen = await settle(pilot, app)
        assert archive_state(fixture_archive, article_id) == (True, True)
        await pilot.press("u")
        screen = await settle(pilot, app)
        assert len(screen.article_list) == len(FIXTURE_ARTICLES) - 1
        await pilot.press("u", "asterisk")
        screen = await settle(pilot, app)
        assert len(screen.article_list) == 1
        assert screen.article_list.current_id == article_id
        await pilot.press("r", "s")
        screen = await settle(pilot, app)
        assert archive_state(fixture_archive, article_id) == (False, False)


async def test_open_url_and_copy(fixture_archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url, new=0: opened.append(url) or True)
    monkeypatch.setattr("reader.tui.screens.main.graphical_browser_likely", lambda: True)
    app = AkhbarApp(fixture_archive)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(pilot, app)
        screen.open_article("t-3")  # its URL is javascript: and must never be opened
        await pilot.press("o")
        await pilot.pause(0.1)
        assert opened == []
        assert "no web address" in screen.status.render_line(0).text
        screen.open_article("t-1")
        await pilot.press("o")
        for _ in range(50):
            await pilot.pause(0.02)
            if opened:
                break
        assert opened == ["https://example.org/t/1"]
        await pilot.press("c")
        copied = app.clipboard
        assert FIXTURE_ARTICLES[0]["title"] in copied
        assert "300 ألف طن" in copied  # logical order, unshaped


# -- bidi modes -------------------------------------------------------------------------


async def test_bidi_toggle_relays_out_and_switches_bdsm(fixture_archive: Path) -> None:
    written: list[str] = []
    guard = BidiTerminalGuard(write=written.append)
    decision = BidiDecision("app", True, "test")
    app = AkhbarApp(fixture_archive, decision=decision, guard=guard)
    app._write_terminal = written.append  # type: ignore[method-assign]
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await settle(pilot, app)
        assert written == [ENTER_EXPLICIT]
        screen.open_article("t-1")
        await pilot.pause()
        view = screen.article_view
        title = FIXTURE_ARTICLES[0]["title"]
        await pilot.press("f9")
        await pilot.pause(0.1)
        assert app.bidi_mode == "terminal" and view.bidi_mode == "terminal"
        assert written[-1] == LEAVE_EXPLICIT
        # Terminal mode sends logical, unshaped text: the title as typed.
        assert any(line.strip() == title for line in lines_of(view))
        assert "bidi: terminal" in screen.status.render_line(0).text
        await pilot.press("f9")
        await pilot.pause(0.1)
        assert app.bidi_mode == "app" and written[-1] == ENTER_EXPLICIT
        y = title_row(view, title, view.layout_width)
        assert visual_norm(view.render_line(y).text) == title[::-1]
    assert written[-1] == LEAVE_EXPLICIT  # restored on exit
    assert not guard.explicit


async def test_no_escape_sequences_without_a_terminal(fixture_archive: Path) -> None:
    written: list[str] = []
    guard = BidiTerminalGuard(write=written.append)
    decision = BidiDecision("app", False, "not a terminal")
    app = AkhbarApp(fixture_archive, decision=decision, guard=guard)
    app._write_terminal = written.append  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("f9", "f9")
    assert written == []


async def test_bidi_check_screen_saves_the_choice(fixture_archive: Path, tmp_path: Path) -> None:
    config = tmp_path / "no-config.toml"  # AKHBAR_CONFIG set by the archive_dir fixture
    app = AkhbarApp(fixture_archive)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("f8")
        await pilot.pause()
        from reader.tui.screens.bidi_check import CHECK_PHRASE
        from reader.tui.screens.lines import LinesView

        view = app.screen.query_one(LinesView)
        shown = "\n".join(lines_of(view))
        app_line = layout_line(CHECK_PHRASE, 48, mode="app").text.strip()
        assert app_line in shown and CHECK_PHRASE in shown
        await pilot.press("2")
        await pilot.pause()
        assert app.bidi_mode == "terminal"
    assert 'bidi = "terminal"' in config.read_text(encoding="utf-8")


# -- Arabic UI, help, keymap --------------------------------------------------------------


async def test_arabic_ui_is_mirrored_and_shaped(fixture_archive: Path) -> None:
    app = AkhbarApp(fixture_archive, UiSettings(ui_lang="ar"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(pilot, app)
        article_list = screen.query_one(ArticleList)
        assert article_list.region.x > screen.article_view.region.x  # list on the right
        assert screen.tags_panel.region.x < screen.article_view.region.x
        for widget in (screen.status, screen.query_one(KeyBar), screen.search_bar):
            text = widget.render_line(0).text
            assert unshaped_arabic(text) == [], (type(widget).__name__, text)
            assert (text.rstrip() != "" and text[-1] != " ") or widget is screen.search_bar
        status = screen.status.render_line(0).text
        # "3 مقالة" laid out right to left: the label is shaped and right-aligned.
        assert status.endswith(layout_line("3 مقالة", 20).text.strip()[-5:])
        assert visual_norm(layout_line("بحث", 10).text) in visual_norm(
            screen.query_one(KeyBar).render_line(0).text
        )
        prompt = layout_line("بحث:", 10).text.strip()
        assert screen.search_bar.render_line(0).text.rstrip().endswith(prompt)
        for row in screen.tags_panel.rows:
            assert row.text
        for y in range(len(screen.tags_panel.rows)):
            assert unshaped_arabic(screen.tags_panel.render_line(y).text) == []


async def test_help_lists_every_command_with_remapped_keys(fixture_archive: Path) -> None:
    from reader.tui.commands import COMMANDS
    from reader.tui.screens.help import HelpScreen
    from reader.tui.screens.lines import LinesView

    settings = UiSettings(keymap={"focus-search": "ctrl+f"})
    app = AkhbarApp(fixture_archive, settings)
    async with app.run_test(size=(110, 60)) as pilot:
        screen = await settle(pilot, app)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        view = app.screen.query_one(LinesView)
        text = "\n".join(view.visual_text(i, 80) for i in range(len(view.lines)))
        for command in COMMANDS:
            assert command.description in text, command.id
        assert "^f" in text
        await pilot.press("escape")
        await pilot.press("ctrl+f")
        assert app.focused is screen.search_bar
        assert isinstance(app.focused, SearchBar)


def test_no_raw_arabic_in_the_labels_of_the_arabic_ui() -> None:
    from reader.tui.i18n import LABELS, fit

    for key, (_english, arabic) in LABELS.items():
        shown = fit(arabic, 80, "app")
        assert unshaped_arabic(shown) == [], key
        assert all(unicodedata.category(c) != "Cf" for c in shown), key


async def test_a_failing_search_is_a_note_not_a_crash(
    fixture_archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.tui import data

    def broken(query: object, limit: int = 0) -> object:
        def search(library: object) -> object:
            raise RuntimeError("index on fire\nsecond line")

        return search

    monkeypatch.setattr(data, "run_search", broken)
    app = AkhbarApp(fixture_archive)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(pilot, app)
        await pilot.press("slash", *"abc", "enter")
        screen = await settle(pilot, app)
        status = screen.status.render_line(0).text
        assert "error: RuntimeError: index on fire second line" in status
        assert app.is_running


def test_only_plain_web_addresses_are_opened() -> None:
    from reader.tui.screens.main import safe_url

    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert safe_url(" http://example.org ") == "http://example.org"
    for bad in (
        "javascript:alert(1)",
        "file:///etc/passwd",
        "https://exa\x1b[31mmple.org",
        "http://",
        "",
        "-oProxyCommand=x",
        "https://example.org/\nx",
    ):
        assert safe_url(bad) is None, bad


def test_closing_stops_a_long_index_sync(fixture_archive: Path) -> None:
    import asyncio
    import threading

    from reader.tui.data import DataThread, _StoppableFeed, _Stopped

    stopping = threading.Event()
    with Archive.open(fixture_archive) as archive:
        feed = _StoppableFeed(archive, stopping)
        assert feed.current_seq() == archive.current_seq()  # everything else passes through
        feed.changes_since(0, 10)
        stopping.set()
        with pytest.raises(_Stopped):
            feed.changes_since(0, 10)
    store = DataThread(fixture_archive)
    assert asyncio.run(store.sync_index()) == 0  # already in sync after the import
    store.close()
    assert store.stopping.is_set()


async def test_command_palette_runs_registry_commands(fixture_archive: Path) -> None:
    from reader.tui.screens.bidi_check import BidiCheckScreen

    app = AkhbarApp(fixture_archive)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("ctrl+p")
        await pilot.pause(0.2)
        await type_text(pilot, "bidi check")
        await pilot.pause(0.5)
        await pilot.press("enter")
        for _ in range(50):
            await pilot.pause(0.05)
            if isinstance(app.screen, BidiCheckScreen):
                break
        assert isinstance(app.screen, BidiCheckScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.bidi_mode == "app"


async def test_a_reordering_terminal_gets_a_hint_until_the_mode_is_chosen(
    fixture_archive: Path,
) -> None:
    from reader.tui.terminal import REORDERING_HINT, decide

    decision = decide("auto", is_tty=True, reply=None, environ={"KONSOLE_VERSION": "1"})
    settings = UiSettings(keymap={"nope": "x"}, problems=("keymap: unknown binding id 'nope'",))
    app = AkhbarApp(fixture_archive, settings, decision=decision)
    async with app.run_test(size=(200, 30)) as pilot:
        screen = await settle(pilot, app)
        status = screen.status.render_line(0).text
        assert REORDERING_HINT[:30] in status and "unknown binding id" in status
        await pilot.press("f9")
        await pilot.pause()
        assert REORDERING_HINT[:30] not in screen.status.render_line(0).text


async def test_arabic_help_and_bidi_check_are_shaped(fixture_archive: Path) -> None:
    from reader.tui.screens.lines import LinesView

    app = AkhbarApp(fixture_archive, UiSettings(ui_lang="ar"))
    async with app.run_test(size=(110, 60)) as pilot:
        await settle(pilot, app)
        await pilot.press("question_mark")
        await pilot.pause()
        view = app.screen.query_one(LinesView)
        rows = lines_of(view)
        assert any(visual_norm(layout_line("بحث", 10).text) in visual_norm(r) for r in rows)
        assert all(unshaped_arabic(row) == [] for row in rows)
        await pilot.press("escape", "f8")
        await pilot.pause()
        rows = lines_of(app.screen.query_one(LinesView))
        # Only line 2 (what terminal mode sends) is logical Arabic, on purpose.
        assert [i for i, row in enumerate(rows) if unshaped_arabic(row)] == [
            next(i for i, row in enumerate(rows) if row.lstrip().startswith("2 "))
        ]


async def test_the_cursor_previews_without_marking_read(fixture_archive: Path) -> None:
    app = AkhbarApp(fixture_archive)
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await settle(pilot, app)
        await pilot.pause(0.3)
        first = screen.article_list.current_id
        assert first is not None and screen.article_view.article_id == first
        await pilot.press("j")
        await pilot.pause(0.3)
        second = screen.article_list.current_id
        assert second != first and screen.article_view.article_id == second
        assert app.focused is screen.article_list
        assert archive_state(fixture_archive, first)[0] is False
        assert archive_state(fixture_archive, second)[0] is False
        await pilot.press("enter")
        screen = await settle(pilot, app)
        assert app.focused is screen.article_view
        assert archive_state(fixture_archive, second)[0] is True


async def test_paste_and_a_bounded_history(fixture_archive: Path) -> None:
    from textual import events

    from reader.tui.widgets.search_bar import HISTORY_LIMIT

    app = AkhbarApp(fixture_archive)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(pilot, app)
        await pilot.press("slash")
        bar = screen.search_bar
        bar.post_message(events.Paste("مجلس\nالأمن\x1b[2J\u202e"))
        await pilot.pause()
        assert bar.value == "مجلس الأمن" and bar.caret == len("مجلس الأمن")
        for number in range(HISTORY_LIMIT + 50):
            bar.remember(f"q{number}")
    saved = (fixture_archive / "ui-search-history.txt").read_text("utf-8").splitlines()
    assert len(saved) == HISTORY_LIMIT and saved[-1] == f"q{HISTORY_LIMIT + 49}"


def test_status_counts_in_english_and_arabic() -> None:
    status = StatusLine()
    status.set_reactive(StatusLine.total, 1)
    status.set_reactive(StatusLine.unread, 1)
    status.set_reactive(StatusLine.results, 1)
    assert status.message_text() == "1 article · 1 unread · 1 result"
    status.set_reactive(StatusLine.total, 2)
    status.set_reactive(StatusLine.results, 0)
    assert status.message_text() == "2 articles · 1 unread · 0 results"
    status.set_reactive(StatusLine.ui_lang, "ar")
    assert "2 articles" not in status.message_text()


async def test_a_very_narrow_terminal_gives_the_article_the_full_width(
    fixture_archive: Path,
) -> None:
    """Below 70 columns the list and the article take turns at the full width."""
    app = AkhbarApp(fixture_archive)
    async with app.run_test(size=(50, 20)) as pilot:
        screen = await settle(pilot, app)
        assert screen.article_list.region.width == 50
        assert not screen.article_view.display
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert app.focused is screen.article_view
        assert not screen.article_list.display
        assert screen.article_view.region.width == 50
        # The article is laid out at the width it now has (padding and scrollbar aside).
        assert screen.article_view.layout_width >= 50 - 4
        await pilot.press("escape")
        await pilot.pause(0.2)
        assert app.focused is screen.article_list and screen.article_list.region.width == 50
        await pilot.resize_terminal(90, 24)
        await pilot.pause(0.2)
        assert screen.article_list.display and screen.article_view.display
