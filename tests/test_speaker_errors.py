"""Each class of wrong speaker seen on real articles, as an invented sentence the reader must get
right: listeners, speakers named after the quote, pronouns, places and fragments, possessives,
descriptions of people the article names, and tokenised text."""

from __future__ import annotations

import pytest

from reader.analysis.quotes import extract_quotes
from reader.analysis.quotes.eligible import can_speak
from reader.analysis.quotes.model import Span
from reader.analysis.quotes.naming import named
from reader.analysis.quotes.speakers import Resolver, Speaker
from reader.analysis.quotes.verbs import reporting_verbs
from tests.test_quotes import entities


def spoken(text: str, **names) -> list[str | None]:
    return [q.speaker for q in extract_quotes(text, entities(text, **names))]


# --- the listener is not the speaker -------------------------------------------------------------


def test_the_listener_of_told_is_not_the_speaker():
    text = (
        "The governor met Tom Hale on Monday.\n\n"
        "“We will not sign this bill in its present form,” the governor told Mr. Hale."
    )
    assert spoken(text, people={"Tom Hale": ["Mr. Hale", "Hale"]}) == ["the governor"]


def test_told_a_network_gives_the_speaker_not_the_network():
    text = "“Nobody on the council voted for that plan,” Ruth Gale told CNN on Sunday."
    found = spoken(text, people={"Ruth Gale": ["Gale"]}, orgs={"CNN": []})
    assert found == ["Ruth Gale"]


def test_wrote_to_someone_gives_the_writer():
    text = (
        "Ann Blake wrote to Carl Dunn last week: “Your office has ignored every one of our "
        "letters since March.”"
    )
    assert spoken(text, people={"Ann Blake": ["Blake"], "Carl Dunn": ["Dunn"]}) == ["Ann Blake"]


# --- the speaker named after the quote wins ------------------------------------------------------


def test_speaker_named_after_the_quote_wins_over_the_person_named_before():
    text = (
        "Carl Dunn had asked about the report earlier in the week. “Two words sum it up: "
        "categorically false,” Ruth Gale said at the briefing."
    )
    found = spoken(text, people={"Carl Dunn": ["Dunn"], "Ruth Gale": ["Gale"]})
    assert found == ["Ruth Gale"]


def test_speaker_in_the_clause_after_a_question():
    text = (
        "Ann Blake listened as the vote was read.\n\n"
        "“Who on earth thought this was a good idea for the town?” asked Carl Dunn, the mayor."
    )
    assert spoken(text, people={"Ann Blake": ["Blake"], "Carl Dunn": ["Dunn"]}) == ["Carl Dunn"]


# --- pronouns -----------------------------------------------------------------------------------


def test_he_wrote_is_not_the_name_inside_the_quote():
    text = "Carl Dunn posted a long message. “Ann Blake has never read the budget,” he wrote."
    assert spoken(text, people={"Carl Dunn": ["Dunn"], "Ann Blake": ["Blake"]}) == ["Carl Dunn"]


def test_he_is_not_the_person_the_quote_is_about():
    text = "Carl Dunn has long attacked Ann Blake. “She is a disaster for this city,” he posted."
    assert spoken(text, people={"Carl Dunn": ["Dunn"], "Ann Blake": ["Blake"]}) == ["Carl Dunn"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Carl Dunn heard from Ann Blake. “Mr. Dunn has never read the budget.”", "Ann Blake"),
        (
            "Carl Dunn was at the meeting with Ann Blake. “Mr. Dunn has never read the budget.” "
            "Dunn did not reply.",
            "Ann Blake",
        ),
    ],
)
def test_the_person_named_in_the_third_person_inside_the_quote_is_not_its_speaker(
    text: str, speaker: str
) -> None:
    people = {"Ann Blake": ["Blake", "Ms. Blake"], "Carl Dunn": ["Dunn", "Mr. Dunn"]}
    assert spoken(text, people=people) == [speaker]


def test_she_is_who_speaks_in_a_sentence_whose_subject_is_no_one():
    text = (
        "“We will need a few days to set it up,” Carl Dunn told reporters. The remark came as "
        "Sen. Ann Vale (D-Ore.), who voted against the bill, said she would work to slow the "
        "vote. “I am opposed to this bill, and I have told them so,” she said."
    )
    found = spoken(text, people={"Ann Vale": ["Vale"], "Carl Dunn": ["Dunn"]})
    assert found == ["Carl Dunn", "Ann Vale"]


