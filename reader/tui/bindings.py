"""Binding ids, the user's keymap, and the table of every binding that the help screen shows.

Every binding in the app has an id (`area.verb`); `keymap: {binding-id: keys}` in the user's
`config.yaml` replaces the keys of a binding (comma-separated for several keys), applied with
`App.set_keymap`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from textual.binding import Binding

from reader.config import CONFIG_FILE, ConfigError, config_dir


@dataclass(frozen=True, slots=True)
class BindingRow:
    """One line of the help screen."""

    area: str
    keys: str
    description: str
    id: str


def areas() -> list[tuple[str, type]]:
    """The places bindings live, in help-screen order, with the class that declares them."""
    from reader.tui.app import ReaderApp
    from reader.tui.article_view import ArticleView
    from reader.tui.empty_screen import EmptyScreen
    from reader.tui.filters import FilterScreen
    from reader.tui.help_screen import HelpScreen
    from reader.tui.main_screen import MainScreen
    from reader.tui.note_screen import NoteScreen
    from reader.tui.row_list import RowList
    from reader.tui.search_panel import HitList, SearchPanel
    from reader.tui.source_list import SourceList
    from reader.tui.split_picker import SidePicker
    from reader.tui.split_screen import SplitScreen
    from reader.tui.stories_screen import StoriesScreen
    from reader.tui.story_screen import StoryScreen

    return [
        ("Everywhere", ReaderApp),
        ("Main screen", MainScreen),
        ("Lists (sources, hits, problems)", RowList),
        ("Source list", SourceList),
        ("Search", SearchPanel),
        ("Search hits", HitList),
        ("Article", ArticleView),
        ("Split view", SplitScreen),
        ("Picking the other side", SidePicker),
        ("Stories", StoriesScreen),
        ("Story comparison", StoryScreen),
        ("Filter dialog", FilterScreen),
        ("Note dialog", NoteScreen),
        ("Help and problems", HelpScreen),
        ("No articles screen", EmptyScreen),
    ]


def _own_bindings(cls: type) -> list[tuple[str, Binding]]:
    """The bindings `cls` itself declares that have an id, with their ids."""
    return [(b.id, b) for b in cls.__dict__.get("BINDINGS", []) if isinstance(b, Binding) and b.id]


def binding(cls: type, binding_id: str) -> Binding:
    """The binding with id `binding_id` among `cls.BINDINGS` (StopIteration when there is none)."""
    declared = getattr(cls, "BINDINGS", [])
    return next(b for b in declared if isinstance(b, Binding) and b.id == binding_id)


def binding_ids() -> set[str]:
    """Every binding id the app defines."""
    return {i for _, cls in areas() for i, _ in _own_bindings(cls)}


def binding_table(keymap: Mapping[str, str], display: Callable[[str], str]) -> list[BindingRow]:
    """Every binding, with its keys after the user's keymap shown by `display` (ids shared by
    several areas are listed once)."""
    rows, seen = [], set()
    for area, cls in areas():
        for binding_id, found in _own_bindings(cls):
            if binding_id in seen:
                continue
            seen.add(binding_id)
            keys = keymap.get(binding_id, found.key)
            rows.append(
                BindingRow(
                    area,
                    ", ".join(display(k.strip()) for k in keys.split(",")),
                    found.description,
                    binding_id,
                )
            )
    return rows


def user_keymap(settings: dict[str, Any]) -> tuple[dict[str, str], list[str]]:
    """The keymap from the settings, and warnings about ids the app does not know.

    Raises ConfigError when `keymap` is not a mapping of ids to key strings.
    """
    keymap = settings.get("keymap") or {}
    if not isinstance(keymap, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in keymap.items()
    ):
        raise ConfigError(
            f"{config_dir() / CONFIG_FILE}: 'keymap' must map binding ids to "
            "keys, for example  keymap: {main.search: 'ctrl+f'}"
        )
    known = binding_ids()
    unknown = sorted(set(keymap) - known)
    return {k: v for k, v in keymap.items() if k in known}, _unknown_ids_warning(unknown)


def _unknown_ids_warning(unknown: list[str]) -> list[str]:
    """One warning for all the unknown ids of a keymap, naming at most three (none without)."""
    if not unknown:
        return []
    named = ", ".join(f"'{i[:40]}'" for i in unknown[:3])
    if len(unknown) == 1:
        return [f"config.yaml: unknown binding id {named} in keymap (see ? for ids)"]
    more = f" and {len(unknown) - 3:,} more" if len(unknown) > 3 else ""
    return [f"config.yaml: {len(unknown):,} unknown binding ids in keymap: {named}{more} (see ?)"]
