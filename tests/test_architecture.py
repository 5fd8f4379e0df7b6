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


def test_core_modules_never_import_textual_or_the_tui():
    core = [p for p in PACKAGE.glob("*.py")]
    assert len(core) >= 5
    for path in core:
        for name in _imported_modules(path):
            assert not name.startswith(("textual", "rich")), f"{path.name} imports {name}"
            if path.name != "cli.py":
                assert not name.startswith("reader.tui"), f"{path.name} imports {name}"


def test_importing_the_core_does_not_load_textual():
    import subprocess
    import sys

    code = (
        "import sys, reader.corpus, reader.config, reader.cli; "
        "import importlib.util as u; "
        "mods = [m for m in ('reader.index','reader.search','reader.analysis.entities',"
        "'reader.analysis.quotes','reader.analysis.matching','reader.analysis.comparison',"
        "'reader.report') if u.find_spec(m)]; "
        "[__import__(m) for m in mods]; "
        "print('textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
