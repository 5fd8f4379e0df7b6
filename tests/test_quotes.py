"""Quoted spans and their speakers, on short realistic sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.analysis.quotes import PHRASE, STATEMENT, extract_quotes


@dataclass(frozen=True)
class FakeMention:
    start: int
    end: int
    text: str
    type: str
    key: str


@dataclass(frozen=True)
class FakeEntity:
    key: str
    name: str
    type: str
    mentions: tuple


@dataclass(frozen=True)
class FakeEntities:
    mentions: tuple
    entities: tuple


def entities(
    text: str,
    people: dict[str, list[str]] | None = None,
    orgs: dict[str, list[str]] | None = None,
    places: dict[str, list[str]] | None = None,
) -> FakeEntities:
    """Mentions of the given canonical names (and their aliases) wherever they occur."""
    mentions, found = [], []
    for kind, table in (
        ("person", people or {}),
        ("organisation", orgs or {}),
        ("place", places or {}),
    ):
        for name, aliases in table.items():
            key = name.lower().replace(" ", "-")
            found.append(FakeEntity(key, name, kind, ()))
            for alias in sorted([name, *aliases], key=len, reverse=True):
                for m in re.finditer(rf"\b{re.escape(alias)}\b", text):
                    if not any(x.start <= m.start() < x.end for x in mentions):
                        mentions.append(FakeMention(m.start(), m.end(), m.group(), kind, key))
    return FakeEntities(tuple(sorted(mentions, key=lambda m: m.start)), tuple(found))


NO_ENTITIES = FakeEntities((), ())


def texts(text: str, **names) -> list[str]:
    return [q.text for q in extract_quotes(text, entities(text, **names))]


def speakers(text: str, **names) -> list[str | None]:
    return [q.speaker for q in extract_quotes(text, entities(text, **names))]


# --- quotation marks -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        'He said "we will not back down from this fight" on Friday.',
        "He said “we will not back down from this fight” on Friday.",
        "Er sagte „we will not back down from this fight“ am Freitag.",
        "Il a dit « we will not back down from this fight » vendredi.",
        "He said ‘we will not back down from this fight’ on Friday.",
        "He said 'we will not back down from this fight' on Friday.",
    ],
)
def test_every_kind_of_quotation_mark_finds_the_quote(text):
    assert texts(text) == ["we will not back down from this fight"]


def test_offsets_cover_the_quote_as_printed_marks_included():
    text = "The minister said “the strikes must stop now” on Friday."
    [quote] = extract_quotes(text, NO_ENTITIES)
    assert text[quote.start : quote.end] == "“the strikes must stop now”"
    assert quote.kind == STATEMENT


def test_apostrophes_are_not_quotes():
    text = "Russia’s air strikes didn’t stop, and the rebels’ positions were hit in the ’90s style."
    assert extract_quotes(text, NO_ENTITIES) == []


def test_single_quotes_nested_inside_double_quotes_stay_in_one_quote():
    text = "“He called it ‘a recipe for disaster’ and left,” she said."
    assert texts(text) == ["He called it ‘a recipe for disaster’ and left"]


def test_quote_closed_with_two_apostrophes():
    text = (
        "Sinirlioglu said that “we are seriously concerned with the reports of civilian "
        "casualties.’’\n\nKerry met him later."
    )
    assert texts(text) == ["we are seriously concerned with the reports of civilian casualties."]


def test_nyt_style_double_apostrophes():
    text = "''A museum alone will not alleviate poverty,'' he said. ''It won't end violence.''"
    assert texts(text) == ["A museum alone will not alleviate poverty", "It won't end violence."]


def test_quote_over_several_paragraphs_reopened_without_closing():
    text = (
        '"We are analysing the strikes every morning," he told the paper. "The vast '
        'majority are not against IS at all.\n\n"Our evidence indicates they are dropping '
        'unguided munitions."\n\nRussia denied it.'
    )
    quotes = extract_quotes(text, NO_ENTITIES)
    assert [q.text for q in quotes] == [
        "We are analysing the strikes every morning",
        "The vast majority are not against IS at all. Our evidence indicates they are dropping "
        "unguided munitions.",
    ]
    assert text[quotes[1].end :] == "\n\nRussia denied it."


def test_quote_over_three_paragraphs_is_one_quote():
    text = (
        'He said: "First part of the statement.\n\n"Second part goes on.\n\n'
        '"Third part ends it."\n\nThen he left.'
    )
    [quote] = extract_quotes(text, NO_ENTITIES)
    assert quote.text == "First part of the statement. Second part goes on. Third part ends it."
    assert text[quote.end :] == "\n\nThen he left."


def test_unclosed_quote_stops_at_its_paragraph():
    text = (
        'The minister said "this will not stand and we will respond\n\n'
        'Later, officials said "the talks went well" in Geneva.'
    )
    quotes = extract_quotes(text, NO_ENTITIES)
    assert [q.text for q in quotes] == [
        "this will not stand and we will respond",
        "the talks went well",
    ]


def test_a_quote_left_open_in_a_paragraph_ends_where_the_next_one_opens():
    text = (
        "“The plan failed in every county, the campaign said in a statement. “But the voters "
        "will decide.” Ann Vale said, “We are not worried at all,” and left."
    )
    assert texts(text) == [
        "The plan failed in every county, the campaign said in a statement.",
        "But the voters will decide.",
        "We are not worried at all",
    ]


def test_a_quote_nested_in_the_same_marks_stays_one_quote():
    text = "She wrote: “I would rather live in what he calls “chaos” than in his world.” Then..."
    assert texts(text) == ["I would rather live in what he calls “chaos” than in his world."]


def test_stray_closing_mark_does_not_swallow_anything():
    text = 'Officials met on Friday.” The talks went on. He said "it was useful and frank" later.'
    assert texts(text) == ["it was useful and frank"]


def test_short_quotes_are_phrases_and_titles_nobody_speaks_are_no_quotes():
    text = (
        "Moscow said its jets would “only hit” militants. He appeared on “Face the Nation” "
        "and said “this is a recipe for disaster for everyone involved.” The ad, “Stronger "
        "Together Every Day,” aired twice."
    )
    kinds = [(q.text, q.kind) for q in extract_quotes(text, NO_ENTITIES)]
    assert kinds == [
        ("only hit", PHRASE),
        ("this is a recipe for disaster for everyone involved.", STATEMENT),
    ]


# --- speakers --------------------------------------------------------------------------------

KERRY = {"John Kerry": ["Kerry"]}
LAVROV = {"Sergey Lavrov": ["Lavrov", "Sergei Lavrov"]}


def test_x_said_after_the_quote():
    text = "“Russia must stop bombing the opposition,” Kerry said on Friday."
    [quote] = extract_quotes(text, entities(text, people=KERRY))
    assert (quote.speaker, quote.speaker_key) == ("John Kerry", "john-kerry")
    assert text[quote.speaker_start : quote.speaker_end] == "Kerry"


def test_said_x_after_the_quote():
    text = "“Russia must stop bombing the opposition,” said Secretary of State John Kerry."
    assert speakers(text, people=KERRY) == ["John Kerry"]


def test_x_told_reporters_that():
    text = "Kerry told reporters that “what matters is that Russia strikes only ISIS targets.”"
    assert speakers(text, people=KERRY) == ["John Kerry"]


def test_according_to_x():
    text = "According to Lavrov, “the air strikes hit only the same targets as the coalition.”"
    assert speakers(text, people=LAVROV) == ["Sergey Lavrov"]


def test_x_who_did_something_said():
    text = (
        "German Chancellor Angela Merkel, speaking alongside Hollande after a summit in Paris, "
        "said: “Both of us insisted that IS is the enemy we should be fighting.”"
    )
    people = {"Angela Merkel": ["Merkel"], "Francois Hollande": ["Hollande"]}
    assert speakers(text, people=people) == ["Angela Merkel"]


def test_the_statement_said_names_an_unnamed_source_without_a_key():
    text = "“These military actions constitute a further escalation,” said the statement."
    [quote] = extract_quotes(text, NO_ENTITIES)
    assert (quote.speaker, quote.speaker_key) == ("the statement", None)
    text = "“These military actions constitute a further escalation,” the joint statement reads."
    assert speakers(text) == ["the joint statement"]


def test_aliases_are_one_speaker():
    text = (
        "Sergey Lavrov spoke on Saturday. “Turkish acts are inadmissible,” Lavrov said. "
        "“We will respond to provocations,” said Sergei Lavrov."
    )
    quotes = extract_quotes(text, entities(text, people=LAVROV))
    assert {(q.speaker, q.speaker_key) for q in quotes} == {("Sergey Lavrov", "sergey-lavrov")}


def test_pronoun_points_back_to_the_last_named_person():
    text = (
        "UK Defence Secretary Michael Fallon spoke to the Sun on Friday. "
        "“We're analysing where the strikes are going,” he told the paper."
    )
    [quote] = extract_quotes(text, entities(text, people={"Michael Fallon": ["Fallon"]}))
    assert quote.speaker == "Michael Fallon"
    assert text[quote.speaker_start : quote.speaker_end] == "he"


def test_second_quote_after_an_attribution_keeps_the_speaker():
    text = "“We're analysing the strikes,” Fallon said. “The vast majority are not against IS.”"
    assert speakers(text, people={"Michael Fallon": ["Fallon"]}) == ["Michael Fallon"] * 2


def test_speaker_named_in_the_sentence_before_a_paragraph_opening_quote():
    text = (
        "Later on Friday, Obama told reporters in Washington that Russia made a mistake.\n\n"
        "“From their perspective, they're all terrorists, and that's a recipe for disaster.”"
    )
    assert speakers(text, people={"Barack Obama": ["Obama"]}) == ["Barack Obama"]


def test_speaker_of_the_sentence_just_before_in_the_same_paragraph():
    text = (
        "Fallon said only one in 20 Russian strikes hit the group. "
        "“The vast majority are not against IS at all.”"
    )
    assert speakers(text, people={"Michael Fallon": ["Fallon"]}) == ["Michael Fallon"]


def test_unattributed_quote_stays_unattributed():
    text = (
        "Russia's bombing of Aleppo continued over the weekend, Kerry noted in Munich.\n\n"
        "Aid groups are worried.\n\n"
        "“If Russia or the Assad regime violates this agreement, what are the consequences?”"
    )
    assert speakers(text, people=KERRY) == [None]


def test_words_quoted_in_a_sentence_about_a_person_are_that_persons():
    text = "Bernie Sanders, the Vermont senator, enjoys “time with my grandchildren” a lot."
    assert speakers(text, people={"Bernie Sanders": ["Sanders"]}) == ["Bernie Sanders"]


def test_a_country_in_the_sentence_is_no_speaker_for_scare_quotes():
    text = "Iran supports the government by sending “military advisers” to Syria."
    assert speakers(text, places={"Iran": [], "Syria": []}) == [None]


def test_no_speaker_from_an_unrelated_sentence():
    text = (
        "Kerry arrived in Geneva on Monday for talks.\n\n"
        "“The humanitarian situation in the city is rapidly deteriorating.”"
    )
    assert speakers(text, people=KERRY) == [None]


# --- robustness --------------------------------------------------------------------------------

MARKS = st.sampled_from(list("\"“”„«»‘’'‚‹›`") + ["’’", "''", "\n", "\n\n", " ", "a", "Kerry said"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(MARKS, st.text(max_size=8)), max_size=40))
def test_any_text_gives_quotes_inside_the_text_and_never_raises(parts):
    text = "".join(parts)
    for quote in extract_quotes(text, NO_ENTITIES):
        assert 0 <= quote.start < quote.end <= len(text)
        if quote.speaker_start is not None:
            assert 0 <= quote.speaker_start < quote.speaker_end <= len(text)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=3), st.sampled_from(list("\"“”„«'‘’")))
def test_one_stray_mark_never_swallows_later_paragraphs(paragraph, mark):
    paragraphs = [
        'He said "we will respond to this" today.',
        "Nothing was quoted here.",
        "The talks continue.",
        'Kerry said "the talks were useful" in Geneva.',
    ]
    paragraphs[paragraph] = paragraphs[paragraph].replace("said", f"said {mark}", 1)
    text = "\n\n".join(paragraphs)
    found = " ".join(q.text for q in extract_quotes(text, NO_ENTITIES))
    assert "the talks were useful" in found
    assert "The talks continue" not in found


# --- statements ------------------------------------------------------------------------------


def test_words_quoted_inside_reported_speech_belong_to_the_reported_clause():
    text = "Kerry told reporters that the strikes were “a grave mistake” and must stop. He left."
    [quote] = extract_quotes(text, entities(text, people=KERRY))
    start, end = quote.statement
    assert text[start:end] == "that the strikes were “a grave mistake” and must stop"
    assert quote.speaker == "John Kerry"


def test_a_direct_quote_is_its_own_statement():
    text = "“Russia must stop bombing the opposition,” Kerry said. Then he left."
    [quote] = extract_quotes(text, entities(text, people=KERRY))
    assert quote.statement == (quote.start, quote.end)


def test_unattributed_scare_quotes_are_only_the_quoted_words():
    text = "The so-called “moderate rebels” were hit again, residents reported on Friday."
    [quote] = extract_quotes(text, NO_ENTITIES)
    assert quote.statement == (quote.start, quote.end)
