"""The `akhbar` command. Headless subcommands never import reader.tui (nor Textual)."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Sequence

from reader import __version__
from reader.errors import AkhbarError

Handler = Callable[[argparse.Namespace], int]

# Modules under reader.commands that contribute subcommands, in the order `--help` lists them.
COMMAND_MODULES = ("ui", "render", "archive", "search", "tags")


def build_parser() -> argparse.ArgumentParser:
    import importlib

    parser = argparse.ArgumentParser(
        prog="akhbar",
        description="akhbar (أخبار): read, search and keep Arabic news in a terminal.",
    )
    parser.add_argument("--version", action="version", version=f"akhbar {__version__}")
    parser.add_argument(
        "--archive",
        metavar="DIR",
        help="archive folder (default: $AKHBAR_ARCHIVE, the config file, a source checkout's "
        "index/, or the user data directory)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"reader.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"reader.commands.{name}":
                raise
            continue
        module.register(subparsers)
        # A module may also add options to the main parser (the UI's `--bidi`, `--ui-lang`)
        # and set the default handler used when no subcommand is given.
        register_main = getattr(module, "register_main", None)
        if register_main is not None:
            register_main(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        # No subcommand: open the reader UI (registered by reader.commands.ui as the default).
        default: Handler | None = parser.get_default("handler")
        if default is None:
            parser.print_help()
            return 2
        handler = default
    try:
        return handler(args)
    except AkhbarError as exc:
        print(f"akhbar: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("akhbar: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `akhbar render x | head`: the reader went away; not an error worth a traceback.
        with contextlib.suppress(OSError):
            sys.stdout.close()
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
