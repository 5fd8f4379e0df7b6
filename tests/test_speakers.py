"""Speaker attribution rules, each on a short realistic sentence written for the test."""

from __future__ import annotations

from reader.analysis.quotes import extract_quotes
from reader.analysis.quotes.words import quote_words
from reader.config import config_dir, reload_tables
from tests.test_quotes import entities


def spoken(text: str, **names) -> list[tuple[str | None, str | None]]:
    """(speaker, the mention the attribution rests on) of each quote."""
    return [
        (q.speaker, None if q.speaker_start is None else text[q.speaker_start : q.speaker_end])
        for q in extract_quotes(text, entities(text, **names))
    ]


# --- verb forms that are nouns or names ---------------------------------------------------------


def test_verb_form_inside_a_place_name_is_no_reporting_verb():
    text = (
        "Senator Maria Lopez issued a statement on Friday, insisting that the United States "
        "“cannot keep ignoring the farmers who feed this country.”"
    )
    people = {"Maria Lopez": ["Lopez"]}
    assert spoken(text, people=people, places={"United States": []}) == [
        ("Maria Lopez", "Maria Lopez")
    ]


def test_verb_form_after_a_possessive_is_a_noun():
    text = (
        "Senator Maria Lopez said Carl Dunn’s comments “show how little he understands about "
        "this city.”"
    )
    people = {"Maria Lopez": ["Lopez"], "Carl Dunn": ["Dunn"]}
    assert spoken(text, people=people) == [("Maria Lopez", "Maria Lopez")]


def test_verb_form_after_a_determiner_or_preposition_is_a_noun():
    text = "Ann Blake dismissed the reports of a closure as “pure fiction from start to finish.”"
    assert spoken(text, people={"Ann Blake": ["Blake"]}) == [("Ann Blake", "Ann Blake")]


def test_possessive_claim_that_reports_the_possessor():
    text = "Reporters checked Carl Dunn’s claim that crime had “doubled in just two years.”"
    assert spoken(text, people={"Carl Dunn": ["Dunn"]}) == [("Carl Dunn", "Carl Dunn")]


def test_capitalised_verb_in_a_title_case_headline_still_reports():
    text = (
        "Mayor Pete Alvarez Says Budget Is ‘A Disaster Waiting To Happen’.\n\n"
        "The mayor spoke on Monday."
    )
    assert spoken(text, people={"Pete Alvarez": ["Alvarez"]})[0][0] == "Pete Alvarez"


# --- quotes closed with a single mark and a double one ------------------------------------------


def test_spaced_double_mark_after_a_nested_single_closes_the_quote():
    text = (
        "\"He told us it was 'a matter of time,' \" said Ruth Gale, a county clerk. "
        '"Nobody in this town believed him."'
    )
    quotes = extract_quotes(text, entities(text, people={"Ruth Gale": ["Gale"]}))
    assert [q.text for q in quotes] == [
        "He told us it was 'a matter of time,'",
        "Nobody in this town believed him.",
    ]
    assert [q.speaker for q in quotes] == ["Ruth Gale", "Ruth Gale"]


def test_three_apostrophes_close_a_nested_quote_and_the_quote():
    text = "''We all watched 'Meet the Press,''' said Dan Ortiz, a retired teacher."
    quotes = extract_quotes(text, entities(text, people={"Dan Ortiz": ["Ortiz"]}))
    assert [(q.text, q.speaker) for q in quotes] == [
        ("We all watched 'Meet the Press,'", "Dan Ortiz")
    ]
    assert text[quotes[0].start : quotes[0].end] == "''We all watched 'Meet the Press,'''"


# --- attributions closing the sentence ---------------------------------------------------------


def test_closing_attribution_with_a_time_or_place_after_the_verb():
    text = (
        "Ticket sales were “far better than anyone expected” this spring, Nora Hale said on "
        "Tuesday in Denver."
    )
    assert spoken(text, people={"Nora Hale": ["Hale"]}) == [("Nora Hale", "Nora Hale")]


def test_closing_attribution_told_someone():
    text = (
        "The new rules would “crush small farms” across the state, Nora Hale told the Denver Post."
    )
    assert spoken(text, people={"Nora Hale": ["Hale"]}) == [("Nora Hale", "Nora Hale")]


def test_closing_attribution_gives_a_short_phrase_its_speaker():
    text = "Nora Hale took the stage. Turnout was “really strong” in the north, she said."
    assert spoken(text, people={"Nora Hale": ["Hale"]}) == [("Nora Hale", "she")]


def test_closing_attribution_needs_the_verb_to_end_its_clause():
    text = (
        "The budget was “a total mess” for years, the auditors said it would take months "
        "to fix, and nobody answered."
    )
    assert spoken(text)[0][0] is None


def test_question_then_speaker_and_object_then_a_new_clause():
    text = (
        "Carl Dunn thanked the crowd. “Can you all hear me at the back?” he asked them, as "
        "the microphone was failing."
    )
    assert spoken(text, people={"Carl Dunn": ["Dunn"]}) == [("Carl Dunn", "he")]


# --- subjects, not the noun phrases around them --------------------------------------------------


def test_gerund_after_a_preposition_takes_the_sentence_subject():
    text = (
        "Mayor Ann Blake took questions for an hour. She followed that by saying, “We will "
        "have this bridge open again by spring.”"
    )
    assert spoken(text, people={"Ann Blake": ["Blake"]}) == [("Ann Blake", "She")]


