"""Settings and locations: flags first, then AKHBAR_* environment variables, then the config file.

Archive location, in this order:
1. `--archive DIR` on the command line;
2. the `AKHBAR_ARCHIVE` environment variable;
3. `archive = "DIR"` in the config file;
4. running from a source checkout (an editable install): the checkout's top-level `index/`;
5. otherwise the user's data directory (platformdirs), e.g. `~/.local/share/akhbar` on Linux.

The config file is `AKHBAR_CONFIG` if set, else `config.toml` in the user's config directory.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from reader.errors import UsageError

APP_NAME = "akhbar"
ARCHIVE_ENV = "AKHBAR_ARCHIVE"
CONFIG_ENV = "AKHBAR_CONFIG"

_PACKAGE_DIR = Path(__file__).resolve().parent


def source_checkout() -> Path | None:
    """The top of the source checkout this package runs from, or None for an installed copy."""
    top = _PACKAGE_DIR.parent
    if (top / "pyproject.toml").is_file() and (top / "index").is_dir():
        return top
    return None


def config_path() -> Path:
    explicit = os.environ.get(CONFIG_ENV)
    if explicit:
        return Path(explicit).expanduser()
    from platformdirs import user_config_path

    return user_config_path(APP_NAME) / "config.toml"


def load_config(path: Path | None = None) -> dict[str, Any]:
    """The config file as a dict; {} when there is none. A broken file is a one-line UsageError."""
    path = path or config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise UsageError(f"{path}: cannot read config file ({exc.strerror})") from None
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"{path}: not a valid TOML config file ({exc})") from None


def archive_dir(flag: str | Path | None = None, config: dict[str, Any] | None = None) -> Path:
    """Where the archive lives (see the module docstring for the order)."""
    if flag:
        return Path(flag).expanduser()
    env = os.environ.get(ARCHIVE_ENV)
    if env:
        return Path(env).expanduser()
    configured = (config if config is not None else load_config()).get("archive")
    if isinstance(configured, str) and configured:
        return Path(configured).expanduser()
    top = source_checkout()
    if top is not None:
        return top / "index"
    from platformdirs import user_data_path

    return user_data_path(APP_NAME)


def asset_path(*parts: str) -> Path:
    """A file the program ships: inside the wheel (`reader/_assets`) or the checkout's `assets/`."""
    packaged = _PACKAGE_DIR / "_assets"
    if packaged.is_dir():
        return packaged.joinpath(*parts)
    return _PACKAGE_DIR.parent.joinpath("assets", *parts)
