"""Whatever bytes a file holds, reading it yields articles or one-line refusals, never a crash."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.errors import InputError
from reader.ingest import Ingested, read_paths

PREFIXES = [
    b"",
    b"{",
    b'{"id": "x", "title": ',
    b"<rss><channel><item><title>",
    b'<?xml version="1.0" encoding="windows-1256"?><feed xmlns="http://www.w3.org/2005/Atom">',
    b"<html><body><p>",
    b"<DOC><DOCNO>1</DOCNO><TITLE>",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    "عنوان\n\n".encode(),
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    prefix=st.sampled_from(PREFIXES),
    body=st.one_of(
        st.binary(max_size=400),
        st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.text(alphabet='<>/&;{}[]":,\n ابتثجحخ#!-', max_size=300).map(str.encode),
    ),
    name=st.sampled_from(["a.txt", "a.html", "a.xml", "a.jsonl", "a"]),
)
def test_any_file_gives_articles_or_one_line_refusals(
    prefix: bytes, body: bytes, name: str
) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / name
        path.write_bytes(prefix + body)
        for item in read_paths([path]):
            assert isinstance(item, Ingested | InputError)
            if isinstance(item, InputError):
                assert "\n" not in str(item) and item.reason
            else:
                assert all("\n" not in p for p in item.article.paragraphs)
                assert "\n" not in item.article.title


def test_a_parser_failing_unexpectedly_refuses_that_file_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug or a missing library in one parser is a one-line refusal; other files go on."""
    import reader.ingest.files as files

    def broken(*args: object, **kwargs: object) -> object:
        raise ImportError("some HTML helper\nis missing")

    monkeypatch.setattr(files, "parse_html", broken)
    (tmp_path / "page.html").write_text("<html><body><p>نص</p></body></html>", encoding="utf-8")
    (tmp_path / "note.txt").write_text("عنوان الخبر\n\nفقرة أولى من الخبر.\n", encoding="utf-8")
    results = list(read_paths([tmp_path]))
    refusals = [r for r in results if isinstance(r, InputError)]
    articles = [r for r in results if isinstance(r, Ingested)]
    assert len(refusals) == 1 and "page.html" in str(refusals[0])
    assert "\n" not in str(refusals[0]) and "ImportError" in str(refusals[0])
    assert [a.article.title for a in articles] == ["عنوان الخبر"]
