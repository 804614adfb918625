"""The bidi check screen (F8): a known phrase drawn both ways, so a user can see which is right.

Line 1 is what akhbar draws in `app` mode (shaped, visual order); line 2 is what it sends in
`terminal` mode (logical order, for terminals that reorder by themselves). The user picks the
line that reads correctly; the choice is applied at once and saved in the config file.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen

from reader.text import layout_line
from reader.tui.i18n import Align, UiLang
from reader.tui.screens.lines import Line, LinesView

BidiMode = Literal["app", "terminal"]

# Our own sentence: Arabic words, a number and a Latin word in one right-to-left line.
CHECK_PHRASE = "زار 3 وفود من UNESCO مدينة حلب عام 2024"

EXPLANATION_EN = (
    "Read the two lines below. The right one starts on the RIGHT with the word «زار»,",
    "has joined letters, and shows 3, UNESCO and 2024 left to right.",
    "",
    "Press 1 if line 1 reads right (akhbar does the bidi: most terminals, tmux).",
    "Press 2 if line 2 reads right (your terminal reorders text itself:",
    "Konsole, mlterm, Terminal.app...). Escape leaves without changing anything.",
)
EXPLANATION_AR = (
    "اقرأ السطرين أدناه. السطر الصحيح يبدأ من اليمين بكلمة «زار»،",
    "وحروفه متصلة، ويظهر فيه 3 و UNESCO و 2024 من اليسار إلى اليمين.",
    "",
    "اضغط 1 إذا كان السطر 1 صحيحا (akhbar يرتب النص: أغلب الطرفيات و tmux).",
    "اضغط 2 إذا كان السطر 2 صحيحا (طرفيتك ترتب النص بنفسها).",
    "Escape للخروج دون تغيير.",
)


def phrase_lines(width: int) -> tuple[str, str]:
    """The phrase as drawn in app mode and as sent in terminal mode (at most `width` cells)."""
    app = layout_line(CHECK_PHRASE, width, mode="app").text.strip()
    terminal = layout_line(CHECK_PHRASE, width, mode="terminal").text.strip()
    return app, terminal


class BidiCheckScreen(ModalScreen[BidiMode | None]):
    """Shows the phrase both ways; dismisses with the chosen mode (or None)."""

    DEFAULT_CSS = """
    BidiCheckScreen { align: center middle; }
    BidiCheckScreen > LinesView {
        width: 84; max-width: 100%; height: 16;
        border: round $accent; background: $surface; padding: 0 1;
    }
    """
    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        Binding("1", "choose('app')", "app mode", id="bidi-choose-app"),
        Binding("2", "choose('terminal')", "terminal mode", id="bidi-choose-terminal"),
        Binding("escape,q", "choose('')", "Close", id="bidi-check-close"),
    ]

    def __init__(self, lang: UiLang, current: BidiMode) -> None:
        super().__init__()
        self.lang: UiLang = lang
        self.current: BidiMode = current

    def lines(self, width: int = 60) -> list[Line]:
        app_line, terminal_line = phrase_lines(min(width, 48))
        explanation = EXPLANATION_AR if self.lang == "ar" else EXPLANATION_EN
        align: Align = "right" if self.lang == "ar" else "left"
        out = [Line(text, align=align) for text in explanation]
        out += [
            Line(""),
            Line(f"1  {app_line}", raw=True, bold=self.current == "app"),
            Line(f"2  {terminal_line}", raw=True, bold=self.current == "terminal"),
        ]
        return out

    def compose(self) -> ComposeResult:
        yield LinesView(self.lines(), id="bidi-lines")

    def on_mount(self) -> None:
        self.query_one(LinesView).focus()

    def action_choose(self, mode: str) -> None:
        if mode == "app":
            self.dismiss("app")
        elif mode == "terminal":
            self.dismiss("terminal")
        else:
            self.dismiss(None)
