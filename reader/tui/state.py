"""What the app remembers between runs: the theme and the last article opened in each corpus.

Stored in `state.yaml` in the config folder, beside (never inside) the user's `config.yaml`.
A missing or damaged state file is ignored: it only holds conveniences.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import yaml

from reader.config import config_dir
from reader.files import write_atomic

STATE_FILE = "state.yaml"


def state_path() -> Path:
    """Where the app state lives."""
    return config_dir() / STATE_FILE


def load_state() -> dict[str, Any]:
    """The saved state, or an empty mapping when there is none or it cannot be read."""
    try:
        data = yaml.safe_load(state_path().read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def save_state(state: dict[str, Any]) -> None:
    """Write the state atomically; a failure to write is not worth interrupting the reader."""
    path = state_path()
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, yaml.safe_dump(state, allow_unicode=True, sort_keys=True))