def test_he_is_not_the_last_name_of_a_list_before_the_subject():
    text = (
        "Senator Ray Stone has spoken out about the mine for years. Following the deaths of Tom "
        "Hale, Ben Ross and Carl Dunn, the senator issued a statement of sorrow. “We grieve "
        "with every family in the valley,” he said."
    )
    people = {"Ray Stone": ["Stone"], "Tom Hale": [], "Ben Ross": [], "Carl Dunn": []}
    assert spoken(text, people=people) == ["Ray Stone"]


def test_a_quote_after_someone_else_is_given_the_word_is_not_carried_on():
    text = (
        "“The plan is sound,” Ann Vale said. Carl Dunn said the guidelines make sense. “I think "
        "it is too bad that it was so confusing to roll out.”"
    )
    found = spoken(text, people={"Ann Vale": ["Vale"], "Carl Dunn": ["Dunn"]})
    assert found == ["Ann Vale", "Carl Dunn"]


def test_he_is_the_subject_of_the_sentences_before_not_the_last_name():
    text = (
        "Carl Dunn has stepped up his attacks on Tom Hale. In a statement released Tuesday, he "
        "called the budget a fraud.\n\n"
        "“This is the most recent example of a council at war with its own voters,” he said."
    )
    assert spoken(text, people={"Carl Dunn": ["Dunn"], "Tom Hale": ["Hale"]}) == ["Carl Dunn"]


def test_he_is_the_lawyer_who_spoke_not_his_client():
    text = (
        "Mark Vale, the lawyer representing Tom Hale’s campaign, confirmed the subpoenas.\n\n"
        "“We can confirm that the campaign received two subpoenas for documents,” he said."
    )
    found = spoken(text, people={"Mark Vale": ["Vale"], "Tom Hale": ["Hale"]})
    assert found == ["Mark Vale"]


def test_she_is_the_subject_after_an_opening_phrase_not_her_partner():
    text = (
        "According to the Times, Ann Blake, who married her partner, Jane Roe, last year, took "
        "to Facebook.\n\n"
        "“I love my sister, but she is wrong on this,” she wrote."
    )
    found = spoken(text, people={"Ann Blake": ["Blake"], "Jane Roe": ["Roe"]})
    assert found == ["Ann Blake"]


def test_they_is_the_plural_subject_before_it():
    text = (
        "Professors Ann Blake and Carl Dunn studied the survey for a year.\n\n"
        "In Europe, they write, “religion is a private matter for most people.”"
    )
    found = spoken(text, people={"Ann Blake": ["Blake"], "Carl Dunn": ["Dunn"]})
    assert found == ["Professors Ann Blake and Carl Dunn"]


def test_they_stays_they_when_the_subject_before_is_one_person():
    text = (
        "Tom Hale spoke after five senators urged him to step aside. In a statement, they said "
        "his presence did not serve “the national interest of the party.”"
    )
    assert spoken(text, people={"Tom Hale": ["Hale"]}) == ["they"]


def test_she_does_not_point_back_to_a_mister():
    text = "Ms. Lund met Mr. Dunn at the hearing. “The figures do not add up at all,” she said."
    people = {"Greta Lund": ["Ms. Lund", "Lund"], "Carl Dunn": ["Mr. Dunn", "Dunn"]}
    assert spoken(text, people=people) == ["Greta Lund"]


def test_the_pronoun_after_a_quote_tells_nothing_of_a_name_inside_it():
    text = "Ann Blake and Carl Dunn met on Monday. “Mr. Dunn has never read the budget,” she said."
    people = {"Ann Blake": ["Blake"], "Carl Dunn": ["Dunn", "Mr. Dunn"]}
    assert spoken(text, people=people) == ["Ann Blake"]


def test_a_missus_joined_to_her_husband_shows_her_own_name():
    # The entity layer may join 'Mrs. Hale' to 'Tom Hale' (one surname); 'Mr. Hale' says he is
    # another person, so the speaker is shown by the words of the mention.
    text = (
        "President Tom Hale signed the law in 1996, and Mr. Hale defended it for years.\n\n"
        "“It was the wrong law at the wrong time,” Mrs. Hale said on Tuesday."
    )
    found = spoken(text, people={"Tom Hale": ["Mr. Hale", "Mrs. Hale", "Hale"]})
    assert found == ["Mrs. Hale"]


