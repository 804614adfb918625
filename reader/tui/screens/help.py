"""The help screen (`?`): every key of every scope, generated from the command registry."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen

from reader.tui.commands import SCOPES, help_rows
from reader.tui.i18n import UiLang, label
from reader.tui.screens.lines import Line, LinesView


def help_lines(keymap: Mapping[str, str], lang: UiLang) -> list[Line]:
    """The help text as logical lines, grouped by scope (keys after user remapping)."""
    arabic = lang == "ar"
    rows = list(help_rows(keymap, arabic=arabic))
    key_width = max(len(keys) for _scope, _id, keys, _desc in rows) + 2
    lines = [Line(label("help-title", lang), bold=True), Line("")]
    for scope in SCOPES:
        lines.append(Line(label(f"scope-{scope}", lang), bold=True))
        for row_scope, _command_id, keys, description in rows:
            if row_scope != scope:
                continue
            if arabic:
                lines.append(Line(f"{description}  {keys}", align="right"))
            else:
                lines.append(Line(f"  {keys.ljust(key_width)}{description}", align="left"))
        lines.append(Line(""))
    palette = label("command-palette", lang)
    lines.append(Line(f"{palette}  ^p" if arabic else f"  {'^p'.ljust(key_width)}{palette}"))
    lines.append(Line(""))
    lines.append(Line(label("help-close", lang), dim=True))
    return lines


class HelpScreen(ModalScreen[None]):
    """Lists every key; Escape or q closes it."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > LinesView {
        width: 70; max-width: 100%; height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    """
    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        Binding("escape,q,question_mark", "close", "Close", id="help-close"),
    ]

    def __init__(self, keymap: Mapping[str, str], lang: UiLang, bidi_mode: str) -> None:
        super().__init__()
        self.keymap = dict(keymap)
        self.lang: UiLang = lang
        self.bidi_mode = bidi_mode

    def compose(self) -> ComposeResult:
        view = LinesView(help_lines(self.keymap, self.lang), id="help-lines")
        view.bidi_mode = "terminal" if self.bidi_mode == "terminal" else "app"
        yield view

    def on_mount(self) -> None:
        self.query_one(LinesView).focus()

    def action_close(self) -> None:
        self.dismiss(None)
