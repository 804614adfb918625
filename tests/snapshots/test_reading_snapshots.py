"""SVG snapshots of the reading widgets with Arabic (pinned Textual).

An SVG viewer or browser runs the bidi algorithm again on the visual strings inside, so a
correct snapshot may LOOK reversed there; the Pilot text assertions in tests/tui are the
oracle, these only catch unintended changes of what is drawn.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App, ComposeResult
from textual.pilot import Pilot

from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.article_view import ArticleView
from tests.tui.test_article_list import FakeSource
from tests.tui.test_article_view import STORED

SnapCompare = Callable[..., bool]


class ReadingApp(App[None]):
    """List beside article, the way the main screen composes them."""

    CSS = """
    Screen { layout: horizontal; }
    ArticleList { width: 2fr; height: 1fr; border-right: vkey $primary-background; }
    ArticleView { width: 3fr; height: 1fr; padding: 0 1; }
    """

    def __init__(self, ui_lang: str = "en", terms: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.ui_lang = ui_lang
        self.terms = terms

    def compose(self) -> ComposeResult:
        article_list = ArticleList(FakeSource(40), ui_lang=self.ui_lang)
        view = ArticleView(ui_lang=self.ui_lang)
        if self.ui_lang == "ar":
            yield view
            yield article_list
        else:
            yield article_list
            yield view

    def on_mount(self) -> None:
        self.query_one(ArticleView).show_article(STORED, terms=self.terms)
        self.query_one(ArticleList).focus()


async def _settle(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await pilot.pause()


def test_article_with_search_hit(snap_compare: SnapCompare) -> None:
    app = ReadingApp(terms=("القاهرة",))
    assert snap_compare(app, terminal_size=(100, 24), run_before=_settle)


def test_arabic_ui_mirrored(snap_compare: SnapCompare) -> None:
    app = ReadingApp(ui_lang="ar")
    assert snap_compare(app, terminal_size=(100, 24), run_before=_settle, press=["j", "j"])


def test_narrow_view_wraps(snap_compare: SnapCompare) -> None:
    app = ReadingApp(terms=("سالم",))
    assert snap_compare(app, terminal_size=(64, 30), run_before=_settle)
