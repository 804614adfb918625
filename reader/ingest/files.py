"""Walk the paths a user gives, detect each file's format by its content, and read it."""

from __future__ import annotations

import hashlib
import io
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Literal

from reader.errors import InputError
from reader.ingest.base import MAX_DOCUMENT_BYTES, Ingested
from reader.ingest.decode import decode, sniff_binary, utf16_kind
from reader.ingest.feed import parse_feed
from reader.ingest.html_page import parse_html
from reader.ingest.jsonl import parse_jsonl
from reader.ingest.plain import parse_text
from reader.ingest.trec import parse_trec

STDIN = "<stdin>"
Format = Literal["jsonl", "feed", "html", "text", "trec", "xml"]

_FIRST_TAG = re.compile(r"<\s*([A-Za-z][\w:.-]*)")
_SKIP_PROLOG = re.compile(r"^(?:\s|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)*", re.S)
_HTML_HINT = re.compile(r"<\s*(?:html|head|body|p|div|article|meta|h1|br)\b|<!doctype\s+html", re.I)
_HTML_ROOTS = {"html", "head", "body", "p", "div", "article", "section", "main", "span", "a"}
_FEED_ROOTS = {"rss", "feed", "rdf:rdf", "rdf"}
_NAME_HINTS: dict[str, Format] = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".txt": "text",
}


def detect_format(head: str, name: str = "") -> Format:
    """The format of a file from its first characters; the name only breaks ties."""
    stripped = head.lstrip("\ufeff \t\r\n")
    hint = _NAME_HINTS.get(Path(name).suffix.lower())
    if stripped.startswith("{"):
        return "jsonl"
    if stripped.startswith("<"):
        rest = _SKIP_PROLOG.sub("", stripped, count=1)
        match = _FIRST_TAG.match(rest)
        root = match.group(1).lower() if match else ""
        if root in _FEED_ROOTS:
            return "feed"
        if root == "doc":
            return "trec"
        if root in _HTML_ROOTS or _HTML_HINT.search(stripped[:4096]) or hint == "html":
            return "html"
        return "xml"
    if hint == "html" and _HTML_HINT.search(stripped[:4096]):
        return "html"
    return "text"


