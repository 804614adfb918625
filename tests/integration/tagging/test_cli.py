"""`akhbar tag FILE` and `akhbar tags` through the real command, on articles written for tests."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_akhbar

# Written for akhbar.
ARTICLE_TEXT = (
    "قصف على ريف درعا\n\n"
    "قال المرصد السوري لحقوق الإنسان إن طائرات روسية قصفت بلدات في ريف درعا، فيما دعت "
    "الأمم المتحدة إلى وقف القتال.\n"
)
RECORDS = [
    {
        "id": "one",
        "title": "الرئيس الفرنسي يزور بيروت",
        "body": "وصل الرئيس الفرنسي إيمانويل ماكرون إلى بيروت حيث التقى رئيس الحكومة اللبنانية.",
    },
    {
        "id": "two",
        "title": "مباحثات في القاهرة",
        "body": "استضافت القاهرة مباحثات بين حركة حماس ووفد من الأمم المتحدة حول غزة.",
    },
]


def _jsonl(path: Path, records: list[dict[str, str]]) -> Path:
    path.write_text(
        "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records),
        encoding="utf-8",
    )
    return path


def test_tag_text_file_prints_one_object(tmp_path: Path, archive_dir: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE_TEXT, encoding="utf-8")
    result = run_akhbar(["tag", str(path)], archive=archive_dir)
    assert result.returncode == 0, result.stderr
    tags = json.loads(result.stdout)
    assert set(tags) == {"actors", "places"}
    assert "المرصد السوري لحقوق الإنسان" in tags["actors"]
    assert "الأمم المتحدة" in tags["actors"]
    assert "درعا" in tags["places"] or "ريف درعا" in tags["places"]
    assert not archive_dir.exists()  # works without an archive


def test_tag_jsonl_prints_one_line_per_article(tmp_path: Path, archive_dir: Path) -> None:
    path = _jsonl(tmp_path / "articles.jsonl", RECORDS)
    result = run_akhbar(["tag", str(path)], archive=archive_dir)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["one", "two"]
    assert "إيمانويل ماكرون" in lines[0]["actors"]
    assert "بيروت" in lines[0]["places"]
    assert "حماس" in lines[1]["actors"]
    assert {"القاهرة", "غزة"} <= set(lines[1]["places"])


def test_tag_bad_inputs_give_one_line_errors(tmp_path: Path, archive_dir: Path) -> None:
    missing = run_akhbar(["tag", str(tmp_path / "missing.txt")], archive=archive_dir)
    assert missing.returncode == 1
    assert missing.stderr.count("\n") == 1 and "missing.txt" in missing.stderr
    binary = tmp_path / "image.bin"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    refused = run_akhbar(["tag", str(binary)], archive=archive_dir)
    assert refused.returncode == 1
    assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
    folder = run_akhbar(["tag", str(tmp_path)], archive=archive_dir)
    assert folder.returncode == 1 and "folder" in folder.stderr
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text(json.dumps(RECORDS[0], ensure_ascii=False) + "\n{broken\n", "utf-8")
    partial = run_akhbar(["tag", str(mixed)], archive=archive_dir)
    assert partial.returncode == 1
    assert len(partial.stdout.splitlines()) == 1
    assert "mixed.jsonl:2" in partial.stderr


def test_tags_counts_and_user_edits_survive_retagging(tmp_path: Path, archive_dir: Path) -> None:
    empty = run_akhbar(["tags", "--json"], archive=archive_dir)
    assert empty.returncode == 0, empty.stderr
    assert json.loads(empty.stdout) == {"actors": [], "places": []}

    path = _jsonl(tmp_path / "articles.jsonl", RECORDS)
    imported = run_akhbar(["import", str(path)], archive=archive_dir)
    assert imported.returncode == 0, imported.stderr
    listed = json.loads(run_akhbar(["tags", "--json"], archive=archive_dir).stdout)
    places = {row["name"]: row["count"] for row in listed["places"]}
    assert places.get("بيروت") == 1
    actors = {row["name"]: row["count"] for row in listed["actors"]}
    assert actors.get("الأمم المتحدة") == 1

    exported = [
        json.loads(line) for line in run_akhbar(["export"], archive=archive_dir).stdout.splitlines()
    ]
    first = next(record["id"] for record in exported if "بيروت" in record["title"])
    added = run_akhbar(["tags", "add", first, "place", "لبنان"], archive=archive_dir)
    assert added.returncode == 0, added.stderr
    assert "لبنان" in json.loads(added.stdout)["places"]
    removed = run_akhbar(["tags", "remove", first, "place", "بيروت"], archive=archive_dir)
    assert removed.returncode == 0, removed.stderr
    assert "بيروت" not in json.loads(removed.stdout)["places"]
    assert removed.stderr == ""
    absent = run_akhbar(["tags", "remove", first, "place", "طوكيو"], archive=archive_dir)
    assert absent.returncode == 0 and "note" in absent.stderr
    # A spelling variant (no hamza) names the tag the article carries.
    variant = run_akhbar(["tags", "remove", first, "actor", "ايمانويل ماكرون"], archive=archive_dir)
    assert variant.returncode == 0 and variant.stderr == "", variant.stderr
    assert "إيمانويل ماكرون" not in json.loads(variant.stdout)["actors"]

    # Importing the same file again and re-tagging every article keep the user's edits.
    run_akhbar(["import", str(path)], archive=archive_dir)
    from reader.library import Library

    with Library(archive_dir, create=False) as library:
        assert library.retag() == 2
    places_only = json.loads(
        run_akhbar(["tags", "--kind", "places", "--json"], archive=archive_dir).stdout
    )
    assert set(places_only) == {"places"}
    names = {row["name"] for row in places_only["places"]}
    assert "لبنان" in names and "بيروت" not in names

    top = json.loads(run_akhbar(["tags", "--top", "1", "--json"], archive=archive_dir).stdout)
    assert len(top["actors"]) == 1 and len(top["places"]) == 1
    text = run_akhbar(["tags"], archive=archive_dir)
    assert text.returncode == 0 and "places (" in text.stdout


def test_tags_edit_errors(tmp_path: Path, archive_dir: Path) -> None:
    path = _jsonl(tmp_path / "articles.jsonl", RECORDS[:1])
    run_akhbar(["import", str(path)], archive=archive_dir)
    unknown = run_akhbar(["tags", "add", "no-such-id", "actor", "أحد"], archive=archive_dir)
    assert unknown.returncode != 0 and unknown.stderr.count("\n") == 1
    bad_kind = run_akhbar(["tags", "add", "x", "person", "أحد"], archive=archive_dir)
    assert bad_kind.returncode == 2