# --- never a place, a platform, a date or a fragment ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("He said it with a tear in his eye.", "a tear"),
        ("She said it in a low voice.", "a low voice"),
        ("They met in Texas on Monday.", "Texas"),
        ("He wrote on Twitter that night.", "Twitter"),
        ("She spoke in the Rose Garden.", "the Rose Garden"),
        ("Rep. Ann Blake (R-S.C.) spoke.", "R-S.C."),
        ("The party and its leader spoke.", "its"),
        ("To the press, he spoke.", "To"),
        ("On Tuesday, she spoke.", "Tuesday"),
        ("Members of the Foreign Relations Committee spoke.", "Relations"),
        ("Following a short meeting, the board spoke.", "Following"),
        ("Separately the board spoke.", "Separately"),
        ("She posts on Twitter as @CityGirl and spoke.", "CityGirl"),
    ],
)
def test_places_platforms_dates_and_fragments_never_speak(text, phrase):
    places = {"Texas": []} if "Texas" in text else {}
    found = entities(text, places=places)
    resolver = Resolver(text, tuple(found.mentions), {})
    start = text.index(phrase)
    assert not can_speak(text, Span(start, start + len(phrase)), resolver, reporting_verbs())


def test_a_country_speaking_for_its_government_may_speak():
    text = "Japan said the launch was “a grave threat to the whole region.”"
    found = entities(text, places={"Japan": []})
    resolver = Resolver(text, tuple(found.mentions), {})
    assert can_speak(text, Span(0, 5), resolver, reporting_verbs())


def test_a_place_inside_a_description_does_not_stop_it_speaking():
    text = "“We are not done yet,” the Texas governor said."
    assert spoken(text, places={"Texas": []}) == ["the Texas governor"]


def test_a_person_of_a_place_is_the_person_not_the_place():
    text = (
        "The hearing ran late.\n\n“This is a waste of the committee’s time,” said Del. Ann Blake "
        "of the Virgin Islands."
    )
    found = spoken(text, people={"Ann Blake": ["Blake"]}, places={"Virgin Islands": []})
    assert found == ["Ann Blake"]


def test_a_participle_opening_the_sentence_is_not_its_speaker():
    text = (
        "Following a swiftly called meeting, the council issued a statement calling the test "
        "“a clear violation of every resolution passed since 2006.”"
    )
    assert spoken(text) != ["Following"]


def test_a_manner_phrase_after_said_is_no_speaker():
    text = "“It is over for us now,” he said in a low voice, and nobody else spoke."
    assert spoken(text) != ["a low voice"]


def test_a_time_after_a_description_is_no_speaker():
    text = (
        "Ann Blake campaigned in Ohio.\n\n"
        "Blake released a statement late Tuesday saying: “This is a matter for the courts.”"
    )
    assert spoken(text, people={"Ann Blake": ["Blake"]}) == ["Ann Blake"]


def test_a_description_stops_before_its_verb():
    text = "The aide also took to Facebook: “Show a little respect for the office you hold.”"
    assert spoken(text) == ["The aide"]


# --- a possessive or topic is not the speaker --------------------------------------------------


def test_the_owner_of_the_comments_is_not_the_speaker():
    text = (
        "Ann Blake said Carl Dunn’s latest comments showed “a lack of respect for our country "
        "and its people.”"
    )
    assert spoken(text, people={"Ann Blake": ["Blake"], "Carl Dunn": ["Dunn"]}) == ["Ann Blake"]


# --- a description is shown by name when the article names the person ----------------------------


def test_the_spokesman_is_shown_by_name():
    text = (
        "Nick Vale, the campaign’s spokesman, declined to comment at first.\n\n"
        "Later, “we have nothing to hide from anyone,” the spokesman said."
    )
    assert spoken(text, people={"Nick Vale": ["Vale"]}) == ["Nick Vale"]


def test_a_memo_speaks_for_the_seat_of_government_that_issued_it():
    text = (
        "“We agree with the estimate,” the White House said in a memo. “The cost is spread "
        "over many years,” the memo continued."
    )
    assert spoken(text, places={"White House": []}) == ["White House", "White House"]


def test_a_statement_from_a_described_body_is_shown_by_the_body_s_name():
    text = (
        "The Valley Farmers Union’s rules allow it. “Our volunteers are doing a great job,” "
        "read a statement from the union."
    )
    assert spoken(text, orgs={"Valley Farmers Union": []}) == ["Valley Farmers Union"]


def test_a_description_identified_as_someone_is_that_someone():
    text = (
        "Protesters chained themselves to the gates. “You have the power to stop this,” a man, "
        "identified by news reports as Carl Dunn, shouted from the stage."
    )
    assert spoken(text, people={"Carl Dunn": ["Dunn"]}) == ["Carl Dunn"]


def test_the_report_is_shown_by_whose_document_the_text_names_before_it():
    text = (
        "Treasury’s analysis forecasts growth of 2.9 percent. “We expect half of the increase "
        "to come from corporate taxes,” the report said."
    )
    assert spoken(text, orgs={"Treasury": []}) == ["Treasury"]


