"""Plain `akhbar` opens the reader UI; this module adds its options to the main parser.

Textual is imported only inside `run_ui`, so `akhbar --help` and the headless subcommands
never load it.
"""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The UI has no subcommand of its own: plain `akhbar` opens it (see register_main)."""


def register_main(parser: argparse.ArgumentParser) -> None:
    """Add `--bidi` and `--ui-lang` to the main parser and make the UI the default handler."""
    parser.add_argument(
        "--bidi",
        choices=("auto", "app", "terminal"),
        default=None,
        help="who does right-to-left layout: akhbar (app) or a terminal that reorders by "
        "itself (terminal); auto asks the terminal (default: $AKHBAR_BIDI, config `bidi`, auto)",
    )
    parser.add_argument(
        "--ui-lang",
        choices=("en", "ar"),
        default=None,
        help="language of the UI; ar mirrors the layout (default: $AKHBAR_UI_LANG, config "
        "`ui_lang`, en)",
    )
    parser.set_defaults(handler=run_ui)


def run_ui(args: argparse.Namespace) -> int:
    """Open the reader UI. This is the one place outside `reader.tui` that imports it, lazily
    (the import-linter contract allows exactly this import), so `akhbar --help` and the
    headless commands never load Textual."""
    from reader import tui

    return tui.run(
        getattr(args, "archive", None), getattr(args, "bidi", None), getattr(args, "ui_lang", None)
    )
