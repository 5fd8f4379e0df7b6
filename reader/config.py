"""Where the reader keeps its files, the user's settings, and data tables users can extend.

The config folder holds `config.yaml` (settings, key map, theme) and optional data tables
(`boilerplate.yaml`, `aliases.yaml`, ...) that extend the ones shipped in `reader/data/`.
The cache folder holds one index per corpus. The library folder (in the user's data folder)
holds the articles `reader fetch` saves. `READER_CONFIG_DIR`, `READER_CACHE_DIR` and
`READER_LIBRARY_DIR` override the three folders (tests point them at temporary folders).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import platformdirs
import yaml

from reader import safe_yaml
from reader.schema import SchemaError, check, table_shape

T = TypeVar("T")

APP_NAME = "reader"
CONFIG_FILE = "config.yaml"
MAX_USER_FILE_CHARS = 4 * 1024 * 1024
"""The largest settings or data file of the user's that is read (4 M characters)."""


class ConfigError(Exception):
    """A settings or data file the user owns cannot be used; the message names the file."""


def config_dir() -> Path:
    """The user's config folder (`READER_CONFIG_DIR` overrides)."""
    override = os.environ.get("READER_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME))


def cache_dir() -> Path:
    """The user's cache folder, where indexes live (`READER_CACHE_DIR` overrides)."""
    override = os.environ.get("READER_CACHE_DIR")
    return Path(override) if override else Path(platformdirs.user_cache_dir(APP_NAME))


def data_dir() -> Path:
    """The user's data folder: their notes and marks (`READER_DATA_DIR` overrides)."""
    override = os.environ.get("READER_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME))


def library_dir() -> Path:
    """The reader's own library folder: articles saved by `reader fetch` and the feed list
    (`READER_LIBRARY_DIR` overrides)."""
    override = os.environ.get("READER_LIBRARY_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME)) / "library"


def bundled_path(name: str) -> Path:
    """Path of a folder shipped with the reader (`styles` or `articles`).

    In an installed wheel they live in `reader/_bundled/`; in a source checkout, beside the package.
    """
    package_root = Path(__file__).resolve().parent
    installed = package_root / "_bundled" / name
    return installed if installed.is_dir() else package_root.parent / name


def read_yaml(path: Path) -> Any:
    """Load a user's YAML file with the reader's safe loader (`reader.safe_yaml`: no aliases,
    limited nesting, at most `MAX_USER_FILE_CHARS`); raise ConfigError naming the file on any
    problem."""
    try:
        if path.stat().st_size > 4 * MAX_USER_FILE_CHARS:  # not read at all
            raise ConfigError(f"{path}: too large (over {MAX_USER_FILE_CHARS:,} characters)")
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text") from exc
    try:
        return safe_yaml.load(text, MAX_USER_FILE_CHARS)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: invalid YAML ({_yaml_reason(exc)})") from exc


def _yaml_reason(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return f"{problem} at line {mark.line + 1}" if mark is not None else str(problem)


_DERIVED: list[Any] = []


def table_cache(func: Callable[[], T]) -> Callable[[], T]:
    """Cache something derived from data tables (compiled rules, lookups) until `reload_tables`."""
    cached = cache(func)
    _DERIVED.append(cached)
    return cached


def reload_tables() -> None:
    """Forget loaded data tables and everything derived from them (after the user edits them)."""
    load_table.cache_clear()
    for cached in _DERIVED:
        cached.cache_clear()


def shipped_table(name: str) -> dict[str, Any]:
    """A data table as shipped in `reader/data/`, without the user's additions (read anew)."""
    shipped_file = resources.files("reader.data").joinpath(f"{name}.yaml")
    shipped = yaml.safe_load(shipped_file.read_text("utf-8"))
    return shipped or {}


@cache
def load_table(name: str) -> dict[str, Any]:
    """A shipped data table merged with the user's own `<config>/NAME.yaml`.

    Lists are concatenated (the user's entries after the shipped ones) and mappings are merged
    key by key, so a user file only needs what it adds. A user file that cannot be read, or that
    strays from the shipped table's shape (`reader.schema`), raises ConfigError naming the file
    and the key.
    """
    table = shipped_table(name)
    user_file = config_dir() / f"{name}.yaml"
    if user_file.is_file():
        extra = read_yaml(user_file)
        if extra is not None and not isinstance(extra, dict):
            raise ConfigError(f"{user_file}: expected a mapping at the top level")
        try:
            check(extra or {}, table_shape(table), "")
        except SchemaError as exc:
            raise ConfigError(f"{user_file}: {exc}") from exc
        table = _merge(table, extra or {})
    return table


def _merge(base: Any, extra: Any) -> Any:
    if isinstance(base, dict) and isinstance(extra, dict):
        merged = dict(base)
        for key, value in extra.items():
            merged[key] = _merge(base[key], value) if key in base else value
        return merged
    if isinstance(base, list) and isinstance(extra, list):
        return base + extra
    return extra


def load_settings() -> dict[str, Any]:
    """The user's `config.yaml` as a mapping (empty when there is none)."""
    path = config_dir() / CONFIG_FILE
    if not path.is_file():
        return {}
    data = read_yaml(path)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping at the top level")
    return data
