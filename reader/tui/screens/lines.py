"""A scrollable list of logical lines, each laid out by the text engine for the current width."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.tui.i18n import Align, fit

BidiMode = Literal["app", "terminal"]


@dataclass(frozen=True, slots=True)
class Line:
    """One logical line and how to draw it; `raw` lines are already visual (no layout)."""

    text: str
    align: Align = "auto"
    bold: bool = False
    dim: bool = False
    raw: bool = False


class LinesView(ScrollView, can_focus=True):
    """Line-API view of short logical lines (help rows, explanations)."""

    DEFAULT_CSS = """
    LinesView { height: 1fr; overflow-x: hidden; }
    """
    bidi_mode: reactive[BidiMode] = reactive("app")

    def __init__(self, lines: Sequence[Line] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines: list[Line] = list(lines)

    def set_lines(self, lines: Sequence[Line]) -> None:
        self.lines = list(lines)
        self.virtual_size = Size(self.size.width, len(self.lines))
        self.refresh()

    def on_mount(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.lines))

    def visual_text(self, index: int, width: int) -> str:
        line = self.lines[index]
        if line.raw:
            return line.text[:width].ljust(width)
        return fit(line.text, width, self.bidi_mode, align=line.align)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width or self.size.width
        index = y + int(self.scroll_offset.y)
        style = self.rich_style
        if not 0 <= index < len(self.lines) or width <= 0:
            return Strip.blank(width, style)
        line = self.lines[index]
        line_style = style + Style(bold=line.bold or None, dim=line.dim or None)
        return Strip([Segment(self.visual_text(index, width), line_style)]).crop_extend(
            0, width, style
        )

    def watch_bidi_mode(self) -> None:
        self.refresh()