def test_a_statement_is_shown_by_who_issued_it():
    text = (
        "Ann Blake, a lawyer for Carl Dunn, issued a statement on Friday.\n\n"
        "“My client has done nothing wrong and expects to be cleared,” the statement said."
    )
    assert spoken(text, people={"Ann Blake": ["Blake"], "Carl Dunn": ["Dunn"]}) == ["Ann Blake"]


def test_a_statement_from_an_attorney_is_the_attorney_s():
    text = (
        "A grand jury met on Friday.\n\n"
        "“We are disappointed, but hardly surprised,” said the statement from Carl Dunn’s "
        "attorney, Ann Blake."
    )
    assert spoken(text, people={"Ann Blake": ["Blake"], "Carl Dunn": ["Dunn"]}) == ["Ann Blake"]


def test_a_letter_speaks_for_the_unnamed_group_that_sent_it():
    text = (
        "The nurses sent a letter to the council on Monday.\n\n"
        "“No ward can run on half its staff,” the letter said."
    )
    assert spoken(text) == ["The nurses"]


def test_a_statement_nobody_is_said_to_have_issued_stays_the_statement():
    text = "“All flights are cancelled until further notice,” the statement said."
    assert spoken(text) == ["the statement"]


def test_a_description_is_not_the_person_whose_title_names_it():
    text = (
        "Tom Hale, the chairman of the Northern Party Committee, spoke on the radio.\n\n"
        "“The plan is the wrong choice for families,” the Southern committee said."
    )
    found = spoken(text, people={"Tom Hale": ["Hale"]}, orgs={"Northern Party Committee": []})
    assert found == ["the Southern committee"]


def test_the_first_lady_is_shown_by_name():
    text = (
        "First lady Jane Roe visited the school on Friday.\n\n"
        "“Teachers are the heroes of this country,” the first lady said."
    )
    assert spoken(text, people={"Jane Roe": ["Roe"]}) == ["Jane Roe"]


def test_he_after_a_short_sentence_opening_with_but_is_that_sentence_s_subject():
    text = (
        "Judge Ann Vale said that “the rule is clear” and may stand.\n\n"
        "But Judge Carl Dunn was unconvinced.\n\n"
        "“I am not persuaded at all,” he told the lawyer, Tom Hale."
    )
    people = {"Ann Vale": ["Vale"], "Carl Dunn": ["Dunn"], "Tom Hale": ["Hale"]}
    assert spoken(text, people=people) == ["Ann Vale", "Carl Dunn"]


def test_a_title_written_short_names_the_description():
    text = (
        "Ohio Gov. Ann Vale toured the plant on Friday.\n\n"
        "“Nobody here will lose a job,” the Ohio governor said."
    )
    assert spoken(text, people={"Ann Vale": ["Vale"]}) == ["Ann Vale"]
    text = (
        "Ann Vale toured the plant. The plant closed.\n\n“Nobody here will lose a job,” the "
        "governor said."
    )
    assert spoken(text, people={"Ann Vale": ["Vale"]}) == ["the governor"]


def test_the_president_is_not_the_vice_president():
    text = (
        "President Ann Vale signed the bill, flanked by Vice President Carl Dunn.\n\n"
        "“This law will save lives in every town,” said the president, smiling."
    )
    assert spoken(text, people={"Ann Vale": ["Vale"], "Carl Dunn": ["Dunn"]}) == ["Ann Vale"]
    text = (
        "Former Vice President Carl Dunn spoke in Ohio on Monday.\n\n"
        "“We will not be silent about this,” the former vice president said."
    )
    assert spoken(text, people={"Carl Dunn": ["Dunn"]}) == ["Carl Dunn"]


def test_a_description_of_a_body_is_shown_by_the_body_s_name():
    text = (
        "The Northern Farmers Committee met on Friday.\n\n"
        "“The plan will ruin every small farm in the valley,” the farmers committee said."
    )
    found = spoken(text, orgs={"Northern Farmers Committee": []})
    assert found == ["Northern Farmers Committee"]


def test_a_description_never_named_stays_a_description():
    text = "“The talks collapsed before noon,” a senior official said."
    assert spoken(text) == ["a senior official"]


def test_an_unattributed_quote_stays_unattributed():
    text = "The hall was full by noon.\n\n“Everything changes after tonight, for all of us.”"
    assert spoken(text) == [None]


# --- tokenised text and spaced guillemets ---------------------------------------------------


