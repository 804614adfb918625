"""`akhbar import/stats/show/export/delete` as a user runs them, on fixtures written for this."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from reader.store import Archive
from tests.conftest import run_akhbar


def _copy_fixtures(fixtures_dir: Path, target: Path) -> Path:
    shutil.copytree(fixtures_dir / "ingest", target)
    return target


def test_import_folder_names_each_refusal_and_exits_1(
    fixtures_dir: Path, archive_dir: Path, tmp_path: Path
) -> None:
    inputs = _copy_fixtures(fixtures_dir, tmp_path / "in")
    result = run_akhbar(["import", str(inputs)], archive=archive_dir)
    assert result.returncode == 1, result.stderr
    refused = [line for line in result.stderr.splitlines() if "refused" in line]
    assert len(refused) == 4
    assert any("corpus.trec.txt#doc-2:" in line for line in refused)
    for number in (2, 4, 6):
        assert any(f"articles.jsonl:{number}:" in line for line in refused)
    assert "Traceback" not in result.stderr
    # 2 text + 1 html + 4 feed entries + 3 JSON lines + 1 TREC record.
    assert "11 new" in result.stdout
    with Archive.open(archive_dir, create=False) as archive:
        assert archive.count() == 11
        assert archive.get("fx-001") is not None  # the given id is kept

    again = run_akhbar(["import", "--json", str(inputs)], archive=archive_dir)
    summary = json.loads(again.stdout)
    assert (summary["added"], summary["updated"], summary["unchanged"]) == (0, 0, 11)
    assert again.returncode == 1 and len(summary["refused"]) == 4


def test_changed_file_is_updated_in_place(
    fixtures_dir: Path, archive_dir: Path, tmp_path: Path
) -> None:
    page = tmp_path / "page.txt"
    shutil.copy(fixtures_dir / "ingest" / "saved-page.txt", page)
    assert run_akhbar(["import", str(page)], archive=archive_dir).returncode == 0
    page.write_text(
        page.read_text(encoding="utf-8").replace("مئتي محل", "ثلاثمئة محل"), encoding="utf-8"
    )
    result = run_akhbar(["import", "--json", str(page)], archive=archive_dir)
    assert json.loads(result.stdout)["updated"] == 1
    with Archive.open(archive_dir, create=False) as archive:
        assert archive.count() == 1
        (stored,) = list(archive.iter_articles())
        assert "ثلاثمئة محل" in stored.article.body


def test_usage_errors_exit_2(archive_dir: Path) -> None:
    assert run_akhbar(["import"], archive=archive_dir).returncode == 2
    assert run_akhbar(["show", "x", "--width", "zero"], archive=archive_dir).returncode == 2


def test_stats_show_export_delete_round_trip(
    fixtures_dir: Path, archive_dir: Path, tmp_path: Path
) -> None:
    inputs = _copy_fixtures(fixtures_dir, tmp_path / "in")
    run_akhbar(["import", "--no-index", str(inputs)], archive=archive_dir)

    stats = json.loads(run_akhbar(["stats", "--json"], archive=archive_dir).stdout)
    assert stats["articles"] == 11 and stats["unread"] == 11
    assert stats["sources"]["news-example"] == 3

    shown = run_akhbar(["show", "fx-002", "--width", "40"], archive=archive_dir)
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert all(len(line) <= 40 for line in lines)
    assert "news-example" in lines[1] and "2024-03-05" in lines[1]
    assert "\x1b" not in shown.stdout

    missing = run_akhbar(["show", "nope"], archive=archive_dir)
    assert (
        missing.returncode == 1 and "nope" in missing.stderr and "Traceback" not in missing.stderr
    )

    with Archive.open(archive_dir) as archive:
        archive.set_starred("fx-001", True)
        archive.set_read("fx-002", True)
    exported = tmp_path / "export.jsonl"
    result = run_akhbar(["export", "-o", str(exported)], archive=archive_dir)
    assert result.returncode == 0
    assert len(exported.read_text(encoding="utf-8").splitlines()) == 11

    other = tmp_path / "other"
    back = run_akhbar(["import", "--json", str(exported)], archive=other)
    assert back.returncode == 0, back.stderr
    assert json.loads(back.stdout)["added"] == 11
    with Archive.open(archive_dir) as first, Archive.open(other) as second:
        one = {s.article.id: s for s in first.iter_articles()}
        two = {s.article.id: s for s in second.iter_articles()}
        assert one.keys() == two.keys()
        for article_id, stored in one.items():
            assert two[article_id].article == stored.article
        assert (
            two["fx-001"].starred
            and two["fx-002"].read
            and not two["fx-003" if "fx-003" in two else "fx-004"].read
        )

    deleted = run_akhbar(["delete", "fx-001"], archive=archive_dir)
    assert deleted.returncode == 0
    assert run_akhbar(["delete", "fx-001"], archive=archive_dir).returncode == 1
    stats = json.loads(run_akhbar(["stats", "--json"], archive=archive_dir).stdout)
    assert stats["articles"] == 10


def test_stats_on_a_missing_archive_does_not_create_it(tmp_path: Path) -> None:
    where = tmp_path / "none"
    result = run_akhbar(["stats", "--json"], archive=where)
    assert result.returncode == 0 and json.loads(result.stdout)["articles"] == 0
    assert not where.exists()


def test_import_from_standard_input(fixtures_dir: Path, archive_dir: Path) -> None:
    records = (fixtures_dir / "ingest" / "articles.jsonl").read_text(encoding="utf-8")
    result = run_akhbar(["import", "--json", "--no-index", "-"], archive=archive_dir, input=records)
    assert result.returncode == 1 and "<stdin>:2:" in result.stderr
    assert json.loads(result.stdout)["added"] == 3
    page = (fixtures_dir / "ingest" / "saved-page.txt").read_text(encoding="utf-8")
    for expected in ("added", "unchanged"):  # the same text piped twice is one article
        piped = run_akhbar(["import", "--json", "--no-index", "-"], archive=archive_dir, input=page)
        assert piped.returncode == 0 and json.loads(piped.stdout)[expected] == 1
