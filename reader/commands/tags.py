"""`akhbar tag FILE` (tags of a file's articles, no archive needed) and `akhbar tags` (the
archive's tags with article counts; `tags add|remove ID actor|place NAME` to correct them).
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.commands import add_archive_argument
from reader.errors import InputError, NotFoundError, UsageError

if TYPE_CHECKING:
    from reader.models import Tags

KINDS = {"actor": "actors", "place": "places"}


def register(subparsers: Any) -> None:
    tag = subparsers.add_parser(
        "tag",
        help="print the actors and places of a file's articles (no archive needed)",
        description="Tag a file with the actors (people, organisations) and places it names. "
        'A text or HTML file gives one JSON object {"actors": [...], "places": [...]}; a JSON '
        "Lines file (or a feed) gives one object per article, with its id. The archive is "
        "not used. Exit status: 0 done, 1 the file or some records were refused.",
    )
    tag.add_argument("file", type=Path, metavar="FILE", help="text, HTML, feed or JSON Lines")
    tag.set_defaults(handler=run_tag)

    tags = subparsers.add_parser(
        "tags",
        help="the archive's actors and places with article counts; add or remove a tag",
        description="List the archive's tags with the number of articles carrying each, most "
        "used first. `akhbar tags add ID actor|place NAME` and `akhbar tags remove ID "
        "actor|place NAME` correct one article's tags; corrections survive re-tagging.",
    )
    tags.add_argument("--kind", choices=("actors", "places"), help="only this kind")
    tags.add_argument("--top", type=_positive, metavar="N", help="only the N most used")
    tags.add_argument("--json", action="store_true", help="print one JSON object")
    add_archive_argument(tags)
    tags.set_defaults(handler=run_tags)
    actions = tags.add_subparsers(dest="action", metavar="{add,remove}")
    for action, verb in (("add", "add a tag to"), ("remove", "remove a tag from")):
        edit = actions.add_parser(action, help=f"{verb} one article")
        edit.add_argument("id", metavar="ID", help="article id")
        edit.add_argument("kind", choices=tuple(KINDS), metavar="actor|place", help="tag kind")
        edit.add_argument("name", nargs="+", metavar="NAME", help="tag name (words are joined)")
        add_archive_argument(edit)
        edit.set_defaults(handler=run_edit, action=action)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _json(value: object) -> str:
    """One JSON line; format characters (bidi overrides...) and controls escaped, never raw."""
    text = json.dumps(value, ensure_ascii=False)
    return "".join(
        f"\\u{ord(char):04x}" if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") else char
        for char in text
    )


def _printable(text: str) -> str:
    from reader.text.sanitize import sanitize

    return " ".join(sanitize(text).split())


def _tags_dict(tags: Tags) -> dict[str, list[str]]:
    return {"actors": list(tags.actors), "places": list(tags.places)}


# -- akhbar tag FILE -----------------------------------------------------------------------


def _is_multi(path: Path) -> bool:
    """JSON Lines files and feeds hold many articles: their output lines carry ids."""
    from reader.ingest import detect_format

    with path.open("rb") as stream:
        head = stream.read(65536)
    return detect_format(head.decode("utf-8", errors="replace"), path.name) in ("jsonl", "feed")


def run_tag(args: argparse.Namespace) -> int:
    from reader.ingest import read_path
    from reader.tagging import tag_article

    path: Path = args.file
    if path.is_dir():
        raise InputError(str(path), "is a folder; give one file")
    try:
        multi = path.is_file() and _is_multi(path)
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror})") from None
    refused = 0
    tagged = 0
    for item in read_path(path):
        if isinstance(item, InputError):
            if not multi:
                raise item
            print(f"akhbar: {item}", file=sys.stderr)
            refused += 1
            continue
        tags = _tags_dict(tag_article(item.article))
        print(_json({"id": item.article.id, **tags} if multi else tags))
        tagged += 1
    if not tagged and not refused:
        raise InputError(str(path), "no article found")
    return 1 if refused else 0


# -- akhbar tags ---------------------------------------------------------------------------


def _directory(args: argparse.Namespace) -> Path:
    from reader.config import archive_dir

    return archive_dir(getattr(args, "archive", None))


def run_tags(args: argparse.Namespace) -> int:
    from reader.models import TagKind
    from reader.store import ARCHIVE_FILE, Archive

    directory = _directory(args)
    kinds = [args.kind] if args.kind else ["actors", "places"]
    counts: dict[str, list[tuple[str, int]]] = {kind: [] for kind in kinds}
    if (directory / ARCHIVE_FILE).exists():
        with Archive.open(directory, create=False) as archive:
            for kind in kinds:
                rows = archive.tag_counts(TagKind.ACTOR if kind == "actors" else TagKind.PLACE)
                counts[kind] = rows[: args.top] if args.top else rows
    if args.json:
        print(
            _json(
                {
                    kind: [{"name": name, "count": count} for name, count in rows]
                    for kind, rows in counts.items()
                }
            )
        )
        return 0
    for position, (kind, rows) in enumerate(counts.items()):
        if position:
            print()
        print(f"{kind} ({len(rows)})")
        if not rows:
            print("  (none)")
        width = max((len(str(count)) for _, count in rows), default=1)
        for name, count in rows:
            print(f"  {count:>{width}}  {_printable(name)}")
    return 0


def run_edit(args: argparse.Namespace) -> int:
    from reader.library import Library
    from reader.models import TagKind
    from reader.store import ARCHIVE_FILE
    from reader.tagging.arabic import clean, fold

    directory = _directory(args)
    name = " ".join(clean(" ".join(args.name)).split())
    if not name:
        raise UsageError("a tag name cannot be empty")
    if not (directory / ARCHIVE_FILE).exists():
        raise NotFoundError(f"no archive at {_printable(str(directory))}")
    kind = TagKind(args.kind)
    with Library(directory, create=False) as library:
        if library.archive.get(args.id) is None:
            raise NotFoundError(f"no article with id {_printable(args.id)!r}")
        # A spelling variant of a tag the article carries names that tag (`اسرائيل`).
        current = library.archive.get_tags(args.id).of(kind)
        same = [tag for tag in current if fold(tag) == fold(name)]
        if same:
            name = same[0]
        if args.action == "remove" and not same:
            print(
                f"akhbar: note: the article has no {kind.value} {_printable(name)!r}; "
                "it will not be given one on re-tagging",
                file=sys.stderr,
            )
        if args.action == "add":
            library.add_tag(args.id, kind, name)
        else:
            library.remove_tag(args.id, kind, name)
        tags = library.archive.get_tags(args.id)
    print(_json({"id": args.id, **_tags_dict(tags)}))
    return 0
