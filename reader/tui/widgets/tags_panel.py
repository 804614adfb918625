"""The tags panel: actors, places and sources of the CURRENT results, with counts.

Enter (or a click) on a tag toggles it as a filter; several may be active at once. Active
filters are listed first under "Selected", so they can be seen and removed the same way.
Navigation reuses the list scope's commands (`cursor-down`, `open-article`...), so the same
remapped keys work here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.text import cell_width
from reader.tui.commands import bindings_for
from reader.tui.data import FACET_KINDS, FacetKind, Query
from reader.tui.i18n import UiLang, fit, label

BidiMode = Literal["app", "terminal"]
SELECTED_MARK = "✓"
PER_KIND = 30  # tags shown per kind


@dataclass(frozen=True, slots=True)
class TagRow:
    """A heading (kind is None) or one tag with its count in the current results."""

    text: str
    kind: FacetKind | None = None
    count: int | None = None
    selected: bool = False


class TagsPanel(ScrollView, can_focus=True):
    """Facet counts of the current results; toggling one posts `TagsPanel.Toggled`."""

    DEFAULT_CSS = """
    TagsPanel { width: 26; height: 1fr; overflow-x: hidden; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [*bindings_for("list")]
    KEY_LABELS: ClassVar[dict[str, tuple[str, str]]] = {"open-article": ("Filter", "تصفية")}

    cursor: reactive[int] = reactive(0)
    bidi_mode: reactive[BidiMode] = reactive("app")
    ui_lang: reactive[UiLang] = reactive("en")

    class Toggled(Message):
        """A tag filter was switched on or off."""

        def __init__(self, panel: TagsPanel, kind: FacetKind, name: str) -> None:
            super().__init__()
            self.panel = panel
            self.kind = kind
            self.name = name

        @property
        def control(self) -> TagsPanel:
            return self.panel

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: list[TagRow] = []

    def set_facets(self, facets: Mapping[str, Sequence[tuple[str, int]]], query: Query) -> None:
        """Show the facets of the current results; the query's selected tags come first."""
        lang = self.ui_lang
        rows: list[TagRow] = []
        counts = {kind: dict(facets.get(kind, ())) for kind in FACET_KINDS}
        if query.filter_count():
            rows.append(TagRow(label("selected", lang)))
            for kind in FACET_KINDS:
                for name in sorted(query.selected(kind)):
                    rows.append(TagRow(name, kind, counts[kind].get(name), True))
        for kind in FACET_KINDS:
            entries = [
                (name, count)
                for name, count in facets.get(kind, ())
                if name and name not in query.selected(kind)
            ][:PER_KIND]
            if not entries:
                continue
            rows.append(TagRow(label(kind, lang)))
            rows.extend(TagRow(name, kind, count) for name, count in entries)
        current = self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None
        self.rows = rows
        self.virtual_size = Size(self.size.width, len(rows))
        self.cursor = self._index_of(current) if current else self._next_tag(-1, 1)
        self.refresh()

    def _index_of(self, row: TagRow) -> int:
        for index, candidate in enumerate(self.rows):
            if candidate.kind == row.kind and candidate.text == row.text:
                return index
        return self._next_tag(-1, 1)

    def _next_tag(self, start: int, step: int) -> int:
        index = start + step
        while 0 <= index < len(self.rows):
            if self.rows[index].kind is not None:
                return index
            index += step
        return start if 0 <= start < len(self.rows) else 0

    def tag_rows(self) -> list[TagRow]:
        return [row for row in self.rows if row.kind is not None]

    # -- actions (list scope) ------------------------------------------------------------

    def action_cursor_down(self) -> None:
        self.cursor = self._next_tag(self.cursor, 1)

    def action_cursor_up(self) -> None:
        self.cursor = self._next_tag(self.cursor, -1)

    def action_page_down(self) -> None:
        for _ in range(max(1, self.size.height - 1)):
            self.action_cursor_down()

    def action_page_up(self) -> None:
        for _ in range(max(1, self.size.height - 1)):
            self.action_cursor_up()

    def action_first(self) -> None:
        self.cursor = self._next_tag(-1, 1)

    def action_last(self) -> None:
        self.cursor = self._next_tag(len(self.rows), -1)

    def action_open_article(self) -> None:
        """Toggle the tag under the cursor (the list's Enter)."""
        if 0 <= self.cursor < len(self.rows):
            row = self.rows[self.cursor]
            if row.kind is not None:
                self.post_message(self.Toggled(self, row.kind, row.text))

    def on_click(self, event: events.Click) -> None:
        index = event.y + int(self.scroll_offset.y)
        if 0 <= index < len(self.rows) and self.rows[index].kind is not None:
            self.cursor = index
            self.action_open_article()

    def watch_cursor(self) -> None:
        if self.rows:
            self.scroll_to_region(Region(0, self.cursor, 1, 1), animate=False, immediate=True)
        self.refresh()

    def watch_bidi_mode(self) -> None:
        self.refresh()

    def watch_ui_lang(self) -> None:
        self.refresh()

    # -- drawing -------------------------------------------------------------------------

    def row_text(self, row: TagRow, width: int) -> str:
        """A row as visual text of exactly `width` cells (mirrored in the Arabic UI)."""
        arabic = self.ui_lang == "ar"
        if row.kind is None:
            return fit(row.text, width, self.bidi_mode, align="right" if arabic else "left")
        count = "" if row.count is None else str(row.count)
        mark = SELECTED_MARK if row.selected else " "
        name_width = max(0, width - cell_width(count) - 4)
        name = fit(row.text, name_width, self.bidi_mode, align="right" if arabic else "left")
        if arabic:
            return count.ljust(width - name_width - 3) + " " + name + " " + mark
        return f"{mark} {name} " + count.rjust(width - name_width - 3)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width or self.size.width
        style = self.rich_style
        index = y + int(self.scroll_offset.y)
        if index >= len(self.rows) or width <= 0:
            if not self.rows and y == 0:
                empty = fit(label("no-tags", self.ui_lang), width, self.bidi_mode)
                return Strip([Segment(empty, style + Style(dim=True))])
            return Strip.blank(width, style)
        row = self.rows[index]
        text = self.row_text(row, width)
        row_style = style
        if row.kind is None:
            row_style = style + Style(bold=True, underline=True)
        elif index == self.cursor and self.has_focus:
            row_style = style + Style(reverse=True)
        elif index == self.cursor:
            row_style = style + Style(underline=True)
        if row.selected:
            row_style += Style(bold=True)
        return Strip([Segment(text, row_style)]).crop_extend(0, width, style)

    def _on_focus(self, event: events.Focus) -> None:
        self.refresh()

    def _on_blur(self, event: events.Blur) -> None:
        self.refresh()
