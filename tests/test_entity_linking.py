"""Entities across two articles, on invented sentences: one key per real-world entity, people
told apart, no fragments, one type, and the same answer whichever article comes first."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.analysis.comparison import clear_cache, compare
from reader.analysis.entities import ArticleEntities, EntityType, analyse, resolve_pair
from reader.analysis.entities.learned import type_model
from reader.corpus import load_article


def names(result: ArticleEntities) -> set[str]:
    return {e.name for e in result.entities}


def linked(a: str, b: str, name_a: str, name_b: str) -> bool:
    """Whether a mention written `name_a` in a and one written `name_b` in b share a key."""
    ra, rb = resolve_pair(analyse(a), analyse(b))
    keys_a = {m.key for m in ra.mentions if m.text == name_a}
    keys_b = {m.key for m in rb.mentions if m.text == name_b}
    assert keys_a and keys_b, (keys_a, keys_b)
    return bool(keys_a & keys_b)


# -- people across articles


def test_a_surname_links_to_the_one_full_name_of_the_other_article():
    a = "The senator, Marguerite Okonkwo, spoke in Leeds on Tuesday."
    b = "Critics said Okonkwo had misled voters, and Ms. Okonkwo denied it."
    assert linked(a, b, "Marguerite Okonkwo", "Okonkwo")


def test_a_middle_initial_or_given_name_variant_is_the_same_person():
    a = "Officials said Stephen J. Halvorsen would resign."
    b = "A spokesman for Steven Halvorsen said he would resign."
    assert linked(a, b, "Stephen J. Halvorsen", "Steven Halvorsen")


def test_a_surname_is_not_linked_when_two_people_have_it():
    a = "Later Brandt told reporters the deal was done."
    b = "Ingrid Brandt and her husband Tobias Brandt signed the deal."
    ra, rb = resolve_pair(analyse(a), analyse(b))
    keys_b = {e.key for e in rb.entities}
    assert not any(e.key in keys_b for e in ra.entities if e.type is EntityType.PERSON)


def test_a_womans_title_is_not_her_husband():
    a = "At the gala Mrs. Fairweather thanked the donors."
    b = "Gregory Fairweather, the host, thanked the donors."
    assert not linked(a, b, "Fairweather", "Gregory Fairweather")


def test_a_womans_title_links_to_the_woman_when_both_spouses_are_named():
    a = "At the gala Mrs. Fairweather thanked the donors."
    b = "Gregory Fairweather and his wife Helen Fairweather thanked the donors."
    assert linked(a, b, "Fairweather", "Helen Fairweather")
    assert not linked(a, b, "Fairweather", "Gregory Fairweather")


def test_within_one_article_mrs_and_mr_go_to_the_right_spouse():
    text = (
        "Helen Fairweather and Gregory Fairweather arrived together. Mr. Fairweather spoke "
        "first, and Mrs. Fairweather spoke later."
    )
    result = analyse(text)
    keys = [m.key for m in result.mentions if m.text == "Fairweather"]
    assert keys == ["person:gregory fairweather", "person:helen fairweather"]


def test_a_son_with_jr_is_not_his_father():
    a = "Arthur Penhallow Jr. spoke at the rally."
    b = "Arthur Penhallow spoke at the rally."
    assert not linked(a, b, "Arthur Penhallow Jr", "Arthur Penhallow")
    text = "Arthur Penhallow Jr. met his father Arthur Penhallow at the rally."
    assert len([e for e in analyse(text).entities if e.type is EntityType.PERSON]) == 2


def test_a_surname_used_only_as_a_modifier_is_not_linked_to_a_full_name():
    a = "Greta Fairweather spoke at the school on Monday."
    b = "Aides from the Fairweather campaign spoke to reporters on Monday."
    ra, rb = resolve_pair(analyse(a), analyse(b))
    keys_b = {e.key for e in rb.entities}
    assert not any(e.key in keys_b for e in ra.entities if e.type is EntityType.PERSON)
    assert [(e.name, e.type) for e in ra.entities] == [("Greta Fairweather", EntityType.PERSON)]


def test_a_regnal_name_is_not_someone_elses_given_name():
    a = "Pope Gregory spoke in the square."
    b = "Gregory Tallis spoke in the square."
    assert not linked(a, b, "Gregory", "Gregory Tallis")


def test_a_person_is_not_the_company_or_building_named_after_them():
    a = "The Halvorsen Organization denied it. Halvorsen Tower was sold. Halvorsen said so."
    b = "Critics said Bernard Halvorsen had misled investors."
    ra, rb = resolve_pair(analyse(a), analyse(b))
    types = {m.key.split(":")[0] for m in ra.mentions if m.text.startswith("Halvorsen")}
    assert "person" in types and "organisation" in types
    person_b = next(e for e in rb.entities if e.name == "Bernard Halvorsen")
    organisations = {e.key for e in ra.entities if e.type is not EntityType.PERSON}
    assert person_b.key not in organisations


def test_an_organisation_named_after_a_person_does_not_block_the_link():
    a = "Bernard J. Halvorsen spoke. The Halvorsen Organization denied it. Halvorsen left."
    b = "Later, Halvorsen told reporters that Halvorsen had done nothing wrong."
    assert linked(a, b, "Bernard J. Halvorsen", "Halvorsen")


def test_an_outlet_is_not_a_person_of_that_name():
    a = "Ambrose Quill criticised the plan on Monday."
    b = "Quill News reported the plan on Monday."
    assert not linked(a, b, "Ambrose Quill", "Quill News")


# -- titles and roles are not names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Special Counsel Evander Mossley met reporters.", "Evander Mossley"),
        ("Taoiseach Niamh Corrigan met reporters.", "Niamh Corrigan"),
        ("Senate Majority Leader Harold Pinnock met reporters.", "Harold Pinnock"),
    ],
)
def test_a_title_is_not_part_of_the_name(text: str, name: str):
    assert name in names(analyse(text))


def test_an_organisation_before_a_title_is_the_organisation():
    result = analyse("He said Quillfeed Editor-in-Chief Tobias Marlow defended the story.")
    by_name = {e.name: e.type for e in result.entities}
    assert by_name == {"Quillfeed": EntityType.ORGANISATION, "Tobias Marlow": EntityType.PERSON}


# -- organisations kept whole, no fragments


@pytest.mark.parametrize(
    "name",
    [
        "Senate Ways and Means Committee",
        "Council on Northern Affairs",
        "Department of Coastal Protection",
        "Task Force on Flood Relief and Public Safety",
    ],
)
def test_an_organisation_with_and_or_of_stays_whole(name: str):
    result = analyse(f"On Tuesday the {name} published its report on the floods.")
    assert names(result) == {name}


@pytest.mark.parametrize(
    "text",
    [
        "The Council said nothing. The Department agreed, and the Committee met.",
        "It was the F.B.I. Nothing else was known.",
        "The plan breaks the First Amendment, critics said.",
        "The House Minority Leader spoke to reporters.",
        "Sens. Ralph Okafor and Dina Mertz objected.",
    ],
)
def test_no_entity_is_only_a_title_a_function_word_or_a_fragment(text: str):
    bad = {
        "Council",
        "Department",
        "Committee",
        "Nothing",
        "F.B.I. Nothing",
        "Amendment",
        "House Minority",
        "House Minority Leader",
        "Minority",
        "Leader",
        "Sens",
    }
    assert not names(analyse(text)) & bad


def test_two_bodies_joined_by_and_are_two_organisations():
    result = analyse("The House and Senate passed the farm bill, and the Army and Navy agreed.")
    assert {"House", "Senate", "Navy"} <= names(result)
    assert not {n for n in names(result) if " and " in n}


@pytest.mark.parametrize(
    ("name", "other"),
    [("Section 230", "Section 230"), ("Title 42", "Title 42"), ("Proposition 8", "Proposition 8")],
)
def test_a_numbered_law_is_named_with_its_number_in_both_articles(name: str, other: str):
    a = f"Lawmakers argued for hours over {name} on Tuesday."
    b = f"Critics of {other} said the courts would decide."
    assert linked(a, b, name, other)
    word = name.split()[0]
    assert word not in names(analyse(a)) | names(analyse(b))  # no fragment without its number
    assert not linked(a, "Lawmakers argued for hours over Section 5 on Tuesday.", name, "Section 5")


def test_the_two_forms_of_a_ministry_and_its_acronym_are_one():
    assert linked(
        "The Department of Fisheries said it would appeal.",
        "The Fisheries Department said it would appeal.",
        "Department of Fisheries",
        "Fisheries Department",
    )
    assert linked(
        "The DOJ said it would appeal.",
        "The Justice Department said it would appeal.",
        "DOJ",
        "Justice Department",
    )


# -- types


def test_one_entity_has_one_type_in_both_articles():
    a = "He flew to Vellmar on Friday and stayed there."
    b = "Vellmar said on Friday it would appeal the ruling."
    ra, rb = resolve_pair(analyse(a), analyse(b))
    ta = {m.type for m in ra.mentions if m.text == "Vellmar"}
    tb = {m.type for m in rb.mentions if m.text == "Vellmar"}
    assert len(ta) == 1 and ta == tb


def test_the_learned_model_reads_context():
    """The shipped weights type an unknown word by what is around it."""
    from reader.analysis.entities.learned import Cues, features

    model = type_model()
    cues = Cues(frozenset(), False)
    text = "Striker Zbrowski scored twice for Zandvoort in the second half."
    start = text.index("Zandvoort")
    assert model.weights, "the model file ships with the package"
    assert model.best(features(text, start, start + 9, ("Zandvoort",), cues)) in (
        EntityType.ORGANISATION,
        EntityType.PLACE,
    )
    text = "The talks had failed, Kowalczyk told reporters on Tuesday."
    start = text.index("Kowalczyk")
    assert model.best(features(text, start, start + 9, ("Kowalczyk",), cues)) is EntityType.PERSON
    text = "Shares of Quorvex rose 4 percent on Tuesday."
    start = text.index("Quorvex")
    best = model.best(features(text, start, start + 7, ("Quorvex",), cues))
    assert best is EntityType.ORGANISATION


# -- symmetry

SENTENCES = [
    "Marguerite Okonkwo met Sergei Volkov in Leeds.",
    "Sergey Volkov said the talks had failed.",
    "Mrs. Okonkwo thanked the Council on Northern Affairs.",
    "Gregory Fairweather and Helen Fairweather arrived.",
    "Mr. Fairweather spoke to the Fisheries Department.",
    "The Department of Fisheries said it would appeal.",
    "Arthur Penhallow Jr. spoke at the rally.",
    "Arthur Penhallow spoke in Vellmar on Friday.",
    "Vellmar said it would appeal the ruling.",
    "Okonkwo told the Halvorsen Organization nothing.",
    "Bernard Halvorsen denied it, Quill News reported.",
    "Russian officials met Russia's envoy in Moscow.",
]


def _article(folder: Path, name: str, sentences: list[str]) -> object:
    path = folder / f"{name}.txt"
    path.write_text("Title of the story\n\n" + " ".join(sentences) + "\n", encoding="utf-8")
    return load_article(path, folder).article


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6),
    st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6),
)
def test_resolve_pair_does_not_depend_on_the_order(first: list[str], second: list[str]):
    a, b = analyse(" ".join(first)), analyse(" ".join(second))
    ab = resolve_pair(a, b)
    ba = resolve_pair(b, a)
    assert ab == (ba[1], ba[0])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=5),
    st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=5),
)
def test_compare_computed_fresh_either_way_is_the_same(first: list[str], second: list[str]):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        a = _article(folder, "first", first)
        b = _article(folder, "second", second)
        clear_cache()
        forward = compare(a, b)  # type: ignore[arg-type]
        clear_cache()
        backward = compare(b, a)  # type: ignore[arg-type]
        clear_cache()
        assert forward == backward.swapped()


# -- nationality words


def test_nationality_words_are_counted_apart_from_the_country():
    from reader.analysis.entities import name_counts

    result = analyse("Russia said Russian jets and Russian ships left. Russia denied it.")
    russia = result.by_key()["place:russia"]
    counts = name_counts(russia.mentions)
    assert (counts.names, counts.nationality_words, counts.word) == (2, 2, "Russian")


def test_the_comparison_tells_nationality_words_apart(tmp_path: Path) -> None:
    from reader.report.markdown import format_markdown
    from reader.report.text import format_text

    a = _article(tmp_path, "a", ["Russia sent Russian jets and Russian ships north on Monday."])
    b = _article(tmp_path, "b", ["Russia denied the report that Russia sent its ships north."])
    clear_cache()
    result = compare(a, b)  # type: ignore[arg-type]
    assert "A 3 (2 as Russian)" in format_text(result)
    assert "| 3 (2 as Russian) | 2 |" in format_markdown(result)


def test_an_acronym_of_an_organisation_in_the_same_article_is_that_organisation():
    text = (
        "The Northern Anglers Federation opposed the bill on Tuesday. The NAF said the measure "
        "would fail, and the Harbour Exchange Commission agreed. The HEC said more would come."
    )
    found = analyse(text)
    keys = {m.text: m.key for m in found.mentions}
    assert keys["NAF"] == keys["Northern Anglers Federation"]
    assert keys["HEC"] == keys["Harbour Exchange Commission"]
    assert names(found) == {"Northern Anglers Federation", "Harbour Exchange Commission"}


def test_an_acronym_two_organisations_could_spell_is_left_alone():
    text = (
        "The Northern Anglers Federation met the Nordic Arts Foundation on Monday. The NAF "
        "said nothing."
    )
    keys = {m.text: m.key for m in analyse(text).mentions}
    assert keys["NAF"] not in {keys["Northern Anglers Federation"], keys["Nordic Arts Foundation"]}


def test_a_full_name_is_the_person_its_surname_alone_stands_for():
    text = (
        "Alexandria Ocasio-Cortez spoke on Monday. Ocasio-Cortez said she would vote against "
        "the plan."
    )
    found = analyse(text)
    assert [(e.name, e.type) for e in found.entities] == [
        ("Alexandria Ocasio-Cortez", EntityType.PERSON)
    ]


def test_an_ordinary_word_that_is_a_surname_named_in_full_is_that_person():
    text = (
        "Chris Early, a vice president at Orbit, spoke on Monday. “Streaming is somewhat "
        "binary,” says Early. Early voting began in May."
    )
    found = analyse(text)
    assert [m.text for m in found.mentions if m.type is EntityType.PERSON] == [
        "Chris Early",
        "Early",
    ]
    assert len({m.key for m in found.mentions if m.type is EntityType.PERSON}) == 1
