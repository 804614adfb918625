"""ArticleList: a virtual list of article rows (Line API), fast with any number of articles.

Only the rows on screen are fetched (in cached pages) and rendered; titles go through the
text engine (`layout_line`), so Arabic titles are shaped, reordered and cut at their logical end.
"""

from __future__ import annotations

import dataclasses
from collections import OrderedDict
from typing import TYPE_CHECKING, ClassVar, Literal

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.binding import BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.models import ArticleSummary
from reader.text import layout_line
from reader.tui.commands import bindings_for
from reader.tui.sources import ListSource

if TYPE_CHECKING:
    from textual import events

    from reader.text import VisualLine

BidiMode = Literal["app", "terminal"]

PAGE_SIZE = 200  # rows per fetch from the source
PAGES_KEPT = 64  # pages cached (12,800 rows)
TITLES_KEPT = 4000  # laid-out titles cached
UNREAD_MARK = "●"
STAR_MARK = "★"
SOURCE_WIDTH = 14
DATE_WIDTH = 10
GAP = " "


@dataclasses.dataclass(frozen=True, slots=True)
class RowColumns:
    """Where each field of a row goes: (start column, width); width 0 means hidden."""

    marks: tuple[int, int]
    title: tuple[int, int]
    source: tuple[int, int]
    date: tuple[int, int]


def row_columns(width: int, mirrored: bool) -> RowColumns:
    """Column plan for a row of `width` cells; `mirrored` (Arabic UI) reverses the order."""
    marks_w = 2
    source_w = SOURCE_WIDTH if width >= 50 else 0
    date_w = DATE_WIDTH if width >= 30 else 0
    used = marks_w + 1 + (source_w + 1 if source_w else 0) + (date_w + 1 if date_w else 0)
    title_w = max(0, width - used)
    # Left-to-right plan: marks, gap, title, gap, source, gap, date.
    fields: list[tuple[str, int]] = [("marks", marks_w), ("title", title_w)]
    if source_w:
        fields.append(("source", source_w))
    if date_w:
        fields.append(("date", date_w))
    if mirrored:
        fields.reverse()
    placed: dict[str, tuple[int, int]] = {"source": (0, 0), "date": (0, 0)}
    column = 0
    for name, field_width in fields:
        placed[name] = (column, field_width)
        column += field_width + 1
    return RowColumns(placed["marks"], placed["title"], placed["source"], placed["date"])


