"""UI settings: bidi mode, UI language and keymap, from flags > AKHBAR_* env > config file.

Config file keys (TOML): `bidi = "auto"|"app"|"terminal"`, `ui_lang = "en"|"ar"` and a
`[keymap]` table of binding id -> keys (`focus-search = "ctrl+f,slash"`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from reader.config import config_path, load_config
from reader.errors import UsageError
from reader.tui.commands import validate_keymap
from reader.tui.terminal import BidiSetting

UiLang = Literal["en", "ar"]
BIDI_CHOICES: tuple[BidiSetting, ...] = ("auto", "app", "terminal")
LANG_CHOICES: tuple[UiLang, ...] = ("en", "ar")
BIDI_ENV = "AKHBAR_BIDI"
UI_LANG_ENV = "AKHBAR_UI_LANG"


@dataclass(frozen=True, slots=True)
class UiSettings:
    """The resolved UI settings; `problems` are one-line notes for the status line."""

    bidi: BidiSetting = "auto"
    ui_lang: UiLang = "en"
    keymap: dict[str, str] = field(default_factory=dict)
    problems: tuple[str, ...] = ()


def _pick(name: str, flag: str | None, env_name: str, config: Mapping[str, Any]) -> str | None:
    if flag:
        return flag
    env = os.environ.get(env_name)
    if env:
        return env
    value = config.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise UsageError(f"{config_path()}: `{name}` must be a string")
    return value


def resolve(
    bidi: str | None = None,
    ui_lang: str | None = None,
    config: Mapping[str, Any] | None = None,
) -> UiSettings:
    """Resolve the settings; a wrong value is a one-line UsageError naming where it came from."""
    cfg = load_config() if config is None else config
    bidi_value = _pick("bidi", bidi, BIDI_ENV, cfg) or "auto"
    if bidi_value not in BIDI_CHOICES:
        raise UsageError(f"bidi: {bidi_value!r} is not one of auto, app, terminal")
    lang_value = _pick("ui_lang", ui_lang, UI_LANG_ENV, cfg) or "en"
    if lang_value not in LANG_CHOICES:
        raise UsageError(f"ui_lang: {lang_value!r} is not one of en, ar")
    raw_keymap = cfg.get("keymap", {})
    if not isinstance(raw_keymap, dict):
        raise UsageError(f"{config_path()}: [keymap] must be a table of binding id = keys")
    keymap, problems = validate_keymap(raw_keymap)
    return UiSettings(bidi_value, lang_value, keymap, tuple(problems))


_TOP_LEVEL_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")
_TABLE = re.compile(r"^\s*\[")


def save_setting(key: str, value: str, path: Path | None = None) -> Path:
    """Set a top-level string key in the config file, keeping everything else as written."""
    path = path or config_path()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        lines = []
    except OSError as exc:
        raise UsageError(f"{path}: cannot read config file ({exc.strerror})") from None
    new_line = f'{key} = "{value}"'
    first_table = next((i for i, line in enumerate(lines) if _TABLE.match(line)), len(lines))
    for i in range(first_table):
        match = _TOP_LEVEL_KEY.match(lines[i])
        if match and match.group(1) == key:
            lines[i] = new_line
            break
    else:
        lines.insert(first_table, new_line)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{path}: cannot write config file ({exc.strerror})") from None
    load_config(path)  # refuse to leave a file we cannot read back
    return path
