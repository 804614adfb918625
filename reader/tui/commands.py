"""The one command registry: it feeds every BINDINGS list, the footer, help (`?`) and ctrl+p.

Each command has a stable kebab-case id (the Binding id), so users remap keys by id in the
config file's `[keymap]` table and Textual's `App.set_keymap` applies them everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from textual.binding import Binding

Scope = Literal["app", "list", "article", "search"]
SCOPES: tuple[Scope, ...] = ("app", "list", "article", "search")


@dataclass(frozen=True, slots=True)
class Command:
    """One user command: keys (Textual key names), the action it runs, and its help text."""

    id: str
    keys: tuple[str, ...]
    action: str
    description: str
    description_ar: str
    scope: Scope
    show: bool = True
    priority: bool = False


COMMANDS: tuple[Command, ...] = (
    # app: the App (or the main screen) implements action_<action>.
    Command("focus-search", ("slash",), "focus_search", "Search", "بحث", "app"),
    Command("quit", ("q",), "quit", "Quit", "خروج", "app"),
    Command("help", ("question_mark", "f1"), "show_help", "Help", "مساعدة", "app"),
    Command("back", ("escape",), "go_back", "Back", "رجوع", "app"),
    Command("toggle-read", ("r",), "toggle_read", "Read/unread", "مقروء", "app"),
    Command("toggle-star", ("s",), "toggle_star", "Star", "نجمة", "app"),
    Command("open-url", ("o",), "open_url", "Open in browser", "فتح في المتصفح", "app", False),
    Command("copy-article", ("c",), "copy_article", "Copy article text", "نسخ النص", "app", False),
    Command("filter-unread", ("u",), "filter_unread", "Unread only", "غير المقروء", "app"),
    Command("filter-starred", ("asterisk",), "filter_starred", "Starred only", "المميز", "app"),
    Command("toggle-fullscreen", ("f",), "toggle_fullscreen", "Full screen", "ملء الشاشة", "app"),
    Command("toggle-bidi", ("f9",), "toggle_bidi", "Bidi mode", "وضع الاتجاه", "app"),
    Command("bidi-check", ("f8",), "show_bidi_check", "Bidi check", "فحص الاتجاه", "app", False),
    Command(
        "clear-filters", ("x",), "clear_filters", "Clear filters", "مسح المرشحات", "app", False
    ),
    Command("focus-tags", ("t",), "focus_tags", "Tags", "الوسوم", "app", False),
    Command("toggle-sort", ("ctrl+o",), "toggle_sort", "Newest/oldest", "الترتيب", "app", False),
    # list: ArticleList implements these.
    Command("cursor-down", ("j", "down"), "cursor_down", "Next", "التالي", "list", False),
    Command("cursor-up", ("k", "up"), "cursor_up", "Previous", "السابق", "list", False),
    Command("open-article", ("enter",), "open_article", "Open", "فتح", "list"),
    Command(
        "list-page-down",
        ("pagedown", "space"),
        "page_down",
        "Page down",
        "صفحة تالية",
        "list",
        False,
    ),
    Command("list-page-up", ("pageup",), "page_up", "Page up", "صفحة سابقة", "list", False),
    Command("list-first", ("g", "home"), "first", "First", "الأول", "list", False),
    Command("list-last", ("G", "end"), "last", "Last", "الأخير", "list", False),
    # article: ArticleView implements these.
    Command("scroll-down", ("j", "down"), "scroll_down", "Down", "أسفل", "article", False),
    Command("scroll-up", ("k", "up"), "scroll_up", "Up", "أعلى", "article", False),
    Command(
        "page-down", ("space", "pagedown"), "page_down", "Page down", "صفحة تالية", "article", False
    ),
    Command("page-up", ("pageup", "b"), "page_up", "Page up", "صفحة سابقة", "article", False),
    Command("scroll-top", ("g", "home"), "scroll_top", "Top", "البداية", "article", False),
    Command("scroll-bottom", ("G", "end"), "scroll_bottom", "Bottom", "النهاية", "article", False),
    # search: SearchBar implements these.
    Command("run-search", ("enter",), "run_search", "Run search", "ابحث", "search"),
    Command(
        "history-prev", ("up",), "history_prev", "Older query", "استعلام أقدم", "search", False
    ),
    Command(
        "history-next", ("down",), "history_next", "Newer query", "استعلام أحدث", "search", False
    ),
)

_BY_ID: dict[str, Command] = {command.id: command for command in COMMANDS}


def command(command_id: str) -> Command:
    """The command with this id (KeyError for an unknown id)."""
    return _BY_ID[command_id]


def commands_in(scope: Scope) -> list[Command]:
    """The commands of one scope, in registry order."""
    return [c for c in COMMANDS if c.scope == scope]


def binding_ids() -> frozenset[str]:
    return frozenset(_BY_ID)


def keys_for(command_id: str, keymap_overrides: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """The keys bound to a command after the user's overrides (`"ctrl+f,slash"` -> two keys)."""
    override = (keymap_overrides or {}).get(command_id)
    if override:
        return tuple(k.strip() for k in override.split(",") if k.strip())
    return _BY_ID[command_id].keys


def bindings_for(
    scope: Scope, keymap_overrides: Mapping[str, str] | None = None, *, arabic: bool = False
) -> list[Binding]:
    """Textual Bindings for one scope; the Binding id is the command id so keymaps apply."""
    return [
        Binding(
            ",".join(keys_for(c.id, keymap_overrides)),
            c.action,
            c.description_ar if arabic else c.description,
            show=c.show,
            id=c.id,
            priority=c.priority,
        )
        for c in commands_in(scope)
    ]


_KEY_DISPLAY = {
    "slash": "/",
    "question_mark": "?",
    "asterisk": "*",
    "escape": "Esc",
    "enter": "Enter",
    "space": "Space",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "home": "Home",
    "end": "End",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
}


def key_display(key: str) -> str:
    """How a Textual key name is shown to a user (`question_mark` -> `?`, `ctrl+o` -> `^o`)."""
    if key in _KEY_DISPLAY:
        return _KEY_DISPLAY[key]
    if key.startswith("ctrl+") and len(key) == 6:
        return "^" + key[5:]
    if len(key) >= 2 and key[0] == "f" and key[1:].isdigit():
        return key.upper()
    return key


def validate_keymap(keymap: Mapping[str, object]) -> tuple[dict[str, str], list[str]]:
    """Split a config `[keymap]` table into usable overrides and one-line problems."""
    good: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, keys in keymap.items():
        if binding_id not in _BY_ID:
            problems.append(f"keymap: unknown binding id {binding_id!r}")
        elif not isinstance(keys, str) or not keys.strip():
            problems.append(f'keymap: {binding_id!r} needs a key string such as "ctrl+f"')
        else:
            good[binding_id] = keys.strip()
    return good, problems


def help_rows(
    keymap_overrides: Mapping[str, str] | None = None, *, arabic: bool = False
) -> Iterable[tuple[Scope, str, str, str]]:
    """(scope, id, keys shown, description) for every command: the help screen's table."""
    for c in COMMANDS:
        keys = " ".join(key_display(k) for k in keys_for(c.id, keymap_overrides))
        yield c.scope, c.id, keys, c.description_ar if arabic else c.description
