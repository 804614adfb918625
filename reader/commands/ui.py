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
    """Resolve archive and settings, detect the terminal's bidi mode, then run the app."""
    from reader.config import archive_dir, load_config

    config = load_config()
    directory = archive_dir(getattr(args, "archive", None), config)
    from reader.tui.settings import resolve

    settings = resolve(getattr(args, "bidi", None), getattr(args, "ui_lang", None), config)

    import os

    # A full-screen app follows the real terminal size: exported COLUMNS/LINES would pin it
    # (Rich reads them) and the layout would never follow a resize.
    os.environ.pop("COLUMNS", None)
    os.environ.pop("LINES", None)
    from reader.tui.terminal import BidiTerminalGuard, detect

    decision = detect(settings.bidi)  # before Textual owns the terminal's input
    guard = BidiTerminalGuard()
    from reader.tui.app import AkhbarApp

    app = AkhbarApp(directory, settings, decision, guard)
    try:
        app.run()
    finally:
        guard.restore()
    return app.return_code or 0
