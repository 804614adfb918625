"""The akhbar reader app: settings, bidi mode (with BDSM on the real terminal) and screens."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import ClassVar, Literal

from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.reactive import reactive

from reader.errors import AkhbarError
from reader.tui.commands import COMMANDS, Command, key_display, keys_for
from reader.tui.data import DataThread
from reader.tui.i18n import fit, label
from reader.tui.screens.bidi_check import BidiCheckScreen
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.main import MainScreen
from reader.tui.settings import UiSettings, save_setting
from reader.tui.terminal import BidiDecision, BidiTerminalGuard

BidiMode = Literal["app", "terminal"]


class RegistryCommands(Provider):
    """The command palette (ctrl+p): every registry command, run where its scope lives."""

    def _commands(self) -> Iterable[tuple[Command, str]]:
        app = self.app
        keymap = app.settings.keymap if isinstance(app, AkhbarApp) else {}
        for cmd in COMMANDS:
            keys = " ".join(key_display(k) for k in keys_for(cmd.id, keymap))
            yield cmd, f"{cmd.description} ({keys})"

    def _run(self, cmd: Command) -> None:
        screen = self.app.screen
        target = screen.command_target(cmd.scope) if isinstance(screen, MainScreen) else screen
        self.app.call_later(self.app.run_action, cmd.action, target)

    async def discover(self) -> Hits:
        for cmd, text in self._commands():
            if cmd.scope == "app":
                yield DiscoveryHit(text, partial(self._run, cmd), help=cmd.id)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for cmd, text in self._commands():
            score = max(matcher.match(text), matcher.match(cmd.id))
            if score > 0:
                yield Hit(score, matcher.highlight(text), partial(self._run, cmd), help=cmd.id)


class AkhbarApp(App[None]):
    """Browse, search and read an archive of Arabic news with the text laid out right."""

    CSS_PATH = "app.tcss"
    TITLE = "akhbar"
    COMMANDS: ClassVar = {RegistryCommands}

    bidi_mode: reactive[BidiMode] = reactive("app", init=False)

    def __init__(
        self,
        directory: Path,
        settings: UiSettings | None = None,
        decision: BidiDecision | None = None,
        guard: BidiTerminalGuard | None = None,
    ) -> None:
        super().__init__()
        self.directory = directory
        self.settings = settings or UiSettings()
        self.decision = decision or BidiDecision("app", False, "default")
        self.guard = guard
        self.store = DataThread(directory)
        self.set_reactive(AkhbarApp.bidi_mode, self.decision.mode)
        self.main_screen: MainScreen | None = None

    @property
    def ui_lang(self) -> Literal["en", "ar"]:
        return self.settings.ui_lang

    def on_mount(self) -> None:
        if self.guard is not None:
            # SIGTERM/SIGHUP: leave like `q` does, so Textual restores the screen and
            # on_unmount restores the bidi mode (the guard's own handler is the fallback).
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGTERM, signal.SIGHUP):
                with contextlib.suppress(ValueError, RuntimeError, NotImplementedError):
                    loop.add_signal_handler(signum, self.exit, None, 128 + signum)
        if self.settings.keymap:
            self.set_keymap(self.settings.keymap)
        self.main_screen = MainScreen(self.store, ui_lang=self.ui_lang, bidi_mode=self.bidi_mode)
        self.push_screen(self.main_screen)
        self._sync_terminal_mode()
        notes = [*self.settings.problems]
        if self.decision.hint:
            notes.append(self.decision.hint)
        if notes:
            self.main_screen.call_after_refresh(self.main_screen.set_sticky_note, " · ".join(notes))

    def on_unmount(self) -> None:
        if self.guard is not None:
            self.guard.restore()  # straight to the tty: the driver may already be stopping
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGTERM, signal.SIGHUP):
                with contextlib.suppress(ValueError, RuntimeError, NotImplementedError):
                    loop.remove_signal_handler(signum)
        self.store.close()

    # -- bidi mode -----------------------------------------------------------------------

    def _write_terminal(self, sequence: str) -> None:
        """Write a control sequence through Textual's driver (in order with its output)."""
        driver = getattr(self, "_driver", None)
        if driver is not None:
            driver.write(sequence)
            with contextlib.suppress(Exception):
                driver.flush()

    def _sync_terminal_mode(self) -> None:
        """BDSM explicit while in app mode (only on a real terminal that allows it)."""
        if self.guard is None or not self.decision.send_bdsm:
            return
        if self.bidi_mode == "app":
            self.guard.enter(self._write_terminal)
        else:
            self.guard.restore(self._write_terminal)

    def watch_bidi_mode(self, mode: BidiMode) -> None:
        self._sync_terminal_mode()
        if self.main_screen is not None:
            self.main_screen.apply_bidi_mode(mode)

    def action_toggle_bidi(self) -> None:
        self.bidi_mode = "terminal" if self.bidi_mode == "app" else "app"

    def action_show_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.settings.keymap, self.ui_lang, self.bidi_mode))

    def action_show_bidi_check(self) -> None:
        if isinstance(self.screen, BidiCheckScreen):
            return
        self.push_screen(BidiCheckScreen(self.ui_lang, self.bidi_mode), self._bidi_chosen)

    def _bidi_chosen(self, mode: BidiMode | None) -> None:
        if mode is None:
            return
        self.bidi_mode = mode
        try:
            path = save_setting("bidi", mode)
        except AkhbarError as exc:
            note = str(exc)
        else:
            note = f"{label('bidi-saved', self.ui_lang)}: {mode} ({path.name})"
        if self.main_screen is not None:
            self.main_screen.note(note)

    def visual(self, text: str, width: int) -> str:
        """A label laid out for the current bidi mode (for dialogs built on plain widgets)."""
        return fit(text, width, self.bidi_mode)
