"""`kill -9` in the middle of an import, and two imports into one archive at once."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.store import Archive
from tests.conftest import run_akhbar
from tests.integration.archive.synth import write_jsonl

COUNT = 3000


def _committed(archive_dir: Path) -> int:
    """Articles committed so far, read the way any other process would."""
    path = archive_dir / "archive.sqlite3"
    if not path.exists():
        return 0
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)
        try:
            return int(connection.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        finally:
            connection.close()
    except sqlite3.Error:
        return 0


def _start_import(paths: list[Path], archive_dir: Path) -> subprocess.Popen[str]:
    env = dict(os.environ, AKHBAR_ARCHIVE=str(archive_dir), AKHBAR_CONFIG=os.devnull)
    return subprocess.Popen(
        [sys.executable, "-m", "reader", "import", "--json", *map(str, paths)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
@pytest.mark.parametrize("kill_after", [0, 1000, 2050])  # 2050: around the first index sync
def test_sigkill_mid_import_then_rerun_finishes_the_job(
    tmp_path: Path, archive_dir: Path, kill_after: int
) -> None:
    source = write_jsonl(tmp_path / "many.jsonl", COUNT)
    process = _start_import([source], archive_dir)
    deadline = time.monotonic() + 60
    while _committed(archive_dir) <= kill_after and time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"import ended before it could be killed: {process.stderr!r}")
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    before = _committed(archive_dir)
    assert before < COUNT, "the import finished before the kill: make it bigger"

    with Archive.open(archive_dir, create=False) as archive:  # it opens, and is sound
        assert archive.count() == before
        assert archive._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    rerun = run_akhbar(["import", "--json", str(source)], archive=archive_dir, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout)
    assert summary["added"] + summary["unchanged"] == COUNT and summary["updated"] == 0
    assert summary["added"] == COUNT - before
    with Archive.open(archive_dir, create=False) as archive:
        assert archive.count() == COUNT
        assert archive.ids() == [f"synth-{n:05d}" for n in range(COUNT)]
        assert archive.ids_needing_tags() == []
        from reader.search import SearchIndex

        index = SearchIndex(archive.index_dir)
        assert index.doc_count() == COUNT
        index.close()


@pytest.mark.slow
def test_two_imports_at_once_both_succeed(tmp_path: Path, archive_dir: Path) -> None:
    first = write_jsonl(tmp_path / "first.jsonl", 1500, start=0, seed=2)
    second = write_jsonl(tmp_path / "second.jsonl", 1500, start=1500, seed=3)
    one = _start_import([first], archive_dir)
    while _committed(archive_dir) == 0 and one.poll() is None:
        time.sleep(0.01)
    two = _start_import([second], archive_dir)
    out_one, err_one = one.communicate(timeout=300)
    out_two, err_two = two.communicate(timeout=300)
    assert one.returncode == 0, err_one
    assert two.returncode == 0, err_two
    assert json.loads(out_one)["added"] == 1500 and json.loads(out_two)["added"] == 1500
    assert "waiting" in err_two, err_two
    with Archive.open(archive_dir, create=False) as archive:
        assert archive.count() == 3000
