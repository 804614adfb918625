"""Legacy encodings and hostile files through the real `akhbar import`."""

from __future__ import annotations

import json
from pathlib import Path

from reader.store import Archive
from tests.conftest import run_akhbar

TITLE = "افتتاح سوق جديدة للمنتجات الزراعية في مدينة صفاقس"
BOMB_ENTITIES = "".join(
    f'<!ENTITY e{n} "{("&e" + str(n - 1) + ";") * 10 if n else "ha"}">' for n in range(12)
)


def _titles(archive_dir: Path) -> dict[str, str]:
    with Archive.open(archive_dir, create=False) as archive:
        return {s.article.id: s.article.title for s in archive.iter_articles()}


def test_legacy_encodings_of_a_text_and_a_page(
    fixtures_dir: Path, archive_dir: Path, tmp_path: Path
) -> None:
    text = (fixtures_dir / "ingest" / "saved-page.txt").read_text(encoding="utf-8")
    page = (fixtures_dir / "ingest" / "article.html").read_text(encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    for encoding in ("utf-8-sig", "utf-16", "utf-16-le", "windows-1256"):
        (folder / f"page-{encoding}.txt").write_bytes(text.encode(encoding))
    # ISO-8859-6 has no tanween or shadda: write a text that fits it.
    plain = "سوق جديدة في صفاقس\n\nافتتحت البلدية سوقا جديدة للمنتجات الزراعية تضم مئتي محل."
    (folder / "note-8859-6.txt").write_bytes(plain.encode("iso-8859-6"))
    legacy_page = page.replace('charset="utf-8"', 'charset="windows-1256"')
    (folder / "page-1256.html").write_bytes(legacy_page.encode("windows-1256"))

    result = run_akhbar(["import", "--json", "--no-index", str(folder)], archive=archive_dir)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    # The four encodings of one text are one article: the same normalised body.
    assert summary["added"] == 3 and summary["unchanged"] == 3
    titles = set(_titles(archive_dir).values())
    assert titles == {TITLE, "سوق جديدة في صفاقس", "مكتبة عامة جديدة في حي الزهور"}


def test_hostile_files_are_refused_or_defanged(archive_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "escapes.txt").write_text(
        "عنوان \x1b]0;owned\x07خبيث\x1b[2J\n\nنص فيه \x1b[31mألوان\x1b[0m و\u202eمقلوب\u202c "
        "و\u2066معزول\u2069 وجرس\x07 ونهاية.",
        encoding="utf-8",
    )
    (folder / "binary.bin").write_bytes(bytes(range(256)) * 8)
    (folder / "nul.txt").write_bytes("نص عربي".encode() + b"\x00" * 20 + "آخر".encode())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "bomb.xml").write_text(
        f'<?xml version="1.0"?><!DOCTYPE rss [{BOMB_ENTITIES}]>'
        '<rss version="2.0"><channel><title>x</title><item><title>&e11;</title>'
        "</item></channel></rss>",
        encoding="utf-8",
    )
    (folder / "external.rss").write_text(
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
        '<rss version="2.0"><channel><title>x</title><item><title>&x;</title>'
        "<description>&x;</description></item></channel></rss>",
        encoding="utf-8",
    )
    (folder / "deep.html").write_text(
        "<html><body>" + "<div>" * 100_000 + "نص" + "</div>" * 100_000 + "</body></html>",
        encoding="utf-8",
    )
    (folder / "huge.txt").write_bytes(b"a" * (17 * 1024 * 1024))
    (folder / "name-\x1b[31m-red.txt").write_text("عنوان\n\nنص قصير.", encoding="utf-8")

    result = run_akhbar(["import", "--no-index", str(folder)], archive=archive_dir, timeout=120)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "\x1b" not in result.stderr and "\x1b" not in result.stdout
    lines = [line for line in result.stderr.splitlines() if "refused" in line]
    reasons = {Path(line.split("refused ", 1)[1].split(": ", 1)[0]).name: line for line in lines}
    assert set(reasons) == {
        "binary.bin",
        "nul.txt",
        "empty.txt",
        "bomb.xml",
        "external.rss",
        "deep.html",
        "huge.txt",
    }
    assert "binary" in reasons["binary.bin"] and "NUL" in reasons["nul.txt"]
    assert "empty" in reasons["empty.txt"] and "entit" in reasons["bomb.xml"]
    assert "entit" in reasons["external.rss"] and "nested" in reasons["deep.html"]
    assert "too large" in reasons["huge.txt"]
    with Archive.open(archive_dir, create=False) as archive:
        stored = list(archive.iter_articles())
    assert len(stored) == 2
    for item in stored:
        text = item.article.title + item.article.body
        assert not any(c in text for c in "\x1b\x07\u202e\u202c\u2066\u2069")
    escaped = next(s for s in stored if "خبيث" in s.article.title)
    assert "ألوان" in escaped.article.body and "مقلوب" in escaped.article.body
