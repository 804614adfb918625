"""`akhbar search`, `akhbar analyze` and `akhbar reindex` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from reader.models import Article
from reader.search.analysis import normalize, stem
from reader.store import Archive
from tests.conftest import run_akhbar
from tests.integration.search.conftest import OWN_ARTICLES, fill


def _archive(path: Path, extra: list[Article] | None = None) -> Path:
    with Archive.open(path) as archive:
        fill(archive, OWN_ARTICLES + (extra or []))
    return path


def test_search_json_has_hits_offsets_and_facets(archive_dir: Path) -> None:
    _archive(archive_dir)
    done = run_akhbar(["search", "الشركات الصغيره", "--json"], archive=archive_dir)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["total"] == 1 and result["relaxed"] is False
    hit = result["hits"][0]
    assert set(hit) >= {"id", "title", "source", "published", "score", "snippet"}
    assert hit["id"] == "own-4" and hit["published"].startswith("2024-04-05")
    assert [hit["title"][s:e] for s, e in hit["title_hits"]] == ["الشركات", "الصغيرة"]
    assert [hit["snippet"][s:e] for s, e in hit["snippet_hits"]] == ["الشركات", "الصغيرة"]
    assert result["facets"]["places"] == [["الأردن", 1], ["مصر", 1]]
    assert result["facets"]["sources"] == [["other-news", 1]]


def test_filters_from_the_command_line(archive_dir: Path) -> None:
    _archive(archive_dir)

    def ids(*args: str) -> list[str]:
        done = run_akhbar(["search", *args, "--json"], archive=archive_dir)
        assert done.returncode == 0, done.stderr
        return [hit["id"] for hit in json.loads(done.stdout)["hits"]]

    assert ids("", "--source", "own-news", "--sort", "oldest") == ["own-1", "own-2"]
    assert ids("", "--since", "2024-04-01") == ["own-4", "own-3"]
    assert ids("", "--until", "2024-03-11") == ["own-1"]
    assert ids("", "--place", "الاسكندريه") == ["own-1"]
    assert ids("", "--actor", "وزاره الاقتصاد") == ["own-4"]
    assert ids("place:مصر") == ["own-4"]


def test_text_output_is_plain_when_not_a_tty(archive_dir: Path) -> None:
    hostile = Article(
        id="own-x",
        title="عنوان \x1b[31mخطر\x1b[0m \u202eمقلوب",
        paragraphs=("نص فيه خطر \x1b]0;title\x07 مخفي.",),
        source="own-news",
    )
    _archive(archive_dir, [hostile])
    for mode in ("app", "terminal"):
        done = run_akhbar(["--bidi", mode, "search", "خطر"], archive=archive_dir)
        assert done.returncode == 0, done.stderr
        assert "\x1b" not in done.stdout and "\u202e" not in done.stdout
        assert "own-x" in done.stdout
    assert "نص فيه خطر" in done.stdout  # terminal mode: logical order, the terminal reorders


def test_malformed_query_exits_2_with_one_line(archive_dir: Path) -> None:
    _archive(archive_dir)
    done = run_akhbar(["search", '"غير مغلق'], archive=archive_dir)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "quote" in done.stderr
    done = run_akhbar(["search", "x", "--since", "yesterday"], archive=archive_dir)
    assert done.returncode == 2 and "Traceback" not in done.stderr


def test_nothing_found_suggests(archive_dir: Path) -> None:
    _archive(archive_dir)
    done = run_akhbar(["search", "المكتبت"], archive=archive_dir)
    assert done.returncode == 0
    line = next(line for line in done.stdout.splitlines() if line.startswith("Did you mean: "))
    assert stem(normalize(line.removeprefix("Did you mean: "))) == "مكتب"  # المكتبة/المكتبات


def test_queries_file_prints_one_array_per_line(archive_dir: Path, tmp_path: Path) -> None:
    _archive(archive_dir)
    queries = tmp_path / "queries.txt"
    queries.write_text("أمطار\nالمنتخب النهائية\nلا شيء هنا زمبرليكو\n", encoding="utf-8")
    done = run_akhbar(["search", "--queries", str(queries)], archive=archive_dir)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [[hit["id"] for hit in line] for line in lines] == [["own-2"], ["own-3"], []]


def test_analyze_prints_terms_and_offsets() -> None:
    done = run_akhbar(["analyze", "وَالمُفاوَضاتُ في ٢٠٢٤"])
    assert done.returncode == 0
    assert done.stdout.split() == ["مفاوض", "2024"]
    done = run_akhbar(["analyze", "الأسواق", "--json"])
    assert json.loads(done.stdout) == [{"term": "اسواق", "start": 0, "end": 7}]


def test_reindex_rebuilds(archive_dir: Path) -> None:
    _archive(archive_dir)
    done = run_akhbar(["reindex"], archive=archive_dir)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("indexed 4 article(s)")
    assert run_akhbar(["search", "مكتبة", "--json"], archive=archive_dir).returncode == 0


def test_search_without_archive_is_a_clear_error(archive_dir: Path) -> None:
    done = run_akhbar(["search", "أي"], archive=archive_dir)
    assert done.returncode != 0
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


def test_hits_are_bold_reverse_on_a_tty(archive_dir: Path) -> None:
    import os
    import pty
    import subprocess
    import sys

    _archive(archive_dir)
    primary, secondary = pty.openpty()
    env = dict(os.environ, AKHBAR_ARCHIVE=str(archive_dir), AKHBAR_CONFIG=os.devnull)
    child = subprocess.Popen(
        [sys.executable, "-m", "reader", "--bidi", "terminal", "search", "أمطار"],
        stdout=secondary,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    os.close(secondary)
    output = b""
    while True:
        try:
            chunk = os.read(primary, 4096)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    child.wait(timeout=60)
    os.close(primary)
    text = output.decode("utf-8")
    assert "\x1b[1;7mأمطار\x1b[0m" in text  # title and snippet hits
    assert text.count("\x1b[1;7m") == 2
