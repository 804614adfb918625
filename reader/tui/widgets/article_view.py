"""ArticleView: one article through the Line API, laid out by the text engine at the view's width.

Textual never wraps or aligns the text: every row is a `reader.text` visual line (shaped,
reordered, padded), so Arabic reads right to left and search hits light exactly their cells.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar, Literal

from rich.cells import cell_len, get_character_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import work
from textual.binding import BindingType
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.models import StoredArticle
from reader.text import layout, paragraph_direction
from reader.tui.commands import bindings_for

if TYPE_CHECKING:
    from textual.events import Resize
    from textual.selection import Selection

    from reader.text import VisualLine

BidiMode = Literal["app", "terminal"]
# (article id, content fingerprint, width, bidi mode, ui language)
_Key = tuple[str, int, int, str, str]
Part = Literal["title", "meta", "tags", "body", "blank"]

# Lay out synchronously until this budget is spent; the rest goes to a worker thread.
LAYOUT_BUDGET_S = 0.030
# Layouts kept per view: (article id, width, mode) -> rows.
LAYOUT_CACHE_SIZE = 32

RLM = "\u200f"

_LABELS = {
    # The LRM keeps the colon with an English label when the line is RTL ("Actors:" not ":Actors").
    "en": {"actors": "Actors", "places": "Places", "sep": ":\u200e ", "join": ", ", "dot": " · "},
    "ar": {"actors": "الفاعلون", "places": "الأماكن", "sep": ": ", "join": "، ", "dot": " · "},
}


@dataclass(frozen=True, slots=True)
class ViewRow:
    """One screen row: a visual line of one part of the article, or a blank row."""

    part: Part
    line: VisualLine | None
    # Offset of the laid-out string inside its field (title or body); hits are mapped through it.
    field_offset: int = 0
    # Offset of the laid-out string inside `logical_text()`, for selection.
    doc_offset: int = 0


@dataclass(slots=True)
class _Layout:
    """The rows of one article at one width and mode; `complete` is False while a worker runs."""

    rows: list[ViewRow] = field(default_factory=list)
    complete: bool = True


@dataclass(frozen=True, slots=True)
class ArticleDocument:
    """The logical strings of an article, each placed at its offset in `logical_text()`."""

    title: str
    meta: str
    tags: str
    paragraphs: tuple[str, ...]
    body_offsets: tuple[int, ...]  # start of each paragraph inside Article.body
    doc_offsets: tuple[int, ...]  # start of title, meta, tags, then each paragraph in the doc
    text: str


def article_document(stored: StoredArticle, ui_lang: str) -> ArticleDocument:
    """The strings the view lays out: title, source/date, tags lines, body paragraphs."""
    article = stored.article
    labels = _LABELS.get(ui_lang, _LABELS["en"])
    date = article.published.strftime("%Y-%m-%d %H:%M") if article.published else ""
    # In an RTL article the header lines are RTL paragraphs too (an RLM leads them), so a
    # list of Arabic names reads right to left with Arabic commas, label first on the right.
    rtl = paragraph_direction(article.title or article.body) == "rtl"
    lead = RLM if rtl else ""
    join = "، " if rtl else labels["join"]
    meta = labels["dot"].join(part for part in (article.source, date) if part)
    tag_lines = []
    if stored.tags.actors:
        tag_lines.append(lead + labels["actors"] + labels["sep"] + join.join(stored.tags.actors))
    if stored.tags.places:
        tag_lines.append(lead + labels["places"] + labels["sep"] + join.join(stored.tags.places))
    tags = "\n".join(tag_lines)
    paragraphs = tuple(article.body.split("\n")) if article.body else ()
    body_offsets: list[int] = []
    position = 0
    for paragraph in paragraphs:
        body_offsets.append(position)
        position += len(paragraph) + 1
    pieces = [article.title, meta, tags, ""]
    doc_offsets: list[int] = []
    cursor = 0
    for piece in (article.title, meta, tags):
        doc_offsets.append(cursor)
        cursor += len(piece) + 1
    cursor += 1  # the blank line
    for paragraph in paragraphs:
        doc_offsets.append(cursor)
        cursor += len(paragraph) + 1
    text = "\n".join([*pieces, *paragraphs])
    return ArticleDocument(
        article.title, meta, tags, paragraphs, tuple(body_offsets), tuple(doc_offsets), text
    )


def _lay_out_paragraph(
    document: ArticleDocument, index: int, width: int, mode: BidiMode
) -> list[ViewRow]:
    """The rows of body paragraph `index`, followed by a blank separator row."""
    paragraph = document.paragraphs[index]
    field_offset = document.body_offsets[index]
    doc_offset = document.doc_offsets[3 + index]
    rows = [
        ViewRow("body", line, field_offset, doc_offset)
        for line in layout(paragraph, width, mode=mode)
    ]
    if index + 1 < len(document.paragraphs):
        rows.append(ViewRow("blank", None))
    return rows


def styled_strip(
    text: str,
    width: int,
    base: Style,
    marked: Sequence[tuple[int, int]] = (),
    mark_style: Style | None = None,
) -> Strip:
    """A strip of exactly `width` cells: `text` in `base`, the column ranges `marked` restyled."""
    if not marked or mark_style is None:
        return Strip([Segment(text, base)]).adjust_cell_length(width, base)
    highlighted = base + mark_style
    segments: list[Segment] = []
    run: list[str] = []
    run_marked = False
    column = 0
    for character in text:
        cells = get_character_cell_size(character)
        is_marked = any(start <= column < end for start, end in marked) if cells else run_marked
        if run and is_marked != run_marked:
            segments.append(Segment("".join(run), highlighted if run_marked else base))
            run = []
        run.append(character)
        run_marked = is_marked
        column += cells
    if run:
        segments.append(Segment("".join(run), highlighted if run_marked else base))
    return Strip(segments).adjust_cell_length(width, base)


class ArticleView(ScrollView, can_focus=True):
    """Scrollable article: title, source/date, tags, blank, body; re-laid out for every width."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings_for("article")]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-view--title",
        "article-view--meta",
        "article-view--tags",
        "article-view--hit",
    }

    DEFAULT_CSS = """
    ArticleView {
        overflow-x: hidden;
        overflow-y: auto;
    }
    ArticleView > .article-view--title { text-style: bold; }
    ArticleView > .article-view--meta { color: $text-muted; }
    ArticleView > .article-view--tags { color: $text-accent; }
    ArticleView > .article-view--hit { background: $warning 60%; text-style: bold reverse; }
    """

    bidi_mode: reactive[BidiMode] = reactive("app")
    ui_lang: reactive[str] = reactive("en")

    def __init__(
        self,
        *,
        bidi_mode: BidiMode = "app",
        ui_lang: str = "en",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.set_reactive(ArticleView.bidi_mode, bidi_mode)
        self.set_reactive(ArticleView.ui_lang, ui_lang)
        self._stored: StoredArticle | None = None
        self._document: ArticleDocument | None = None
        self._fingerprint = 0
        self._terms: tuple[str, ...] = ()
        self._title_hits: list[tuple[int, int]] = []
        self._body_hits: list[tuple[int, int]] = []
        self._cache: OrderedDict[_Key, _Layout] = OrderedDict()
        self._layout: _Layout = _Layout()
        self._layout_key: _Key | None = None
        self._generation = 0
        self.last_layout_seconds = 0.0  # the last layout computed (not cached)
        self.last_relayout_seconds = 0.0  # the last show/resize: width choice + layout

    # -- public API ----------------------------------------------------------------------

    @property
    def article_id(self) -> str | None:
        """The id of the article shown, or None."""
        return self._stored.article.id if self._stored else None

    @property
    def stored(self) -> StoredArticle | None:
        return self._stored

    @property
    def terms(self) -> tuple[str, ...]:
        return self._terms

    @property
    def rows(self) -> list[ViewRow]:
        """The rows currently laid out (for tests and the app)."""
        return self._layout.rows

    @property
    def layout_complete(self) -> bool:
        return self._layout.complete

    @property
    def layout_width(self) -> int:
        """The width the current rows were laid out for."""
        return self._layout_key[2] if self._layout_key else 0

    def show_article(self, stored: StoredArticle, *, terms: Sequence[str] = ()) -> None:
        """Show an article from the top, highlighting the cells of the search `terms`."""
        self._stored = stored
        self._fingerprint = hash((stored.article, stored.tags))
        self._document = article_document(stored, self.ui_lang)
        self._terms = tuple(terms)
        article = stored.article
        self._title_hits = []
        self._body_hits = []
        if self._terms:
            # Loaded here, not at import: the search package brings Whoosh, which the first
            # screen does not need.
            from reader.search.analysis import analyze
            from reader.search.highlight import find_hits

            # Terms may be the index's analysed terms (SearchResults.terms) or words as typed.
            wanted = set(self._terms) | {t for word in self._terms for t, _, _ in analyze(word)}
            self._title_hits = find_hits(article.title, wanted)
            self._body_hits = find_hits(article.body, wanted)
        self._relayout()
        self.scroll_to(0, 0, animate=False, immediate=True)

    def clear(self) -> None:
        """Show nothing."""
        self._stored = None
        self._document = None
        self._terms = ()
        self._title_hits = []
        self._body_hits = []
        self._layout = _Layout()
        self._layout_key = None
        self._generation += 1
        self.virtual_size = Size(self.scrollable_content_region.width, 0)
        self.refresh()

    def logical_text(self) -> str:
        """The article in logical order, unshaped (what `copy-article` puts on the clipboard)."""
        return self._document.text if self._document else ""

    def hit_columns(self, row: int) -> list[tuple[int, int]]:
        """The visual column ranges highlighted on laid-out row `row`."""
        if not 0 <= row < len(self._layout.rows):
            return []
        return self._row_hits(self._layout.rows[row])

    # -- layout --------------------------------------------------------------------------

    def _choose_width(self) -> int:
        """The full width if the article fits the height, else the width beside the scrollbar."""
        full = self.content_region.width
        if self.styles.overflow_y != "auto" or self._document is None:
            return self.scrollable_content_region.width
        height = self.content_region.height
        bar = self.styles.scrollbar_size_vertical
        document = self._document
        # Cheap estimate first: text that cannot fit skips the full-width attempt.
        estimate = sum(len(p) // max(1, full) + 2 for p in document.paragraphs) + 4
        if estimate > height * 2 or full <= bar:
            return max(1, full - bar)
        lines = self._build(full, complete_only=True)
        if lines is not None and len(lines.rows) <= height:
            return full
        return max(1, full - bar)

    def _relayout(self) -> None:
        """Lay out the article for the current width and mode (from the cache when possible)."""
        if self._stored is None or self._document is None:
            return
        if self.content_region.width <= 0:
            return
        started = time.perf_counter()
        width = self._choose_width()
        layout_ = self._build(width)
        assert layout_ is not None
        self._layout = layout_
        self._layout_key = (
            self._stored.article.id,
            self._fingerprint,
            width,
            self.bidi_mode,
            self.ui_lang,
        )
        self.virtual_size = Size(width, len(layout_.rows))
        self.refresh()
        self.last_relayout_seconds = time.perf_counter() - started

    def _build(self, width: int, *, complete_only: bool = False) -> _Layout | None:
        """Rows for `width`; a long article returns what fits the time budget and a worker ends it.

        With `complete_only`, return None instead of starting a worker (used for probing).
        """
        assert self._stored is not None and self._document is not None
        key = (self._stored.article.id, self._fingerprint, width, self.bidi_mode, self.ui_lang)
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached
        document = self._document
        mode = self.bidi_mode
        started = time.perf_counter()
        rows: list[ViewRow] = []
        offsets = document.doc_offsets
        rows.extend(
            ViewRow("title", line, 0, offsets[0])
            for line in layout(document.title, width, mode=mode)
        )
        if document.meta:
            rows.extend(
                ViewRow("meta", line, 0, offsets[1])
                for line in layout(document.meta, width, mode=mode)
            )
        if document.tags:
            rows.extend(
                ViewRow("tags", line, 0, offsets[2])
                for line in layout(document.tags, width, mode=mode)
            )
        rows.append(ViewRow("blank", None))
        index = 0
        total = len(document.paragraphs)
        while index < total:
            rows.extend(_lay_out_paragraph(document, index, width, mode))
            index += 1
            if index < total and time.perf_counter() - started > LAYOUT_BUDGET_S:
                break
        self.last_layout_seconds = time.perf_counter() - started
        result = _Layout(rows, complete=index >= total)
        if not result.complete:
            if complete_only:
                return None
            self._generation += 1
            self._finish_layout(key, document, index, width, mode, self._generation)
            return result
        self._remember(key, result)
        return result

    def _remember(self, key: _Key, result: _Layout) -> None:
        self._cache[key] = result
        self._cache.move_to_end(key)
        while len(self._cache) > LAYOUT_CACHE_SIZE:
            self._cache.popitem(last=False)

    @work(thread=True, exclusive=True, group="article-layout")
    def _finish_layout(
        self,
        key: _Key,
        document: ArticleDocument,
        start: int,
        width: int,
        mode: BidiMode,
        generation: int,
    ) -> None:
        """Lay out the remaining paragraphs off the UI thread, posting them in chunks."""
        index = start
        total = len(document.paragraphs)
        while index < total:
            chunk: list[ViewRow] = []
            chunk_started = time.perf_counter()
            while index < total and time.perf_counter() - chunk_started < 0.1:
                chunk.extend(_lay_out_paragraph(document, index, width, mode))
                index += 1
            if generation != self._generation:
                return
            self.app.call_from_thread(self._append_rows, key, chunk, index >= total, generation)

    def _append_rows(self, key: _Key, chunk: list[ViewRow], done: bool, generation: int) -> None:
        if generation != self._generation or key != self._layout_key:
            return
        self._layout.rows.extend(chunk)
        if done:
            self._layout.complete = True
            self._remember(key, self._layout)
        self.virtual_size = Size(key[2], len(self._layout.rows))
        self.refresh()

    # -- actions (names from the command registry, scope "article") -----------------------

    def action_scroll_down(self) -> None:
        self.scroll_to(y=self.scroll_y + 1, animate=False)

    def action_scroll_up(self) -> None:
        self.scroll_to(y=self.scroll_y - 1, animate=False)

    def action_page_down(self) -> None:
        self.scroll_to(y=self.scroll_y + self.scrollable_content_region.height, animate=False)

    def action_page_up(self) -> None:
        self.scroll_to(y=self.scroll_y - self.scrollable_content_region.height, animate=False)

    def action_scroll_top(self) -> None:
        self.scroll_to(y=0, animate=False)

    def action_scroll_bottom(self) -> None:
        self.scroll_to(y=self.max_scroll_y, animate=False)

    # -- events and reactives ------------------------------------------------------------

    def on_resize(self, event: Resize) -> None:
        self._relayout()

    def watch_bidi_mode(self, old: BidiMode, new: BidiMode) -> None:
        if old != new:
            self._relayout()

    def watch_ui_lang(self, old: str, new: str) -> None:
        if old != new and self._stored is not None:
            self._document = article_document(self._stored, new)
            self._relayout()

    def watch_show_vertical_scrollbar(self, shown: bool) -> None:
        # A scrollbar that appears or goes changes the content width: lay out again.
        if self._layout_key and self._layout_key[2] != self.scrollable_content_region.width:
            self.call_after_refresh(self._relayout)

    # -- rendering -----------------------------------------------------------------------

    def _row_hits(self, row: ViewRow) -> list[tuple[int, int]]:
        line = row.line
        if line is None or row.part not in ("title", "body"):
            return []
        hits = self._title_hits if row.part == "title" else self._body_hits
        if not hits:
            return []
        columns: list[tuple[int, int]] = []
        base = row.field_offset
        for start, end in hits:
            local_start, local_end = start - base, end - base
            if local_end <= 0:
                continue
            columns.extend(line.columns_for_span(max(0, local_start), local_end))
        return columns

    def _row_text(self, row: ViewRow, width: int) -> tuple[str, int]:
        """The text of a row and how far it was moved right.

        In an RTL article the source/date and tags lines (often Latin or mixed, so LTR
        paragraphs) are right-aligned like the title, so the header reads as one block.
        """
        assert row.line is not None
        text: str = row.line.text
        if (
            row.part in ("meta", "tags")
            and self.bidi_mode == "app"
            and self._header_rtl
            and not row.line.rtl
        ):
            stripped = text.rstrip(" ")
            shift = max(0, width - cell_len(stripped))
            return " " * shift + stripped, shift
        return text, 0

    @property
    def _header_rtl(self) -> bool:
        rows = self._layout.rows
        return bool(rows) and rows[0].line is not None and bool(rows[0].line.rtl)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        index = y + self.scroll_offset.y
        rows = self._layout.rows
        if not 0 <= index < len(rows):
            return Strip.blank(width, base)
        row = rows[index]
        if row.line is None:
            return Strip.blank(width, base)
        style = base
        if row.part in ("title", "meta", "tags"):
            style = base + self.get_component_rich_style(f"article-view--{row.part}", partial=True)
        text, shift = self._row_text(row, width)
        hits = [(start + shift, end + shift) for start, end in self._row_hits(row)]
        hit_style = self.get_component_rich_style("article-view--hit", partial=True)
        strip = styled_strip(text, width, style, hits, hit_style)
        return strip.apply_offsets(0, index)

    # -- selection (Textual's own mouse selection copies logical text) ---------------------

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The logical source text under a visual selection (never visual presentation forms)."""
        if self._document is None or not self._layout.rows:
            return None
        rows = self._layout.rows
        start_y = selection.start.y if selection.start else 0
        end_y = selection.end.y if selection.end else len(rows) - 1
        spans: list[tuple[int, int]] = []
        for index in range(max(0, start_y), min(len(rows), end_y + 1)):
            row = rows[index]
            if row.line is None:
                continue
            span = selection.get_span(index)
            if span is None:
                continue
            start_x, end_x = span
            if end_x == -1:
                end_x = self.layout_width
            _, shift = self._row_text(row, self.layout_width)
            offsets = _source_offsets(row.line, start_x - shift, end_x - shift)
            if offsets is not None:
                spans.append((row.doc_offset + offsets[0], row.doc_offset + offsets[1]))
        if not spans:
            return None
        text = self._document.text
        return "\n".join(text[a:b] for a, b in spans), "\n"


def _source_offsets(line: VisualLine, start_x: int, end_x: int) -> tuple[int, int] | None:
    """The logical [start, end) covered by visual columns [start_x, end_x) of one line."""
    low: int | None = None
    high: int | None = None
    cells = line.cells
    for column in range(max(0, start_x), min(len(cells), max(0, end_x))):
        cell = cells[column]
        if cell is None:
            continue
        low = cell[0] if low is None else min(low, cell[0])
        high = cell[1] if high is None else max(high, cell[1])
    if low is None or high is None:
        return None
    return low, high
