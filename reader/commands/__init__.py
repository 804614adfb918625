"""The `akhbar` subcommands, one module per area. Each module has `register(subparsers)`.

Modules here are imported at every start, so they import heavy libraries inside their
handlers, never at module level.
"""

from __future__ import annotations

import argparse


def add_archive_argument(parser: argparse.ArgumentParser) -> None:
    """Let `--archive DIR` also follow the subcommand (`akhbar search Q --archive DIR`)."""
    parser.add_argument(
        "--archive", metavar="DIR", default=argparse.SUPPRESS, help="archive folder"
    )