def test_gerund_after_an_inverted_attribution_is_no_speaker_itself():
    text = (
        "“Let the voters decide,” said Ann Blake, urging those calling for her exit to "
        "“give everyone time to think it over.”"
    )
    assert [s for s, _ in spoken(text, people={"Ann Blake": ["Blake"]})] == ["Ann Blake"] * 2


def test_contracted_pronoun_is_the_subject_and_a_time_is_none():
    text = "Carl Dunn at the time said he’d asked his “people” to “look into” the fees."
    found = spoken(text, people={"Carl Dunn": ["Dunn"]})
    assert [name for name, _ in found] == ["Carl Dunn"] * 2  # 'he' or the one who said it
    assert all(mention in {"he", "Carl Dunn"} for _, mention in found)
    text = "Carl Dunn said at the time “there was nothing left to negotiate about.”"
    assert spoken(text, people={"Carl Dunn": ["Dunn"]}) == [("Carl Dunn", "Carl Dunn")]


def test_weekday_opening_the_sentence_is_no_subject():
    text = (
        "Tuesday at a town hall in Dayton, after a long day of rallies, Ann Blake (D-Ohio), "
        "said, “I am not going anywhere until every vote is counted.”"
    )
    assert spoken(text, people={"Ann Blake": ["Blake"]}) == [("Ann Blake", "Ann Blake")]


def test_author_of_a_statement_speaks_through_it():
    text = (
        "The party released a statement Friday saying Carl Dunn’s comments “have no place "
        "in this state.”"
    )
    assert spoken(text, people={"Carl Dunn": ["Dunn"]}) == [("The party", "The party")]
    text = "The statement, released on Friday, said the plan was “unworkable from day one.”"
    assert spoken(text) == [("The statement", "The statement")]


# --- a sentence ending in a colon introduces the quote below it ----------------------------------


def test_colon_ending_the_paragraph_before_introduces_the_quote():
    text = (
        "After the vote, council member Ruth Gale echoed:\n\n"
        "“We cannot keep asking families to pay more for less.”"
    )
    assert spoken(text, people={"Ruth Gale": ["Gale"]}) == [("Ruth Gale", "Ruth Gale")]


def test_colon_introduction_with_a_title_before_the_name():
    text = (
        "In response, Republican party chairman Carl Dunn issued the following statement:\n\n"
        "“Our thoughts are with the families of everyone affected tonight.”"
    )
    assert spoken(text, people={"Carl Dunn": ["Dunn"]}) == [("Carl Dunn", "Carl Dunn")]


def test_colon_introduction_without_a_named_speaker_stays_unattributed():
    text = (
        "The numbers tell the story. Wait, it gets better:\n\n"
        "“The county spent twice its budget on consultants last year.”"
    )
    assert spoken(text) == [(None, None)]


def test_infinitive_takes_the_subject_of_its_sentence():
    text = (
        "Judge Ruth Gale pointed to an earlier ruling to say that the county must "
        "“publish every contract it signs.”"
    )
    assert spoken(text, people={"Ruth Gale": ["Gale"]}) == [("Ruth Gale", "Ruth Gale")]


def test_several_leading_words_before_the_subject():
    text = (
        "And then Carl Dunn went on the attack, saying, “Nobody in this room believes a "
        "word of that report.”"
    )
    assert spoken(text, people={"Carl Dunn": ["Dunn"]}) == [("Carl Dunn", "Carl Dunn")]


def test_named_subject_and_a_short_verb_before_a_comma_introduce_the_quote():
    text = "On the radio, Ruth Gale shot back, “Nobody on this council voted for that plan.”"
    assert spoken(text, people={"Ruth Gale": ["Gale"]}) == [("Ruth Gale", "Ruth Gale")]
    text = "On the radio, the weather shifted again, “and then the rain came down for days.”"
    assert spoken(text) == [(None, None)]


def test_as_x_said_after_the_quote_attributes_it():
    text = (
        "The fact that the race “is a dead heat right now,” as Ann Blake said on the radio, "
        "only raises the stakes."
    )
    assert spoken(text, people={"Ann Blake": ["Blake"]}) == [("Ann Blake", "Ann Blake")]


def test_short_quoted_sentence_after_its_speakers_quote_keeps_the_speaker():
    text = "Carl Dunn took one question. “They all sue,” he said. “Everybody sues, right?”"
    assert spoken(text, people={"Carl Dunn": ["Dunn"]}) == [("Carl Dunn", "he")] * 2
    text = "“Do we give up?” Carl Dunn asked.\n\n“Nooo!”\n\nThe crowd was on its feet."
    assert [s for s, _ in spoken(text, people={"Carl Dunn": ["Dunn"]})] == ["Carl Dunn", None]


# --- the word lists are a data table ------------------------------------------------------------


def test_a_users_quote_words_table_extends_the_word_lists():
    text = "“We will not back down on this,” Mastodon said."
    assert spoken(text) == [("Mastodon", "Mastodon")]
    folder = config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "quote_words.yaml").write_text("time_nouns: [instant]\n", encoding="utf-8")
    (folder / "quote_speakers.yaml").write_text("platforms: [mastodon]\n", encoding="utf-8")
    reload_tables()
    assert "instant" in quote_words().time_nouns
    assert spoken(text) == [(None, None)]  # a platform the user names is no speaker
