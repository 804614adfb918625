"""The main screen: search bar, article list, article view, tags panel, status line, keys.

The Arabic UI mirrors the layout (the list on the right, the tags on the left). All data work
(search, import, state changes) runs on the data thread through async workers; the screen
only updates widgets when the results arrive.
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar, Literal
from urllib.parse import urlsplit

from textual import events, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget

from reader.errors import AkhbarError
from reader.models import StoredArticle
from reader.tui import data
from reader.tui.commands import Scope, bindings_for
from reader.tui.data import FACET_KINDS, DataThread, Query
from reader.tui.i18n import UiLang, label
from reader.tui.sources import ArchiveSource, ResultSource
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.search_bar import HISTORY_FILE, SearchBar
from reader.tui.widgets.status_line import KeyBar, StatusLine
from reader.tui.widgets.tags_panel import TagsPanel

if TYPE_CHECKING:
    from reader.search import SearchResults

BidiMode = Literal["app", "terminal"]


def safe_url(url: str) -> str | None:
    """The URL if it is a plain http(s) address a browser may open, else None."""
    url = url.strip()
    if not url or any(ord(c) < 0x20 or c in "\x7f" for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def graphical_browser_likely() -> bool:
    """False where `webbrowser` would start a console browser inside our own terminal."""
    if sys.platform in ("darwin", "win32") or os.environ.get("BROWSER"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


class MainScreen(Screen[None]):
    """Browse, search and read."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings_for("app")]
    # Below 100 columns the tags panel only shows while it has focus; below 70 the list and
    # the article take turns at the full width (the article while it has focus). See app.tcss.
    HORIZONTAL_BREAKPOINTS = [(0, "-compact"), (70, "-narrow"), (100, "-wide")]  # noqa: RUF012 (Textual: instance var)

    def __init__(self, store: DataThread, *, ui_lang: UiLang, bidi_mode: BidiMode) -> None:
        super().__init__(id="main")
        self.store = store
        self.ui_lang: UiLang = ui_lang
        self.bidi_mode: BidiMode = bidi_mode
        self.query_state = Query()
        self.results: SearchResults | None = None
        self.search_generation = 0
        self.fullscreen = False
        self.ready = False  # True once the first list (and facets) are shown
        self.last_note = ""
        self.sticky_note = ""
        self.preview_timer: Timer | None = None

    # -- composition ---------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        history = self.store.directory / HISTORY_FILE
        yield SearchBar(
            id="search", history_path=history, bidi_mode=self.bidi_mode, ui_lang=self.ui_lang
        )
        panes: list[Widget] = [
            ArticleList(id="list", bidi_mode=self.bidi_mode, ui_lang=self.ui_lang),
            ArticleView(id="article", bidi_mode=self.bidi_mode, ui_lang=self.ui_lang),
            TagsPanel(id="tags"),
        ]
        if self.ui_lang == "ar":
            panes.reverse()
        with Horizontal(id="panes", classes="-ar" if self.ui_lang == "ar" else ""):
            yield from panes
        yield StatusLine(id="status")
        yield KeyBar(id="keys")

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def article_view(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def search_bar(self) -> SearchBar:
        return self.query_one(SearchBar)

    @property
    def tags_panel(self) -> TagsPanel:
        return self.query_one(TagsPanel)

    @property
    def status(self) -> StatusLine:
        return self.query_one(StatusLine)

    def on_mount(self) -> None:
        self.search_bar.results_target = self.article_list
        for widget in (self.tags_panel, self.status, self.query_one(KeyBar)):
            widget.ui_lang = self.ui_lang
            widget.bidi_mode = self.bidi_mode
        self.focus_now(self.article_list)
        self.show_first_screen()

    START_GRACE = 0.15  # seconds after the first frame before the background start

    def show_first_screen(self) -> None:
        """List and counts straight from the archive on the UI thread (a few ms at 100k).

        Everything that needs the Library (the demo import, the search index, its sync and
        the facets, with Whoosh and the ingest libraries) starts only once this first frame
        is on the screen, so a cold start shows the news after Textual's own start-up.
        """
        try:
            archive = self.store.ui_archive()
            total, unread = archive.count(), archive.unread_count()
        except Exception as exc:  # one line in the status, never a crash
            self.note_error(exc)
            self.ready = True
            return
        self.status.total = total
        self.status.unread = unread
        if total:
            self.show_archive_pages(self.query_state)
        # Textual's writer thread still has to send the frame to the terminal: a moment's
        # grace keeps the data threads (imports, Whoosh, a long sync) from slowing that down.
        empty = total == 0
        self.call_after_refresh(lambda: self.set_timer(self.START_GRACE, lambda: self.start(empty)))

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self.set_class(event.widget is self.tags_panel, "-tags-open")
        self.set_class(event.widget is self.article_view, "-reading")

    def focus_now(self, widget: Widget) -> None:
        """Focus at once (`Widget.focus` defers it: keys typed right after would go astray)."""
        self.set_focus(widget)

    def command_target(self, scope: Scope) -> Widget:
        """Where a registry command of this scope runs (the command palette uses it)."""
        if scope == "list":
            return self.article_list
        if scope == "article":
            return self.article_view
        if scope == "search":
            return self.search_bar
        return self

    # -- first run, counts, list ---------------------------------------------------------

    @work(exclusive=True, group="start")
    async def start(self, empty: bool) -> None:
        """After the first frame: import the demo articles into an empty archive, or compute
        the facets and bring the search index up to date (which may take long after a
        headless import; the list already comes from the archive's pages)."""
        if empty:
            self.note(label("importing-demo", self.ui_lang))
            try:
                report = await self.store.call(data.import_demo)
            except Exception as exc:  # one line in the status, never a crash
                self.note_error(exc)
            else:
                self.note(label("demo-imported" if report else "demo-missing", self.ui_lang))
            self.show_query(self.query_state)
            await self.update_counts()
            return
        if self.search_generation == 0:  # no search typed yet: the facets of every article
            self.run_query(self.query_state, self.search_generation, False)
        try:
            changed = await self.store.sync_index()
        except Exception as exc:  # one line in the status, never a crash
            self.note_error(exc)
            return
        if changed:  # the facets (and any results) were computed on an older index
            self.run_query(self.query_state, self.search_generation, False)

    async def update_counts(self) -> None:
        try:
            total, unread = await self.store.call(data.counts)
        except Exception as exc:  # one line in the status, never a crash
            self.note_error(exc)
            return
        self.status.total = total
        self.status.unread = unread

    def note(self, text: str) -> None:
        """Show a note in the status line (after it, any sticky hint still standing)."""
        self.last_note = " ".join(text.split())
        parts = [part for part in (self.last_note, self.sticky_note) if part]
        self.status.note = " · ".join(parts)

    def set_sticky_note(self, text: str) -> None:
        """A hint that stays until the user acts on it (config problems, bidi hint)."""
        self.sticky_note = " ".join(text.split())
        self.note(self.last_note)

    def note_error(self, exc: BaseException) -> None:
        """Any failure of data work as one line in the status (the UI keeps running)."""
        message = " ".join(str(exc).split())
        if not isinstance(exc, AkhbarError):
            message = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
        self.note(f"{label('error', self.ui_lang)}: {message}")

    def show_query(self, query: Query, *, focus_results: bool = False) -> None:
        """Show the list for a query: archive pages, or search results from a worker."""
        self.query_state = query
        self.status.filters = self.filter_labels()
        self.search_generation += 1
        if not query.uses_index:
            self.show_archive_pages(query)
        if focus_results:
            # At once, so keys typed while the search runs go to the results, not the query.
            self.focus_now(self.article_list)
        self.run_query(query, self.search_generation, focus_results)

    def show_archive_pages(self, query: Query) -> None:
        """The list straight from the archive's pages (no index): every article, or the
        unread/starred ones, newest or oldest first."""
        self.results = None
        self.status.results = None
        source = ArchiveSource(
            self.store.ui_archive,
            order="oldest" if query.order == "oldest" else "newest",
            unread_only=query.unread_only,
            starred_only=query.starred_only,
        )
        try:
            self.article_list.set_source(source)
        except Exception as exc:  # the archive went away under us: say so, keep running
            self.note_error(exc)

    def filter_labels(self) -> tuple[str, ...]:
        query = self.query_state
        names = [name for kind in FACET_KINDS for name in sorted(query.selected(kind))]
        if query.unread_only:
            names.append(label("unread-only", self.ui_lang))
        if query.starred_only:
            names.append(label("starred-only", self.ui_lang))
        return tuple(names)

    @work(exclusive=True, group="search")
    async def run_query(self, query: Query, generation: int, focus_results: bool) -> None:
        """Search (or list the filtered archive) on the data thread; show hits and facets."""
        if query.uses_index:
            self.note(label("searching", self.ui_lang))
        try:
            results = await self.store.call(data.run_search(query))
        except Exception as exc:  # one line in the status, never a crash
            if generation == self.search_generation:
                self.note_error(exc)
                self.ready = True
            return
        if generation != self.search_generation:
            return
        self.tags_panel.set_facets(results.facets, query)
        if query.uses_index:
            self.results = results
            self.status.results = results.total
            self.article_list.set_source(ResultSource(results.hits, self.store.ui_archive))
            if results.hits:
                self.article_list.select_index(0)
                self.note(label("relaxed", self.ui_lang) if results.relaxed else "")
            elif results.suggestion:
                self.note(f"{label('did-you-mean', self.ui_lang)}: {results.suggestion}")
            else:
                self.note(label("no-results", self.ui_lang))
            if focus_results and self.app.focused is self.search_bar:
                self.focus_now(self.article_list)
        elif self.last_note == label("searching", self.ui_lang):
            self.note("")
        self.ready = True

    # -- messages from the widgets -------------------------------------------------------

    def on_search_bar_submitted(self, message: SearchBar.Submitted) -> None:
        message.stop()
        order = self.query_state.order
        if message.value and order != "oldest":
            order = "relevance"
        elif not message.value and order == "relevance":
            order = "newest"
        self.show_query(
            replace(self.query_state, text=message.value, order=order), focus_results=True
        )

    def on_tags_panel_toggled(self, message: TagsPanel.Toggled) -> None:
        message.stop()
        self.show_query(self.query_state.toggled(message.kind, message.name))

    PREVIEW_DELAY = 0.15  # seconds the cursor rests on a row before the article shows

    def on_article_list_highlighted(self, message: ArticleList.Highlighted) -> None:
        """Preview the article under the cursor (not marked read) once the cursor rests."""
        message.stop()
        if self.preview_timer is not None:
            self.preview_timer.stop()
        self.preview_timer = self.set_timer(
            self.PREVIEW_DELAY, lambda: self.preview(message.article_id)
        )

    def preview(self, article_id: str) -> None:
        self.preview_timer = None
        if self.fullscreen or self.app.focused is self.article_view:
            return  # the user is reading: never swap the article under them
        if self.article_list.current_id != article_id or self.article_view.article_id == article_id:
            return
        try:
            stored = self.store.ui_archive().get(article_id)
        except Exception as exc:  # one line in the status, never a crash
            self.note_error(exc)
            return
        if stored is not None:
            terms = tuple(self.results.terms) if self.results is not None else ()
            self.article_view.show_article(stored, terms=terms)

    def on_article_list_selected(self, message: ArticleList.Selected) -> None:
        message.stop()
        self.open_article(message.article_id)

    # -- opening and state ---------------------------------------------------------------

    def open_article(self, article_id: str, *, focus: bool = True) -> StoredArticle | None:
        """Show an article (with the search terms highlighted) and mark it read."""
        try:
            stored = self.store.ui_archive().get(article_id)
        except Exception as exc:  # one line in the status, never a crash
            self.note_error(exc)
            return None
        if stored is None:
            self.note(label("no-article", self.ui_lang))
            return None
        terms = tuple(self.results.terms) if self.results is not None else ()
        self.article_view.show_article(stored, terms=terms)
        if focus:
            self.focus_now(self.article_view)
        if not stored.read:
            self.set_read_state(article_id, True, quiet=True)
        return stored

    def current_article_id(self) -> str | None:
        """The article the user means: the one being read, else the list's selection."""
        focused = self.app.focused
        view_id = self.article_view.article_id
        if view_id and (focused is self.article_view or self.fullscreen):
            return view_id
        return self.article_list.current_id or view_id

    def current_summary_state(self, article_id: str) -> tuple[bool, bool]:
        stored = self.store.ui_archive().get(article_id)
        return (stored.read, stored.starred) if stored else (False, False)

    @work(group="state")
    async def set_read_state(self, article_id: str, read: bool, quiet: bool = False) -> None:
        try:
            await self.store.call(data.set_read(article_id, read))
        except Exception as exc:  # one line in the status, never a crash
            self.note_error(exc)
            return
        self.article_list.mark(article_id, read=read)
        if not quiet:
            self.note(label("marked-read" if read else "marked-unread", self.ui_lang))
        await self.update_counts()

    @work(group="state")
    async def set_star_state(self, article_id: str, starred: bool) -> None:
        try:
            await self.store.call(data.set_starred(article_id, starred))
        except Exception as exc:  # one line in the status, never a crash
            self.note_error(exc)
            return
        self.article_list.mark(article_id, starred=starred)
        self.note(label("starred" if starred else "unstarred", self.ui_lang))

    # -- actions (the registry's "app" scope) --------------------------------------------

    def action_focus_search(self) -> None:
        if self.fullscreen:
            self.set_fullscreen(False)
        self.focus_now(self.search_bar)

    def action_quit(self) -> None:
        self.app.exit()

    def action_show_help(self) -> None:
        self.app.action_show_help()  # type: ignore[attr-defined]

    def action_show_bidi_check(self) -> None:
        self.app.action_show_bidi_check()  # type: ignore[attr-defined]

    def action_toggle_bidi(self) -> None:
        self.app.action_toggle_bidi()  # type: ignore[attr-defined]

    def action_go_back(self) -> None:
        focused = self.app.focused
        if self.fullscreen:
            self.set_fullscreen(False)
            self.focus_now(self.article_view)
        elif focused in (self.search_bar, self.tags_panel, self.article_view):
            self.focus_now(self.article_list)
        elif focused is self.article_list and self.query_state.text:
            # Out of the search results, back to every article (the tag filters stay).
            self.search_bar.set_value("")
            order = "newest" if self.query_state.order == "relevance" else self.query_state.order
            self.show_query(replace(self.query_state, text="", order=order))

    def action_toggle_read(self) -> None:
        article_id = self.current_article_id()
        if article_id is None:
            self.note(label("no-article", self.ui_lang))
            return
        read, _starred = self.current_summary_state(article_id)
        self.set_read_state(article_id, not read)

    def action_toggle_star(self) -> None:
        article_id = self.current_article_id()
        if article_id is None:
            self.note(label("no-article", self.ui_lang))
            return
        _read, starred = self.current_summary_state(article_id)
        self.set_star_state(article_id, not starred)

    def action_filter_unread(self) -> None:
        query = self.query_state
        self.show_query(replace(query, unread_only=not query.unread_only))

    def action_filter_starred(self) -> None:
        query = self.query_state
        self.show_query(replace(query, starred_only=not query.starred_only))

    def action_clear_filters(self) -> None:
        self.show_query(Query(text=self.query_state.text, order=self.query_state.order))

    def action_focus_tags(self) -> None:
        if self.fullscreen:
            self.set_fullscreen(False)
        self.focus_now(self.tags_panel)

    def action_toggle_sort(self) -> None:
        query = self.query_state
        if query.text.strip():
            order: data.Order = "newest" if query.order == "relevance" else "relevance"
        else:
            order = "oldest" if query.order == "newest" else "newest"
        key = {"newest": "sort-newest", "oldest": "sort-oldest", "relevance": "sort-relevance"}
        self.show_query(replace(query, order=order))
        self.note(label(key[order], self.ui_lang))

    def action_toggle_fullscreen(self) -> None:
        if not self.fullscreen and self.article_view.article_id is None:
            article_id = self.article_list.current_id
            if article_id is None or self.open_article(article_id) is None:
                return
        self.set_fullscreen(not self.fullscreen)

    def set_fullscreen(self, on: bool) -> None:
        self.fullscreen = on
        self.set_class(on, "-fullscreen")
        if on:
            self.focus_now(self.article_view)

    def action_open_url(self) -> None:
        article_id = self.current_article_id()
        stored = self.store.ui_archive().get(article_id) if article_id else None
        if stored is None:
            self.note(label("no-article", self.ui_lang))
            return
        url = safe_url(stored.article.url)
        if url is None:
            self.note(label("no-url", self.ui_lang))
            return
        if not graphical_browser_likely():
            # A console browser would take over this terminal: hand the address over instead.
            self.app.copy_to_clipboard(url)
            self.note(url)
            return
        self.open_in_browser(url)

    @work(thread=True, group="browser")
    def open_in_browser(self, url: str) -> None:
        import webbrowser  # here, not at start: nothing on the first screen needs it

        try:
            webbrowser.open(url, new=2)
        except webbrowser.Error:
            self.app.call_from_thread(self.note, url)
            return
        self.app.call_from_thread(self.note, label("opened-url", self.ui_lang))

    def action_copy_article(self) -> None:
        text = self.article_view.logical_text()
        if not text:
            article_id = self.current_article_id()
            if article_id is None or self.open_article(article_id, focus=False) is None:
                self.note(label("no-article", self.ui_lang))
                return
            text = self.article_view.logical_text()
        self.app.copy_to_clipboard(text)
        self.note(label("copied", self.ui_lang))

    # -- bidi mode -----------------------------------------------------------------------

    def apply_bidi_mode(self, mode: BidiMode) -> None:
        """Lay everything out again for another bidi mode (the user acted on any bidi hint)."""
        self.bidi_mode = mode
        self.sticky_note = ""
        for widget in (
            self.search_bar,
            self.article_list,
            self.article_view,
            self.tags_panel,
            self.status,
            self.query_one(KeyBar),
        ):
            widget.bidi_mode = mode
        self.note(label(f"bidi-{mode}", self.ui_lang))
