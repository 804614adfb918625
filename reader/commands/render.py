"""`akhbar render [FILE|-] [--width N] [--bidi app|terminal]`: text laid out for a terminal."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from reader.errors import InputError, UsageError

MAX_INPUT_BYTES = 64 * 1024 * 1024


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `render` subcommand."""
    parser = subparsers.add_parser(
        "render",
        help="print Arabic (or any) text laid out for a terminal",
        description="Print text laid out for a terminal: one input line is one paragraph, "
        "wrapped at spaces, Arabic shaped and put in visual order (app mode) for terminals "
        "that do no bidi themselves (xterm, kitty, alacritty, Windows Terminal, tmux).",
    )
    parser.add_argument("file", nargs="?", default="-", help="UTF-8 text file, or - for stdin")
    parser.add_argument(
        "--width", type=int, default=None, help="line width in cells (default: the terminal's, "
        "or 80 when stdout is not a terminal)",
    )  # fmt: skip
    parser.add_argument(
        "--bidi",
        choices=("app", "terminal"),
        default="app",
        help="app: akhbar shapes and reorders (default); terminal: logical order, for "
        "terminals that do bidi themselves (Konsole, mlterm, GNOME Terminal with bidi on)",
    )
    parser.set_defaults(handler=run)


def _read(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
    path = Path(name)
    try:
        if path.is_dir():
            raise InputError(name, "is a directory, not a text file")
        with path.open("rb") as handle:
            return handle.read(MAX_INPUT_BYTES + 1)
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as exc:
        raise InputError(name, f"cannot read ({exc.strerror or exc})") from None


def decode_text(data: bytes, name: str) -> str:
    """Decode UTF-8 (a BOM is allowed); refuse binary or non-UTF-8 input with a reason."""
    label = "stdin" if name == "-" else name
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(label, f"larger than {MAX_INPUT_BYTES // (1024 * 1024)} MiB")
    if b"\x00" in data:
        raise InputError(label, "binary data (NUL bytes), not a text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            label, f"not valid UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None


def _default_width() -> int:
    if sys.stdout.isatty():
        return max(shutil.get_terminal_size((80, 24)).columns, 1)
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 0 else 80


def run(args: argparse.Namespace) -> int:
    """Lay the input out and print it; errors are one line on stderr."""
    from reader.text import layout

    width: int = args.width if args.width is not None else _default_width()
    if width < 1:
        raise UsageError(f"--width must be at least 1, not {width}")
    text = decode_text(_read(args.file), args.file)
    if text.endswith("\r\n"):
        text = text[:-2]
    elif text.endswith(("\n", "\r")):
        text = text[:-1]
    lines = layout(text, width, mode=args.bidi)
    output = "".join(line.text + "\n" for line in lines)
    binary = getattr(sys.stdout, "buffer", None)
    if binary is not None:
        # Always UTF-8, whatever the locale says: a pager or file gets what a terminal gets.
        sys.stdout.flush()
        binary.write(output.encode("utf-8"))
        binary.flush()
    else:
        sys.stdout.write(output)
        sys.stdout.flush()
    return 0
