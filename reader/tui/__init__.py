"""The Textual reader. `run` is the one entry point the command line uses (loaded lazily)."""

from __future__ import annotations

import os
from pathlib import Path


def run(archive: str | Path | None, bidi: str | None, ui_lang: str | None) -> int:
    """Resolve archive and settings, detect the terminal's bidi mode, then run the app."""
    from reader.config import archive_dir, load_config
    from reader.store import Archive
    from reader.tui.settings import resolve
    from reader.tui.terminal import BidiTerminalGuard, detect

    config = load_config()
    directory = archive_dir(archive, config)
    settings = resolve(bidi, ui_lang, config)
    # A broken or unreachable archive is a one-line error before the screen changes.
    Archive.open(directory, create=True).close()
    # A full-screen app follows the real terminal size: exported COLUMNS/LINES would pin it
    # (Rich and shutil read them) and the layout would never follow a resize.
    os.environ.pop("COLUMNS", None)
    os.environ.pop("LINES", None)
    decision = detect(settings.bidi)  # before Textual owns the terminal's input
    guard = BidiTerminalGuard()
    from reader.tui.app import AkhbarApp

    app = AkhbarApp(directory, settings, decision, guard)
    try:
        app.run()
    finally:
        guard.restore()
    return app.return_code or 0