def test_tokenised_quote_is_found_and_attributed():
    text = "Greta Lund spoke at the summit . “ How dare you , ” she said . “ You have failed us . ”"
    quotes = extract_quotes(text, entities(text, people={"Greta Lund": ["Lund"]}))
    assert [q.text for q in quotes] == ["How dare you", "You have failed us."]
    assert [q.speaker for q in quotes] == ["Greta Lund", "Greta Lund"]
    assert text[quotes[0].start : quotes[0].end] == "“ How dare you , ”"
    assert text[quotes[0].speaker_start : quotes[0].speaker_end] == "she"


def test_tokenised_straight_quotes_pair_in_order():
    text = 'The mayor spoke first . " It is still debated , " Carl Dunn said . " So we wait . "'
    quotes = extract_quotes(text, entities(text, people={"Carl Dunn": ["Dunn"]}))
    assert [q.text for q in quotes] == ["It is still debated", "So we wait."]
    assert quotes[0].speaker == "Carl Dunn"


def test_spaced_guillemets():
    text = "« Nous ne partirons pas , » the minister said on Monday."
    quotes = extract_quotes(text, entities(text))
    assert [(q.text, q.speaker) for q in quotes] == [("Nous ne partirons pas", "the minister")]
    assert text[quotes[0].start : quotes[0].end] == "« Nous ne partirons pas , »"


def test_a_description_with_the_name_in_apposition_is_shown_by_name():
    text = (
        "One member of the council, Rep. Ann Blake, told reporters that it was “possible that "
        "we would close the office for good.”"
    )
    assert spoken(text, people={"Ann Blake": ["Blake"]}) == ["Ann Blake"]


def test_he_is_not_a_name_inside_a_modifier():
    text = (
        "Tom Hale is a fellow at the institute and a former adviser under President Carl Dunn. "
        "“We will lose a lot of traction with our allies,” he said."
    )
    people = {"Tom Hale": ["Hale"], "Carl Dunn": ["Dunn"]}
    assert spoken(text, people=people) == ["Tom Hale"]


# --- speaker phrases end at their noun; antecedents past long quotes; tokenised tags ------------


def test_a_verb_or_an_adverb_is_no_part_of_the_speaker_phrase():
    text = (
        "The inquiry published its findings in May. The report goes on to say that “the board "
        "failed every family that trusted it.”\n\n"
        "The treasurer on Thursday actually said this at the hearing: “We spent the money twice "
        "and nobody noticed.”"
    )
    found = spoken(text)
    assert not any(s and s.split()[-1] in {"goes", "actually"} for s in found)
    assert found[0] in {"The report", "The inquiry"}


def test_he_after_a_long_quote_is_the_subject_before_it():
    text = (
        "Back on the radio, Ann Vale said she wants Carl Dunn to do well.\n\n"
        "“I love this town. The council laughs at us. It will not laugh for long. We will "
        "win in May,” she said."
    )
    assert spoken(text, people={"Ann Vale": ["Vale"], "Carl Dunn": ["Dunn"]}) == ["Ann Vale"]


def test_tokenised_party_tag_and_a_nested_quote_keep_the_speaker():
    text = (
        "\" Carl Dunn would do well to read the rule ' no new taxes , ' \" Rep. Ann Vale , "
        'R - La. , said in a statement . " Bypassing the council is never acceptable . "'
    )
    people = {"Ann Vale": ["Vale"], "Carl Dunn": ["Dunn"]}
    assert spoken(text, people=people) == ["Ann Vale", "Ann Vale"]


def test_initials_do_not_end_the_sentence_of_the_speaker():
    text = (
        "A.J. Vale, the party's candidate in Ohio, said he believes Mr. Dunn will run again "
        "and offered him a piece of advice: “Fire every adviser you have.”"
    )
    people = {"A.J. Vale": ["Vale"], "Carl Dunn": ["Mr. Dunn", "Dunn"]}
    assert spoken(text, people=people) == ["A.J. Vale"]


@pytest.mark.parametrize("phrase", ["Calling Ann Vale", "The report goes", "his aides should"])
def test_a_phrase_that_opens_or_ends_with_a_verb_cannot_speak(phrase: str) -> None:
    text = f"{phrase} “heartless,” the paper said."
    found = entities(text, people={"Ann Vale": ["Vale"]})
    resolver = Resolver(text, tuple(found.mentions), {})
    assert not can_speak(text, Span(0, len(phrase)), resolver, reporting_verbs())


