"""Terminal bidi modes: BDSM (`CSI 8 l` / `CSI 8 h`), DECRQM detection and restore on any exit.

In `app` mode akhbar shapes and reorders Arabic itself, so a terminal that also does bidi
(VTE, mlterm, mintty) must be put in explicit mode or it reverses every line a second time.
Detection runs before Textual starts, because Textual's input parser would eat the reply.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import select
import signal
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import FrameType
from typing import Literal

BidiMode = Literal["app", "terminal"]
BidiSetting = Literal["auto", "app", "terminal"]

# BDSM explicit (the app does bidi) + SCP left-to-right; and their restore to the defaults.
ENTER_EXPLICIT = "\x1b[8l\x1b[1 k"
LEAVE_EXPLICIT = "\x1b[8h\x1b[0 k"
DECRQM_BDSM = "\x1b[8$p"
_REPLY = re.compile(rb"\x1b\[8;(\d)\$y")
# Primary device attributes: every terminal answers, and in order, so its reply arriving
# first means the terminal ignored DECRQM (no need to sit out the timeout at every start).
DA1 = "\x1b[c"
_DA1_REPLY = re.compile(rb"\x1b\[\?[\d;]*c")

REORDERING_HINT = (
    "Text backwards? Press F9, run with --bidi terminal, or turn bidi off in the terminal."
)


@dataclass(frozen=True, slots=True)
class BidiDecision:
    """What `auto` resolved to, why, and whether BDSM should be sent."""

    mode: BidiMode
    send_bdsm: bool
    reason: str
    hint: str = ""


def decide(
    setting: BidiSetting,
    *,
    is_tty: bool,
    reply: int | None,
    environ: Mapping[str, str],
) -> BidiDecision:
    """Pure decision from the setting, the DECRQM reply (None = no reply) and the environment."""
    if not is_tty:
        return BidiDecision("app" if setting == "auto" else setting, False, "not a terminal")
    if setting == "app":
        return BidiDecision("app", True, "--bidi app")
    if setting == "terminal":
        return BidiDecision("terminal", False, "--bidi terminal")
    if reply in (1, 2):
        return BidiDecision("app", True, f"terminal reports BDSM {reply}: switched to explicit")
    if reply == 3:
        return BidiDecision("terminal", False, "terminal does bidi and cannot switch it off")
    if environ.get("TMUX") or environ.get("STY"):
        return BidiDecision("app", True, "inside tmux/screen: the outer terminal must not do bidi")
    reordering = (
        environ.get("KONSOLE_VERSION")
        or environ.get("MLTERM")
        or environ.get("TERM_PROGRAM") in ("Apple_Terminal", "iTerm.app")
    )
    if reordering:
        return BidiDecision("app", True, "terminal may reorder text itself", REORDERING_HINT)
    return BidiDecision("app", True, "default")


def query_bdsm(timeout: float = 0.3) -> int | None:
    """Ask the terminal for mode 8 with DECRQM; the reply's Ps, or None (no reply or no TTY).

    A DA1 query follows, so a terminal that ignores DECRQM is known by its DA1 answer at once."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return None
    import termios
    import tty

    fd_in = sys.stdin.fileno()
    fd_out = sys.stdout.fileno()
    try:
        saved = termios.tcgetattr(fd_in)
    except termios.error:
        return None
    buffer = b""
    try:
        tty.setcbreak(fd_in, termios.TCSANOW)
        attrs = termios.tcgetattr(fd_in)
        attrs[3] &= ~termios.ECHO
        termios.tcsetattr(fd_in, termios.TCSANOW, attrs)
        os.write(fd_out, (DECRQM_BDSM + DA1).encode("ascii"))
        deadline = time.monotonic() + timeout
        found: int | None = None
        while (remaining := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select([fd_in], [], [], remaining)
            if not ready:
                break
            chunk = os.read(fd_in, 64)
            if not chunk:
                break
            buffer += chunk
            match = _REPLY.search(buffer)
            if match:
                found = int(match.group(1))
            if _DA1_REPLY.search(buffer):
                break  # both answers read (none left for the app's input), or no DECRQM
        return found
    except OSError:
        return None
    finally:
        with contextlib.suppress(termios.error):
            termios.tcsetattr(fd_in, termios.TCSANOW, saved)


def detect(setting: BidiSetting, environ: Mapping[str, str] | None = None) -> BidiDecision:
    """Resolve `--bidi` for the real terminal (queries it only in `auto` mode, outside tmux)."""
    env = os.environ if environ is None else environ
    is_tty = sys.stdin.isatty() and sys.stdout.isatty()
    reply = None
    if setting == "auto" and is_tty and not (env.get("TMUX") or env.get("STY")):
        reply = query_bdsm()
    return decide(setting, is_tty=is_tty, reply=reply, environ=env)


class BidiTerminalGuard:
    """Sends BDSM explicit while the UI runs in `app` mode and always restores the default.

    Restores on `restore()` (unmount), at interpreter exit (atexit) and on SIGTERM/SIGHUP, so a
    crash never leaves the user's terminal in explicit mode.
    """

    def __init__(self, write: Callable[[str], None] | None = None) -> None:
        self._write = write or _write_tty
        self.explicit = False
        self._installed = False
        self._previous: dict[int, object] = {}

    def enter(self, write: Callable[[str], None] | None = None) -> None:
        """Switch the terminal to explicit mode (idempotent)."""
        self._install()
        (write or self._write)(ENTER_EXPLICIT)
        self.explicit = True

    def restore(self, write: Callable[[str], None] | None = None) -> None:
        """Back to the terminal's default implicit mode, if we changed it."""
        if not self.explicit:
            return
        self.explicit = False
        with contextlib.suppress(OSError, ValueError):
            (write or self._write)(LEAVE_EXPLICIT)

    def _install(self) -> None:
        if self._installed:
            return
        self._installed = True
        atexit.register(self.restore)
        for signum in (signal.SIGTERM, signal.SIGHUP):
            with contextlib.suppress(ValueError, OSError):  # not the main thread
                self._previous[signum] = signal.signal(signum, self._on_signal)

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        self.restore()
        previous = self._previous.get(signum)
        if callable(previous):
            previous(signum, frame)
            return
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)


def _write_tty(sequence: str) -> None:
    """Write a control sequence to the real terminal (stdout if it is one, else /dev/tty)."""
    data = sequence.encode("ascii")
    stream = sys.__stdout__
    if stream is not None and stream.isatty():
        os.write(stream.fileno(), data)
        return
    fd = os.open("/dev/tty", os.O_WRONLY | os.O_NOCTTY)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)