def _head_text(head: bytes) -> str:
    """The start of a file as text, good enough to detect its format (never raises)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head[: len(head) // 2 * 2].decode("utf-16", errors="replace")
    wide = utf16_kind(head)
    if wide is not None:
        return head[: len(head) // 2 * 2].decode(wide, errors="replace")
    for cut in range(4):  # a multi-byte character may straddle the end of the sample
        try:
            return head[: len(head) - cut].decode("utf-8")
        except UnicodeDecodeError:
            continue
    return head.decode("latin-1")


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()


class InputWalker:
    """Reads every input under some paths; `done_bytes`/`total_bytes` measure progress."""

    def __init__(self, paths: Iterable[Path | str], *, exclude: Iterable[Path] = ()) -> None:
        self.paths = [Path(p) for p in paths]
        self.exclude = {_resolved(path) for path in exclude}
        self.files: list[tuple[Path, str]] = []
        self.problems: list[InputError] = []
        self.total_bytes = 0
        self.done_bytes = 0
        self._collect()

    def _collect(self) -> None:
        for path in self.paths:
            shown = str(path)
            if shown == "-":
                self.files.append((path, STDIN))
                continue
            try:
                info = path.stat()
            except FileNotFoundError:
                self.problems.append(InputError(shown, "no such file or directory"))
                continue
            except OSError as exc:
                self.problems.append(InputError(shown, f"cannot read ({exc.strerror})"))
                continue
            if stat.S_ISDIR(info.st_mode):
                self._collect_dir(path)
            else:
                self._add_file(path, shown, info)

    def _collect_dir(self, directory: Path) -> None:
        def refuse(error: OSError) -> None:
            name = error.filename or str(directory)
            self.problems.append(InputError(str(name), f"cannot read ({error.strerror})"))

        if _resolved(directory) in self.exclude:
            return
        for root, dirs, names in os.walk(directory, onerror=refuse):
            dirs[:] = sorted(
                d
                for d in dirs
                if not d.startswith(".") and _resolved(Path(root) / d) not in self.exclude
            )
            for name in sorted(names):
                if name.startswith("."):
                    continue
                file_path = Path(root) / name
                try:
                    info = file_path.stat()
                except OSError as exc:
                    self.problems.append(
                        InputError(str(file_path), f"cannot read ({exc.strerror})")
                    )
                    continue
                self._add_file(file_path, str(file_path), info)

    def _add_file(self, path: Path, shown: str, info: os.stat_result) -> None:
        if not stat.S_ISREG(info.st_mode):
            self.problems.append(InputError(shown, "not a regular file"))
            return
        self.files.append((path, shown))
        self.total_bytes += info.st_size

    def __iter__(self) -> Iterator[Ingested | InputError]:
        yield from self.problems
        for path, shown in self.files:
            before = self.done_bytes
            size = 0
            try:
                if shown == STDIN:
                    yield from self._read(sys.stdin.buffer, shown, "", None, None)
                else:
                    size = path.stat().st_size
                    with path.open("rb") as stream:
                        yield from self._read(stream, shown, path.name, str(path.resolve()), size)
            except InputError as error:
                yield error
            except OSError as exc:
                yield InputError(shown, f"cannot read ({exc.strerror or exc})")
            except Exception as exc:  # a parser's own failure must not end the whole import
                reason = " ".join(str(exc).split())[:200] or "no message"
                yield InputError(shown, f"could not be read ({type(exc).__name__}: {reason})")
            self.done_bytes = before + size

    def _count(self, amount: int) -> None:
        self.done_bytes += amount

    def _read(
        self, stream: IO[bytes], shown: str, name: str, identity: str | None, size: int | None
    ) -> Iterator[Ingested | InputError]:
        """Read one input; `identity` (a file's path) makes stable ids, None for stdin."""
        if size == 0:
            raise InputError(shown, "empty file")
        head_bytes = stream.read(65536)
        if not head_bytes:
            raise InputError(shown, "empty input")
        binary = sniff_binary(head_bytes)
        if binary:
            raise InputError(shown, binary)
        kind = detect_format(_head_text(head_bytes), name)
        if kind == "xml":
            raise InputError(
                shown, "XML that is neither an RSS or Atom feed, an HTML page nor TREC <DOC>s"
            )
        if kind == "jsonl":
            yield from parse_jsonl(_Prefixed(head_bytes, stream), shown, on_bytes=self._count)
            return
        if size is not None and size > MAX_DOCUMENT_BYTES:
            raise InputError(
                shown, f"too large ({size:,} bytes; the limit is {MAX_DOCUMENT_BYTES:,})"
            )
        data = head_bytes + stream.read(MAX_DOCUMENT_BYTES + 1 - len(head_bytes))
        if len(data) > MAX_DOCUMENT_BYTES:
            raise InputError(shown, f"too large (over {MAX_DOCUMENT_BYTES:,} bytes)")
        if not data.strip():
            raise InputError(shown, "empty file (only white space)")
        if kind == "feed":
            yield from parse_feed(data, shown)
            return
        text, _ = decode(data, shown)
        if kind == "trec":
            yield from parse_trec(text, data, shown)
            return
        if not text.strip():
            raise InputError(shown, "empty file (only white space)")
        if identity is None:  # stdin: the same text piped again is the same article
            identity = "stdin\0" + hashlib.sha256(data).hexdigest()
        if kind == "html":
            article, _cleaned = parse_html(text, shown, identity=identity)
        else:
            article, _cleaned = parse_text(text, shown, identity=identity)
        yield Ingested(article, data, shown)


class _Prefixed:
    """A byte stream whose first bytes were already read: lines come from both, in order."""

    def __init__(self, head: bytes, stream: IO[bytes]) -> None:
        self._head = io.BytesIO(head)
        self._stream = stream

    def readline(self, limit: int = -1, /) -> bytes:
        line = self._head.readline(limit)
        if line.endswith(b"\n") or (limit >= 0 and len(line) >= limit):
            return line
        return line + self._stream.readline(-1 if limit < 0 else limit - len(line))


def read_paths(paths: Iterable[Path | str]) -> Iterator[Ingested | InputError]:
    """Every article under `paths` (files and folders, recursively) or a refusal per input."""
    return iter(InputWalker(paths))


def read_path(path: Path | str) -> Iterator[Ingested | InputError]:
    return read_paths([path])