def test_the_person_whose_lawyer_speaks_is_not_the_speaker():
    people = {"Carl Dunn": ["Mr. Dunn", "Dunn"], "Ann Vale": ["Vale"]}
    owned = (
        "Carl Dunn’s lawyer, Ann Vale, said in a statement that the office “has disclosed its "
        "intent to file charges.”"
    )
    assert spoken(owned, people=people) == ["Ann Vale"]
    described = (
        "A lawyer for Mr. Dunn, Ann Vale of Vale Partners, confirmed the charges and said that "
        "the inquiry was “a politically driven vendetta.”"
    )
    assert spoken(described, people=people) == ["Ann Vale"]


def test_a_name_after_like_is_no_speaker():
    text = (
        "But while Tom Hale said it is time to get off the “mindset that we must fight each "
        "other,” comments like Dunn’s show that the race “has been a race to the bottom.”"
    )
    found = spoken(text, people={"Tom Hale": ["Hale"], "Carl Dunn": ["Dunn"]})
    assert found[0] == "Tom Hale"
    assert "Carl Dunn" not in found


def test_of_someone_he_said_is_not_that_someone():
    text = (
        "“I only care about the harbour,” Ann Vale said. She said Carl Dunn “has no plan at "
        "all.”\n\nOf Dunn, she said, “I want him to do well. The town wants him to do well.”"
    )
    found = spoken(text, people={"Ann Vale": ["Vale"], "Carl Dunn": ["Dunn"]})
    assert found[-1] == "Ann Vale"


def test_it_is_the_organisation_named_before():
    text = (
        "Hope of a deal dimmed after the Hunters League lashed out at what it called the "
        "council’s “plan to disarm every family in the valley.”\n\n"
        "The Hunters League condemned the vote. “We will see them in court,” it said."
    )
    found = spoken(text, orgs={"Hunters League": []})
    assert found == ["Hunters League", "Hunters League"]


def test_a_description_is_shown_with_the_organisation_it_belongs_to():
    text = (
        "“The changes would shrink the network,” a team from the Valley Health Foundation "
        "wrote. “It is worse,” a statement from Senate Leader Ann Vale's office said."
    )
    found = entities(text, orgs={"Valley Health Foundation": [], "Senate": []})
    resolver = Resolver(text, tuple(found.mentions), {})
    team, statement = text.index("a team"), text.index("a statement")
    shown = named(text, Speaker("a team", None, team, team + 6), resolver, [])
    assert shown.name == "a team from the Valley Health Foundation"
    other = named(text, Speaker("a statement", None, statement, statement + 11), resolver, [])
    assert other.name == "a statement"  # 'Senate' opens a longer name here


def test_he_after_the_title_of_a_named_person_is_that_person():
    text = (
        "Governor Ann Vale vetoed the bill on Friday. Senator Tom Hale said the chamber would "
        "vote again.\n\nThe governor, however, said the bill goes against her plans. “Not "
        "only is this bad policy, it is unlawful,” she wrote."
    )
    people = {"Ann Vale": ["Vale"], "Tom Hale": ["Hale"]}
    assert spoken(text, people=people) == ["Ann Vale"]


def test_a_photo_credit_opening_a_sentence_is_not_its_subject():
    text = (
        "Governor Ann Vale walks to the car on May 2. (Tom Hale/The Valley Times) Governor Ann "
        "Vale has vetoed the bill because it fails the towns. “Unfortunately, the bill fails "
        "every family in the valley,” she said."
    )
    assert spoken(text, people={"Ann Vale": ["Vale"], "Tom Hale": ["Hale"]}) == ["Ann Vale"]


def test_an_opening_mark_printed_where_a_quote_closes_before_said():
    text = (
        "“The answer is not to close the harbour, but that is where they want to go, “ said "
        "the Republican Tom Hale of Ohio. The talks go on in the council."
    )
    found = extract_quotes(text, entities(text, people={"Tom Hale": []}, places={"Ohio": []}))
    assert [q.text for q in found] == [
        "The answer is not to close the harbour, but that is where they want to go"
    ]
    assert found[0].speaker == "Tom Hale"


def test_a_place_inside_a_longer_speaker_phrase_is_not_the_speaker():
    text = "“We will not sign it,” said the Republican senator of Ohio on Monday."
    found = entities(text, orgs={"Republican": []}, places={"Ohio": []})
    assert [q.speaker for q in extract_quotes(text, found)] != ["Ohio"]


