"""`akhbar search`, `akhbar analyze` and `akhbar reindex`: the Arabic full-text index from the CLI.

Heavy modules (Whoosh, the store) are imported inside the handlers so `akhbar --help` stays fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from reader.commands import add_archive_argument
from reader.errors import QueryError, UsageError

if TYPE_CHECKING:
    from reader.models import SearchHit
    from reader.search.index import SearchIndex, SearchResults
    from reader.store import Archive
    from reader.text import BidiMode

BOLD_REVERSE = "\x1b[1;7m"
RESET = "\x1b[0m"
BIG_SYNC = 2000  # changes behind: say why this search takes a while
SYNC_WAIT = 2.0  # seconds a search waits for another akhbar's index write before searching as is


def register(subparsers: Any) -> None:
    search = subparsers.add_parser(
        "search",
        help="search the archive (Arabic-aware: hamza, ة/ه, ى/ي, ال and clitics folded)",
        description="Search the archive. QUERY uses Whoosh syntax: all words are required, "
        '"quoted phrases", AND/OR/NOT, actor:NAME place:NAME source:S, '
        "date:[2018-01-01 to 2018-03-31]. When nothing matches every word, the articles "
        "matching most words are shown.",
    )
    search.add_argument(
        "query", nargs="?", default="", help="the query (may be empty with filters)"
    )
    search.add_argument("--limit", type=_positive, default=20, metavar="N", help="hits to show")
    search.add_argument("--json", action="store_true", help="print one JSON object")
    search.add_argument("--actor", action="append", default=[], metavar="NAME")
    search.add_argument("--place", action="append", default=[], metavar="NAME")
    search.add_argument("--source", action="append", default=[], metavar="S")
    search.add_argument("--since", type=_date, metavar="DATE", help="YYYY-MM-DD")
    search.add_argument("--until", type=_date, metavar="DATE", help="YYYY-MM-DD")
    search.add_argument(
        "--sort", choices=("relevance", "newest", "oldest"), default="relevance", help="order"
    )
    search.add_argument(
        "--queries",
        type=Path,
        metavar="FILE",
        help="run each line of FILE as a query; print one JSON array of hits per line",
    )
    add_archive_argument(search)
    search.set_defaults(handler=run_search)

    analyze = subparsers.add_parser(
        "analyze", help="show the terms the search index keeps for TEXT"
    )
    analyze.add_argument("text", help="Arabic (or any) text")
    analyze.add_argument("--json", action="store_true", help="terms with character offsets")
    analyze.set_defaults(handler=run_analyze)

    reindex = subparsers.add_parser("reindex", help="rebuild the search index from the archive")
    add_archive_argument(reindex)
    reindex.set_defaults(handler=run_reindex)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _open_archive(args: argparse.Namespace) -> Archive:
    from reader.config import archive_dir
    from reader.store import Archive

    return Archive.open(archive_dir(getattr(args, "archive", None)), create=False)


def _open_index(archive: Archive) -> SearchIndex:
    from reader.search.index import SearchIndex

    return SearchIndex(archive.index_dir, archive)


def _report_notice(index: SearchIndex) -> None:
    """Say once why the index was started afresh (it has been refilled by the sync)."""
    if index.notice:
        print(f"akhbar: {index.notice}", file=sys.stderr)


def run_search(args: argparse.Namespace) -> int:
    from reader.search.index import SearchFilters

    filters = SearchFilters(
        actors=tuple(args.actor),
        places=tuple(args.place),
        sources=tuple(args.source),
        since=args.since,
        until=args.until,
    )
    queries: list[str] | None = None
    if args.queries is not None:
        try:
            queries = args.queries.read_text("utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
            raise UsageError(f"{args.queries}: cannot read queries ({reason})") from None
    with _open_archive(args) as archive:
        index = _open_index(archive)
        behind = archive.current_seq() - index.checkpoint()
        if behind > BIG_SYNC:
            print(
                f"akhbar: bringing the search index up to date ({behind} changes)…", file=sys.stderr
            )
        index.sync(archive, wait=SYNC_WAIT)
        _report_notice(index)
        try:
            if queries is not None:
                for number, line in enumerate(queries, 1):
                    try:
                        results = index.search(
                            line, limit=args.limit, filters=filters, sort=args.sort
                        )
                    except QueryError as exc:
                        raise UsageError(f"{args.queries}:{number}: {exc}") from None
                    hits = [_hit_json(hit) for hit in results.hits]
                    print(json.dumps(hits, ensure_ascii=False))
                return 0
            results = index.search(args.query, limit=args.limit, filters=filters, sort=args.sort)
        except QueryError as exc:
            raise UsageError(str(exc)) from None  # a malformed query is a usage error: exit 2
    if args.json:
        print(json.dumps(_results_json(args.query, results), ensure_ascii=False, indent=1))
    else:
        mode: BidiMode = "terminal" if getattr(args, "bidi", None) == "terminal" else "app"
        _print_results(results, sys.stdout, mode)
    return 0


def _hit_json(hit: SearchHit) -> dict[str, Any]:
    return {
        "id": hit.id,
        "title": hit.title,
        "source": hit.source,
        "published": hit.published.isoformat() if hit.published else None,
        "score": round(hit.score, 4),
        "snippet": hit.snippet,
        "snippet_hits": [list(span) for span in hit.snippet_hits],
        "title_hits": [list(span) for span in hit.title_hits],
        "body_hits": [list(span) for span in hit.body_hits],
    }


def _results_json(query: str, results: SearchResults) -> dict[str, Any]:
    return {
        "query": query,
        "total": results.total,
        "relaxed": results.relaxed,
        "suggestion": results.suggestion,
        "terms": list(results.terms),
        "facets": {
            name: [[key, count] for key, count in pairs] for name, pairs in results.facets.items()
        },
        "hits": [_hit_json(hit) for hit in results.hits],
    }


def _print_results(results: SearchResults, out: TextIO, mode: BidiMode) -> None:
    import shutil

    width = max(20, min(shutil.get_terminal_size((80, 24)).columns, 120))
    color = out.isatty()
    if results.relaxed:
        out.write("No article has every word; showing those with the most.\n")
    if results.suggestion:
        out.write(f"Did you mean: {_safe(results.suggestion)}\n")
    if not results.hits:
        out.write("No articles found.\n")
        return
    out.write(f"{results.total} article(s)\n")
    for hit in results.hits:
        out.write("\n")
        _write_block(out, hit.title, list(hit.title_hits), width, color, mode)
        when = hit.published.date().isoformat() if hit.published else ""
        meta = "  ·  ".join(part for part in (hit.source, when, hit.id) if part)
        _write_block(out, meta, [], width, False, mode)
        if hit.snippet:
            _write_block(out, hit.snippet, list(hit.snippet_hits), width, color, mode)


def _safe(text: str) -> str:
    from reader.text.sanitize import sanitize

    return " ".join(sanitize(text).split())


def _write_block(
    out: TextIO, text: str, hits: list[tuple[int, int]], width: int, color: bool, mode: BidiMode
) -> None:
    """Lay `text` out (bidi, RTL right-aligned) and print it, hits in bold reverse on a TTY."""
    from reader.text.sanitize import sanitize_with_map

    clean, source = sanitize_with_map(text)
    clean = clean.replace("\n", " ")
    back = {index: position for position, index in enumerate(source)}
    spans = []
    for start, end in hits:
        mapped = [back[i] for i in range(start, end) if i in back]
        if mapped:
            spans.append((min(mapped), max(mapped) + 1))
    from reader.text import layout

    for line in layout(clean, width, mode=mode):
        if not color or not spans:
            out.write(line.text.rstrip() + "\n")
            continue
        columns: set[int] = set()
        for start, end in spans:
            for col_start, col_end in line.columns_for_span(start, end):
                columns.update(range(col_start, col_end))
        out.write(_paint(line.text, columns).rstrip() + "\n")


def _paint(text: str, columns: set[int]) -> str:
    from reader.text.chars import cell_width

    pieces: list[str] = []
    column = 0
    inside = False
    for char in text:
        lit = column in columns
        if lit != inside:
            pieces.append(BOLD_REVERSE if lit else RESET)
            inside = lit
        pieces.append(char)
        column += cell_width(char)
    if inside:
        pieces.append(RESET)
    return "".join(pieces)


def run_analyze(args: argparse.Namespace) -> int:
    from reader.search.analysis import analyze

    terms = analyze(args.text)
    if args.json:
        print(
            json.dumps(
                [{"term": term, "start": start, "end": end} for term, start, end in terms],
                ensure_ascii=False,
            )
        )
    else:
        print(" ".join(term for term, _, _ in terms))
    return 0


def run_reindex(args: argparse.Namespace) -> int:
    import time

    with _open_archive(args) as archive:
        from reader.search.index import SearchIndex

        started = time.perf_counter()
        count = SearchIndex(archive.index_dir, archive).rebuild(archive)
    print(f"indexed {count} article(s) in {time.perf_counter() - started:.1f} s")
    return 0
