"""The search bar: typed Arabic shown shaped and in visual order, with the caret on its cell.

Text and caret stay in LOGICAL indices; each render lays the query out with
`reader.text.layout_line` and draws the caret at `VisualLine.column_for_offset(caret)`.
Left/right move one character logically, in the direction they point in the query's paragraph
direction (in an RTL query, left moves forward). History (up/down) persists, bounded.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import ClassVar, Literal

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from reader.text import cell_width, layout_line, paragraph_direction, sanitize
from reader.tui.commands import bindings_for
from reader.tui.i18n import fit, label

BidiMode = Literal["app", "terminal"]
HISTORY_LIMIT = 200
HISTORY_FILE = "ui-search-history.txt"


def clean_query(text: str) -> str:
    """Pasted or typed text made safe for one line: no controls, no bidi overrides."""
    return " ".join(sanitize(text).split("\n")).replace("\t", " ")


class SearchBar(Widget, can_focus=True):
    """One-line query editor; Enter posts `SearchBar.Submitted`."""

    DEFAULT_CSS = """
    SearchBar { height: 1; width: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [*bindings_for("search")]

    value: reactive[str] = reactive("", layout=False)
    caret: reactive[int] = reactive(0)
    bidi_mode: reactive[BidiMode] = reactive("app")
    ui_lang: reactive[str] = reactive("en")

    class Submitted(Message):
        """The user pressed Enter on a query."""

        def __init__(self, search_bar: SearchBar, value: str) -> None:
            super().__init__()
            self.search_bar = search_bar
            self.value = value

        @property
        def control(self) -> SearchBar:
            return self.search_bar

    def __init__(
        self,
        *,
        history_path: Path | None = None,
        bidi_mode: BidiMode = "app",
        ui_lang: str = "en",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.set_reactive(SearchBar.bidi_mode, bidi_mode)
        self.set_reactive(SearchBar.ui_lang, ui_lang)
        self.history_path = history_path
        self.results_target: Widget | None = None  # focused at once when Enter runs a search
        self.history: list[str] = self._load_history()
        self._history_index: int | None = None  # None: editing a new query
        self._draft = ""

    # -- editing (logical indices) -------------------------------------------------------

    def set_value(self, value: str, caret: int | None = None) -> None:
        self.value = clean_query(value)
        self.caret = len(self.value) if caret is None else max(0, min(caret, len(self.value)))

    def insert(self, text: str) -> None:
        text = clean_query(text)
        if not text:
            return
        self.value = self.value[: self.caret] + text + self.value[self.caret :]
        self.caret += len(text)

    def backspace(self) -> None:
        if self.caret > 0:
            self.value = self.value[: self.caret - 1] + self.value[self.caret :]
            self.caret -= 1

    def delete(self) -> None:
        if self.caret < len(self.value):
            self.value = self.value[: self.caret] + self.value[self.caret + 1 :]

    def _rtl(self) -> bool:
        text = self.value or (" " if self.ui_lang != "ar" else "ا")
        return paragraph_direction(text) == "rtl"

    def move(self, key: Literal["left", "right"]) -> None:
        """Logical movement: towards the arrow's side of the paragraph (RTL: left = forward)."""
        forward = (key == "left") == self._rtl()
        self.caret = max(0, min(len(self.value), self.caret + (1 if forward else -1)))

    def validate_caret(self, caret: int) -> int:
        return max(0, min(caret, len(self.value)))

    async def _on_key(self, event: events.Key) -> None:
        focused = self.screen.focused
        if focused is not None and focused is not self:
            # Typed right after Enter, before this queue caught up: the key belongs where
            # the focus went (the results), not in the query.
            event.stop()
            event.prevent_default()
            focused._forward_event(event)
            return
        own = self.screen.active_bindings.get(event.key)
        if own is not None and own.node is self and own.enabled:
            # Run our own bindings (Enter, history) here rather than after the event bubbles
            # up: keys typed right behind Enter must not land in the query first.
            event.stop()
            event.prevent_default()
            await self.run_action(own.binding.action)
            return
        handled = True
        if event.key == "backspace":
            self.backspace()
        elif event.key == "delete":
            self.delete()
        elif event.key in ("left", "right"):
            self.move(event.key)  # type: ignore[arg-type]
        elif event.key in ("home", "ctrl+a"):
            self.caret = 0
        elif event.key in ("end", "ctrl+e"):
            self.caret = len(self.value)
        elif event.key == "ctrl+u":
            self.set_value("")
        elif event.is_printable and event.character:
            self.insert(event.character)
        else:
            handled = False
        if handled:
            event.stop()
            event.prevent_default()
            self._history_index = None
        else:
            await super()._on_key(event)

    def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()
        self.insert(event.text)

    # -- actions (the registry's "search" scope) -----------------------------------------

    def action_run_search(self) -> None:
        query = self.value.strip()
        self.remember(query)
        self._history_index = None
        if self.results_target is not None:
            self.screen.set_focus(self.results_target)  # now, not after the message round
        self.post_message(self.Submitted(self, query))

    def action_history_prev(self) -> None:
        if not self.history:
            return
        if self._history_index is None:
            self._draft = self.value
            self._history_index = len(self.history)
        self._history_index = max(0, self._history_index - 1)
        self.set_value(self.history[self._history_index])

    def action_history_next(self) -> None:
        if self._history_index is None:
            return
        self._history_index += 1
        if self._history_index >= len(self.history):
            self._history_index = None
            self.set_value(self._draft)
        else:
            self.set_value(self.history[self._history_index])

    # -- history -------------------------------------------------------------------------

    def remember(self, query: str) -> None:
        """Add a query to the end of the history (moved there if already present)."""
        if not query:
            return
        if query in self.history:
            self.history.remove(query)
        self.history.append(query)
        del self.history[:-HISTORY_LIMIT]
        if self.history_path is not None:
            with contextlib.suppress(OSError):
                self.history_path.parent.mkdir(parents=True, exist_ok=True)
                self.history_path.write_text("\n".join(self.history) + "\n", encoding="utf-8")

    def _load_history(self) -> list[str]:
        if self.history_path is None:
            return []
        try:
            raw = self.history_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return []
        lines = [clean_query(line).strip() for line in raw.splitlines()]
        return [line for line in lines if line][-HISTORY_LIMIT:]

    # -- drawing -------------------------------------------------------------------------

    def visible_query(self, width: int) -> tuple[str, int]:
        """The logical window of the query that fits `width` (keeping the caret), its start."""
        start = 0
        while start < self.caret and cell_width(self.value[start:]) > width - 1:
            start += 1
        return self.value[start:], start

    def field_line(self, width: int) -> tuple[str, int | None]:
        """(visual text of exactly `width` cells, caret column or None) for the query field."""
        if width <= 0:
            return "", None
        if not self.value:
            if self.has_focus:
                caret_col = width - 1 if self.ui_lang == "ar" else 0
                return " " * width, caret_col
            return fit(label("search-placeholder", self.ui_lang), width, self.bidi_mode), None  # type: ignore[arg-type]
        shown, start = self.visible_query(width)
        line = layout_line(shown, width, mode=self.bidi_mode)
        text = line.text
        text_width = cell_width(text)
        caret = line.column_for_offset(self.caret - start)
        if text_width < width:  # place by direction, like fit()
            pad = width - text_width
            if line.rtl:
                text = " " * pad + text
                caret += pad
            else:
                text = text + " " * pad
        return text, max(0, min(width - 1, caret))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y != 0 or width <= 0:
            return Strip.blank(width, self.rich_style)
        base = self.rich_style
        prompt_text = label("search-prompt", self.ui_lang)  # type: ignore[arg-type]
        prompt_width = min(width, cell_width(prompt_text))
        prompt = fit(prompt_text.strip(), prompt_width, self.bidi_mode)
        field_width = max(0, width - prompt_width)
        text, caret = self.field_line(field_width)
        prompt_style = base + Style(bold=True)
        field_style = base + (Style(dim=True) if not self.value else Style())
        cells: list[Segment] = []
        if caret is not None and self.has_focus:
            before, at, after = _split_at_column(text, caret)
            field = [
                Segment(before, field_style),
                Segment(at or " ", field_style + Style(reverse=True)),
                Segment(after, field_style),
            ]
        else:
            field = [Segment(text, field_style)]
        if self.ui_lang == "ar":
            cells = [*field, Segment(prompt, prompt_style)]
        else:
            cells = [Segment(prompt, prompt_style), *field]
        return Strip(cells).crop_extend(0, width, base)

    def watch_value(self) -> None:
        self.refresh()

    def watch_caret(self) -> None:
        self.refresh()

    def watch_bidi_mode(self) -> None:
        self.refresh()

    def watch_ui_lang(self) -> None:
        self.refresh()

    def _on_focus(self, event: events.Focus) -> None:
        self.refresh()

    def _on_blur(self, event: events.Blur) -> None:
        self.refresh()


def _split_at_column(text: str, column: int) -> tuple[str, str, str]:
    """Split a visual string at a cell column: (before, the cell's characters, after)."""
    position = 0
    for index, char in enumerate(text):
        width = cell_width(char)
        if position == column and width > 0:
            end = index + 1
            while end < len(text) and cell_width(text[end]) == 0:
                end += 1
            return text[:index], text[index:end], text[end:]
        position += width
        if position > column:
            break
    return text, "", ""