def test_a_capitalised_title_names_the_person_the_article_gives_it():
    text = (
        "President Ann Vale spoke in May. Senator Tom Hale replied in June. Earlier on "
        "Tuesday, the President said in a statement that the council must act. “At the "
        "federal level, we will need more votes,” she said."
    )
    assert spoken(text, people={"Ann Vale": ["Vale"], "Tom Hale": ["Hale"]}) == ["Ann Vale"]
    other = "“We will not print it,” the Times said. The Times has printed it before."
    assert spoken(other, orgs={"Valley Times": []}) == ["the Times"]


# --- descriptions of organisations and office holders the article names --------------------------


def test_the_group_is_the_organisation_the_article_calls_a_group():
    text = (
        "The Harbour Trust, a regional advocacy group, welcomed the ruling. “We have finally "
        "won this long fight!” the group wrote. “This is only the beginning.”"
    )
    assert spoken(text, orgs={"Harbour Trust": []}) == ["Harbour Trust", "Harbour Trust"]


def test_the_paper_is_the_organisation_that_is_the_subject_just_before():
    text = (
        "Even the Northern Ledger editorial board scolded the senators. “If they want to prove "
        "their case, let them debate the bill on the floor,” the paper said."
    )
    assert spoken(text, orgs={"Northern Ledger": []}) == ["Northern Ledger"]


def test_a_party_member_described_is_the_person_not_the_party():
    text = (
        "Tom Hale, a preacher of compromise, was also unhappy with the tone of the speech. "
        "“I don’t think it was the right moment,” the Ohio Democrat said."
    )
    found = spoken(text, people={"Tom Hale": ["Hale"]}, orgs={"Democratic Party": ["Democrat"]})
    assert found == ["Tom Hale"]


def test_an_office_after_a_sentence_about_its_holder_is_the_holder():
    text = (
        "Ann Vale toured the flooded towns on Monday. “We will rebuild every bridge that was "
        "lost,” the governor said."
    )
    assert spoken(text, people={"Ann Vale": ["Vale"]}) == ["Ann Vale"]


def test_someone_who_speaks_for_another_is_not_named_by_the_subject_before():
    text = (
        "Senator Ann Vale left the hearing early. “She had another meeting,” the spokesman "
        "said. Tom Hale asked a question. “Who are you?” the cameraman replied."
    )
    assert spoken(text, people={"Ann Vale": ["Vale"], "Tom Hale": ["Hale"]}) == [
        "the spokesman",
        "the cameraman",
    ]


def test_the_chairman_of_a_committee_named_beside_it_is_the_speaker():
    text = (
        "The chairman of the Harbour Committee, Representative Carl Dunn, Republican of Ohio, "
        "said: “Sooner or later the agency must admit the plan is broken.”"
    )
    found = spoken(text, people={"Carl Dunn": ["Dunn"]}, orgs={"Harbour Committee": []})
    assert found == ["Carl Dunn"]


def test_president_and_ceo_before_a_name_is_one_title():
    text = (
        "“Companies should be working to improve their policies, not deleting them,” said "
        "Orbit president and CEO Mara Lind in a statement."
    )
    assert spoken(text, people={"Mara Lind": ["Lind"]}, orgs={"Orbit": []}) == ["Mara Lind"]
    two = "“We will not sign it,” said Ann Vale and Tom Hale in a letter."
    assert spoken(two, people={"Ann Vale": [], "Tom Hale": []}) == ["Ann Vale"]


def test_the_statement_is_whoever_said_it_in_a_statement():
    text = (
        "Two soldiers died in a crash in the valley, the army said in a statement on Monday. "
        "“The cause of the crash is under investigation, but early reports rule out enemy "
        "fire,” the statement said."
    )
    assert spoken(text) == ["the army"]


def test_it_after_a_statement_is_released_is_whoever_released_it():
    text = (
        "The Harbour Trust released a statement on Friday. “We are proud of everything she "
        "achieved with us,” it said."
    )
    assert spoken(text, orgs={"Harbour Trust": []}) == ["Harbour Trust"]


def test_a_verb_of_saying_that_doubles_its_last_letter_ends_the_speaker():
    text = "The ads drew scorn. “If we were any higher, we would be in orbit,” one user quipped."
    assert spoken(text) == ["one user"]


def test_they_after_an_organisation_is_the_organisation():
    text = (
        "The company that runs the awards, Harbour Productions, denies that anything has been "
        "settled. “Any final agreement must be made with her management,” they said."
    )
    assert spoken(text, orgs={"Harbour Productions": []}) == ["Harbour Productions"]


def test_a_transcript_label_at_the_head_of_a_quote_is_its_speaker():
    text = (
        "Mike Pence spoke to Chris Wallace on Sunday. Partial transcript as follows: "
        "“WALLACE: Why would he do that?” “PENCE: Well, look, this is a show to them.” "
        "“HOST: And the debate?”"
    )
    found = spoken(text, people={"Mike Pence": ["Pence"], "Chris Wallace": ["Wallace"]})
    assert found == ["Chris Wallace", "Mike Pence", "Host"]


