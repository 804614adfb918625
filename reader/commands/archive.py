"""`akhbar import`, `stats`, `show`, `export` and `delete`: the archive from the command line.

Exit status of `import`: 0 when every input was imported, 1 when some were refused, 2 for
usage errors. Refusals go to stderr, one line each, naming the file (and line or entry).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from reader.commands import add_archive_argument
from reader.errors import ArchiveError, NotFoundError, UsageError

if TYPE_CHECKING:
    from reader.library import ImportProgress, Library
    from reader.models import StoredArticle

PROGRESS_AFTER = 0.5  # seconds before a progress bar appears (short imports stay quiet)


def register(subparsers: Any) -> None:
    importer = subparsers.add_parser(
        "import",
        help="import articles: text, HTML, RSS/Atom, JSON Lines files or folders",
        description="Import articles into the archive. Formats are detected by content: plain "
        "text (first line is the title), HTML pages, RSS and Atom feeds, JSON Lines (fields id, "
        "url, title, published, body, source, category), TREC-style <DOC> corpus files. "
        "Encodings: UTF-8 (with or without BOM), UTF-16, windows-1256, ISO-8859-6. "
        "Folders are read recursively. "
        "Importing the same article again changes nothing; a changed one is updated in place. "
        "Exit status: 0 all imported, 1 some inputs refused, 2 usage error.",
    )
    importer.add_argument(
        "paths", nargs="+", metavar="PATH", help="files or folders; - reads standard input"
    )
    importer.add_argument("--json", action="store_true", help="print a JSON summary on stdout")
    importer.add_argument(
        "--no-index", action="store_true", help="do not update the search index now"
    )
    importer.add_argument(
        "--no-tags",
        action="store_true",
        help="do not tag actors and places now (the next import without it does)",
    )
    add_archive_argument(importer)
    importer.set_defaults(handler=_guarded(run_import))

    stats = subparsers.add_parser("stats", help="counts: articles, sources, unread, starred, tags")
    stats.add_argument("--json", action="store_true", help="print one JSON object")
    add_archive_argument(stats)
    stats.set_defaults(handler=_guarded(run_stats))

    show = subparsers.add_parser(
        "show", help="print one article (title, source and date, body) laid out for a terminal"
    )
    show.add_argument("id", metavar="ID", help="article id (see `akhbar search` or `export`)")
    show.add_argument("--width", type=_width, metavar="N", help="columns (default: terminal)")
    show.add_argument(
        "--bidi",
        choices=("app", "terminal"),
        default=argparse.SUPPRESS,
        help="app: akhbar reorders right-to-left text (default); terminal: the terminal does",
    )
    add_archive_argument(show)
    show.set_defaults(handler=_guarded(run_show))

    export = subparsers.add_parser(
        "export", help="write every article as JSON Lines (re-importable with `akhbar import`)"
    )
    export.add_argument("--format", choices=("jsonl",), default="jsonl", help="output format")
    export.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE (default: stdout)"
    )
    add_archive_argument(export)
    export.set_defaults(handler=_guarded(run_export))

    delete = subparsers.add_parser("delete", help="delete articles from the archive")
    delete.add_argument("ids", nargs="+", metavar="ID", help="article id(s)")
    add_archive_argument(delete)
    delete.set_defaults(handler=_guarded(run_delete))


def _guarded(handler: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Turn a database failure (disk full, read-only, damaged file) into a one-line error."""

    def run(args: argparse.Namespace) -> int:
        import sqlite3

        try:
            return handler(args)
        except sqlite3.Error as exc:
            raise ArchiveError(f"{_directory(args)}: archive error ({exc})") from None

    return run


