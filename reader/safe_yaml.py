"""The one way the reader parses YAML it did not write (front matter, `config.yaml`, `state.yaml`,
the user's data tables): PyYAML's safe loader, with no anchors or aliases (no "billion laughs"),
nesting limited to `MAX_DEPTH` levels (no RecursionError on `[[[[...`), and a size limit checked
before anything is parsed. Every refusal is a `yaml.YAMLError` with a message that says why.
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_DEPTH = 50
"""The deepest nesting of lists and mappings read; deeper documents are refused."""


class SafeLoader(yaml.SafeLoader):
    """A safe loader that refuses aliases and nesting deeper than `MAX_DEPTH`."""

    _depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases are not allowed", event.start_mark
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                event = self.peek_event()
                raise yaml.composer.ComposerError(
                    None, None, f"nested deeper than {MAX_DEPTH} levels", event.start_mark
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class TooLarge(yaml.YAMLError):
    """A document longer than the limit given; it was not parsed."""


def load(text: str, max_chars: int, loader: type[SafeLoader] = SafeLoader) -> Any:
    """Parse one YAML document with `loader` (a `SafeLoader`); raises yaml.YAMLError, `TooLarge`
    when the text is longer than `max_chars`."""
    if len(text) > max_chars:
        raise TooLarge(f"longer than {max_chars:,} characters")
    return yaml.load(text, Loader=loader)  # noqa: S506 - a SafeLoader subclass
