"""Each input format on small inputs written here, hostile ones included."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from reader.errors import InputError
from reader.ingest import Ingested, detect_format, read_paths
from reader.ingest.feed import fragment_paragraphs, parse_feed
from reader.ingest.html_page import parse_html
from reader.ingest.jsonl import parse_jsonl

BODY = "أعلنت الجمعية عن تنظيم حملة لتنظيف الشاطئ يوم السبت بمشاركة مئات المتطوعين."

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
]>
<rss version="2.0"><channel><title>t</title>
<item><title>&d;</title><description>&d;</description></item></channel></rss>"""

EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>t</title>
<item><title>&secret;</title><description>&secret;</description></item></channel></rss>"""


@pytest.mark.parametrize(
    ("head", "name", "expected"),
    [
        ('{"id": "1"}\n', "x.txt", "jsonl"),
        ('\ufeff  {"a": 1}', "", "jsonl"),
        ('<?xml version="1.0"?>\n<rss version="2.0">', "x.html", "feed"),
        ('<?xml version="1.0"?><!-- c --><feed xmlns="http://www.w3.org/2005/Atom">', "", "feed"),
        ("<rdf:RDF xmlns:rdf='x'>", "", "feed"),
        ("<!DOCTYPE html><html><head>", "page.txt", "html"),
        ("<p>فقرة</p><p>أخرى</p>", "", "html"),
        ('<?xml version="1.0"?><DOC><DOCNO>1</DOCNO>', "x.xml", "trec"),
        ("<DOC>\n<DOCNO>1</DOCNO>\n<TITLE>عنوان</TITLE>", "x.txt", "trec"),
        ('<?xml version="1.0"?><catalog><book/></catalog>', "x.xml", "xml"),
        ("عنوان\n\nنص", "x.html", "text"),
        ("عنوان\n\nنص", "x.jsonl", "text"),
        ("3 < 4 and <b> is bold", "note.txt", "text"),
    ],
)
def test_format_is_detected_by_content(head: str, name: str, expected: str) -> None:
    assert detect_format(head, name) == expected


def _jsonl(lines: list[str]) -> list[Ingested | InputError]:
    data = ("\n".join(lines) + "\n").encode("utf-8")
    return list(parse_jsonl(io.BytesIO(data), "in.jsonl"))


def test_jsonl_keeps_ids_and_refuses_broken_lines_by_number() -> None:
    good = {"id": "k-1", "title": "عنوان", "body": f"{BODY}\n{BODY}", "published": "2024-01-02"}
    items = _jsonl(
        [
            json.dumps(good, ensure_ascii=False),
            '{"id": "k-2", "title": ',
            "",
            "[1, 2]",
            json.dumps({"id": "k-3", "title": 5.5, "body": BODY}),
            json.dumps({"id": "k-4", "body": ""}),
            json.dumps({"id": "k-5", "title": "t", "body": BODY, "published": "yesterday"}),
            "[" * 100_000 + "]" * 100_000,
            json.dumps({"title": "بلا معرف", "body": BODY, "url": "https://x.example/1"}),
        ]
    )
    articles = [item for item in items if isinstance(item, Ingested)]
    refused = {item.source: item.reason for item in items if isinstance(item, InputError)}
    assert next(a.article.id for a in articles) == "k-1"
    assert articles[0].article.paragraphs == (BODY, BODY)
    assert articles[0].article.published == datetime(2024, 1, 2, tzinfo=UTC)
    assert articles[0].origin == "in.jsonl:1"
    assert articles[1].article.id.startswith("url-")
    assert sorted(refused) == [
        "in.jsonl:2",
        "in.jsonl:4",
        "in.jsonl:5",
        "in.jsonl:6",
        "in.jsonl:7",
        "in.jsonl:8",
    ]
    assert "malformed JSON" in refused["in.jsonl:2"]
    assert "not a JSON object" in refused["in.jsonl:4"]
    assert "'title'" in refused["in.jsonl:5"]
    assert "published" in refused["in.jsonl:7"]
    assert "nested" in refused["in.jsonl:8"] or "malformed" in refused["in.jsonl:8"]


def test_jsonl_oversized_line_is_refused_and_the_next_one_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("reader.ingest.jsonl.MAX_JSONL_LINE_BYTES", 1000)
    big = json.dumps({"id": "big", "title": "t", "body": "ب" * 5000}, ensure_ascii=False)
    small = json.dumps({"id": "small", "title": "t", "body": BODY}, ensure_ascii=False)
    items = _jsonl([big, small])
    assert isinstance(items[0], InputError) and "too long" in items[0].reason
    assert isinstance(items[1], Ingested) and items[1].article.id == "small"
    assert items[1].origin == "in.jsonl:2"


def test_jsonl_non_utf8_line_is_refused() -> None:
    data = b'{"id": "a", "title": "\xe3\xd1\xcd\xc8\xc7", "body": "x"}\n'
    items = list(parse_jsonl(io.BytesIO(data), "in.jsonl"))
    assert isinstance(items[0], InputError) and "UTF-8" in items[0].reason


@pytest.mark.parametrize(("data", "reason"), [(BOMB, "entity"), (EXTERNAL, "entity")])
def test_feeds_with_entity_declarations_are_refused_unparsed(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        list(parse_feed(data, "evil.xml"))


def test_feed_entries_full_content_and_summaries(fixtures_dir: Path) -> None:
    data = (fixtures_dir / "ingest" / "feed.rss").read_bytes()
    items = [i for i in parse_feed(data, "feed.rss") if isinstance(i, Ingested)]
    assert len(items) == 2
    full, summary = items
    assert not full.partial and len(full.article.paragraphs) == 3
    assert full.article.published == datetime(2024, 11, 2, 7, 15, tzinfo=UTC)
    assert full.article.source == "نشرة الواحة" and full.article.category == "ثقافة"
    assert summary.partial and summary.article.url == "https://waha.example/news/groundwater"


def test_feed_without_entries_is_refused() -> None:
    with pytest.raises(InputError, match=r"no entries|malformed"):
        list(parse_feed(b"<rss><channel><title>x</title></channel></rss>", "empty.rss"))


def test_fragment_paragraphs_split_blocks_and_breaks() -> None:
    html = "<p>أولى <b>بخط</b> عريض</p><p>ثانية<br>ثالثة</p><script>alert(1)</script>رابعة"
    assert fragment_paragraphs(html) == ["أولى بخط عريض", "ثانية", "ثالثة", "رابعة"]


def test_html_metadata_and_full_publication_time(fixtures_dir: Path) -> None:
    text = (fixtures_dir / "ingest" / "article.html").read_text(encoding="utf-8")
    article, _cleaned = parse_html(text, "article.html", identity="article.html")
    assert article.title == "مكتبة عامة جديدة في حي الزهور"
    assert article.url == "https://madina.example/culture/2024/05/library-zohour"
    assert article.source == "جريدة المدينة"
    assert article.published == datetime(2024, 5, 14, 9, 30, tzinfo=timezone(timedelta(hours=1)))
    assert len(article.paragraphs) == 4
    body = article.body
    assert "الأكثر قراءة" not in body and "جميع الحقوق" not in body and "الرئيسية" not in body


def test_very_deep_html_is_refused_quickly() -> None:
    html = "<html><body>" + "<div>" * 50_000 + "<p>نص</p>" + "</div>" * 50_000 + "</body></html>"
    with pytest.raises(InputError, match="deeply nested"):
        parse_html(html, "deep.html", identity="deep.html")


def test_html_entity_bomb_is_not_expanded() -> None:
    page = BOMB.decode().replace("<rss", "<html><body><p>" + BODY + "</p><rss") + "</body></html>"
    article, _ = parse_html(page, "bomb.html", identity="bomb.html")
    assert "aaaaaaaaaa" not in article.body


def test_read_paths_names_missing_and_special_inputs(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\n \t\n")
    (tmp_path / ".hidden.txt").write_text("لا يقرأ", encoding="utf-8")
    refusals = {
        Path(item.source).name: item.reason
        for item in read_paths([tmp_path, tmp_path / "missing.txt"])
        if isinstance(item, InputError)
    }
    assert refusals == {
        "missing.txt": "no such file or directory",
        "empty.txt": "empty file",
        "blank.txt": "empty file (only white space)",
    }


def test_walker_skips_excluded_folders(tmp_path: Path) -> None:
    from reader.ingest import InputWalker

    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "archive.sqlite3").write_bytes(b"SQLite format 3\x00" + bytes(100))
    (tmp_path / "note.txt").write_text("عنوان\n\nنص.", encoding="utf-8")
    items = list(InputWalker([tmp_path], exclude=[tmp_path / "archive"]))
    assert [type(item).__name__ for item in items] == ["Ingested"]


def test_trec_records_keep_their_docno_and_a_broken_one_is_named(fixtures_dir: Path) -> None:
    items = list(read_paths([fixtures_dir / "ingest" / "corpus.trec.txt"]))
    assert len(items) == 2
    article, refusal = items
    assert isinstance(article, Ingested) and isinstance(refusal, InputError)
    assert article.article.id == "WA-culture-1-20240601"
    assert article.article.source == "نشرة الواحة" and article.article.category == "culture"
    assert article.article.published == datetime(
        2024, 6, 1, 20, 0, tzinfo=timezone(timedelta(hours=1))
    )
    assert len(article.article.paragraphs) == 2 and "& ضيوف" in article.article.body
    assert refusal.source.endswith("corpus.trec.txt#doc-2")


def test_markdown_heading_marks_leave_the_title_but_hashtags_stay(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(f"# مهرجان الموسيقى\n\n{BODY}", encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"#مجلس_الأمن يجتمع اليوم\n\n{BODY}", encoding="utf-8")
    titles = sorted(
        item.article.title for item in read_paths([tmp_path]) if isinstance(item, Ingested)
    )
    assert titles == ["#مجلس_الأمن يجتمع اليوم", "مهرجان الموسيقى"]


def test_a_text_file_takes_the_date_printed_above_its_title(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        f"محليات\n\nالأحد 5 أيار 2024\n\nافتتاح جسر جديد على النهر\n\n{BODY}", encoding="utf-8"
    )
    (item,) = list(read_paths([tmp_path / "a.txt"]))
    assert isinstance(item, Ingested)
    assert item.article.title == "افتتاح جسر جديد على النهر"
    assert item.article.published == datetime(2024, 5, 5, tzinfo=UTC)
    assert item.article.paragraphs == (BODY,)
