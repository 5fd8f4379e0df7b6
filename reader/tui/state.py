"""What the app remembers between runs: the theme and the last article opened in each corpus.

Stored in `state.yaml` in the config folder, beside (never inside) the user's `config.yaml`.
A missing or damaged state file is ignored: it only holds conveniences.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import yaml

from reader import safe_yaml
from reader.config import config_dir
from reader.files import write_atomic

STATE_FILE = "state.yaml"
MAX_STATE_CHARS = 1024 * 1024


def state_path() -> Path:
    """Where the app state lives."""
    return config_dir() / STATE_FILE


def load_state() -> dict[str, Any]:
    """The saved state, or an empty mapping when there is none or it cannot be read.

    Read with the reader's safe loader (`reader.safe_yaml`); a value of the wrong type (a
    `last_article` that is not a mapping of folder to id, a theme that is not a name) is dropped.
    """
    try:
        data = safe_yaml.load(state_path().read_text(encoding="utf-8"), MAX_STATE_CHARS)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return _well_typed(data) if isinstance(data, dict) else {}


def _well_typed(data: dict[Any, Any]) -> dict[str, Any]:
    """The state with its known entries dropped when they have the wrong types."""
    state = {k: v for k, v in data.items() if isinstance(k, str)}
    state.pop("theme", None)
    state.pop("last_article", None)
    if isinstance(data.get("theme"), str):
        state["theme"] = data["theme"]
    last = data.get("last_article")
    if isinstance(last, dict):
        state["last_article"] = {
            k: v for k, v in last.items() if isinstance(k, str) and isinstance(v, str)
        }
    return state


def save_state(state: dict[str, Any]) -> None:
    """Write the state atomically; a failure to write is not worth interrupting the reader."""
    path = state_path()
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, yaml.safe_dump(state, allow_unicode=True, sort_keys=True))
