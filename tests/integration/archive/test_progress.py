"""The progress bar: on a terminal for a long import, never in a pipe."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import run_akhbar
from tests.integration.archive.synth import write_jsonl


@pytest.mark.slow
def test_progress_bar_on_a_terminal_only(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "many.jsonl", 6000)
    env = dict(os.environ, AKHBAR_ARCHIVE=str(tmp_path / "a"), AKHBAR_CONFIG=os.devnull)
    main, child = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "reader", "import", "--no-index", "--no-tags", str(source)],
        stdin=child,
        stdout=child,
        stderr=child,
        env=env,
    )
    os.close(child)
    seen = b""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(main, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        elif process.poll() is not None:
            break
    process.wait(timeout=30)
    os.close(main)
    text = seen.decode("utf-8", errors="replace")
    assert process.returncode == 0, text
    assert "\r[" in text and "%" in text and "6000 new" in text

    piped = run_akhbar(["import", "--no-index", "--no-tags", str(source)], archive=tmp_path / "b")
    assert "[" not in piped.stderr and "6000 new" in piped.stdout
