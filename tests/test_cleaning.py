"""Cleaning: scraping debris goes, prose stays, spacing is normalised, paragraphs are kept."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from reader.corpus import Removed, clean, load_corpus, sanitise, split_front_matter


def _sample_bodies(samples):
    bodies = {}
    for path in sorted(samples.glob("*.txt")):
        _, body, _ = split_front_matter(path.read_text(encoding="utf-8"))
        bodies[path.stem] = body
    return bodies


def _lines(text: str) -> set[str]:
    return {line for line in text.split("\n") if line}


def test_each_sample_loses_its_debris_and_keeps_its_prose(samples):
    bodies = _sample_bodies(samples)
    debris = {
        "trtworld-coalition-statement": ["Photo by: AA", "TRTWorld and agencies"],
        "sputnik-joint-statement": [
            "17:38 GMT03 December 2020",
            "Listen Live",
            "Middle East",
            "Get short URL",
            "Russia Versus ISIL in Syria (618)",
            "West Demonizes Russian Airstrikes in Syria to Justify Its Own Failure",
            "Daesh, airstrike, military operation, Turkey, Syria, Russia",
            "Community standardsDiscussion",
        ],
        "presstv-lavrov-turkey": [
            "News / Russia",
            "SHARE THIS ARTICLE",
            "www.presstv.co.uk",
            "Press TV News Roku",
        ],
        "russia-urged-to-halt": ["Share", "Advertisement", "US President Barack Obama"],
        "mee-leaders-call-on-russia": [
            "Skip to main content",
            "Stay informed with MEE's newsletters",
        ],
    }
    prose = {
        "trtworld-coalition-statement": "However, Russian Foreign Minister Sergey Lavrov denied",
        "sputnik-joint-statement": "MOSCOW (Sputnik) – “We express our deep concern",
        "presstv-lavrov-turkey": "Lavrov accused Ankara of “provocative” measures",
        "russia-urged-to-halt": "“Mr Putin is not interested in being our partner”.",
        "mee-leaders-call-on-russia": "“The stakes are very high.”",
    }
    for name, body in bodies.items():
        text = clean(body).text
        for line in debris[name]:
            assert line not in _lines(text), (name, line)
        assert prose[name] in text, name
        assert "Advertisement" not in _lines(text)


def test_short_prose_and_standfirsts_are_never_removed():
    body = (
        "Coalition partners appeal to Russia to stop its air strikes\n\n"
        "The statement was short.\n\n"
        "“The stakes are very high.”\n\n"
        "He said: no.\n"
    )
    assert clean(body).text == body.strip()


def test_no_break_spaces_become_plain_spaces_and_paragraphs_survive():
    body = "forces\u00a0and   target only\u202fISIS.\n\n\n\nSecond\u2009paragraph.\n"
    assert clean(body).text == "forces and target only ISIS.\n\nSecond paragraph."


def test_control_characters_and_escape_sequences_are_removed():
    body = "Evil \x1b[31mred\x1b[0m text\x07 and \u202eoverride.\r\nNext line."
    text = clean(body).text
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert "red" in text and "Next line." in text


def test_repeated_headline_is_dropped_when_the_title_is_known():
    body = "Share\n\nRussia urged to halt air campaign\n\nThe first paragraph."
    assert clean(body, "Russia urged to halt air campaign").text == "The first paragraph."


def test_hard_wrapped_paragraphs_are_reflowed_but_lists_keep_their_lines():
    body = (
        "This is a long line of prose that was wrapped by the\n"
        "scraper at a fixed width, as plain text often is.\n\n"
        "- first item\n- second item\n"
    )
    text = clean(body).text
    assert "wrapped by the scraper at a fixed width" in text
    assert "- first item\n- second item" in text


def test_user_rules_extend_the_shipped_ones(isolated_folders):
    config = isolated_folders / "config"
    config.mkdir()
    (config / "boilerplate.yaml").write_text(
        "line_rules:\n  promotion:\n    - '^buy our magazine'\n", encoding="utf-8"
    )
    text = clean("Buy our magazine today\n\nReal prose stays here.\n\nAdvertisement").text
    assert text == "Real prose stays here."


def test_cleaned_sample_articles_have_no_debris_words_on_lines_of_their_own(samples):
    for article in load_corpus(samples).articles:
        for line in _lines(article.text):
            assert line.strip().lower() not in {"share", "advertisement", "listen live"}


@given(st.text())
def test_cleaning_never_fails_and_leaves_no_control_characters(raw):
    text = clean(raw).text
    assert text == text.strip()
    assert "\n\n\n" not in text
    for ch in text:
        assert ch == "\n" or unicodedata.category(ch) not in ("Cc",), repr(ch)


@given(st.text())
def test_sanitise_gives_one_clean_line(raw):
    line = sanitise(raw)
    assert "\n" not in line and "\x1b" not in line and line == line.strip()


def test_an_invalid_user_rule_is_reported_with_the_file_and_the_rule(isolated_folders):
    import pytest

    from reader.config import ConfigError

    config = isolated_folders / "config"
    config.mkdir()
    (config / "boilerplate.yaml").write_text(
        "line_rules:\n  mine:\n    - '(unclosed'\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError, match="boilerplate.yaml: rule 'mine' has an invalid pattern"):
        clean("Some text.")


# Span rules: the debris goes, the prose around it stays.

SPAN_CASES = [
    (
        "The vote was close. Advertisement Advertisement The count went on into the night.",
        "The vote was close. The count went on into the night.",
        "advertising",
    ),
    (
        'Officials met on Monday." CLICK HERE TO READ MORE FROM THE DAILY HERALD "We agreed," '
        "the mayor said.",
        'Officials met on Monday." "We agreed," the mayor said.',
        "promotion",
    ),
    (
        "Farmers asked for help. GET MARKET NEWS ON THE GO BY CLICKING HERE The ministry said "
        "it would answer.",
        "Farmers asked for help. The ministry said it would answer.",
        "promotion",
    ),
    (
        "The senator spoke at length. (RELATED: Senator Defends Harbour Plan) Critics were "
        "unmoved.",
        "The senator spoke at length. Critics were unmoved.",
        "related_links",
    ),
    (
        "Crowds gathered outside the court in Tarvo. Mandel Andel via Getty Images The judge "
        "adjourned the case.",
        "Crowds gathered outside the court in Tarvo. The judge adjourned the case.",
        "photo_credits",
    ),
    (
        "Rescuers worked through the night. Lina K. Osei/AFP/Getty Images The storm moved north.",
        "Rescuers worked through the night. The storm moved north.",
        "photo_credits",
    ),
]


def test_span_rules_remove_the_debris_and_keep_the_prose_around_it():
    for body, expected, rule in SPAN_CASES:
        cleaned = clean(body)
        assert cleaned.text == expected, body
        assert [r.rule for r in cleaned.removed] == [rule], body
        assert all(r.text and r.text in body for r in cleaned.removed)


def test_a_line_of_debris_spans_only_is_removed_whole():
    cleaned = clean("The port reopened.\n\nAdvertisement Advertisement\n\nShips sailed at dawn.")
    assert cleaned.text == "The port reopened.\n\nShips sailed at dawn."
    assert cleaned.removed == (Removed("advertising", "Advertisement Advertisement"),)


def test_single_paragraph_articles_that_mention_debris_words_keep_every_word():
    # Each of these sank a whole one-paragraph article when line rules were not anchored.
    bodies = [
        "The mayor spoke for an hour. (RELATED: Mayor Wins Vote) The council then voted to "
        "build the bridge, and the works begin in May.",
        "The band sued over copyright, saying the song was theirs. Copyright cases like this "
        "one can take years, lawyers said.",
        "The newsletter of the fishing league reported record catches this spring.",
        "Viewers can stream the debate via the network's apps on iOS, Android, Apple TV, Roku "
        "and smart televisions.",
        "Read more about the harbour plan in the council's report, the mayor said on Tuesday.",
        "Watch the votes come in on Tuesday, the party told its members in a letter.",
        "Reporting by the Tarvo Herald found that the contracts had been signed in secret.",
    ]
    for body in bodies:
        cleaned = clean(body)
        assert cleaned.text.replace("(RELATED: Mayor Wins Vote) ", "") == body.replace(
            "(RELATED: Mayor Wins Vote) ", ""
        ), body


def test_every_removal_is_recorded_with_its_rule_in_reading_order():
    body = (
        "Skip to main content\n\nThe talks resumed. Advertisement Advertisement Both sides "
        "came.\n\nShare\n\nPhoto by: AA\n\nThe talks ended late.\n"
    )
    cleaned = clean(body)
    assert cleaned.text == "The talks resumed. Both sides came.\n\nThe talks ended late."
    assert cleaned.removed == (
        Removed("navigation", "Skip to main content"),
        Removed("advertising", "Advertisement Advertisement"),
        Removed("share", "Share"),
        Removed("photo_credits", "Photo by: AA"),
    )


def test_shipped_line_rules_are_anchored_at_both_ends():
    from reader.config import load_table

    for name, patterns in load_table("boilerplate")["line_rules"].items():
        for pattern in patterns:
            assert pattern.startswith("^") and pattern.endswith("$"), (name, pattern)


def test_user_span_rules_extend_the_shipped_ones(isolated_folders):
    config = isolated_folders / "config"
    config.mkdir()
    (config / "boilerplate.yaml").write_text(
        "span_rules:\n  mine:\n    - '\\bBUY THE PRINT EDITION\\b'\n", encoding="utf-8"
    )
    cleaned = clean("The dam held. BUY THE PRINT EDITION The river fell.")
    assert cleaned.text == "The dam held. The river fell."
    assert cleaned.removed == (Removed("mine", "BUY THE PRINT EDITION"),)


# The property: a sentence made only of ordinary prose words is never removed. The words include
# the ones debris rules look for ("share", "photo", "copyright", "newsletter", "related", "watch",
# "advertisement", "getty", "roku", ...), each on its own, so only an anchored, specific rule
# passes. Pairs that are debris in any order ("click here", "sign up") are not both in the list.
_PROSE = (
    "the a an of to in on at for with by from and but or as that this these those it its they "
    "their he she his her we our you your said says told asked would could will may might has "
    "have had was were is are be been not no more most less home live more read watch share "
    "shares photo photos image images video picture copyright newsletter newsletters app store "
    "roku google play related recommended popular trending follow join subscribe register "
    "advertisement advertising sponsored getty reuters afp agencies source sources reporting "
    "editing print email comments search menu sections top stories latest news update updated "
    "published minister council city river harbour bridge vote votes court judge police army "
    "talks leaders government president people week year month day monday tuesday morning "
    "night report reports plan plans law laws money market price prices school schools water "
    "power storm fire border town village election party members first last new old long big "
    "small early late again only also still then here there where when while after before "
    "because about over under into out up down through between against during without"
)
PROSE_WORDS = tuple(_PROSE.split())

_sentence = st.lists(st.sampled_from(PROSE_WORDS), min_size=4, max_size=30).map(
    lambda words: " ".join(words).capitalize() + "."
)
_paragraph = st.lists(_sentence, min_size=1, max_size=4).map(" ".join)


@given(st.lists(_paragraph, min_size=1, max_size=5))
def test_a_paragraph_of_ordinary_prose_words_is_never_removed(paragraphs):
    body = "\n\n".join(paragraphs)
    cleaned = clean(body)
    assert cleaned.text == body
    assert cleaned.removed == ()
