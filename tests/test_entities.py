"""Entity mentions, alias resolution and false-positive traps, on short realistic sentences."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.analysis.entities import (
    EntityType,
    analyse,
    entities_to_json,
    extract_mentions,
    format_entities,
    resolve_pair,
)
from reader.config import config_dir, reload_tables
from reader.corpus import load_corpus


def keys(text: str) -> dict[str, str]:
    """Mention text -> key (the last mention wins)."""
    return {m.text: m.key for m in extract_mentions(text)}


def texts(text: str) -> set[str]:
    return {m.text for m in extract_mentions(text)}


# --- alias rules within one article -------------------------------------------------------------


def test_surname_and_title_link_to_the_full_name():
    text = (
        "U.S. President Barack Obama on Saturday urged Vladimir Putin to stop. "
        'Obama told reporters the plan had failed. "Mr Obama is wrong," a Kremlin aide said.'
    )
    found = [(m.text, m.key) for m in extract_mentions(text)]
    obama = [key for surface, key in found if "Obama" in surface]
    assert [s for s, _ in found if "Obama" in s] == ["Barack Obama", "Obama", "Obama"]
    assert set(obama) == {"person:barack obama"}


def test_transliterated_given_names_are_one_person():
    text = (
        "Russian Foreign Minister Sergei Lavrov met John Kerry. "
        "Later, Foreign Minister Sergey Lavrov said the talks went well."
    )
    result = analyse(text)
    lavrov = [e for e in result.entities if "Lavrov" in e.name]
    assert len(lavrov) == 1 and len(lavrov[0].mentions) == 2


def test_prefixed_surnames_meet():
    text = (
        "President Bashar al-Assad spoke on Sunday. Critics of Assad say the al Assad "
        "family has ruled Syria since 1970."
    )
    found = keys(text)
    assert found["Bashar al-Assad"] == found["Assad"] == "person:bashar assad"


def test_short_forms_and_nicknames_of_given_names():
    text = (
        "Robert Hale spoke first. Later, Bob Hale denied it. Police questioned Daniel "
        "(Danny) Okafor. Okafor was 19."
    )
    found = keys(text)
    assert found["Robert Hale"] == found["Bob Hale"]
    assert found["Daniel (Danny) Okafor"] == found["Okafor"]


def test_an_organisations_shorter_names_are_one_organisation():
    result = analyse(
        "She checked into the Mayfield Treatment Center on Monday. A spokesman "
        "for the Mayfield Center declined to comment."
    )
    assert [(e.name, len(e.mentions)) for e in result.entities] == [
        ("Mayfield Treatment Center", 2)
    ]


def test_a_name_used_only_after_into_or_at_is_the_institution_named_after_it():
    found = [
        (m.text, m.type, m.key)
        for m in extract_mentions(
            "The singer checked into Anna Brooks on Monday. Staff at the Anna Brooks Center said "
            "she was well."
        )
    ]
    assert found == [
        ("Anna Brooks", EntityType.ORGANISATION, "organisation:anna brooks center"),
        ("Anna Brooks Center", EntityType.ORGANISATION, "organisation:anna brooks center"),
    ]
    # the person herself, named as a subject, stays a person
    found = keys(
        "Anna Brooks opened the Anna Brooks Center in 1982. The singer checked into "
        "Anna Brooks on Monday."
    )
    assert found["Anna Brooks"] == "person:anna brooks"


def test_a_title_word_alone_is_a_surname_only_when_someone_has_that_surname():
    found = [
        (m.text, m.key)
        for m in extract_mentions(
            "Team president Billy King said the coach was fired. King said he had no regrets."
        )
    ]
    assert found == [("Billy King", "person:william king"), ("King", "person:william king")]
    assert texts("The King said he was tired. Later, the President left.") == set()
    found = keys("Billy King spoke first. Later, Mr King left.")
    assert found == {"Billy King": "person:william king", "King": "person:william king"}
    assert texts("Mr King spoke.") == set()


def test_a_nationality_word_used_as_a_noun_stands_for_the_person_it_introduced():
    text = (
        "American challenger Tony Smith fought Ivan Petrov. The 40-year-old American never "
        "recovered. The American embassy was closed."
    )
    found = [(m.text, m.key) for m in extract_mentions(text) if m.text == "American"]
    assert found == [
        ("American", "place:united states"),
        ("American", "person:anthony smith"),
        ("American", "place:united states"),
    ]


def test_acronym_introduced_in_the_text_takes_the_long_form_key():
    text = (
        "The airbase was taken by the US-backed Kurdish Popular Defence Units (KPDU), a "
        "militia. KPDU fighters then moved south."
    )
    found = extract_mentions(text)
    long_form = next(m for m in found if m.text == "Kurdish Popular Defence Units")
    acronyms = [m for m in found if m.text == "KPDU"]
    assert len(acronyms) == 2 and {m.key for m in acronyms} == {long_form.key}
    assert long_form.type is EntityType.ORGANISATION


def test_well_known_acronyms_and_organisation_names():
    text = (
        "The strikes hit ISIS positions. ISIL, also called Daesh or Islamic State (IS), "
        "holds Raqqa. The UN and NATO met in Brussels."
    )
    found = keys(text)
    assert {found[n] for n in ("ISIS", "ISIL", "Daesh", "Islamic State", "IS")} == {
        "organisation:islamic state"
    }
    assert found["UN"] == "organisation:united nations"
    assert found["NATO"] == "organisation:nato"


@pytest.mark.parametrize(
    "names",
    [
        ("Russia", "Russian Federation"),
        ("UK", "Britain", "Great Britain", "United Kingdom"),
        ("US", "U.S.", "USA", "United States"),
    ],
)
def test_countries_and_their_other_names(names):
    text = " ".join(f"Officials in {name} spoke." for name in names)
    found = keys(text)
    assert len({found[name] for name in names}) == 1


def test_nationality_words_denote_the_country_and_groups_do_not():
    found = extract_mentions("Russian air strikes hit Kurdish villages near Aleppo.")
    by_text = {m.text: m for m in found}
    assert by_text["Russian"].key == "place:russia"
    assert by_text["Russian"].type is EntityType.PLACE
    assert by_text["Kurdish"].type is EntityType.GROUP
    assert by_text["Aleppo"].type is EntityType.PLACE


def test_place_adjectives_cover_the_suffix_and_keep_the_place_key():
    found = extract_mentions("The US-led coalition and a New York-based group met Kurdish units.")
    assert [(m.text, m.key) for m in found] == [
        ("US-led", "place:united states"),
        ("New York-based", "place:new york"),
        ("Kurdish", "group:kurds"),
    ]


def test_titles_are_not_part_of_names_and_nationalities_before_them_count():
    found = {
        m.text: m.type
        for m in extract_mentions(
            "Turkish Foreign Minister Feridun Sinirlioglu met UK Defence Secretary Michael Fallon."
        )
    }
    assert found == {
        "Turkish": EntityType.PLACE,
        "Feridun Sinirlioglu": EntityType.PERSON,
        "UK": EntityType.PLACE,
        "Michael Fallon": EntityType.PERSON,
    }


def test_hyphenated_titles_and_names():
    found = {
        m.text: m.type
        for m in extract_mentions(
            "UN Secretary-General Ban Ki-moon met Major-General Ivan Petrov and Oliver McCall."
        )
    }
    assert found == {
        "UN": EntityType.ORGANISATION,
        "Ban Ki-moon": EntityType.PERSON,
        "Ivan Petrov": EntityType.PERSON,
        "Oliver McCall": EntityType.PERSON,
    }


def test_organisation_names_with_suffixes_and_of():
    found = {
        m.text: m.type
        for m in extract_mentions(
            "The Russian Defence Ministry and the Bank of England commented, as did the "
            "Syrian Observatory for Human Rights."
        )
    }
    assert found["Russian Defence Ministry"] is EntityType.ORGANISATION
    assert found["Bank of England"] is EntityType.ORGANISATION
    assert found["Syrian Observatory for Human Rights"] is EntityType.ORGANISATION


# --- false-positive traps ------------------------------------------------------------------------


def test_sentence_initial_capitals_are_not_entities():
    text = (
        "However, the talks failed. Accordingly, officials left. Separately, residents fled. "
        "Unverified reports said hundreds died."
    )
    assert texts(text) == set()


def test_months_weekdays_and_debris_are_not_entities():
    text = (
        "Advertisement\n\nOn Friday, the statement was issued in March. Share this article.\n"
        "Photo\nSkip to main content\nListen Live\nSunday's vote was delayed until May."
    )
    assert texts(text) == set()


def test_bylines_and_photo_credits_are_not_entities():
    text = "Photo by: AA\nBy Jane Whitfield\n\nThe minister (photos by AFP) spoke in Ankara."
    assert texts(text) == {"Ankara"}


def test_headline_case_keeps_only_known_names():
    text = (
        "Russian Fm Insists On Halting Turkey's Aggression In Syria Talks\n\n"
        "Russia's foreign minister spoke to Turkey and Syria."
    )
    heading = [m.text for m in extract_mentions(text) if m.start < text.index("\n")]
    assert heading == ["Russian", "Turkey", "Syria"]


def test_debris_glued_to_a_name_is_cut_off():
    text = "Officials said as much to US President Barack ObamaSkip to main content"
    assert "Barack Obama" in texts(text)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            list("AaBbIiSsUuKk .,-'’()\n\u00a0")
            + [
                "Obama ",
                "al-",
                "Mr. ",
                "U.S. ",
                "Islamic State ",
                "of ",
                "the ",
                "Sergei ",
                "(SDF) ",
                "ÉÀ",
            ]
        ),
        max_size=80,
    ).map("".join)
)
def test_offsets_always_match_the_text(text):
    for mention in extract_mentions(text):
        assert text[mention.start : mention.end] == mention.text
        assert mention.text.strip() == mention.text and mention.text


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Sergei ",
                "Sergey ",
                "Lavrov ",
                "Mr ",
                "Bill ",
                "Hillary ",
                "Clinton ",
                "Syrian ",
                "Army ",
                "Free ",
                "SNC ",
                "Syrian National Coalition ",
                "the American ",
                "American ",
                "said. ",
                ", ",
                "Tony Smith ",
                "Center ",
                "Mayfield ",
                "and ",
                "\n",
            ]
        ),
        max_size=30,
    ).map("".join),
    st.lists(
        st.sampled_from(
            [
                "Lavrov ",
                "Clinton ",
                "Mayfield ",
                "SNC ",
                "Sergei Lavrov ",
                "Free Syrian Army ",
                "said. ",
                "\n",
            ]
        ),
        max_size=20,
    ).map("".join),
)
def test_resolve_pair_keeps_offsets_and_one_key_per_entity(a, b):
    ra, rb = resolve_pair(analyse(a), analyse(b))
    for side, text in ((ra, a), (rb, b)):
        assert all(text[m.start : m.end] == m.text for m in side.mentions)
        assert [e.key for e in side.entities] == list(dict.fromkeys(m.key for m in side.mentions))


# --- across two articles -------------------------------------------------------------------------


def test_resolve_pair_links_surnames_and_variants():
    a = analyse("Russian Foreign Minister Sergey Lavrov met Bashar al-Assad in Damascus.")
    b = analyse("Lavrov said Sergei Lavrov's trip was short. Assad agreed.")
    ra, rb = resolve_pair(a, b)
    assert {m.key for m in rb.mentions if "Lavrov" in m.text} == {"person:sergey lavrov"}
    assert {m.key for m in rb.mentions if m.text == "Assad"} == {"person:bashar assad"}
    assert ra.mentions == a.mentions


def test_resolve_pair_never_merges_two_people_sharing_a_surname():
    a = analyse("Bill Clinton and Hillary Clinton arrived in New York.")
    b = analyse("Clinton spoke first. Later, Chelsea Clinton joined them.")
    ra, rb = resolve_pair(a, b)
    a_keys = {m.key for m in ra.mentions if "Clinton" in m.text}
    b_keys = {m.key for m in rb.mentions if "Clinton" in m.text}
    assert len(a_keys) == 2 and not a_keys & b_keys


def test_resolve_pair_links_a_leading_name_to_the_organisation():
    a = analyse("The singer checked into Lakeview Recovery Center in Arizona.")
    b = analyse("The singer is at Lakeview, her lawyer said.")
    ra, rb = resolve_pair(a, b)
    center = next(m.key for m in ra.mentions if m.text == "Lakeview Recovery Center")
    assert next(m.key for m in rb.mentions if m.text == "Lakeview") == center


def test_resolve_pair_links_a_place_named_without_its_class_word():
    def linked(a: str, b: str, short: str) -> bool:
        ra, rb = resolve_pair(analyse(a), analyse(b))
        return next(m.key for m in rb.mentions if m.text == short) in ra.by_key()

    assert linked(
        "Fires spread across Brennan County on Monday.", "Residents of Brennan fled.", "Brennan"
    )
    assert linked("Boats left the Island of Tarvo at dawn.", "Ferries from Tarvo stopped.", "Tarvo")
    # a place the tables know is not the county named after it
    assert not linked(
        "Fires spread across Washington County.", "Officials in Washington said.", "Washington"
    )


def test_resolve_pair_keeps_different_organisations_with_similar_names_apart():
    a = analyse("Syrian Army strikes were carried out against terrorist organisations.")
    b = analyse("Fighters of the Free Syrian Army held the town.")
    ra, rb = resolve_pair(a, b)
    assert not ra.by_key().keys() & rb.by_key().keys() - {"place:syria"}


def test_resolve_pair_links_an_acronym_to_its_long_form():
    a = analyse("Fighters of the Syrian National Coalition met in Istanbul.")
    b = analyse("The SNC said civilians died.")
    ra, rb = resolve_pair(a, b)
    long_form = next(m.key for m in ra.mentions if m.text == "Syrian National Coalition")
    assert next(m.key for m in rb.mentions if m.text == "SNC") == long_form


# --- the bundled sample articles ---------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus():
    from reader.config import bundled_path

    return {a.id: a for a in load_corpus(bundled_path("articles")).articles}


def test_sample_joint_statement_names_the_seven_countries(corpus):
    article = next(a for a in corpus.values() if "seven countries" in a.text and "Kerry" in a.text)
    found = analyse(article.text).by_key()
    for country in (
        "united states",
        "united kingdom",
        "germany",
        "france",
        "turkey",
        "qatar",
        "saudi arabia",
    ):
        assert f"place:{country}" in found


def test_sample_islamic_state_is_one_entity_under_all_its_names(corpus):
    surfaces = set()
    for article in corpus.values():
        result = analyse(article.text)
        surfaces |= {m.text for m in result.mentions if m.key == "organisation:islamic state"}
    assert {"ISIS", "ISIL", "IS", "Islamic State"} <= surfaces


def test_sample_people_and_places_a_reader_expects(corpus):
    names = set()
    for article in corpus.values():
        names |= {e.name for e in analyse(article.text).entities}
    for expected in (
        "John Kerry",
        "Sergey Lavrov",
        "Sergei Lavrov",
        "Vladimir Putin",
        "Barack Obama",
        "Bashar al-Assad",
        "Hama",
        "Homs",
        "Idlib",
    ):
        assert expected in names
    for debris in ("Photo", "Advertisement", "Share", "Friday", "Thursday", "Saturday"):
        assert debris not in names


def test_sample_pair_links_putin_and_lavrov(corpus):
    articles = list(corpus.values())
    lavrov = [a for a in articles if "Lavrov" in a.text]
    ra, rb = resolve_pair(analyse(lavrov[0].text), analyse(lavrov[1].text))
    assert {e.key for e in ra.entities if "Lavrov" in e.name} == {
        e.key for e in rb.entities if "Lavrov" in e.name
    }
    putin = [a for a in articles if "Putin" in a.text]
    ra, rb = resolve_pair(analyse(putin[0].text), analyse(putin[1].text))
    assert {e.key for e in ra.entities if "Putin" in e.name} == {
        e.key for e in rb.entities if "Putin" in e.name
    }


# --- tables, caching and output ------------------------------------------------------------------


def test_users_extend_the_alias_tables():
    folder = config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "aliases.yaml").write_text(
        "organisations:\n  - {name: Hayat Tahrir al-Sham, aliases: [HTS, Tahrir al-Sham]}\n",
        encoding="utf-8",
    )
    reload_tables()
    found = keys("HTS fighters attacked. Later, Tahrir al-Sham denied it.")
    assert found["HTS"] == found["Tahrir al-Sham"] == "organisation:hayat tahrir al-sham"


def test_analyse_is_cached_per_article_version():
    text = "Vladimir Putin met Recep Tayyip Erdogan in Sochi."
    assert analyse(text, cache_key="v1") is analyse(text, cache_key="v1")


def test_text_and_json_output():
    result = analyse("Vladimir Putin met Angela Merkel. Putin left Berlin.")
    assert format_entities(result).splitlines()[0].split() == ["2", "person", "Vladimir", "Putin"]
    data = json.loads(entities_to_json(result))
    assert data[0]["name"] == "Vladimir Putin" and data[0]["type"] == "person"
    assert data[0]["mentions"][1] == {"start": 34, "end": 39, "text": "Putin"}


def test_entities_command(capsys):
    from reader.cli import main

    assert main(["entities", "trtworld-coalition-statement", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    kerry = next(e for e in data if e["name"] == "John Kerry")
    assert kerry["type"] == "person" and {"start", "end", "text"} <= kerry["mentions"][0].keys()
    assert main(["entities", "trtworld-coalition-statement"]) == 0
    assert "Islamic State" in capsys.readouterr().out
    assert main(["entities", "no-such-article"]) == 2
