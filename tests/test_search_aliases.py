"""Alias-aware search: names of the alias tables also find their other names."""

from __future__ import annotations

import pytest

from reader.search import Library, open_library, search
from reader.search.aliases import alternatives, is_name
from reader.search.query import parse
from reader.search.tree import AndNot, Term
from tests.test_index import write
from tests.test_search import ENGINES

_ARTICLES = {
    "isis.md": ("Strikes on ISIS", "Jets hit ISIS positions near Raqqa."),
    "state.md": ("Islamic State retreats", "Islamic State fighters left the town."),
    "daesh.md": ("Daesh claims attack", "Daesh said it carried out the bombing."),
    "isil.md": ("ISIL and the coalition", "The coalition against ISIL met in Paris."),
    "lavrov.md": ("Talks in Geneva", "Sergey Lavrov met his counterpart in Geneva."),
    "lavrov2.md": ("Moscow replies", "Sergej Lavrov answered the questions."),
    "days.md": ("Quiet days", "Three days passed without news."),
    "drc.md": ("Elections in Kinshasa", "The Democratic Republic of the Congo voted."),
}


@pytest.fixture(scope="module", params=ENGINES)
def library(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Library:
    folder = tmp_path_factory.mktemp("aliases")
    for name, (title, body) in _ARTICLES.items():
        write(folder, name, title, body, "Outlet", "2015-10-01")
    lib = open_library(folder, tmp_path_factory.mktemp("index"), engine=request.param)
    lib.update()
    return lib


def _ids(result: object) -> set[str]:
    return {hit.id for hit in result.hits}  # type: ignore[attr-defined]


def test_an_alias_finds_every_name(library: Library) -> None:
    result = search(library, "ISIL")
    assert _ids(result) == {"isis", "state", "daesh", "isil"}
    assert {"ISIS", "Islamic State", "Daesh"} <= set(result.also)
    assert "IS" not in result.also  # a stop word is never an alternative


def test_daesh_is_found_and_never_corrected(library: Library) -> None:
    result = search(library, "Daesh")
    assert result.total == 4 and result.suggestion is None
    nothing = search(library, "Daesh xqzzv")
    assert nothing.total == 0
    assert nothing.suggestion is None or "Daesh" in nothing.suggestion
    assert is_name("Daesh") and is_name("ISIL") and not is_name("days")


def test_as_written_opt_out(library: Library) -> None:
    result = search(library, "=ISIL")
    assert _ids(result) == {"isil"} and result.also == ()
    phrase = search(library, '="Islamic State"')
    assert _ids(phrase) == {"state"} and phrase.also == ()


def test_phrases_and_runs_of_words(library: Library) -> None:
    assert _ids(search(library, '"Islamic State"')) == {"isis", "state", "daesh", "isil"}
    assert _ids(search(library, "Islamic State")) == {"isis", "state", "daesh", "isil"}


def test_given_name_variants(library: Library) -> None:
    result = search(library, "Sergei Lavrov")
    assert _ids(result) == {"lavrov", "lavrov2"}
    assert "Sergej" in result.also
    assert _ids(search(library, '"Sergei Lavrov"')) == {"lavrov", "lavrov2"}


def test_short_names_are_case_sensitive(library: Library) -> None:
    assert _ids(search(library, "DRC")) == {"drc"}
    assert search(library, "drc").total == 0
    assert parse("drc").also == []
    # a short name that is an English word is never looked for as an alternative
    assert "UN" not in [n.surface for n in alternatives("United Nations")]
    assert "CAR" not in [n.surface for n in alternatives("Central African Republic")]


def test_negated_words_are_not_expanded() -> None:
    tree = parse("syria -isis").tree
    assert isinstance(tree, AndNot) and tree.negative == Term("isi", False)


def test_alternatives_are_highlighted(library: Library) -> None:
    result = search(library, "ISIL")
    daesh = next(hit for hit in result.hits if hit.id == "daesh")
    assert any(daesh.snippet[a:b] == "Daesh" for a, b in daesh.snippet_marks)
