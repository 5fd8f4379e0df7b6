"""Data tables: a user's file extends the shipped table, and one that strays from it is refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from reader.config import ConfigError, config_dir, load_table, reload_tables
from reader.schema import SchemaError, check, shape_of


def _user_table(name: str, text: str) -> Path:
    path = config_dir() / f"{name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    reload_tables()
    return path


def test_a_user_table_adds_to_the_shipped_lists_and_rules() -> None:
    shipped = load_table("aliases")
    _user_table(
        "aliases",
        "countries:\n  - {name: Freedonia, demonyms: [Freedonian]}\n"
        "places: [Narnia, {name: Oz, aliases: [Land of Oz]}]\n",
    )
    table = load_table("aliases")
    assert table["countries"][: len(shipped["countries"])] == shipped["countries"]
    assert table["countries"][-1] == {"name": "Freedonia", "demonyms": ["Freedonian"]}
    assert table["places"][-2:] == ["Narnia", {"name": "Oz", "aliases": ["Land of Oz"]}]


def test_a_new_boilerplate_rule_name_is_welcome() -> None:
    _user_table("boilerplate", "line_rules:\n  my_site: ['^Read more at My Site$']\n")
    assert load_table("boilerplate")["line_rules"]["my_site"] == ["^Read more at My Site$"]


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("boilerplate", "line_rule:\n  mine: ['^x$']\n", "line_rule: unknown key"),
        ("aliases", "places: Narnia\n", "places: expected a list of strings"),
        ("aliases", "countries:\n  - Sylvania\n", r"countries\[0\]: expected a mapping"),
        ("outlets", "outlets:\n  - {aliases: [Planet]}\n", r"outlets\[0\]: missing name"),
        ("boilerplate", "short_line_words: many\n", "short_line_words: expected a whole number"),
    ],
)
def test_a_user_table_that_strays_names_the_file_and_the_key(
    name: str, text: str, message: str
) -> None:
    path = _user_table(name, text)
    with pytest.raises(ConfigError, match=message) as caught:
        load_table(name)
    assert str(path) in str(caught.value)


def test_an_empty_user_list_keeps_the_shipped_one() -> None:
    shipped = load_table("outlets")
    _user_table("outlets", "outlets: []\n")
    assert load_table("outlets") == shipped


_leaves = st.one_of(st.text(max_size=5), st.integers(), st.booleans())
_values: st.SearchStrategy[Any] = st.recursive(
    _leaves,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(min_size=1, max_size=4), inner, max_size=4)
    ),
    max_leaves=20,
)


@given(_values)
@example({"0": {"0": 0}, "00": {"0": ""}})  # mappings of mappings whose values differ in kind
def test_every_value_has_the_shape_read_off_it(value: Any) -> None:
    check(value, shape_of(value), "table")


@given(st.lists(st.text(max_size=5), min_size=1, max_size=5), st.integers())
def test_a_list_of_strings_refuses_anything_but_strings(words: list[str], number: int) -> None:
    with pytest.raises(SchemaError):
        check([*words, number], shape_of(words), "words")
