"""The core never imports Textual: it must stay usable from scripts and other front ends."""

from __future__ import annotations

import ast
from pathlib import Path

import reader

PACKAGE = Path(reader.__file__).parent


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _core_files() -> list[Path]:
    """Every module of the package outside the interface (`reader/tui/`)."""
    return [p for p in PACKAGE.rglob("*.py") if "tui" not in p.relative_to(PACKAGE).parts]


def _core_modules() -> list[str]:
    """The dotted names of the core modules."""
    names = []
    for path in _core_files():
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return sorted(names)


def test_core_modules_never_import_textual_or_the_tui():
    core = _core_files()
    assert len(core) >= 5
    for path in core:
        where = path.relative_to(PACKAGE)
        for name in _imported_modules(path):
            assert not name.startswith(("textual", "rich")), f"{where} imports {name}"
            if where != Path("cli.py"):
                assert not name.startswith("reader.tui"), f"{where} imports {name}"


def test_importing_the_core_does_not_load_textual():
    import subprocess
    import sys

    modules = [m for m in _core_modules() if m != "reader.__main__"]
    assert "reader.cli" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print('textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
