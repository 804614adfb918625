"""Settings, bidi decisions, the config file writer and the command line of the UI."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from reader.errors import UsageError
from reader.tui.commands import COMMANDS, SCOPES, bindings_for, validate_keymap
from reader.tui.settings import resolve, save_setting
from reader.tui.terminal import REORDERING_HINT, decide
from tests.conftest import run_akhbar


@pytest.mark.parametrize(
    ("reply", "environ", "mode", "bdsm", "hint"),
    [
        (1, {}, "app", True, ""),
        (2, {}, "app", True, ""),
        (3, {}, "terminal", False, ""),
        (None, {"TMUX": "/tmp/tmux-0/default,1,0"}, "app", True, ""),
        (None, {"STY": "1.pts-0"}, "app", True, ""),
        (None, {"KONSOLE_VERSION": "230804"}, "app", True, REORDERING_HINT),
        (None, {"MLTERM": "3.9"}, "app", True, REORDERING_HINT),
        (None, {"TERM_PROGRAM": "Apple_Terminal"}, "app", True, REORDERING_HINT),
        (None, {"TERM_PROGRAM": "iTerm.app"}, "app", True, REORDERING_HINT),
        (0, {}, "app", True, ""),
        (None, {}, "app", True, ""),
    ],
)
def test_auto_decision(
    reply: int | None, environ: dict[str, str], mode: str, bdsm: bool, hint: str
) -> None:
    decision = decide("auto", is_tty=True, reply=reply, environ=environ)
    assert (decision.mode, decision.send_bdsm, decision.hint) == (mode, bdsm, hint)


def test_no_tty_means_no_escape_sequences() -> None:
    for setting in ("auto", "app", "terminal"):
        decision = decide(setting, is_tty=False, reply=None, environ={})  # type: ignore[arg-type]
        assert not decision.send_bdsm
    assert decide("terminal", is_tty=True, reply=1, environ={}).mode == "terminal"
    assert decide("app", is_tty=True, reply=3, environ={}).send_bdsm


def test_flags_beat_environment_beat_config(monkeypatch: pytest.MonkeyPatch) -> None:
    config = {"bidi": "terminal", "ui_lang": "ar", "keymap": {"quit": "ctrl+q"}}
    monkeypatch.delenv("AKHBAR_BIDI", raising=False)
    monkeypatch.delenv("AKHBAR_UI_LANG", raising=False)
    assert resolve(config=config).bidi == "terminal"
    assert resolve(config=config).ui_lang == "ar"
    assert resolve(config=config).keymap == {"quit": "ctrl+q"}
    monkeypatch.setenv("AKHBAR_BIDI", "app")
    assert resolve(config=config).bidi == "app"
    assert resolve("auto", config=config).bidi == "auto"
    with pytest.raises(UsageError, match="sideways"):
        resolve("sideways", config={})
    monkeypatch.setenv("AKHBAR_UI_LANG", "fr")
    with pytest.raises(UsageError, match="ui_lang"):
        resolve(config={})


def test_keymap_problems_are_reported_not_fatal() -> None:
    good, problems = validate_keymap({"quit": "ctrl+q", "fly": "f", "help": 3})
    assert good == {"quit": "ctrl+q"}
    assert len(problems) == 2 and "fly" in problems[0]
    settings = resolve(config={"keymap": {"nope": "x"}})
    assert settings.problems and settings.keymap == {}


def test_save_setting_keeps_the_rest_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('# mine\narchive = "~/news"\n\n[keymap]\nquit = "ctrl+q"\n', "utf-8")
    save_setting("bidi", "terminal", path)
    save_setting("bidi", "app", path)
    data = tomllib.loads(path.read_text("utf-8"))
    assert data == {"archive": "~/news", "bidi": "app", "keymap": {"quit": "ctrl+q"}}
    assert path.read_text("utf-8").startswith("# mine\n")
    fresh = tmp_path / "sub" / "config.toml"
    save_setting("bidi", "terminal", fresh)
    assert tomllib.loads(fresh.read_text("utf-8")) == {"bidi": "terminal"}


def test_registry_ids_are_unique_and_bindings_carry_them() -> None:
    ids = [c.id for c in COMMANDS]
    assert len(ids) == len(set(ids))
    for scope in SCOPES:
        for binding in bindings_for(scope, {"quit": "ctrl+q"}):
            assert binding.id in ids
            if binding.id == "quit":
                assert binding.key == "ctrl+q"
    agreed = {
        "focus-search", "quit", "help", "back", "toggle-read", "toggle-star", "open-url",
        "copy-article", "filter-unread", "filter-starred", "toggle-fullscreen", "toggle-bidi",
        "bidi-check", "clear-filters", "focus-tags", "toggle-sort", "cursor-down", "cursor-up",
        "open-article", "list-page-down", "list-page-up", "list-first", "list-last",
        "scroll-down", "scroll-up", "page-down", "page-up", "scroll-top", "scroll-bottom",
        "run-search", "history-prev", "history-next",
    }  # fmt: skip
    assert set(ids) == agreed


def test_help_names_the_ui_options_without_importing_textual() -> None:
    result = run_akhbar(["--help"])
    assert result.returncode == 0
    assert "--bidi" in result.stdout and "--ui-lang" in result.stdout
    code = (
        "import sys; from reader.cli import build_parser; build_parser();"
        "import reader.commands.ui; print(any(m.startswith('textual') for m in sys.modules))"
    )
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_wrong_flag_value_is_one_line() -> None:
    result = run_akhbar(["--bidi", "sideways"])
    assert result.returncode == 2
    assert "invalid choice" in result.stderr and "Traceback" not in result.stderr


def _detect_in_pty(reply: bytes | None, code: str | None = None) -> str:
    """Run `detect("auto")` in a child on a pseudo-terminal that answers DECRQM with `reply`."""
    import os
    import pty
    import select
    import subprocess
    import sys

    code = code or (
        "from reader.tui.terminal import detect\n"
        "d = detect('auto', environ={})\n"
        "print('MODE=' + d.mode + ',' + str(d.send_bdsm))\n"
    )
    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("TMUX", "STY")}
    child = subprocess.Popen(
        [sys.executable, "-c", code], stdin=slave, stdout=slave, stderr=slave, env=env
    )
    os.close(slave)
    output = b""
    answered = False
    try:
        while True:
            ready, _, _ = select.select([master], [], [], 10)
            if not ready:
                break
            try:
                chunk = os.read(master, 1024)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
            if not answered and b"\x1b[8$p" in output and reply is not None:
                os.write(master, reply)
                answered = True
            if b"MODE=" in output and output.endswith(b"\n"):
                break
    finally:
        child.wait(timeout=10)
        os.close(master)
    assert b"\x1b[8$p" in output
    return output.split(b"MODE=")[1].split(b"\r")[0].decode()


def test_decrqm_on_a_pseudo_terminal() -> None:
    assert _detect_in_pty(b"\x1b[8;3$y") == "terminal,False"
    assert _detect_in_pty(b"\x1b[8;1$y") == "app,True"
    assert _detect_in_pty(None) == "app,True"  # no reply within 300 ms
    # Answers as a real terminal sends them: DECRQM's, then the device attributes (DA1).
    assert _detect_in_pty(b"\x1b[8;3$y\x1b[?62;22c") == "terminal,False"


def test_a_terminal_ignoring_decrqm_is_known_by_its_da1_answer() -> None:
    """Only DA1 answered (as by terminals without DECRQM): no waiting out the timeout."""
    code = (
        "import time\n"
        "from reader.tui.terminal import query_bdsm\n"
        "started = time.monotonic()\n"
        "ps = query_bdsm(timeout=8.0)\n"
        "print('MODE=' + repr(ps) + ',' + str(time.monotonic() - started < 4.0))\n"
    )
    assert _detect_in_pty(b"\x1b[?1;2c", code) == "None,True"
    # A DA1 answer only after DECRQM's is read, and DECRQM's still wins.
    assert _detect_in_pty(b"\x1b[8;2$y\x1b[?1;2c", code) == "2,True"


def test_a_broken_archive_is_one_line_before_the_ui(tmp_path: Path) -> None:
    archive = tmp_path / "broken"
    archive.mkdir()
    (archive / "archive.sqlite3").write_bytes(b"not a database at all" * 100)
    result = run_akhbar(["--archive", str(archive)])
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "not a usable akhbar archive" in lines[0]
    assert "\x1b" not in result.stdout + result.stderr  # the screen was never touched


def test_sigterm_restores_the_terminal(fixture_archive: Path) -> None:
    """The real command on a pseudo-terminal: BDSM explicit while running, default after."""
    import os
    import pty
    import select
    import signal
    import subprocess
    import sys
    import time

    master, slave = pty.openpty()
    os.set_blocking(master, False)
    env = {k: v for k, v in os.environ.items() if k not in ("TMUX", "STY", "COLUMNS", "LINES")}
    env.update(TERM="xterm-256color", AKHBAR_ARCHIVE=str(fixture_archive))
    child = subprocess.Popen(
        [sys.executable, "-m", "reader"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    output = b""

    def read_for(seconds: float, until: bytes | None = None) -> None:
        nonlocal output
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    return
                if not chunk:
                    return
                output += chunk
                if until is not None and until in output:
                    return

    try:
        read_for(30, until=b"3 articles")  # the status line is on screen
        assert b"3 articles" in output
        assert b"\x1b[8$p" in output  # asked the terminal (no answer here: app mode)
        assert b"\x1b[8l" in output
        read_for(0.5)
        child.send_signal(signal.SIGTERM)
        child.wait(timeout=20)
        read_for(2)
    finally:
        if child.poll() is None:
            child.kill()
        os.close(master)
    assert output.rfind(b"\x1b[8h") > output.rfind(b"\x1b[8l")
    assert b"\x1b[?1049l" in output  # Textual left the alternate screen: a clean exit
    assert child.returncode == 128 + signal.SIGTERM
