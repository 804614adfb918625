"""The status line (archive size, results, unread, filters, notes) and the key bar (footer).

Both draw logical text through `reader.text.layout_line` (via `i18n.fit`), so Arabic labels,
Arabic tag names in the filter list and the Arabic UI all read right.
"""

from __future__ import annotations

from typing import Literal

from rich.segment import Segment
from rich.style import Style
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from reader.text import cell_width
from reader.tui.commands import command, key_display
from reader.tui.i18n import Align, UiLang, fit, label

BidiMode = Literal["app", "terminal"]
SEPARATOR = " · "


def _counted(key: str, count: int, lang: UiLang) -> str:
    """The label after a count: English drops the plural s for one ("1 article")."""
    text = label(key, lang)
    return text[:-1] if lang == "en" and count == 1 and text.endswith("s") else text


class StatusLine(Widget):
    """One line: counts, the active filters and the latest note."""

    DEFAULT_CSS = """
    StatusLine { height: 1; width: 1fr; }
    """

    total: reactive[int] = reactive(0)
    unread: reactive[int] = reactive(0)
    results: reactive[int | None] = reactive(None)
    filters: reactive[tuple[str, ...]] = reactive(())
    note: reactive[str] = reactive("")
    bidi_mode: reactive[BidiMode] = reactive("app")
    ui_lang: reactive[UiLang] = reactive("en")

    def message_text(self) -> str:
        """The status as logical text in the UI language."""
        lang = self.ui_lang
        parts = [
            f"{self.total} {_counted('articles', self.total, lang)}",
            f"{self.unread} {label('unread', lang)}",
        ]
        if self.results is not None:
            parts.append(f"{self.results} {_counted('results', self.results, lang)}")
        if self.filters:
            joiner = "، " if lang == "ar" else ", "
            parts.append(f"{label('filters', lang)}: {joiner.join(self.filters)}")
        if self.note:
            parts.append(self.note)
        return SEPARATOR.join(parts)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        style = self.rich_style
        if y != 0 or width <= 0:
            return Strip.blank(width, style)
        align: Align = "right" if self.ui_lang == "ar" else "left"
        text = fit(self.message_text(), width, self.bidi_mode, align=align)
        return Strip([Segment(text, style)]).crop_extend(0, width, style)

    def _watch_any(self) -> None:
        self.refresh()

    watch_total = watch_unread = watch_results = watch_filters = _watch_any
    watch_note = watch_bidi_mode = watch_ui_lang = _watch_any


class KeyBar(Widget):
    """The footer: the keys active for the focused widget, with their descriptions."""

    DEFAULT_CSS = """
    KeyBar { height: 1; width: 1fr; background: $panel; }
    """

    bidi_mode: reactive[BidiMode] = reactive("app")
    ui_lang: reactive[UiLang] = reactive("en")

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: object) -> None:
        self.refresh()

    def entries(self) -> list[tuple[str, str]]:
        """(key shown, description) for every shown, active binding, in registry terms."""
        seen: set[str] = set()
        out: list[tuple[str, str]] = []
        for node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not binding.show or not enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            description = binding.description
            # A widget may name a shared command its own way (Enter in the tags panel filters).
            own: dict[str, tuple[str, str]] = getattr(node, "KEY_LABELS", {})
            if binding.id in own:
                english, arabic = own[binding.id]
                description = arabic if self.ui_lang == "ar" else english
            elif binding.id:
                try:
                    registered = command(binding.id)
                except KeyError:
                    pass
                else:
                    description = (
                        registered.description_ar
                        if self.ui_lang == "ar"
                        else registered.description
                    )
            key = key_display(binding.key.split(",")[0].strip())
            out.append((key, description))
        return out

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        style = self.rich_style
        if y != 0 or width <= 0:
            return Strip.blank(width, style)
        key_style = style + Style(bold=True, reverse=True)
        segments: list[Segment] = []
        used = 0
        entries = self.entries()
        if self.ui_lang == "ar":
            # Mirrored: the first entry is rightmost; each entry reads "description key".
            for key, description in entries:
                desc = fit(description, min(width, cell_width(description) + 2), self.bidi_mode)
                desc = desc.strip()
                piece_width = len(key) + 2 + cell_width(desc) + 1
                if used + piece_width > width:
                    break
                segments = [
                    Segment(" "),
                    Segment(desc, style),
                    Segment(" ", style),
                    Segment(f" {key} ", key_style),
                    *segments,
                ]
                used += piece_width
            pad = Segment(" " * max(0, width - used), style)
            return Strip([pad, *segments]).crop_extend(0, width, style)
        for key, description in entries:
            desc = fit(description, min(width, cell_width(description) + 2), self.bidi_mode).strip()
            piece_width = len(key) + 2 + cell_width(desc) + 2
            if used + piece_width > width:
                break
            segments += [Segment(f" {key} ", key_style), Segment(f" {desc} ", style)]
            used += piece_width
        return Strip(segments).crop_extend(0, width, style)

    def watch_bidi_mode(self) -> None:
        self.refresh()

    def watch_ui_lang(self) -> None:
        self.refresh()