def _width(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 10 <= value <= 1000:
        raise argparse.ArgumentTypeError("must be between 10 and 1000")
    return value


def _directory(args: argparse.Namespace) -> Path:
    from reader.config import archive_dir

    return archive_dir(getattr(args, "archive", None))


def _open_library(args: argparse.Namespace, *, create: bool) -> Library:
    from reader.library import Library

    return Library(_directory(args), create=create)


def _say(message: str) -> None:
    print(f"akhbar: {message}", file=sys.stderr, flush=True)


class _ProgressBar:
    """A one-line bar on stderr, shown only on a terminal and only for imports that take time."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.enabled = stream.isatty()
        self.started = time.monotonic()
        self.last_draw = 0.0
        self.drawn = False

    def __call__(self, state: ImportProgress) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.started < PROGRESS_AFTER or now - self.last_draw < 0.1:
            return
        self.last_draw = now
        total = max(state.total_bytes, 1)
        share = min(state.done_bytes / total, 1.0)
        columns = shutil.get_terminal_size((80, 24)).columns
        counts = (
            f" {share:4.0%}  {state.added} new, {state.updated} updated, "
            f"{state.unchanged} unchanged, {state.refused} refused"
        )
        room = max(columns - len(counts) - 3, 10)
        filled = int(room * share)
        line = f"[{'#' * filled}{'.' * (room - filled)}]{counts}"
        self.stream.write("\r" + line[: columns - 1])
        self.stream.flush()
        self.drawn = True

    def clear(self) -> None:
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def run_import(args: argparse.Namespace) -> int:
    library = _open_library(args, create=True)
    bar = _ProgressBar(sys.stderr)
    try:
        report = library.import_paths(
            args.paths,
            progress=bar,
            on_wait=_say,
            index=not args.no_index,
            tag=not args.no_tags,
        )
    finally:
        bar.clear()
        library.close()
    for source, reason in report.refused:
        _say(f"refused {_printable(source)}: {reason}")
    for warning in report.warnings:
        _say(f"warning: {_printable(warning)}")
    summary = (
        f"imported {report.articles} article(s): {report.added} new, {report.updated} updated, "
        f"{report.unchanged} unchanged; {len(report.refused)} input(s) refused "
        f"({report.seconds:.1f} s)"
    )
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False))
        print(summary, file=sys.stderr)
    else:
        print(summary)
    return 1 if report.refused else 0


def _printable(text: str) -> str:
    """A file name as given, with anything a terminal would interpret made visible."""
    from reader.text import sanitize

    return sanitize(text).replace("\n", " ") if text else text


def run_stats(args: argparse.Namespace) -> int:
    directory = _directory(args)
    from reader.store import ARCHIVE_FILE, Archive

    if not (directory / ARCHIVE_FILE).exists():
        stats: dict[str, Any] = {"archive": str(directory), "articles": 0, "sources": {}}
    else:
        with Archive.open(directory, create=False) as archive:
            stats = archive.stats()
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=None))
        return 0
    print(f"archive   {_printable(stats['archive'])}")
    print(f"articles  {stats['articles']}")
    if stats["articles"]:
        print(f"unread    {stats['unread']}")
        print(f"starred   {stats['starred']}")
        print(f"actors    {stats['actors']}")
        print(f"places    {stats['places']}")
        if stats.get("last_import"):
            print(f"imported  {stats['last_import'][:16].replace('T', ' ')} (last change, UTC)")
        if stats.get("oldest"):
            print(f"dates     {stats['oldest'][:10]} .. {stats['newest'][:10]}")
        print(
            f"originals {stats['originals_bytes']:,} bytes ({stats['originals_stored_bytes']:,} "
            "compressed)"
        )
        print("sources")
        for source, count in stats["sources"].items():
            print(f"  {count:>7}  {_printable(source)}")
    return 0


def _date_line(stored: StoredArticle) -> str:
    article = stored.article
    parts = [article.source]
    if article.published is not None:
        parts.append(_format_time(article.published))
    if article.author:
        parts.append(article.author)
    return " · ".join(part for part in parts if part)


def _format_time(moment: datetime) -> str:
    return (
        moment.strftime("%Y-%m-%d %H:%M")
        if (moment.hour or moment.minute)
        else (moment.strftime("%Y-%m-%d"))
    )


def run_show(args: argparse.Namespace) -> int:
    from reader.store import Archive
    from reader.text import BidiMode, render_lines

    with Archive.open(_directory(args), create=False) as archive:
        stored = archive.get(args.id)
    if stored is None:
        raise NotFoundError(f"no article with id {args.id!r}")
    width = args.width or min(shutil.get_terminal_size((80, 24)).columns, 100)
    mode: BidiMode = "terminal" if getattr(args, "bidi", None) == "terminal" else "app"
    article = stored.article
    rule = "─" * width
    blocks = [
        render_lines(article.title, width, mode=mode),
        render_lines(_date_line(stored), width, mode=mode) if _date_line(stored) else [],
        [rule],
        render_lines(article.body, width, mode=mode),
    ]
    tags = [*stored.tags.actors, *stored.tags.places]
    if tags:
        blocks += [[rule], render_lines(" · ".join(tags), width, mode=mode)]
    sys.stdout.write("\n".join(line for block in blocks for line in block) + "\n")
    return 0


def export_records(library_archive: Any) -> Iterator[dict[str, Any]]:
    """One JSON-ready dict per article: the import fields plus state and effective tags."""
    for stored in library_archive.iter_articles():
        article = stored.article
        yield {
            "id": article.id,
            "url": article.url,
            "title": article.title,
            "published": article.published.isoformat() if article.published else None,
            "body": article.body,
            "source": article.source,
            "category": article.category,
            "language": article.language,
            "author": article.author,
            "read": stored.read,
            "starred": stored.starred,
            "actors": list(stored.tags.actors),
            "places": list(stored.tags.places),
        }


def run_export(args: argparse.Namespace) -> int:
    from reader.store import Archive

    with Archive.open(_directory(args), create=False) as archive:
        if args.output is not None:
            try:
                handle: TextIO = args.output.open("w", encoding="utf-8")
            except OSError as exc:
                raise UsageError(f"{args.output}: cannot write ({exc.strerror})") from None
        else:
            handle = sys.stdout
        count = 0
        try:
            for record in export_records(archive):
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
        finally:
            if handle is not sys.stdout:
                handle.close()
    if args.output is not None:
        print(f"exported {count} article(s) to {args.output}", file=sys.stderr)
    return 0


def run_delete(args: argparse.Namespace) -> int:
    library = _open_library(args, create=False)
    missing = []
    try:
        for article_id in args.ids:
            if library.delete(article_id):
                print(f"deleted {_printable(article_id)}")
            else:
                missing.append(article_id)
    finally:
        library.close()
    for article_id in missing:
        _say(f"no article with id {_printable(article_id)!r}")
    return 1 if missing else 0
