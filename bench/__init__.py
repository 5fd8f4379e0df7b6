"""Benchmark and evaluation scripts (run as `python -m bench.NAME`)."""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from typing import Any, TextIO


def print_figures(result: Mapping[str, Any], stream: TextIO | None = None) -> None:
    """A script's figures, one per line (to `stream`, stdout by default), then all of them as
    one JSON line on stdout: the last line, which other scripts and the docs read."""
    width = max(map(len, result), default=0)
    for key, value in result.items():
        print(f"{key:{width}}  {value}", file=stream or sys.stdout)
    print(json.dumps(result))