class ArticleList(ScrollView, can_focus=True):
    """The list of articles: marks, title, source and date per row; a cursor; Enter opens."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings_for("list")]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-list--cursor",
        "article-list--unread",
        "article-list--mark",
        "article-list--meta",
    }

    DEFAULT_CSS = """
    ArticleList {
        overflow-x: hidden;
        overflow-y: auto;
    }
    ArticleList > .article-list--cursor { background: $block-cursor-blurred-background; }
    ArticleList:focus > .article-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    ArticleList > .article-list--unread { text-style: bold; }
    ArticleList > .article-list--mark { color: $accent; }
    ArticleList > .article-list--meta { color: $text-muted; }
    """

    cursor: reactive[int] = reactive(0, always_update=False)
    bidi_mode: reactive[BidiMode] = reactive("app")
    ui_lang: reactive[str] = reactive("en")

    class _RowMessage(Message):
        """A message about the article in one row of the list."""

        def __init__(self, article_list: ArticleList, article_id: str, index: int) -> None:
            super().__init__()
            self.article_list = article_list
            self.article_id = article_id
            self.index = index

        @property
        def control(self) -> ArticleList:
            return self.article_list

    class Highlighted(_RowMessage):
        """The cursor moved to another article."""

    class Selected(_RowMessage):
        """The user opened the article under the cursor (Enter or a click on it)."""

    def __init__(
        self,
        source: ListSource | None = None,
        *,
        bidi_mode: BidiMode = "app",
        ui_lang: str = "en",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.set_reactive(ArticleList.bidi_mode, bidi_mode)
        self.set_reactive(ArticleList.ui_lang, ui_lang)
        self._source: ListSource | None = None
        self._length = 0
        self._pages: OrderedDict[int, list[ArticleSummary]] = OrderedDict()
        self._titles: OrderedDict[tuple[str, int, str], VisualLine] = OrderedDict()
        self.pages_fetched = 0  # how many pages were read from the source (tests, benchmarks)
        if source is not None:
            self.set_source(source)

    # -- public API ----------------------------------------------------------------------

    @property
    def source(self) -> ListSource | None:
        return self._source

    def set_source(self, source: ListSource, *, index: int = 0) -> None:
        """Show another source (new search results, a filter); the cursor goes to `index`."""
        self._source = source
        self._pages.clear()
        self._length = len(source)
        self._update_virtual_size()
        self.set_reactive(ArticleList.cursor, -1)
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh()
        if self._length:
            self.cursor = max(0, min(index, self._length - 1))

    def refresh_rows(self) -> None:
        """Read the source again (after an import or a change of marks elsewhere)."""
        if self._source is None:
            return
        self._source.refresh_rows()
        self._pages.clear()
        self._length = len(self._source)
        self._update_virtual_size()
        if self._length and self.cursor >= self._length:
            self.cursor = self._length - 1
        self.refresh()

    def __len__(self) -> int:
        return self._length

    @property
    def row_count(self) -> int:
        return self._length

    def summary_at(self, index: int) -> ArticleSummary | None:
        """The row at `index` (fetching its page when needed), or None out of range."""
        if self._source is None or not 0 <= index < self._length:
            return None
        page_index, offset = divmod(index, PAGE_SIZE)
        page = self._pages.get(page_index)
        if page is None:
            start = page_index * PAGE_SIZE
            page = list(self._source.rows(start, min(self._length, start + PAGE_SIZE)))
            self.pages_fetched += 1
            self._pages[page_index] = page
            while len(self._pages) > PAGES_KEPT:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_index)
        return page[offset] if offset < len(page) else None

    @property
    def current_id(self) -> str | None:
        """The id of the article under the cursor, or None for an empty list."""
        summary = self.summary_at(self.cursor)
        return summary.id if summary else None

    def select_index(self, index: int) -> None:
        """Move the cursor to row `index` (clamped) and scroll it into view."""
        if not self._length:
            return
        self.cursor = max(0, min(index, self._length - 1))
        self._scroll_cursor_into_view()

    def mark(
        self, article_id: str, *, read: bool | None = None, starred: bool | None = None
    ) -> None:
        """Update the read/starred marks of one article in place (no refetch)."""
        if read is None and starred is None:
            return
        for page_index, page in self._pages.items():
            for offset, summary in enumerate(page):
                if summary.id == article_id:
                    page[offset] = dataclasses.replace(
                        summary,
                        read=summary.read if read is None else read,
                        starred=summary.starred if starred is None else starred,
                    )
                    self.refresh_line(page_index * PAGE_SIZE + offset)
        update = getattr(self._source, "update", None)
        if callable(update):
            update(article_id, read=read, starred=starred)

    # -- geometry and cursor ---------------------------------------------------------------

    def _update_virtual_size(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, self._length)

    def validate_cursor(self, value: int) -> int:
        if self._length == 0:
            return -1 if value < 0 else 0
        return max(0, min(value, self._length - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        if old >= 0:
            self.refresh_line(old)
        self.refresh_line(new)
        self._scroll_cursor_into_view()
        summary = self.summary_at(new)
        if summary is not None:
            self.post_message(self.Highlighted(self, summary.id, new))

    def _scroll_cursor_into_view(self) -> None:
        if self.cursor < 0:
            return
        self.scroll_to_region(
            Region(0, self.cursor, max(1, self.scrollable_content_region.width), 1),
            animate=False,
            force=True,
            immediate=True,
        )

    def on_resize(self, event: events.Resize) -> None:
        self._update_virtual_size()
        self._scroll_cursor_into_view()

    def watch_bidi_mode(self, old: BidiMode, new: BidiMode) -> None:
        self._titles.clear()
        self.refresh()

    def watch_ui_lang(self, old: str, new: str) -> None:
        self.refresh()

    @property
    def _page_height(self) -> int:
        return max(1, self.scrollable_content_region.height)

    # -- actions (names from the command registry, scope "list") ---------------------------

    def action_cursor_down(self) -> None:
        self.select_index(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self.select_index(self.cursor - 1)

    def action_page_down(self) -> None:
        self.select_index(self.cursor + self._page_height)

    def action_page_up(self) -> None:
        self.select_index(self.cursor - self._page_height)

    def action_first(self) -> None:
        self.select_index(0)

    def action_last(self) -> None:
        self.select_index(self._length - 1)

    def action_open_article(self) -> None:
        summary = self.summary_at(self.cursor)
        if summary is not None:
            self.post_message(self.Selected(self, summary.id, self.cursor))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = offset.y + self.scroll_offset.y
        if not 0 <= index < self._length:
            return
        if index == self.cursor or event.chain >= 2:
            self.cursor = index
            self.action_open_article()
        else:
            self.cursor = index

    # -- rendering -------------------------------------------------------------------------

    def _title_line(self, summary: ArticleSummary, width: int) -> VisualLine:
        key = (summary.title, width, self.bidi_mode)
        cached = self._titles.get(key)
        if cached is not None:
            return cached
        line = layout_line(summary.title, width, mode=self.bidi_mode)
        self._titles[key] = line
        while len(self._titles) > TITLES_KEPT:
            self._titles.popitem(last=False)
        return line

    def _field_text(self, text: str, width: int) -> str:
        """A short field (source) through the text engine, so nothing raw reaches the screen."""
        if not text or width <= 0:
            return ""
        key = (text, width, self.bidi_mode)
        cached = self._titles.get(key)
        if cached is None:
            cached = layout_line(text, width, mode=self.bidi_mode)
            self._titles[key] = cached
        field_text: str = cached.text
        return field_text

    def render_row(self, index: int, width: int) -> list[tuple[str, Style]]:
        """The (text, style) pieces of row `index` at `width` cells, left to right."""
        summary = self.summary_at(index)
        base = self.rich_style
        if summary is None:
            return [(" " * width, base)]
        mirrored = self.ui_lang == "ar"
        plan = row_columns(width, mirrored)
        mark_style = self.get_component_rich_style("article-list--mark", partial=True)
        meta_style = self.get_component_rich_style("article-list--meta", partial=True)
        text_style = base
        if not summary.read:
            text_style = base + self.get_component_rich_style("article-list--unread", partial=True)
        if index == self.cursor:
            cursor_style = self.get_component_rich_style("article-list--cursor", partial=True)
            base = base + cursor_style
            text_style = text_style + cursor_style
            mark_style = mark_style + cursor_style
            meta_style = meta_style + cursor_style
        else:
            mark_style = base + mark_style
            meta_style = base + meta_style

        cells: list[tuple[int, str, Style]] = []
        unread = " " if summary.read else UNREAD_MARK
        star = STAR_MARK if summary.starred else " "
        marks = star + unread if mirrored else unread + star
        cells.append((plan.marks[0], marks, mark_style))
        title_start, title_width = plan.title
        if title_width > 0:
            line = self._title_line(summary, title_width)
            text = line.text
            pad = max(0, title_width - cell_len(text))
            # RTL titles hug the right edge of their column, LTR titles the left.
            text = " " * pad + text if line.rtl else text + " " * pad
            cells.append((title_start, text, text_style))
        source_start, source_width = plan.source
        if source_width:
            source = self._field_text(summary.source, source_width)
            cells.append((source_start, source, meta_style))
        date_start, date_width = plan.date
        if date_width and summary.published is not None:
            cells.append((date_start, summary.published.strftime("%Y-%m-%d"), meta_style))

        pieces: list[tuple[str, Style]] = []
        column = 0
        for start, text, style in sorted(cells, key=lambda item: item[0]):
            if start > column:
                pieces.append((" " * (start - column), base))
                column = start
            pieces.append((text, style))
            column += cell_len(text)
        if column < width:
            pieces.append((" " * (width - column), base))
        return pieces

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = y + self.scroll_offset.y
        if not 0 <= index < self._length:
            return Strip.blank(width, self.rich_style)
        pieces = self.render_row(index, width)
        strip = Strip([Segment(text, style) for text, style in pieces])
        return strip.adjust_cell_length(width, self.rich_style)
