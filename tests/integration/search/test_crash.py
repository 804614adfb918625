"""A sync killed with SIGKILL mid-write: the index still opens and the next sync completes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.search.index import SearchIndex
from reader.store import Archive
from tests.integration.search.memory_archive import load_corpus

REPO = Path(__file__).resolve().parents[3]

# The child syncs the archive's index and announces "MARK" at the chosen point of the write.
CHILD = """
import sys, time
from pathlib import Path
import reader.search.index as index_module
from reader.store import Archive

mode = sys.argv[2]
calls = 0
original_document = index_module.document

def document(stored):
    global calls
    calls += 1
    if mode == "add" and calls == 120:
        print("MARK", flush=True)
        time.sleep(60)
    return original_document(stored)

index_module.document = document
if mode == "commit":
    from whoosh.writing import SegmentWriter
    original_commit = SegmentWriter.commit
    def commit(self, *args, **kwargs):
        print("MARK", flush=True)
        return original_commit(self, *args, **kwargs)
    SegmentWriter.commit = commit

with Archive.open(Path(sys.argv[1])) as archive:
    index_module.SearchIndex(archive.index_dir).sync(archive)
print("DONE", flush=True)
"""


@pytest.mark.slow
@pytest.mark.parametrize(("mode", "delay"), [("add", 0.0), ("commit", 0.05), ("commit", 0.5)])
def test_sigkill_during_sync(shared_dir: Path, tmp_path: Path, mode: str, delay: float) -> None:
    articles = [s.article for s in load_corpus(shared_dir / "corpus" / "sample.jsonl", 400)]
    folder = tmp_path / "archive"
    with Archive.open(folder) as archive:
        for article in articles[:100]:
            archive.upsert(article, original=None, origin="test")
        first = SearchIndex(archive.index_dir)
        first.sync(archive)
        first.close()
        for article in articles[100:]:
            archive.upsert(article, original=None, origin="test")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(folder), mode],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert child.stdout is not None
    try:
        line = child.stdout.readline()
        assert line.strip() == "MARK", line
        time.sleep(delay)
        assert child.poll() is None, "the write finished before the kill: test would prove nothing"
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL

    with Archive.open(folder) as archive:
        index = SearchIndex(archive.index_dir)
        assert index.doc_count() == 100  # the last committed generation, intact
        assert index.checkpoint() < archive.current_seq()
        index.sync(archive)  # takes the lock at once: the dead writer's flock is gone
        assert index.doc_count() == archive.count() == 400
        assert index.checkpoint() == archive.current_seq()
        late = articles[350]
        assert late.id in [hit.id for hit in index.search(late.title, limit=10).hits]
        index.close()
