"""Cleaning: scraping debris goes, prose stays, spacing is normalised, paragraphs are kept."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from reader.corpus import clean, load_corpus, sanitise, split_front_matter


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
