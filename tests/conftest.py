"""Fixtures every layer of the test suite shares."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """`../shared` beside the project; tests that need it skip with a reason when it is absent."""
    if not (SHARED / "corpus" / "sample.jsonl").is_file():
        pytest.skip("../shared/corpus is absent: real-corpus test skipped")
    return SHARED


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture
def archive_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty archive folder, also set as AKHBAR_ARCHIVE so nothing touches the real one."""
    path = tmp_path / "archive"
    monkeypatch.setenv("AKHBAR_ARCHIVE", str(path))
    monkeypatch.setenv("AKHBAR_CONFIG", str(tmp_path / "no-config.toml"))
    return path


def run_akhbar(
    args: Sequence[str],
    *,
    archive: Path | None = None,
    input: str | bytes | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """Run the real `akhbar` entry point (`python -m reader`) in a subprocess."""
    full_env = dict(os.environ)
    full_env.pop("COLUMNS", None)
    if archive is not None:
        full_env["AKHBAR_ARCHIVE"] = str(archive)
    full_env.setdefault("AKHBAR_CONFIG", os.devnull)
    full_env.update(env or {})
    data = input.decode("utf-8") if isinstance(input, bytes) else input
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        input=data,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
        check=False,
    )