def test_a_name_after_a_quote_with_the_verb_left_out_is_the_speaker():
    text = (
        "“The short-term options are not ideal,” Sen. Ann Vale (D-Ariz.) told reporters. “I "
        "think we will come right up against a rule change again,” Sen. Tom Hale (D-Del.). "
        "Others agreed."
    )
    assert spoken(text, people={"Ann Vale": ["Vale"], "Tom Hale": ["Hale"]}) == [
        "Ann Vale",
        "Tom Hale",
    ]


def test_a_name_signing_a_quote_after_a_dash_is_its_speaker():
    text = (
        "Reviews:\n\n“A gorgeous play with an interesting style.”\n\n– Tur**\n\n“Beautiful "
        "spectacle! We recommend it.” – Mel Ro****\n\n“Two days later she was back.” ― Ann Vale"
    )
    assert spoken(text, people={"Ann Vale": []}) == ["Tur**", "Mel Ro****", "Ann Vale"]


def test_an_adverb_between_the_name_and_the_verb_is_no_part_of_the_speaker():
    text = "Ann Vale offered her seat. “Can I give it to James?” Vale tearfully asked."
    assert spoken(text, people={"Ann Vale": ["Vale"]}) == ["Ann Vale"]


def test_it_after_they_put_out_a_statement_is_the_organisation_they_stand_for():
    text = (
        "The Harbour Trust has twice denied doing anything wrong. Now they have put out "
        "another statement. “We have agreed to grant all the licences,” it says."
    )
    assert spoken(text, orgs={"Harbour Trust": []}) == ["Harbour Trust"]


def test_a_title_no_verb_gives_anyone_is_not_a_quote():
    text = (
        "Ann Vale has been eliminated from “Dancing with the Stars.” The former star was voted "
        "off on Monday."
    )
    assert spoken(text, people={"Ann Vale": ["Vale"]}) == []


def test_a_phrase_ending_in_a_platform_is_not_the_speaker():
    text = (
        "The Harbour Trust said in a Thursday night Facebook post, “We will stand together, "
        "doing whatever it takes to keep these senators safe,” pledging to help."
    )
    assert spoken(text, orgs={"Harbour Trust": [], "Facebook": []}) == ["Harbour Trust"]


def test_an_organisation_whose_first_word_is_also_a_verb_can_speak():
    text = (
        "“We had to admit the plan had a big problem,” said United Harbour Workers "
        "treasurer Gail Penn."
    )
    found = spoken(text, orgs={"United Harbour Workers treasurer Gail Penn": []})
    assert found == ["United Harbour Workers treasurer Gail Penn"]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Nineteen states have passed “warning flag” rules since then.", "Nineteen"),
        ("Why try at all? Because saying “we want our rights kept” does not persuade.", "Because"),
        ("Among the notes was one from a reader who said, “Go home now.”", "Among"),
        ("Rep. Ann Vale, D-Md., questioned the “amended” text.", "Md"),
    ],
)
def test_counts_conjunctions_and_party_tag_states_are_not_speakers(text: str, phrase: str):
    start = text.index(phrase)
    resolver = Resolver(text, entities(text).mentions, {})
    assert not can_speak(text, Span(start, start + len(phrase)), resolver, reporting_verbs())


def test_the_state_of_a_party_tag_gives_the_member_not_the_state():
    text = "As Sen. Ann Vale, R-Ky., put it, “The cable was the hottest item of the year.”"
    found = spoken(text, people={"Ann Vale": ["Vale"]}, places={"Ky": []})
    assert found == ["Ann Vale"]


def test_a_place_after_a_preposition_is_not_the_speaker():
    text = (
        "The office issued a statement while Mr. Dunn was at his club in Vermont saying the "
        "mayor “did not hear the remark at all.”"
    )
    found = spoken(text, people={"Carl Dunn": ["Mr. Dunn", "Dunn"]}, places={"Vermont": []})
    assert "Vermont" not in found


def test_a_dateline_is_not_the_speaker():
    text = (
        "BRATTLEBORO, Vt. — Gov. Carl Dunn of Vermont on Tuesday said he would back a plan "
        "“to close every loophole we can find.”"
    )
    found = spoken(text, people={"Carl Dunn": ["Dunn"]}, places={"Vermont": [], "Vt": []})
    assert found == ["Carl Dunn"]
